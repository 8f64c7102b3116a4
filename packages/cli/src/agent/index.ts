/** The agent: stt's live transcription joined to eidolon's Cephalon loop (see docs/agent.md). */
export { runAgent, DEFAULT_LOOKAHEAD_SEC, STATE_FILE } from './agent.js';
export type { AgentOptions, AgentSource, AgentSummary } from './agent.js';
export type { AgentRecord, AgentRecordType, LoopRecord } from './records.js';
export { UtteranceTracker, utteranceConfidence } from './utterances.js';
export type { HeardUtterance, SpeechRegion, UtteranceUpdate } from './utterances.js';
export { parseScript, readScript, speakerFor } from './script.js';
export type { ScriptTurn } from './script.js';
export { createLlmNarrator, completionsUrl, loopText, narrationPrompt, NarratorError, DEFAULT_NARRATOR_TIMEOUT_MS } from './narrator.js';
export type { Narrator, NarrationContext, NarratorFailure, LlmNarratorOptions } from './narrator.js';
export { pacedSource, chunkSeconds } from './paced-source.js';
export { espeakVoice, checkEspeak } from './voice.js';
export type { Voice } from './voice.js';
export { mergeLoopParams, readLoopParams } from './loop-params.js';
export { parseAgentLog, replayAgentLog } from './replay.js';
export type { ReplayResult } from './replay.js';
