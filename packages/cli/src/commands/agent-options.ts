/** `cephalon agent` options: `cephalon listen`'s input, model and streaming options plus the agent's own. */
import { intOpt, numberOpt, stringOpt, usageError } from '../args.js';
import type { OptionTable, ParsedOptions } from '../args.js';
import { LISTEN_OPTIONS, listenPlan } from './listen-options.js';
import type { ListenPlan } from './listen-options.js';

const CMD = 'agent';

const { format: _format, 'no-vad': _noVad, help: _help, ...STREAM_OPTIONS } = LISTEN_OPTIONS;

export const AGENT_OPTIONS: OptionTable = {
  ...STREAM_OPTIONS,
  speaker: { type: 'string', value: 'NAME', defaultText: 'someone', help: 'speaker of every utterance (one source; no diarisation)' },
  script: { type: 'string', value: 'FILE', help: 'sidecar JSONL of turns {"speaker","startSec","endSec"}: each utterance gets the speaker of the turn it overlaps most' },
  name: { type: 'string', value: 'NAME', defaultText: 'duck', help: 'the name the agent answers to' },
  seed: { type: 'string', value: 'N', defaultText: '1', help: 'seed of a new agent (a persisted one keeps its own)' },
  state: { type: 'string', value: 'DIR', help: 'persist the agent in DIR (restarts resume it and know how long it was away)' },
  log: { type: 'string', value: 'FILE', help: 'append every event (ticks, inputs, decisions, hashes) to FILE as JSONL; see docs/agent.md' },
  'loop-params': { type: 'string', value: 'FILE', help: 'JSON overrides of the loop parameters, e.g. {"policy": {"threshold": 0.1}}' },
  lookahead: { type: 'string', value: 'MS', defaultText: '500', help: 'a tick decides once this much later audio was heard (VAD detection delay)' },
  llm: { type: 'string', value: 'URL', help: 'OpenAI-compatible server (root or .../v1/chat/completions) that words the thoughts; key from $CEPHALON_LLM_API_KEY' },
  'llm-model': { type: 'string', value: 'NAME', defaultText: 'default', help: 'model name sent to --llm' },
  'llm-timeout-ms': { type: 'string', value: 'MS', defaultText: '10000', help: 'give up on an --llm answer after MS (the loop text is said instead)' },
  speak: { type: 'boolean', help: 'say the replies with espeak-ng' },
  voice: { type: 'string', value: 'NAME', help: 'espeak-ng voice for --speak (e.g. en+f3)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

export interface AgentPlan {
  readonly listen: ListenPlan;
  readonly speaker: string;
  readonly script: string | undefined;
  readonly name: string | undefined;
  readonly seed: number;
  readonly stateDir: string | undefined;
  readonly log: string | undefined;
  readonly loopParams: string | undefined;
  readonly lookaheadSec: number;
  readonly llm: { readonly url: string; readonly model: string; readonly timeoutMs: number } | undefined;
  readonly speak: boolean;
  readonly voice: string | undefined;
}

export function agentPlan(o: ParsedOptions): AgentPlan {
  const listen = listenPlan(o, CMD);
  const lookahead = numberOpt(CMD, o, 'lookahead') ?? 500;
  if (!(lookahead >= 0 && lookahead <= 5000)) usageError(CMD, `option --lookahead: ${lookahead} is not in [0, 5000] ms`);
  const url = stringOpt(o, 'llm');
  for (const k of ['llm-model', 'llm-timeout-ms']) if (o[k] !== undefined && url === undefined) usageError(CMD, `option --${k} applies only with --llm URL`);
  if (o['voice'] !== undefined && o['speak'] !== true) usageError(CMD, 'option --voice applies only with --speak');
  const timeoutMs = numberOpt(CMD, o, 'llm-timeout-ms') ?? 10_000;
  if (!(timeoutMs > 0)) usageError(CMD, `option --llm-timeout-ms: ${timeoutMs} is not a positive number of milliseconds`);
  const speaker = stringOpt(o, 'speaker') ?? 'someone';
  if (speaker.trim() === '') usageError(CMD, 'option --speaker: empty name');
  return {
    listen,
    speaker,
    script: stringOpt(o, 'script'),
    name: stringOpt(o, 'name'),
    seed: intOpt(CMD, o, 'seed', 0) ?? 1,
    stateDir: stringOpt(o, 'state'),
    log: stringOpt(o, 'log'),
    loopParams: stringOpt(o, 'loop-params'),
    lookaheadSec: lookahead / 1000,
    llm: url === undefined ? undefined : { url, model: stringOpt(o, 'llm-model') ?? 'default', timeoutMs },
    speak: o['speak'] === true,
    voice: stringOpt(o, 'voice'),
  };
}
