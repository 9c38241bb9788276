/**
 * What a test file opens once (fake Discord, corpus folder, database, outlet, bot), closed after
 * its tests in the reverse order it was opened: one line where it is opened instead of an
 * `afterAll` that must name everything again, in the right order, with `?.` for a failed start.
 */
import { afterAll } from 'vitest';

export interface Keep {
  /** Returns `resource`, closed by `close` after the file's tests. */
  <T>(resource: T, close: (resource: T) => unknown): T;
  /** Runs `close` then, for what a test may replace (a restarted bot): it reads the variable at the end. */
  atEnd(close: () => unknown): void;
}

/** Registers a file-wide `afterAll` and gives the `keep` that fills it. */
export function closedAfterAll(): Keep {
  const closers: Array<() => unknown> = [];
  afterAll(async () => {
    let first: unknown;
    // Every close runs, even after one fails; the first failure is reported.
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (error) {
        first ??= error;
      }
    }
    if (first !== undefined) throw first;
  });
  const keep = <T>(resource: T, close: (resource: T) => unknown): T => {
    closers.push(() => close(resource));
    return resource;
  };
  return Object.assign(keep, { atEnd: (close: () => unknown) => void closers.push(close) });
}
