/**
 * The command-line programs called in-process: the same `main(argv, io)` the entry points run,
 * with the test's environment and its output captured. A spawned `tsx` costs a second or more
 * to start under load; the few tests that check the real entry point spawn it with `spawnCli`.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliMain {
  (argv: string[], io: { stdout(text: string): void; stderr(text: string): void; env: NodeJS.ProcessEnv }): Promise<number>;
}

/** Calls `main` with `args` and `env` (nothing else of the test's environment), as a shell would. */
export async function callCli(main: CliMain, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), env });
  return { code, stdout, stderr };
}

export const REPO_ROOT = join(import.meta.dirname, '../..');

/** Runs `script` (src/cli.ts, src/feeds.ts) as a real process under tsx. */
export function spawnCli(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, env, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
