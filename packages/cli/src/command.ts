/** The contract every `cephalon <command>` module follows. */
export interface CommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Replaces Ctrl-C (SIGINT/SIGTERM) handling when given: aborting it interrupts the command (tests). */
  readonly interrupt?: AbortSignal;
}

export interface Command {
  /** One line for `cephalon --help`. */
  readonly summary: string;
  /** Runs the command with the arguments after its name; resolves to the process exit code. */
  run(args: readonly string[], io: CommandIo): Promise<number>;
}

/** Exit codes shared by all commands. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  inputError: 3,
  modelError: 4,
  networkError: 5,
  interrupted: 130,
} as const;
