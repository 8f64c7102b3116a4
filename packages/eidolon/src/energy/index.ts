export { EnergyLedger, WORK_CHANNELS } from './ledger.js';
export type { LedgerReport, PotentialParts, WorkChannel } from './ledger.js';
