/**
 * The query API of the corpus: what commands, the CLI and the digest ask. Plain data in and out,
 * nothing from Discord. Every method is async so that an implementation may answer from a worker
 * thread without changing its callers.
 */
import type { ActorKind } from './types.js';

/** A sentence served to a user, with where it comes from. */
export interface Excerpt {
  articleId: string;
  /** Title of the article the sentence comes from. */
  title: string;
  /** Address of the original article, when known (articles fetched from the web). */
  url?: string;
  /** Who published the article (`Armenpress`, `lemonde.fr`), when known: see corpus/outlet.ts. */
  outlet?: string;
  /** Its publication date, ISO `YYYY-MM-DD`, when known (never the arrival). */
  date?: string;
  /** When it was fetched from the web (ISO 8601 instant): an arrival, never a publication date. */
  receivedAt?: string;
  /** The sentence as it reads in the cleaned article (whitespace normalised, no markdown). */
  text: string;
  /** 0-based position of the sentence in its article (the first, when the excerpt has several). */
  sentenceIndex: number;
  /** Every sentence the excerpt covers, when it covers more than one (a quotation and its speaker). */
  sentenceIndexes?: number[];
  /** Ranking score, higher first; comparable only within one answer. */
  score: number;
  /** Spans of `text` to highlight (the forms that matched), as UTF-16 offsets. */
  highlights: Array<{ start: number; end: number }>;
  /** What the excerpt is in its article: its lead, a quotation with its speaker, another sentence. Briefings only. */
  kind?: 'lead' | 'quote' | 'sentence';
}

export interface ActorSummary {
  id: string;
  name: string;
  kind: ActorKind;
}

/** A name with how many times it was counted (mentions, co-mentions, citations). */
export interface NamedCount {
  id?: string;
  name: string;
  count: number;
}

export interface Page {
  /** 0-based index of the first result to return. Default 0. */
  offset?: number;
  /** How many results to return at most. Default: all. */
  limit?: number;
  /**
   * Search: read the corpus as it was at an earlier page (the answer's `snapshot`): sentences
   * indexed since then are left out, so that turning pages neither repeats nor skips one.
   */
  snapshot?: number;
}

export type ActorAnswer =
  | {
      found: true;
      actor: ActorSummary;
      /** The form the user typed when it was an alias of the actor (`Moscou` for Russie). */
      matchedAlias?: string;
      /**
       * Distinct passages that mention the actor (what the pages list): a sentence repeated word
       * for word (a wire copy, a pull quote) counts once.
       */
      total: number;
      /** Sentences naming the actor that repeat a passage already counted (shown once, not in `total`). */
      repeated: number;
      /** The requested page of those sentences, best first, spread across articles. */
      excerpts: Excerpt[];
      /** Forms of the actor found in the excerpts (`Moscou`, `russe`…), for display. */
      forms: string[];
      /** Actors most often mentioned in the same sentences, with counts, most first. */
      related: NamedCount[];
    }
  | { found: false; query: string; suggestions: ActorSummary[] };

/** A word of a query the corpus does not have, and the near words searched instead. */
export interface SearchCorrection {
  /** As typed (`drop`). */
  typed: string;
  /** As written in the corpus (`drone`), most frequent first. */
  searched: string[];
}

export interface SearchAnswer {
  query: string;
  total: number;
  excerpts: Excerpt[];
  /** Words replaced by near ones (typos); absent when every word was found as typed. */
  corrections?: SearchCorrection[];
  /** What to pass as `Page.snapshot` for the other pages of this answer. */
  snapshot?: number;
}

export interface BriefingRequest {
  /** An actor name or alias, or free text. Absent: the whole corpus. */
  topic?: string;
  /** Maximum number of excerpts. Default 8. */
  limit?: number;
  /** Restrict to these articles (the digest's "new since last time"). */
  articleIds?: string[];
}

/** An article a story draws on. */
export interface StorySource {
  id: string;
  title: string;
  /** Publication date, ISO `YYYY-MM-DD`, when known. */
  date?: string;
  /** Link to the original page, when known. */
  url?: string;
  /** Who published it (`Armenpress`, `lemonde.fr`), when known: see corpus/outlet.ts. */
  outlet?: string;
  /** When it was fetched from the web (ISO 8601 instant): an arrival, never a publication date. */
  receivedAt?: string;
  /** When the article arrived in the index (ISO 8601 instant): an arrival, never a publication date. */
  indexedAt: string;
  /** True when one of the story's excerpts comes from it. */
  quoted: boolean;
}

