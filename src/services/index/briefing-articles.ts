/**
 * What the briefing composer reads of an article (its first sentences cut into words and terms,
 * its actors, its origin), kept for the most recently used articles until the index changes.
 */
import { foldedWords } from '../text/normalize.js';
import { termsOf, termsOfWords } from '../text/stem.js';
import type { BriefingArticle } from '../briefing/compose.js';
import { candidatesFromStored, SentenceFlag } from '../briefing/excerpts.js';
import { SENTENCES_OF_A, type IndexDatabase } from './database.js';
import { published, type ArticleOrigin } from './article-origin.js';
import type { ActorDirectory } from './actor-directory.js';
import { placeholders } from './scope.js';

/** Sentences of an article read for a briefing (its beginning: news puts the news first). */
const BRIEFING_SENTENCES_READ = 60;
/** Articles whose briefing material is kept between briefings (a few tens of KB each). */
const BRIEFING_CACHE_ARTICLES = 1000;

export class BriefingArticles {
  /**
   * What briefings read of recently used articles (their sentences cut into words and terms), most
   * recently used last; emptied whenever the index changed (here or in another process).
   */
  readonly cache = new Map<string, BriefingArticle & ArticleOrigin>();
  private stamp = '';

  constructor(
    private readonly db: IndexDatabase,
    private readonly actors: ActorDirectory,
  ) {}

  /** What the briefing composer needs of some articles, in the order given. */
  of(ids: readonly string[]): Array<BriefingArticle & ArticleOrigin> {
    if (ids.length === 0) return [];
    // The cache holds while nothing was written: by this connection (total_changes) or another (data_version).
    const stamp = `${this.db.pragma('data_version', { simple: true })}:${this.db.prepare('SELECT total_changes()').pluck().get()}`;
    if (stamp !== this.stamp) {
      this.cache.clear();
      this.stamp = stamp;
    }
    const missing = ids.filter((id) => !this.cache.has(id));
    if (missing.length > 0) {
      for (const article of this.read(missing)) this.cache.set(article.id, article);
    }
    const out = ids.flatMap((id) => {
      const article = this.cache.get(id);
      if (!article) return [];
      // Most recently used last.
      this.cache.delete(id);
      this.cache.set(id, article);
      return [article];
    });
    for (const id of this.cache.keys()) {
      if (this.cache.size <= BRIEFING_CACHE_ARTICLES) break;
      this.cache.delete(id);
    }
    return out;
  }

  /** {@link of} read from the index. */
  private read(ids: readonly string[]): Array<BriefingArticle & ArticleOrigin> {
    const list = placeholders(ids.length);
    const meta = new Map(
      (this.db.prepare(`SELECT id, title, date, url, site, fetched_at, first_seen_ms FROM articles WHERE id IN (${list})`).all(...ids) as Array<{
        id: string;
        title: string;
        date: string | null;
        url: string | null;
        site: string | null;
        fetched_at: string | null;
        first_seen_ms: number;
      }>).map((r) => [r.id, r]),
    );
    const sentences = new Map<string, Array<{ idx: number; text: string; centrality: number; flags: number; paragraph: number }>>();
    const rows = this.db
      .prepare(
        `SELECT a.id AS article_id, s.id - a.first_sentence AS idx, s.text, s.centrality, s.flags, s.paragraph
         FROM articles a JOIN sentences s ON s.id BETWEEN a.first_sentence AND a.first_sentence + min(a.sentence_count, ?) - 1
         WHERE a.id IN (${list}) ORDER BY a.id, s.id`,
      )
      .all(BRIEFING_SENTENCES_READ, ...ids) as Array<{ article_id: string; idx: number; text: string; centrality: number; flags: number; paragraph: number }>;
    for (const r of rows) {
      let own = sentences.get(r.article_id);
      if (!own) sentences.set(r.article_id, (own = []));
      own.push(r);
    }
    const actors = new Map<string, Map<string, number>>();
    const mentionRows = this.db
      .prepare(
        `SELECT a.id AS article_id, ac.id AS actor_id, count(*) AS n
         FROM articles a JOIN mentions m ON ${SENTENCES_OF_A} JOIN actors ac ON ac.n = m.actor
         WHERE a.id IN (${list}) AND m.venue = 0 GROUP BY a.n, m.actor`,
      )
      .all(...ids) as Array<{ article_id: string; actor_id: string; n: number }>;
    for (const r of mentionRows) {
      // Media are sources, and a venue (`réunis à Rome`) is only where it happened: neither is what the story is about.
      if (this.actors.actorOf(r.actor_id)?.kind === 'medium') continue;
      let own = actors.get(r.article_id);
      if (!own) actors.set(r.article_id, (own = new Map()));
      own.set(r.actor_id, r.n);
    }
    return ids.flatMap((id) => {
      const m = meta.get(id);
      if (!m) return [];
      const own = sentences.get(id) ?? [];
      // Each sentence cut once: its terms for story grouping, its folded words for copy detection.
      const sentenceTerms: string[][] = [];
      const words: string[] = [];
      for (const s of own) {
        const folded = foldedWords(s.text);
        sentenceTerms.push(termsOfWords(folded));
        for (const w of folded) words.push(w);
      }
      // The lead the index chose (past a caption, a dateline, a stamp): where the news starts.
      const leadAt = Math.max(0, own.findIndex((s) => (s.flags & SentenceFlag.Lead) !== 0));
      return [
        {
          id,
          title: m.title,
          ...(m.date ? { date: m.date } : {}),
          ...(m.url ? { url: m.url } : {}),
          ...published(m),
          indexedAt: new Date(m.first_seen_ms).toISOString(),
          titleTerms: termsOf(m.title),
          // Terms live only in the FTS5 index: these few sentences are cut again (cheaper than storing them twice).
          sentenceTerms,
          // Where the news starts, for the story vector (not a caption or a stamp before it).
          leadAt,
          actors: actors.get(id) ?? new Map(),
          // Who, as index terms: story grouping compares what happened without them.
          actorTerms: this.actors.termsOfActors(actors.get(id)),
          text: own.map((s) => s.text).join(' '),
          // From the lead on, for the event's date.
          lead: own.slice(leadAt).map((s) => s.text).join(' ').slice(0, 1000),
          words,
          // Stand-alone units only, the lead first (judged at index time: see briefing/excerpts.ts).
          candidates: candidatesFromStored(id, own.map((s) => ({ index: s.idx, text: s.text, centrality: s.centrality, flags: s.flags, paragraph: s.paragraph }))),
        },
      ];
    });
  }
}
