/** Cost decoding (research section 3): a two-pool phoneme/pause ledger from the audio, as a beam-search cost term. */
export { createCostDecoding, DEFAULT_COST_OPTIONS, balances as ledgerBalances } from './cost-decoding.js';
export type { CostDecoding, CostDecodingOptions, CostStats } from './cost-decoding.js';
export { estimateAudioBudget } from './budget.js';
export type { AudioBudget, BudgetOptions } from './budget.js';
export { EspeakPhonemizer } from './phonemes.js';
export type { Phonemizer, EspeakOptions } from './phonemes.js';
export { openLedger, ledgerCost } from './ledger.js';
export type { Ledger, Pool, PoolState, LedgerCostOptions } from './ledger.js';
export { runCostArms, textPhonemes } from './experiment.js';
export type { CostArm, CostArmResult, CostExperimentOptions } from './experiment.js';