/** One event of a briefing: the articles that report it and what is quoted from them. */
export interface BriefingStory {
  /** The title of its most representative article. */
  headline: string;
  /** Id of that article. */
  headlineArticleId: string;
  /** The excerpts picked for it, its lead first (at least one). */
  excerpts: Excerpt[];
  /** Every article of the story, the representative first: `sources.length` is its number of sources. */
  sources: StorySource[];
  /** Pairs of its articles that are copies of one dispatch (wire copy, syndication). */
  copies: Array<[string, string]>;
  /** Actors its articles name most (media excluded), with mention counts. */
  actors: NamedCount[];
}

export interface BriefingAnswer {
  topic?: string;
  /** The actor the topic resolved to, when it did. */
  actor?: ActorSummary;
  /** Every excerpt, story by story (the excerpts of `stories`, in that order). */
  excerpts: Excerpt[];
  /** The stories covered, in briefing order. */
  stories: BriefingStory[];
  /** Stories found among the articles considered (≥ `stories.length`: the rest did not fit the limit). */
  storyCount: number;
  /**
   * Most-mentioned actors in the articles the briefing lists (its stories' sources), with mention
   * counts; with `limit: 0` (an overview), in the articles considered (the whole corpus unscoped).
   */
  actors: NamedCount[];
  /**
   * Mentions of all actors (media excluded) in the articles counted, of which `actors` lists the
   * first: what a share of the mentions is taken of. Absent from answers of older engines.
   */
  actorMentions?: number;
  /** Media cited as sources inside those same articles (`selon Reuters`, not `sanctions contre RT`), with counts. */
  sources: NamedCount[];
  /** How many distinct articles the excerpts are quoted from. */
  articleCount: number;
  /** How many articles were considered (the corpus's most recent, or those about the topic). */
  consideredArticles: number;
}

export interface ArticleSummary {
  id: string;
  title: string;
  /** Address of the original article, when known. */
  url?: string;
  author?: string;
  /** Publication date, ISO `YYYY-MM-DD`, when known (never the arrival). */
  date?: string;
  /** Who published it (`Armenpress`, `lemonde.fr`), when known: see corpus/outlet.ts. */
  outlet?: string;
  /** When it was fetched from the web (ISO 8601 instant), for articles from feeds. */
  receivedAt?: string;
  /** Number of sentences of the cleaned article. */
  sentences: number;
  /** Characters of the cleaned body. */
  characters: number;
}

export interface ArticleView extends ArticleSummary {
  readingMinutes?: number;
  /** Where it was filed from, read from its dateline (`Kiev` in `KIEV, 12 mars (Reuters) —`). */
  place?: string;
  /** The site's name from the file's header (`Le Monde`), when known. */
  site?: string;
  /** When it was first indexed (ms since epoch). */
  arrivedAt?: number;
  paragraphs: string[];
}

/** A corpus file that is not indexed, or only in part, and why (in French). */
export interface FileNotice {
  /** The file's name in the corpus folder. */
  file: string;
  /** False: skipped (unreadable, binary, a link…); true: indexed, but cut at a limit or repaired. */
  indexed: boolean;
  reason: string;
}

export interface Choice {
  /** What the user sees. */
  name: string;
  /** What is sent back (an actor name, an article id). */
  value: string;
}

/** How far a first index of the corpus folder is: answers cover `articles` articles so far. */
export interface IndexProgress {
  percent: number;
  articles: number;
}

/** A period of publication days, both ends included (ISO `YYYY-MM-DD`). */
export interface DayRange {
  from: string;
  to: string;
}

/** One line of a series: an actor's mentions at each point. */
export interface SeriesLine {
  id: string;
  name: string;
  /** Mentions at each point of {@link MentionSeries.dates}; 0 where no article mentions it. */
  counts: number[];
  /** Sum of `counts`. */
  total: number;
}

/**
 * Mentions per publication day (or per week over long periods) of an actor and of others, over
 * the last days of dated articles. Articles without a date are on no day: counted in `undated`.
 */
export interface MentionSeries extends DayRange {
  /** One point per day, or per week (Monday to Sunday, cut at the ends of the range). */
  step: 'day' | 'week';
  /** Days in the range. */
  days: number;
  /** The first day of each point (in the range). */
  dates: string[];
  /** The actor asked for first, then the others asked for (those with no mention left out). */
  lines: SeriesLine[];
  /** The first actor's mentions in the range of the same length just before. */
  previous: DayRange & { mentions: number };
  /** The first actor's mentions in articles without a date (on no day). */
  undated: number;
  /** Changes whenever the index changes: part of a picture's cache key. */
  stamp: string;
}

/** An actor whose share of all actor mentions rose between two periods. */
export interface RisingActor {
  id: string;
  name: string;
  mentions: number;
  previousMentions: number;
  /** Share of all actor mentions of the period, between 0 and 1. */
  share: number;
  previousShare: number;
}

