/**
 * Briefings: the articles on a topic (an actor's mentions, else a search) or the most recent,
 * composed into stories with their excerpts, sources, key actors and cited media.
 */
import type { Actor } from '../types.js';
import type { BriefingAnswer, BriefingRequest, BriefingStory, Excerpt, NamedCount, Scope } from '../engine.js';
import { foldText } from '../text/normalize.js';
import { composeBriefing, type BriefingArticle, type CandidateExcerpt } from '../briefing/compose.js';
import { laterEvidence, standsAloneByEvidence } from '../briefing/evidence.js';
import { groupStories } from '../briefing/stories.js';
import { SENTENCES_OF_A, type IndexDatabase } from './database.js';
import { decodeSpans as parseSpans } from './spans.js';
import { withLinks } from './article-origin.js';
import { summary, type ActorDirectory } from './actor-directory.js';
import type { BriefingArticles } from './briefing-articles.js';
import type { SentenceSearch } from './sentence-search.js';
import { NO_FILTER, placeholders, scopeFilter, type ScopeFilter } from './scope.js';

/** How many candidate sentences a briefing ranks at most. */
const BRIEFING_CANDIDATES = 300;
/** How many recent articles a whole-corpus briefing draws from. */
const BRIEFING_RECENT_ARTICLES = 200;
/** Actors named per story. */
const STORY_ACTORS = 3;
const DEFAULT_BRIEFING_LIMIT = 8;

export class BriefingAssembler {
  constructor(
    private readonly db: IndexDatabase,
    private readonly actors: ActorDirectory,
    private readonly search: SentenceSearch,
    private readonly articles: BriefingArticles,
  ) {}

