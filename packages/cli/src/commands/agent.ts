/**
 * `cephalon agent`: hears (live transcription of the microphone, stdin PCM or a file), feels (each utterance scored
 * into the Eidolon field) and decides when to speak (the Cephalon loop). Replies are JSONL on stdout, every event
 * in `--log FILE`, optionally worded by an LLM (`--llm URL`) and spoken (`--speak`). Ctrl-C stops cleanly: the
 * stream commits what it heard, the last utterances still enter the field, and the state is committed.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { helpText, parseCommandArgs } from '../args.js';
import { EXIT } from '../command.js';
import type { Command, CommandIo } from '../command.js';
import { reportError } from '../errors.js';
import { listenForInterrupt } from '../interrupt.js';
import { createLlmNarrator, espeakVoice, readLoopParams, readScript, runAgent } from '../agent/index.js';
import type { AgentRecord } from '../agent/index.js';
import { AGENT_OPTIONS, agentPlan } from './agent-options.js';
import type { AgentPlan } from './agent-options.js';
import { checkSource, loadTranscriber, openSource } from './listen.js';

const HELP = helpText(
  'cephalon agent [--input mic|-|FILE] [options]',
  'The agent, end to end: live transcription (as cephalon listen) -> one Eidolon input event per utterance (the text\n' +
    'committed between a VAD speech start and end) -> the Cephalon loop decides when to speak, never while someone\n' +
    'is speaking. Prints utterances, decisions and replies as JSONL on stdout. See docs/agent.md.',
  AGENT_OPTIONS,
);

/** What goes to stdout: what was heard and decided; the log file gets every record. */
function forStdout(r: AgentRecord): boolean {
  if (r.type === 'stay-silent') return r.reason === 'speech-in-progress';
  return r.type !== 'tick' && r.type !== 'open' && r.type !== 'state-change' && r.type !== 'speech-start' && r.type !== 'speech-end';
}

/** Appends records to `path` (one line each, written at once so a kill leaves whole lines). */
function logWriter(path: string | undefined, io: CommandIo): { write(r: AgentRecord): void; close(): void } {
  if (path === undefined) return { write: () => undefined, close: () => undefined };
  const fd = openSync(resolve(io.cwd, path), 'a');
  return { write: (r) => void writeSync(fd, `${JSON.stringify(r)}\n`), close: () => closeSync(fd) };
}

async function agentCommand(plan: AgentPlan, io: CommandIo): Promise<number> {
  await checkSource(plan.listen, io);
  const script = plan.script === undefined ? undefined : readScript(resolve(io.cwd, plan.script));
  const loopParams = { ...(plan.loopParams === undefined ? {} : readLoopParams(resolve(io.cwd, plan.loopParams))), ...(plan.name === undefined ? {} : { agentName: plan.name }) };
  const narrator = plan.llm === undefined ? undefined : createLlmNarrator({ ...plan.llm, ...(io.env['CEPHALON_LLM_API_KEY'] === undefined ? {} : { apiKey: io.env['CEPHALON_LLM_API_KEY'] }) });
  const voice = plan.speak ? espeakVoice(plan.voice) : undefined;
  const transcriber = await loadTranscriber(plan.listen, io);
  const stop = listenForInterrupt(io, 'stopping: the last utterances still enter the field; press Ctrl-C again to quit at once');
  const log = logWriter(plan.log, io);
  let source: Awaited<ReturnType<typeof openSource>> | undefined;
  try {
    source = await openSource(plan.listen, io);
    io.stderr.write(`cephalon: agent listening to ${source.label} (Ctrl-C to stop)\n`);
    const input = plan.listen.input;
    const summary = await runAgent({
      transcriber,
      source: { chunks: source.chunks, ...(source.pcm === undefined ? {} : { pcm: source.pcm }), live: !(input.kind === 'file' && input.speed === 0) },
      stream: plan.listen.stream,
      seed: plan.seed,
      speaker: plan.speaker,
      ...(script === undefined ? {} : { script }),
      ...(plan.stateDir === undefined ? {} : { stateDir: resolve(io.cwd, plan.stateDir) }),
      loopParams,
      ...(narrator === undefined ? {} : { narrator }),
      ...(voice === undefined ? {} : { voice }),
      lookaheadSec: plan.lookaheadSec,
      signal: stop.signal,
      onRecord: (r) => {
        log.write(r);
        if (forStdout(r)) io.stdout.write(`${JSON.stringify(r)}\n`);
      },
    });
    io.stderr.write(`cephalon: agent ${summary.aborted ? 'stopped' : 'done'}: ${summary.audioSec.toFixed(1)} s heard, ${summary.utterances} utterances, ${summary.speaks} replies, ${summary.ticks} ticks, state ${summary.hash}\n`);
  } finally {
    stop.dispose();
    source?.close();
    log.close();
    await transcriber.dispose();
  }
  return EXIT.ok;
}

const agent: Command = {
  summary: 'the agent: hears (live transcription), feels (Eidolon) and decides when to speak',
  async run(args, io) {
    try {
      const { options } = parseCommandArgs('agent', args, AGENT_OPTIONS, false);
      if (options['help'] === true) {
        io.stdout.write(HELP);
        return EXIT.ok;
      }
      return await agentCommand(agentPlan(options), io);
    } catch (error) {
      return reportError(error, io.stderr, io.env);
    }
  },
};

export default agent;
