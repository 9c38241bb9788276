/**
 * The domain model shared by every service. Data flows one way:
 * files → {@link CleanArticle} → {@link Sentence} → index → queries → reply model → renderer.
 * Nothing here knows about Discord.
 */

/** An article after decoding, metadata extraction and boilerplate removal. */
export interface CleanArticle {
  /** File-name stem: stable across restarts. */
  id: string;
  /** First non-empty line of the file. */
  title: string;
  /** Byline, when the page has one (`Olivia Carter`). */
  author?: string;
  /** Publication date as ISO `YYYY-MM-DD`, when the page has one. */
  date?: string;
  /** Reading time in minutes (`5 Min Read`). */
  readingMinutes?: number;
  /** Where the article was filed from, read from its dateline (`Kiev` in `KIEV, 12 mars (Reuters) —`). */
  place?: string;
  /** Body paragraphs, cleaned: no headline, no metadata, no boilerplate, no duplicates. */
  paragraphs: string[];
  /** ISO 639-3 code of the article's language as detected (`fra`). */
  language: string;
  /** Address of the original article (canonical when known), for files fetched from the web. */
  url?: string;
  /** Name of the site it comes from (`Le Monde`), when known. */
  site?: string;
  /** When it was fetched, ISO 8601 (fetched articles only). */
  fetchedAt?: string;
  /** The Discord server whose own source brought it (`guild:` header); absent: shared by every server. */
  guild?: string;
  /** Only the feed's summary is here (paywalled or too short a page). */
  summaryOnly?: boolean;
}

/** A sentence of a cleaned article, as it reads there (whitespace normalised). */
export interface Sentence {
  articleId: string;
  /** 0-based position among the article's sentences. */
  index: number;
  /** 0-based paragraph the sentence comes from. */
  paragraph: number;
  text: string;
}

export type ActorKind = 'country' | 'organisation' | 'person' | 'medium' | 'place';

/** Something the news is about: a country, an organisation, a person… */
export interface Actor {
  /** Stable id (`country:RUS`, `org:nato`, `person:vladimir-poutine`, `found:jake-sullivan`). */
  id: string;
  /** Canonical French name shown to users (`Russie`). */
  name: string;
  kind: ActorKind;
  /** Every other form that designates it: capitals, metonyms, demonyms, acronyms, spellings. */
  aliases: string[];
  /** Aliases that are cities (`Moscou`, `Bruxelles`): such a mention may be only a venue (`réunis à Rome`). */
  cities?: string[];
  /** True when discovered from the corpus rather than listed. */
  discovered?: boolean;
}

/** One place where an actor is mentioned in a text. Offsets are UTF-16 indices into the text. */
export interface Mention {
  actorId: string;
  /** The form as written in the text (`Moscou`, `russo`). */
  form: string;
  start: number;
  end: number;
}