  briefing(request: BriefingRequest = {}, view?: Scope): BriefingAnswer {
    const limit = request.limit ?? DEFAULT_BRIEFING_LIMIT;
    const filter = scopeFilter(this.db, view);
    const scope = request.articleIds && this.visibleIds(request.articleIds, filter);
    const inScope = scope ? `AND a.id IN (${placeholders(scope.length)})` : '';
    const scopeArgs = scope ?? [];
    let actor: Actor | undefined;
    let stems: Set<string> | undefined;
    // On a topic: the sentences about it, with their relevance (0–1) and highlight spans.
    let topical: Array<{ article_id: string; idx: number; prior: number; spans?: Uint8Array }> | undefined;

    const topic = request.topic?.trim();
    if (topic) actor = this.actors.resolver.resolve(topic).actor;
    // An actor known only from articles hidden from the scope is not named there: its words are searched.
    if (actor && !this.actors.visible(actor, filter)) actor = undefined;
    if (topic && actor) {
      topical = this.db
        .prepare(
          `SELECT a.id AS article_id, m.sentence - a.first_sentence AS idx, m.score AS prior, m.spans
           FROM mentions m JOIN articles a ON a.n = m.article
           WHERE m.actor = ? ${inScope} ${filter.sql} ORDER BY m.article_rank, m.score DESC, m.sentence LIMIT ?`,
        )
        .all(this.actors.key(actor.id), ...scopeArgs, ...filter.args, BRIEFING_CANDIDATES) as typeof topical;
    } else if (topic) {
      const match = this.search.matchExpression(topic);
      stems = match?.stems;
      if (!match) topical = [];
      else if (scope) {
        topical = this.db
          .prepare(
            `SELECT a.id AS article_id, s.id - a.first_sentence AS idx, -bm25(sentence_fts) AS prior
             FROM sentence_fts f JOIN sentences s ON s.id = f.rowid JOIN articles a ON a.n = s.article
             WHERE sentence_fts MATCH ? ${inScope} ORDER BY bm25(sentence_fts), s.id LIMIT ?`,
          )
          .all(match.expression, ...scopeArgs, BRIEFING_CANDIDATES) as typeof topical;
      } else {
        const ranked = this.search.rankedSentences(match, 0, BRIEFING_CANDIDATES, filter);
        const sentences = this.search.sentencesById(ranked.map((r) => r.id));
        topical = sentences.map((r, i) => ({ article_id: r.article_id, idx: r.idx, prior: -ranked[i]!.rank }));
      }
    }
    if (topical) {
      // Scores of different scales (mention scores, BM25): brought to [0, 1].
      const top = Math.max(1e-9, ...topical.map((r) => r.prior));
      for (const row of topical) row.prior = Math.max(0.05, row.prior / top);
    }

    // The articles considered: about the topic (best first), or the most recent.
    const articleIds = topical
      ? [...new Set(topical.map((r) => r.article_id))].slice(0, BRIEFING_RECENT_ARTICLES)
      : scope
        ? this.newestFirst(scope).slice(0, BRIEFING_RECENT_ARTICLES)
        : (this.db
            .prepare(`SELECT id FROM articles a WHERE 1 ${filter.sql} ORDER BY date DESC, id LIMIT ?`)
            .pluck()
            .all(...filter.args, BRIEFING_RECENT_ARTICLES) as string[]);
    const relevant = new Map<string, { prior: number; spans?: Uint8Array }>();
    for (const row of topical ?? []) {
      const key = `${row.article_id}#${row.idx}`;
      if (!relevant.has(key)) relevant.set(key, { prior: row.prior, ...(row.spans ? { spans: row.spans } : {}) });
    }

    const articles = this.articles.of(articleIds);
    const relevance = topical
      ? (c: CandidateExcerpt) =>
          Math.max(0, ...c.sentenceIndexes.map((i) => relevant.get(`${c.articleId}#${i}`)?.prior ?? 0))
      : undefined;
    const aboutTopic = topical ? new Set(articles.filter((a) => this.headlineNames(a, actor, stems)).map((a) => a.id)) : undefined;
    // On a topic, a later sentence needs positive evidence that it reads alone (issue #21).
    const later = topical ? (c: CandidateExcerpt) => standsAloneByEvidence(c.text, c.opensParagraph === true) : undefined;
    // A story none of whose leads is about the topic may open on a later sentence that names its subject.
    const opener = topical ? (c: CandidateExcerpt) => laterEvidence(c.text).namedSubject : undefined;
    const composed = composeBriefing(articles, {
      limit,
      ...(relevance ? { relevance } : {}),
      ...(aboutTopic ? { aboutTopic } : {}),
      ...(later ? { later } : {}),
      ...(opener ? { opener } : {}),
    });
    const byId = new Map(articles.map((a) => [a.id, a]));
    const sentenceText = this.db
      .prepare('SELECT s.text FROM articles a JOIN sentences s ON s.id = a.first_sentence + ? WHERE a.id = ?')
      .pluck();
    const excerptOf = (c: CandidateExcerpt, score: number): Excerpt => {
      // The actor's spans of each sentence, moved to where the sentence starts in the excerpt.
      const highlights: Excerpt['highlights'] = [];
      let offset = 0;
      for (const [n, i] of c.sentenceIndexes.entries()) {
        const spans = relevant.get(`${c.articleId}#${i}`)?.spans;
        if (spans) for (const h of parseSpans(spans)) highlights.push({ start: h.start + offset, end: h.end + offset });
        if (n + 1 < c.sentenceIndexes.length) offset += (sentenceText.get(i, c.articleId) as string).length + 1;
      }
      return {
        articleId: c.articleId,
        title: byId.get(c.articleId)!.title,
        text: c.text,
        sentenceIndex: c.sentenceIndexes[0] ?? 0,
        ...(c.sentenceIndexes.length > 1 ? { sentenceIndexes: [...c.sentenceIndexes] } : {}),
        kind: c.kind,
        score,
        highlights: highlights.length > 0 ? highlights : stems ? this.search.highlightStems(c.text, stems) : [],
      };
    };
    const covered = composed.filter((s) => s.picks.length > 0);
    let rank = 0;
    const stories = covered.map((story): BriefingStory => {
      const quoted = new Set(story.picks.map((p) => p.articleId));
      const head = byId.get(story.articleIds[0]!)!;
      const actorCounts = new Map<string, number>();
      for (const id of story.articleIds) {
        for (const [actorId, n] of byId.get(id)!.actors) actorCounts.set(actorId, (actorCounts.get(actorId) ?? 0) + n);
      }
      return {
        headline: head.title,
        headlineArticleId: head.id,
        // Scores say the order: stories first, then rounds within a story.
        excerpts: story.picks.map((p) => excerptOf(p, 1 - rank++ / Math.max(1, limit * 2))),
        sources: story.articleIds.map((id) => {
          const a = byId.get(id)!;
          return {
            id,
            title: a.title,
            ...(a.date ? { date: a.date } : {}),
            ...(a.url ? { url: a.url } : {}),
            ...(a.outlet ? { outlet: a.outlet } : {}),
            ...(a.receivedAt ? { receivedAt: a.receivedAt } : {}),
            indexedAt: a.indexedAt,
            quoted: quoted.has(id),
          };
        }),
        copies: story.copies,
        actors: this.actors.named(
          [...actorCounts]
            .filter(([id]) => id !== actor?.id)
            .map(([id, count]) => ({ id, count }))
            .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
        ).slice(0, STORY_ACTORS),
      };
    });
    // Each excerpt says where it comes from (outlet, date), in its story as in the flat list.
    const excerpts = withLinks(this.db, stories.flatMap((s) => s.excerpts));
    let at = 0;
    for (const story of stories) story.excerpts = excerpts.slice(at, (at += story.excerpts.length));

    // Key actors and cited media are counted on the articles the briefing lists, not on those it
    // left out. An overview without excerpts (`limit: 0`, the digest's) counts every article asked
    // for (the digest's period), so its shares are shares of all the period's mentions.
    const shown = [...new Set(stories.flatMap((s) => s.sources.map((a) => a.id)))];
    const counted = limit > 0 ? shown : topical ? articleIds : (scope ?? articleIds);
    const wholeCorpus = limit === 0 && !topic && !scope;
    const isMedium = (c: NamedCount) => this.actors.actorOf(c.id!)?.kind === 'medium';
    const counts = this.mentionCounts(counted, wholeCorpus, filter).filter((c) => c.id !== actor?.id && !isMedium(c));
    return {
      ...(topic ? { topic } : {}),
      ...(actor ? { actor: summary(actor) } : {}),
      excerpts,
      stories,
      storyCount: composed.length,
      actors: counts.slice(0, 10),
      actorMentions: counts.reduce((sum, c) => sum + c.count, 0),
      sources: this.citedCounts(counted, wholeCorpus, filter).slice(0, 10),
      articleCount: new Set(excerpts.map((e) => e.articleId)).size,
      consideredArticles: articleIds.length,
    };
  }

