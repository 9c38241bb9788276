/**
 * A briefing across articles: articles grouped into stories (`stories.ts`), then sentences picked
 * story by story. Every story gets its lead before any story gets a second sentence; a second
 * sentence must add something (it may not repeat what is already picked) and comes preferably
 * from a source not quoted yet. Pure: the engine gives the articles and their ranked candidate
 * excerpts (stand-alone, lead first), this module decides.
 */
import { similarityMatrix } from './centrality.js';
import { groupStories, type StoryArticle, type StoryOptions } from './stories.js';
import { termsOf } from '../text/stem.js';
import { firstDateMention, resolveMention } from './event-date.js';

/**
 * The day a lead tells (UTC midnight ms): the day its words name, read near the page's date
 * (« vendredi » in a page of Friday 5), else the page's date; a day announced ahead (« se rendra
 * le 3 ») is not the news's day. Undefined when neither says.
 */
export function dayTold(lead: string, date: string | undefined): number | undefined {
  const page = date && /^\d{4}-\d{2}-\d{2}$/u.test(date) ? Date.parse(`${date}T00:00:00Z`) : undefined;
  const mention = firstDateMention(lead);
  if (mention && !mention.announced) {
    const day = page !== undefined ? resolveMention(mention, page) : mention.year !== undefined ? resolveMention(mention, 0) : undefined;
    if (day !== undefined) return day;
  }
  return page;
}

/**
 * A story's first pick prefers an article's own first body sentence (its lead, when servable)
 * over a later sentence of a more representative article: news writing puts the news first.
 */
const OPENING_BONUS = 5;
/** Among openings, the one that says most of the story's headlines leads it (see `completeness`). */
const COMPLETENESS_WEIGHT = 10;
/**
 * Two excerpts sharing this share of their terms (Jaccard) say the same fact in other words
 * (« La ville est assiégée depuis 18 mois, théâtre d'intenses combats… » after « La ville
 * d'el-Fasher assiégée depuis des mois, était le théâtre d'intenses combats… »): the second is
 * not picked. The cosine check (`redundancy`) misses such rewordings by another outlet. Chosen on
 * the real dev pages: 0.4 blocks the 2 repeats seen there and nothing else; 0.35 also blocks
 * distinct facts about one meeting.
 */
const NEAR_COPY = 0.4;
/**
 * A story told over several days opens on a lead of its latest day (the Chengdu leg after the
 * Pékin talks): a briefing gives the news as it stands. Worth as much as opening the article, less
 * than relevance to a topic; on dev any value from 3 to 10 picks the same leads.
 */
const LATEST_BONUS = 5;
/** On a topic: a lead outranks any later sentence, in every round (position first). */
const LEAD_FIRST = 20;
const opensArticle = (c: CandidateExcerpt) => c.sentenceIndexes[0] === 0;

// `\p{…}` outside brackets: module constants (tsx/esbuild rebuilds such a literal at every call).
const HAS_DIGIT = /\p{N}/u;
const STARTS_UPPER = /^\p{Lu}/u;

/**
 * What carries a fact in a sentence: its names (capitalised words past the first) and its numbers,
 * folded. A later pick that brings none the briefing has not printed yet adds no fact an editor
 * would serve it for (`Le président réélu prêtera serment dans les prochains jours…`).
 */