/** Days of the trends when none is asked (/tendances, the CLI, the digest's section). */
export const DEFAULT_TREND_DAYS = 7;
/** Rising actors listed by /tendances and the digest's section. */
export const TRENDS_SHOWN = 5;

export interface TrendsAnswer {
  /** The period (the last days of dated articles) and the one of the same length just before. */
  period: DayRange & { days: number };
  previousPeriod: DayRange;
  /** All actor mentions of each period (the denominators of the shares). */
  totalMentions: number;
  previousTotalMentions: number;
  /** Actors with more mentions AND a higher share than in the period before, largest rise first. */
  rising: RisingActor[];
  /** Actor mentions in articles without a date (in no period). */
  undatedMentions: number;
  stamp: string;
}

/** An article as it arrived in the index: what matching follows and alerting need. */
export interface ArrivedArticle {
  id: string;
  title: string;
  /** Publication date `YYYY-MM-DD`, when known. */
  date?: string;
  /** Address of the original, when known. */
  url?: string;
  /** The site's name from the file's header (`Le Monde`), when known. */
  site?: string;
  /** When it was first indexed (ms since epoch). */
  arrivedAt: number;
  /** The server whose own source brought it; absent: shared by every server (see {@link Scope}). */
  guild?: string;
  /**
   * Actors the analysis found in it, aliases, demonyms and metonyms resolved (`Kremlin` →
   * `country:RUS`); a mention that is only a venue (`réunis à Moscou`) is left out.
   */
  actorIds: string[];
}

/**
 * Whose view a query answers: a server's (`guildId`: the shared articles and those of its own
 * sources) or, without `guildId`, the shared articles only (the operator's console and CLI).
 * Every query taking one sees nothing else, counts included; omitted, it is the shared view.
 */
export interface Scope {
  guildId?: string;
}

export interface CorpusEngine {
  actor(query: string, page?: Page, scope?: Scope): Promise<ActorAnswer>;
  /** Up to `limit` (default 25) actor choices for a partial name, most-mentioned first. */
  autocompleteActors(partial: string, limit?: number, scope?: Scope): Promise<Choice[]>;
  search(query: string, page?: Page, scope?: Scope): Promise<SearchAnswer>;
  briefing(request?: BriefingRequest, scope?: Scope): Promise<BriefingAnswer>;
  /** Undefined for an unknown id and for an article the scope may not see. */
  article(id: string, scope?: Scope): Promise<ArticleView | undefined>;
  /** Up to `limit` (default 25) article choices whose id or title matches, for autocomplete. */
  autocompleteArticles(partial: string, limit?: number, scope?: Scope): Promise<Choice[]>;
  sources(scope?: Scope): Promise<ArticleSummary[]>;
  /**
   * Files of the corpus folder skipped or indexed only in part, and why, by name: with a scope,
   * those of shared articles and of its server's own only; without, every file (the operator's).
   */
  fileNotices(scope?: Scope): Promise<FileNotice[]>;
  /** Ids of every indexed article with the time it was first indexed (ms since epoch). */
  articlesSince(sinceMs: number, scope?: Scope): Promise<string[]>;
  /**
   * Mentions per day of these actors (ids) over the last `days` (default 30) of dated articles;
   * undefined when no article has a date. Optional: an engine without it gives no pictures.
   */
  mentionSeries?(actorIds: string[], days?: number, scope?: Scope): Promise<MentionSeries | undefined>;
  /** The actors whose share of mentions rose most over the last `days` of dated articles. */
  trends?(days: number, limit?: number, scope?: Scope): Promise<TrendsAnswer | undefined>;
  /** While a first index is built, how far it is; undefined once the index is complete. */
  indexProgress?(): Promise<IndexProgress | undefined>;
  /** The newest arrival time in the index (ms since epoch), 0 when empty: a follow's "no backfill" mark. */
  indexMark?(): Promise<number>;
  /** Articles first indexed after `afterMs`, oldest first, at most `limit` (default 500), every server's (see `guild`). */
  arrivals?(afterMs: number, limit?: number): Promise<ArrivedArticle[]>;
  /**
   * For each query, the ids among `articleIds` that a search for it matches (the same words,
   * accents, plurals and typos handling as `search`), reading only those articles' sentences.
   */
  matchQueries?(queries: readonly string[], articleIds: readonly string[]): Promise<string[][]>;
  /**
   * Whether some indexed article belongs to this server's own sources. Without any, its view is the
   * shared one: callers may then share answers between such servers (the digest's tick does).
   */
  ownsArticles?(guildId: string): Promise<boolean>;
  /** The articles grouped into stories (copies and reports of one event), each story's representative first. */
  storiesOf?(articleIds: readonly string[]): Promise<string[][]>;
  close(): Promise<void>;
}
