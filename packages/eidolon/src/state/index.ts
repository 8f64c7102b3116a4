export * from './params.js';
export { resolveParams } from './validate-params.js';
export { AgentStore } from './agents.js';
