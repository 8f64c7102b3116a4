/** `--speak`: says the agent's words with espeak-ng (one utterance at a time; a new one waits for the previous). */
import { spawn, spawnSync } from 'node:child_process';
import { MissingToolError } from '@cephalon/stt';

export interface Voice {
  say(text: string): Promise<void>;
  /** Waits for what is being said. */
  drain(): Promise<void>;
}

/** Checks that espeak-ng runs; a typed error naming the Debian package otherwise. */
export function checkEspeak(command = 'espeak-ng'): void {
  const r = spawnSync(command, ['--version'], { stdio: 'ignore' });
  if (r.error !== undefined || r.status !== 0) {
    throw new MissingToolError('TOOL_MISSING', `cannot speak: ${command} was not found`, { hint: "install the Debian package 'espeak-ng', or leave out --speak", details: { tool: command } });
  }
}

export function espeakVoice(voice: string | undefined, command = 'espeak-ng'): Voice {
  checkEspeak(command);
  let queue = Promise.resolve();
  const run = (text: string): Promise<void> =>
    new Promise((resolve) => {
      const child = spawn(command, [...(voice === undefined ? [] : ['-v', voice]), '--', text], { stdio: 'ignore' });
      child.on('error', () => resolve());
      child.on('close', () => resolve());
    });
  return {
    say(text) {
      queue = queue.then(() => run(text));
      return queue;
    },
    drain: () => queue,
  };
}
