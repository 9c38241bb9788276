/**
 * Spreads work at a steady rate: each call resolves at the next free instant, `1000 / perSecond`
 * ms after the previous one (the first at once). Used so that digests sharing a minute leave at a
 * pace Discord's global rate limit accepts, instead of a burst answered with 429s.
 */
export type Pacer = () => Promise<void>;

export function createPacer(perSecond: number, sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))): Pacer {
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) return async () => undefined;
  const interval = 1000 / perSecond;
  let next = 0;
  return async () => {
    const now = performance.now();
    const at = Math.max(now, next);
    next = at + interval;
    if (at > now) await sleep(at - now);
  };
}