  /** Whether an article's headline names the topic: the actor by one of its forms, or every word searched. */
  private headlineNames(article: BriefingArticle, actor: Actor | undefined, stems: Set<string> | undefined): boolean {
    if (actor) {
      const title = ` ${foldText(article.title).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
      return [actor.name, ...actor.aliases].some((form) => {
        const folded = foldText(form).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
        return folded.length > 0 && title.includes(` ${folded} `);
      });
    }
    return !!stems && stems.size > 0 && [...stems].every((s) => article.titleTerms.includes(s));
  }

  /** The ids among these that the filter lets through, in the order given. */
  private visibleIds(ids: readonly string[], filter: ScopeFilter): readonly string[] {
    if (!filter.sql) return ids;
    const visible = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT id FROM articles a WHERE id IN (${placeholders(chunk.length)}) ${filter.sql}`)
        .pluck()
        .all(...chunk, ...filter.args) as string[];
      for (const id of rows) visible.add(id);
    }
    return ids.filter((id) => visible.has(id));
  }

  /**
   * Article ids, most recent publication first, undated ones last, ties by id: the same corpus
   * gives the same order however (and whenever) it was indexed — never by indexing time.
   */
  private newestFirst(ids: readonly string[]): string[] {
    const order = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT id, date FROM articles WHERE id IN (${placeholders(chunk.length)})`)
        .all(...chunk) as Array<{ id: string; date: string | null }>;
      for (const r of rows) order.set(r.id, Date.parse(r.date ?? '') || -Infinity);
    }
    const key = (id: string) => order.get(id)!;
    return ids
      .filter((id) => order.has(id))
      .sort((a, b) => (key(a) === key(b) ? (a < b ? -1 : a > b ? 1 : 0) : key(b) > key(a) ? 1 : -1));
  }

  /** Mention counts per actor over some articles (or the whole corpus), most first. */
  private mentionCounts(articleIds: readonly string[], wholeCorpus = false, filter: ScopeFilter = NO_FILTER): NamedCount[] {
    const rows = wholeCorpus && filter.sql
      ? (this.db
          .prepare(
            `SELECT ac.id, count(*) AS count FROM mentions m JOIN articles a ON a.n = m.article JOIN actors ac ON ac.n = m.actor
             WHERE 1 ${filter.sql} GROUP BY m.actor ORDER BY count DESC, ac.id`,
          )
          .all(...filter.args) as Array<{ id: string; count: number }>)
      : wholeCorpus
      ? (this.db
          .prepare('SELECT a.id, s.mentions AS count FROM actor_stats s JOIN actors a ON a.n = s.actor ORDER BY count DESC, a.id')
          .all() as Array<{ id: string; count: number }>)
      : articleIds.length === 0
        ? []
        : (this.db
            .prepare(
              `SELECT ac.id, count(*) AS count FROM articles a JOIN mentions m ON ${SENTENCES_OF_A} JOIN actors ac ON ac.n = m.actor
               WHERE a.id IN (${placeholders(articleIds.length)}) GROUP BY m.actor ORDER BY count DESC, ac.id`,
            )
            .all(...articleIds) as Array<{ id: string; count: number }>);
    return this.actors.named(rows);
  }

  /**
   * Media cited as sources (`selon Reuters`, not `sanctions contre RT`: the `cited` mentions) over
   * some articles (or the whole corpus), most first. Read by media actor, on the mentions' key.
   */
  private citedCounts(articleIds: readonly string[], wholeCorpus: boolean, filter: ScopeFilter = NO_FILTER): NamedCount[] {
    const media = (this.db.prepare('SELECT id, n FROM actors').all() as Array<{ id: string; n: number }>).filter(
      (a) => this.actors.actorOf(a.id)?.kind === 'medium',
    );
    if (media.length === 0 || (!wholeCorpus && articleIds.length === 0)) return [];
    const keys = media.map((a) => a.n);
    const inArticles = wholeCorpus ? filter.sql : `AND a.id IN (${placeholders(articleIds.length)})`;
    const rows = this.db
      .prepare(
        `SELECT ac.id, count(*) AS count FROM mentions m JOIN articles a ON a.n = m.article JOIN actors ac ON ac.n = m.actor
         WHERE m.actor IN (${placeholders(keys.length)}) AND m.cited = 1 ${inArticles} GROUP BY m.actor ORDER BY count DESC, ac.id`,
      )
      .all(...keys, ...(wholeCorpus ? filter.args : articleIds)) as Array<{ id: string; count: number }>;
    return this.actors.named(rows);
  }

  /** Groups articles into stories (as briefings do), each story's article ids. */
  storiesOf(articleIds: readonly string[]): string[][] {
    const articles = this.articles.of([...new Set(articleIds)]);
    return groupStories(articles).map((story) => story.articleIds);
  }
}
