/** Default-off research features on the decoder's hooks (issue #13; docs/research.md). */
export * from './capture/index.js';
export * from './redecode/index.js';
