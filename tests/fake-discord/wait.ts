/**
 * Waiting helpers for end-to-end tests: wait for a condition or an event with a timeout, never a
 * fixed sleep.
 */
import type { EventEmitter } from 'node:events';

/** Options of the wait helpers. */
export interface WaitOptions {
  /** Give up after this many milliseconds. Default 5000. */
  timeoutMs?: number;
  /** What was awaited, for the timeout error message. */
  description?: string;
}

/**
 * Resolves with the first truthy value of `check`, re-evaluated whenever `emitter` emits `event`
 * (when given) and every `pollMs` otherwise. Rejects after the timeout.
 */
export function waitFor<T>(
  check: () => T | undefined | null | false,
  options: WaitOptions & { emitter?: EventEmitter; event?: string; pollMs?: number } = {},
): Promise<T> {
  const { timeoutMs = 5000, description = 'condition', emitter, event = 'change', pollMs = 20 } = options;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      emitter?.off(event, test);
      fn();
    };
    const test = (): void => {
      let value: T | undefined | null | false;
      try {
        value = check();
      } catch (error) {
        finish(() => reject(error));
        return;
      }
      if (value) finish(() => resolve(value as T));
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`))),
      timeoutMs,
    );
    // With an emitter the poll is only a safety net; without one it is the mechanism.
    const poll = setInterval(test, emitter ? Math.max(pollMs, 250) : pollMs);
    emitter?.on(event, test);
    test();
  });
}

/**
 * Resolves with the arguments of the next `event` on `emitter` whose arguments pass `filter`
 * (e.g. a discord.js Client's `interactionCreate`). Rejects after the timeout.
 */
export function waitForEvent<A extends unknown[] = unknown[]>(
  emitter: EventEmitter,
  event: string,
  options: WaitOptions & { filter?: (...args: A) => boolean } = {},
): Promise<A> {
  const { timeoutMs = 5000, description = `event "${event}"`, filter } = options;
  return new Promise<A>((resolve, reject) => {
    const listener = (...args: unknown[]): void => {
      if (filter && !filter(...(args as A))) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args as A);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`));
    }, timeoutMs);
    emitter.on(event, listener);
  });
}
