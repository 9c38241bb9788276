/**
 * What a command-line program writes and reads: the process's own streams and environment, or a
 * test's (the tests call `main(argv, io)` of src/cli.ts and src/feeds.ts in-process).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ProgramIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** The process's streams and environment; nothing more is written on stdout once `stdoutClosed()` (`| head`). */
export function processIo(stdoutClosed: () => boolean = () => false): ProgramIo {
  return {
    stdout: (text) => void (stdoutClosed() || process.stdout.write(text)),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
  };
}

/** Is the module at `moduleUrl` the program node was started with (not a module a test imported)? */
export function isEntryPoint(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(moduleUrl);
}
