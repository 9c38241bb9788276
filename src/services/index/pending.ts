/**
 * What a batch of written articles adds to the tables keyed by actor — their mention rows, and the
 * counts (actor_stats, actor_days, day_totals, co_mentions, the generation) summed in memory — written
 * once at the batch's end, in key order: an actor named in many of the batch's articles costs one
 * upsert per table rather than one per article, and the mentions' B-tree is walked in its order
 * rather than at random (a third less CPU for the mention inserts, more as the index grows). Nothing
 * reads these tables inside the batch's transaction, so the result is the same.
 */

/** A `mentions` row: actor, article_rank, score, sentence, article, spans, venue, cited, passage. */
export type MentionRow = [number, number, number, number, number, Buffer, number, number, number];

/** Where the rows and sums go (the indexer's statements). */
export interface PendingSink {
  mention(row: MentionRow): void;
  stats(actor: number, mentions: number, articles: number): void;
  day(actor: number, day: string, mentions: number): void;
  dayTotal(day: string, mentions: number, articles: number): void;
  pair(actor: number, other: number, count: number): void;
  generation(writes: number): void;
}

interface Written {
  mentions: MentionRow[];
  keys: readonly number[];
  actorMentions: Int32Array;
  pairs: Int32Array;
  day: string;
}

/** Actor keys are below 2^26, so a pair packs exactly into one number, in (actor, other) order. */
const PAIR = 2 ** 26;

/** The mentions' primary key order: actor, article_rank, score descending, sentence. */
function byKey(x: MentionRow, y: MentionRow): number {
  return x[0] - y[0] || x[1] - y[1] || y[2] - x[2] || x[3] - y[3];
}

export class PendingWrites {
  private written: Written[] = [];

  /** An article's mention rows and counts (see rows.ts): `keys` are the actor keys of its `actors`. */
  add(mentions: MentionRow[], keys: readonly number[], actorMentions: Int32Array, pairs: Int32Array, day: string): void {
    this.written.push({ mentions, keys, actorMentions, pairs, day });
  }

  /** A point to roll back to (an article whose write failed). */
  mark(): number {
    return this.written.length;
  }

  rollback(mark: number): void {
    this.written.length = mark;
  }

  /** Hands the rows and sums to `sink`, in key order, and forgets them. */
  flush(sink: PendingSink): void {
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
        total[0] += mentions.length;
        total[1] += 1;
      } else totals.set(day, [mentions.length, 1]);
      for (let i = 0; i < flat.length; i += 3) {
        const pair = keys[flat[i]!]! * PAIR + keys[flat[i + 1]!]!;
        pairs.set(pair, (pairs.get(pair) ?? 0) + flat[i + 2]!);
      }
    }
    const writes = this.written.length;
    const mentions = this.written.flatMap((w) => w.mentions).sort(byKey);
    this.written = [];
    for (const row of mentions) sink.mention(row);
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
