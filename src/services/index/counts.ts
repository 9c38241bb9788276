/**
 * The counts a batch of written articles adds (actor_stats, actor_days, day_totals, co_mentions,
 * the generation), summed in memory and added once at the batch's end: an actor named in many of
 * the batch's articles costs one upsert per table rather than one per article, and the upserts go
 * in key order. Nothing reads the tables inside the batch's transaction, so the result is the same.
 */

/** Where the sums go (the indexer's upsert statements). */
export interface CountSink {
  stats(actor: number, mentions: number, articles: number): void;
  day(actor: number, day: string, mentions: number): void;
  dayTotal(day: string, mentions: number, articles: number): void;
  pair(actor: number, other: number, count: number): void;
  generation(writes: number): void;
}

interface Written {
  keys: readonly number[];
  actorMentions: Int32Array;
  pairs: Int32Array;
  mentions: number;
  day: string;
}

/** Actor keys are below 2^26, so a pair packs exactly into one number, in (actor, other) order. */
const PAIR = 2 ** 26;

export class PendingCounts {
  private written: Written[] = [];

  /** An article's counts (see rows.ts): `keys` are the actor keys of its `actors`. */
  add(keys: readonly number[], actorMentions: Int32Array, pairs: Int32Array, mentions: number, day: string): void {
    this.written.push({ keys, actorMentions, pairs, mentions, day });
  }

  /** A point to roll back to (an article whose write failed). */
  mark(): number {
    return this.written.length;
  }

  rollback(mark: number): void {
    this.written.length = mark;
  }

  /** Hands the sums to `sink`, key order, and forgets them. */
  flush(sink: CountSink): void {
    if (this.written.length === 0) return;
    const stats = new Map<number, [number, number]>();
    const days = new Map<string, Map<number, number>>();
    const totals = new Map<string, [number, number]>();
    const pairs = new Map<number, number>();
    for (const { keys, actorMentions, pairs: flat, mentions, day } of this.written) {
      let perDay = days.get(day);
      if (!perDay) days.set(day, (perDay = new Map()));
      keys.forEach((key, i) => {
        const n = actorMentions[i]!;
        const stat = stats.get(key);
        if (stat) {
          stat[0] += n;
          stat[1] += 1;
        } else stats.set(key, [n, 1]);
        perDay.set(key, (perDay.get(key) ?? 0) + n);
      });
      const total = totals.get(day);
      if (total) {
        total[0] += mentions;
        total[1] += 1;
      } else totals.set(day, [mentions, 1]);
      for (let i = 0; i < flat.length; i += 3) {
        const pair = keys[flat[i]!]! * PAIR + keys[flat[i + 1]!]!;
        pairs.set(pair, (pairs.get(pair) ?? 0) + flat[i + 2]!);
      }
    }
    const writes = this.written.length;
    this.written = [];
    const byNumber = (a: [number, unknown], b: [number, unknown]) => a[0] - b[0];
    for (const [actor, [mentions, articles]] of [...stats].sort(byNumber)) sink.stats(actor, mentions, articles);
    const rows: Array<[number, string, number]> = [];
    for (const [day, perDay] of days) for (const [actor, n] of perDay) rows.push([actor, day, n]);
    rows.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    for (const [actor, day, n] of rows) sink.day(actor, day, n);
    for (const [day, [mentions, articles]] of totals) sink.dayTotal(day, mentions, articles);
    for (const [pair, count] of [...pairs].sort(byNumber)) sink.pair(Math.floor(pair / PAIR), pair % PAIR, count);
    sink.generation(writes);
  }
}