export function factMarkers(text: string): Set<string> {
  const out = new Set<string>();
  const words = text.split(/[\s,;:()«»"“”.!?…]+/u).filter(Boolean);
  words.forEach((w, i) => {
    // (`l’AFP`, `d’Ankara`: the elided article is no part of the name.)
    const bare = w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/^(?:l|d|qu)['’]/iu, '');
    if (!bare) return;
    if (HAS_DIGIT.test(bare) || (i > 0 && STARTS_UPPER.test(bare))) out.add(bare.toLowerCase());
  });
  return out;
}

/** Share of two excerpts' distinct terms that both use (Jaccard). */
function sharedShare(a: readonly string[], b: readonly string[]): number {
  const x = new Set(a);
  const y = new Set(b);
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  const union = x.size + y.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** The topic relevance of candidates, an article's lead raised to its best sentence's when its headline names the topic. */
function leadFirst(
  articles: readonly BriefingArticle[],
  relevance: ComposeOptions['relevance'],
  about: ReadonlySet<string> | undefined,
): ComposeOptions['relevance'] {
  if (!relevance || !about || about.size === 0) return relevance;
  const best = new Map(articles.map((a) => [a.id, Math.max(0, ...a.candidates.map(relevance))]));
  return (c) => {
    const own = relevance(c);
    return c.kind === 'lead' && about.has(c.articleId) ? Math.max(own, best.get(c.articleId) ?? 0) : own;
  };
}

/** One passage an article offers to a briefing (one sentence, or several read together). */
export interface CandidateExcerpt {
  articleId: string;
  /** 0-based sentence positions the excerpt covers, in order. */
  sentenceIndexes: number[];
  text: string;
  /** `lead`: the article's news; `quote`: a whole quotation with its speaker; `sentence`: another. */
  kind: 'lead' | 'quote' | 'sentence';
  /** Higher is better, comparable within one article. */
  score: number;
  /** Whether it opens a paragraph (absent when unknown). */
  opensParagraph?: boolean;
}

/** An article as the briefing composer sees it. */
export interface BriefingArticle extends StoryArticle {
  title: string;
  /** Its candidate excerpts, best first (never a sentence that cannot be read alone). */
  candidates: CandidateExcerpt[];
}

/** Options of {@link composeBriefing}, with their defaults. */
export interface ComposeOptions {
  /** Excerpts to pick at most. */
  limit: number;
  /**
   * Relevance of a candidate to the topic asked (0 = unrelated, 1 = about it); absent: every
   * candidate is relevant. On a topic, a story's first pick is its most relevant lead.
   */
  relevance?: (candidate: CandidateExcerpt) => number;
  /**
   * On a topic: the articles whose headline names it. Their lead is about the topic even when it
   * does not repeat the name (the headline says what, the lead says the news), so it is as
   * relevant as the article's most relevant sentence: position first.
   */
  aboutTopic?: ReadonlySet<string>;
  /**
   * On a topic: whether a passage that is not its article's lead may be served. Absent: any
   * candidate may. The engine passes positive evidence (evidence.ts): a briefing serves fewer
   * excerpts rather than later sentences that may lean on their neighbours.
   */
  later?: (candidate: CandidateExcerpt) => boolean;
  /**
   * On a topic: whether a later passage without that evidence may still be a story's first pick
   * (ranked after any lead or passage with evidence: a story none of whose leads is about the
   * topic). Absent: none may, unless the briefing would otherwise be empty. The engine passes
   * weaker evidence: the passage names its subject.
   */
  opener?: (candidate: CandidateExcerpt) => boolean;
  /** Two excerpts more similar than this say the same thing: only the first is kept. Default 0.5. */
  redundancy?: number;
  /** Options of story grouping. */
  stories?: StoryOptions;
}

export interface ComposedStory {
  /** Its articles, the most representative first (its title is the story's headline). */
  articleIds: string[];
  copies: Array<[string, string]>;
  /** The excerpts picked for it, its lead first; empty for a story left out by the limit. */
  picks: CandidateExcerpt[];
}

/**
 * Stories of the articles, in briefing order (most sources first, then the order the articles
 * were given in — newest first for the engine), each with its picks. Stories without a pick (the
 * limit was reached) come last, so that callers can say how many were left out.
 */
export function composeBriefing(articles: readonly BriefingArticle[], options: ComposeOptions): ComposedStory[] {
  const proven = compose(articles, options, false);
  // A topic the corpus tells is never answered with nothing: when no lead and no later sentence
  // with evidence is about it, a later sentence without evidence may be served after all.
  if (options.later === undefined || proven.some((s) => s.picks.length > 0)) return proven;
  return compose(articles, options, true);
}

function compose(articles: readonly BriefingArticle[], options: ComposeOptions, allowUnproven: boolean): ComposedStory[] {
  const { limit, redundancy = 0.5 } = options;
  const relevance = leadFirst(articles, options.relevance, options.aboutTopic);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const order = new Map(articles.map((a, i) => [a.id, i]));
  const toldDays = new Map<CandidateExcerpt, number | undefined>();
  const toldDay = (c: CandidateExcerpt) => {
    if (!toldDays.has(c)) toldDays.set(c, dayTold(c.text, byId.get(c.articleId)!.date));
    return toldDays.get(c);
  };
  const groups = groupStories(articles, options.stories);
  const storyRelevance = (articleIds: string[]) =>
    relevance ? Math.max(0, ...articleIds.flatMap((id) => byId.get(id)!.candidates.map(relevance))) : 0;
  const ranked = groups
    .map((g) => ({ ...g, relevance: storyRelevance(g.articleIds), first: Math.min(...g.articleIds.map((id) => order.get(id)!)) }))
    .sort(
      (a, b) => b.relevance - a.relevance || b.articleIds.length - a.articleIds.length || a.first - b.first,
    );

  const stories: ComposedStory[] = ranked.map((g) => ({ articleIds: g.articleIds, copies: g.copies, picks: [] }));
  const picked: CandidateExcerpt[] = [];
  const pickedTerms: string[][] = [];
  const used = new Set<CandidateExcerpt>();
  const maxSimilarity = (terms: string[]) => {
    if (pickedTerms.length === 0) return 0;
    const matrix = similarityMatrix([terms, ...pickedTerms]);
    return Math.max(...matrix[0]!.slice(1));
  };
  // How much of what the story's headlines say a lead says: terms weighted by how many of the
  // story's titles carry them (a caption or a periphrase names few of them; a complete lead most).
  const headlineWeights = new Map<ComposedStory, Map<string, number>>();
  const completeness = (story: ComposedStory, terms: string[]) => {
    let weights = headlineWeights.get(story);
    if (!weights) {
      weights = new Map();
      for (const id of story.articleIds) for (const t of new Set(byId.get(id)!.titleTerms)) weights.set(t, (weights.get(t) ?? 0) + 1);
      headlineWeights.set(story, weights);
    }
    let total = 0;
    for (const w of weights.values()) total += w;
    let said = 0;
    for (const t of new Set(terms)) said += weights.get(t) ?? 0;
    return total === 0 ? 0 : said / total;
  };
  // The day each story's leads tell (see `toldDay`), and the latest of them when they differ.
  const latestDay = new Map<ComposedStory, number | undefined>();
  const latest = (story: ComposedStory) => {
    if (!latestDay.has(story)) {
      const days = story.articleIds.flatMap((id) => byId.get(id)!.candidates.filter(opensArticle).map(toldDay)).filter((d): d is number => d !== undefined);
      latestDay.set(story, days.length > 1 && Math.min(...days) !== Math.max(...days) ? Math.max(...days) : undefined);
    }
    return latestDay.get(story);
  };
  const latestBonus = (story: ComposedStory, c: CandidateExcerpt) => {
    const day = latest(story);
    return day !== undefined && toldDay(c) === day ? LATEST_BONUS : 0;
  };
  const printed = new Set<string>();
  const newFacts = (c: CandidateExcerpt) => [...factMarkers(c.text)].filter((m) => !printed.has(m)).length;
  const take = (story: ComposedStory, candidate: CandidateExcerpt, terms: string[]) => {
    for (const m of factMarkers(candidate.text)) printed.add(m);
    story.picks.push(candidate);
    picked.push(candidate);
    pickedTerms.push(terms);
    used.add(candidate);
  };

  // Round 1: each story's lead (the representative article's best candidate, or on a topic the
  // most relevant one). Later rounds: the sentence that adds most, preferably from a new source.
  for (let round = 0; picked.length < limit; round++) {
    let progressed = false;
    for (const story of stories) {
      if (picked.length >= limit) break;
      if (story.picks.length !== round) continue;
      const quoted = new Set(story.picks.map((p) => p.articleId));
      let best: { candidate: CandidateExcerpt; terms: string[]; value: number } | undefined;
      story.articleIds.forEach((id, rank) => {
        const article = byId.get(id)!;
        article.candidates.forEach((candidate, position) => {
          if (used.has(candidate)) return;
          // Another outlet's lead of a story already led says its news again (two agencies'
          // first sentences on one event): later rounds look for what the lead misses.
          const isLead = candidate.kind === 'lead';
          if (round > 0 && isLead && story.picks.some((p) => p.kind === 'lead' && p.articleId !== id)) return;
          // Without evidence, a later sentence may only open a story, with weaker evidence (`opener`),
          // or when nothing else is served (see composeBriefing).
          const unproven = options.later !== undefined && !isLead && !options.later(candidate);
          if (unproven && (round > 0 || !(allowUnproven || options.opener?.(candidate) === true))) return;
          const rel = relevance ? relevance(candidate) : 1;
          if (relevance && rel <= 0) return;
          const terms = termsOf(candidate.text);
          const overlap = maxSimilarity(terms);
          if (overlap > redundancy) return;
          if (pickedTerms.some((p) => sharedShare(terms, p) >= NEAR_COPY)) return;
          const facts = round === 0 ? 0 : newFacts(candidate);
          if (round > 0 && facts === 0) return;
          // Round 1 follows the articles' own ranking (lead first) within the representative
          // article; later rounds weigh novelty and new sources.
          const value =
            round === 0
              ? rel * 10 +
                (opensArticle(candidate) ? OPENING_BONUS + COMPLETENESS_WEIGHT * completeness(story, terms) + latestBonus(story, candidate) : 0) -
                rank -
                position / 100
              : rel * 2 + (quoted.has(id) ? 0 : 1) - overlap * 2 - position / 10 + candidate.score / 10;
          const ranked = options.later && isLead ? value + LEAD_FIRST : unproven ? value - LEAD_FIRST : value;
          if (!best || ranked > best.value) best = { candidate, terms, value: ranked };
        });
      });
      if (best) {
        take(story, best.candidate, best.terms);
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  // Stories without a pick (limit reached, or nothing stand-alone to say) go last.
  return [...stories.filter((s) => s.picks.length > 0), ...stories.filter((s) => s.picks.length === 0)];
}
