/** Child processes for the multi-process tests: started under tsx, their JSON lines collected. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Child {
  process: ChildProcessWithoutNullStreams;
  pid: number;
  /** Every JSON line printed so far. */
  lines: Array<Record<string, unknown>>;
  stderr: string;
  exited: Promise<void>;
}

export function startChild(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const result: Child = {
    process: child,
    pid: child.pid!,
    lines: [],
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', () => resolve())),
  };
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      try {
        result.lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not one of ours (a library's line).
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (result.stderr += chunk.toString()));
  return result;
}

/** Waits until `check` returns a value other than undefined/false, or fails after `ms`. */
export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Lines of `child` with this event. */
export const events = (child: Child, event: string) => child.lines.filter((l) => l.event === event);

/** Stops the children still running (SIGTERM, then SIGKILL after 5 s). */
export async function stopAll(children: Child[]): Promise<void> {
  await Promise.all(
    children.map(async (c) => {
      if (c.process.exitCode !== null || c.process.signalCode !== null) return;
      c.process.kill('SIGTERM');
      const timer = setTimeout(() => c.process.kill('SIGKILL'), 5_000);
      await c.exited;
      clearTimeout(timer);
    }),
  );
}
