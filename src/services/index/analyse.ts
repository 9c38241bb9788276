/**
 * One cleaned article → what the index stores about it: its sentences with their terms and
 * centrality, the actors it mentions (listed or discovered in it) and a ranking score for each
 * mention. Pure: no database, so it can run anywhere (a worker thread, a benchmark).
 */
import type { Actor, CleanArticle, Mention } from '../types.js';
import { splitParagraphSentences } from '../text/sentences.js';
import { tokenize, type Token } from '../text/normalize.js';
import { termsOfTokens } from '../text/stem.js';
import { ActorMatcher } from '../actors/matcher.js';
import { discoverActors } from '../actors/discover.js';
import { venueMentions } from '../actors/roles.js';
import { citedMentions } from '../actors/citations.js';
import { rankByCentrality } from '../briefing/centrality.js';
import { excerptFlags, SentenceFlag } from '../briefing/excerpts.js';
import { decodeArticleBytes, decodeNotes } from '../corpus/decode.js';
import { cleanArticleFile } from '../corpus/header.js';
import { MAX_SENTENCES_PER_ARTICLE } from '../corpus/limits.js';
import type { StageClock } from './stages.js';

export interface AnalysedSentence {
  index: number;
  paragraph: number;
  text: string;
  terms: string[];
  /** Centrality within the article, in [0, 1]. */
  centrality: number;
  /** Stand-alone, unit and lead flags (`SentenceFlag` bits of briefing/excerpts). */
  flags: number;
}

export interface AnalysedMention {
  actorId: string;
  sentenceIndex: number;
  spans: Array<[number, number]>;
  forms: string[];
  score: number;
  /**
   * Rank of this sentence among the actor's sentences in the same article: reading order, those
   * that stand alone first (0, 1, …); a sentence that does not stand alone gets 1000 + its rank.
   */
  articleRank: number;
  /**
   * Every span is only where a meeting happens (`réunis à Rome`, see actors/roles.ts): the
   * mention stays findable, but does not relate the sentence's other actors to this one.
   */
  venue: boolean;
  /** A medium cited as a source in this sentence (`selon Reuters`), not one it talks about (see actors/citations.ts). */
  cited: boolean;
}

export interface AnalysedArticle {
  article: CleanArticle;
  sentences: AnalysedSentence[];
  /** People and organisations found in this article that no list had. */
  found: Actor[];
  mentions: AnalysedMention[];
  /** What the reader of the index should know about this article (cut at a limit, repaired bytes), in French. */
  notes: string[];
}

// Ranking weights of a sentence for an actor; see scoreMentions.
const HEADLINE_BONUS = 0.5;
const LEAD_BONUS = 0.3;
const REPEAT_BONUS = 0.1;
const FOCUS_BONUS = 0.3;
/** Added to the rank of a sentence that does not stand alone: listed after every article's others. */
export const NOT_ALONE_RANK = 1000;

/** Listed actors' mentions, plus those of actors discovered in the article where no listed one overlaps. */
function withFound(text: string, tokens: readonly Token[], listed: Mention[], found: ActorMatcher | undefined): Mention[] {
  if (!found) return listed;
  const mentions = [...listed];
  for (const extra of found.findMentions(text, tokens)) {
    if (!mentions.some((m) => m.start < extra.end && extra.start < m.end)) mentions.push(extra);
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** `clock`, when given, is charged each stage's time (see stages.ts); it must have been started. */
export function analyseArticle(article: CleanArticle, listed: ActorMatcher, clock?: StageClock): AnalysedArticle {
  const notes: string[] = [];
  let split = splitParagraphSentences(article.paragraphs);
  // Every later step is linear in the sentences or bounded by a window: this cap bounds them all.
  if (split.length > MAX_SENTENCES_PER_ARTICLE) {
    notes.push(
      `${split.length.toLocaleString('fr-FR')} phrases : seules les ${MAX_SENTENCES_PER_ARTICLE.toLocaleString('fr-FR')} premières sont indexées (nombre maximal de phrases par article)`,
    );
    split = split.slice(0, MAX_SENTENCES_PER_ARTICLE);
  }
  // Each sentence is cut into words once; terms, actor matching and discovery share the cut.
  const tokenized = split.map((s) => tokenize(s.text));
  const terms = tokenized.map((tokens) => termsOfTokens(tokens));
  clock?.lap('sentences');
  const cut = split.map((s, i) => ({ text: s.text, tokens: tokenized[i]!, known: listed.findMentions(s.text, tokenized[i]!) }));
  clock?.lap('actors');
  const centrality = rankByCentrality(terms);
  const flags = excerptFlags(split, centrality, article.title);
  clock?.lap('judge');
  const sentences: AnalysedSentence[] = split.map((s, index) => ({
    index,
    paragraph: s.paragraph,
    text: s.text,
    terms: terms[index]!,
    centrality: centrality[index]!,
    flags: flags[index]!,
  }));

  const found = discoverActors([{ articleId: article.id, sentences: cut }], listed);
  const foundMatcher = found.length > 0 ? new ActorMatcher(found) : undefined;
  const titleTokens = tokenize(article.title);
  const titleMentions = withFound(article.title, titleTokens, listed.findMentions(article.title, titleTokens), foundMatcher);
  const inHeadline = new Set(titleMentions.map((m) => m.actorId));

  // Group mentions by actor and sentence; a venue span is marked as such.
  const byActor = new Map<string, Map<number, Array<Mention & { venue: boolean; cited: boolean }>>>();
  const isMedium = (m: Mention) => (listed.actors.get(m.actorId) ?? foundMatcher?.actors.get(m.actorId))?.kind === 'medium';
  for (const sentence of sentences) {
    const { tokens, known } = cut[sentence.index]!;
    const all = withFound(sentence.text, tokens, known, foundMatcher);
    const venues = venueMentions(sentence.text, tokens, all, (m) => listed.isCity(m));
    const cited = citedMentions(sentence.text, tokens, all, isMedium);
    all.forEach((mention, i) => {
      let perSentence = byActor.get(mention.actorId);
      if (!perSentence) byActor.set(mention.actorId, (perSentence = new Map()));
      const list = perSentence.get(sentence.index) ?? [];
      list.push({ ...mention, venue: venues.has(i), cited: cited.has(i) });
      perSentence.set(sentence.index, list);
    });
  }

  const mentions: AnalysedMention[] = [];
  const alone = (i: number) => ((sentences[i]!.flags & SentenceFlag.Alone) !== 0 ? 1 : 0);
  for (const [actorId, perSentence] of byActor) {
    // An article that keeps coming back to the actor is more about it.
    const focus = Math.min(1, perSentence.size / 5);
    const ranked = [...perSentence.entries()]
      .map(([sentenceIndex, list]) => {
        const sentence = sentences[sentenceIndex]!;
        const score =
          sentence.centrality +
          (inHeadline.has(actorId) ? HEADLINE_BONUS : 0) +
          (sentence.paragraph === 0 || sentenceIndex < 2 ? LEAD_BONUS : 0) +
          REPEAT_BONUS * Math.min(3, list.length - 1) +
          FOCUS_BONUS * focus;
        return {
          actorId,
          sentenceIndex,
          spans: list.map((m): [number, number] => [m.start, m.end]),
          forms: [...new Set(list.map((m) => m.form))],
          score,
          articleRank: 0,
          venue: list.every((m) => m.venue),
          cited: list.some((m) => m.cited),
        };
      })
      // Reading order within the article, the sentences that stand alone first; those that do
      // not (half a quotation, a speaker named by a pronoun only) after every article's others.
      .sort((a, b) => alone(b.sentenceIndex) - alone(a.sentenceIndex) || a.sentenceIndex - b.sentenceIndex);
    ranked.forEach((m, rank) => mentions.push({ ...m, articleRank: rank + (alone(m.sentenceIndex) ? 0 : NOT_ALONE_RANK) }));
  }
  clock?.lap('actors');
  return { article, sentences, found, mentions, notes };
}

/** What analysing a file's bytes gives: the article, or why it is not one (in French). */
export type FileAnalysis = { ok: true; analysed: AnalysedArticle } | { ok: false; reason: string };

/** File bytes → decoded → cleaned → analysed; never throws (a broken file is a reason, not a crash). */
export function analyseFile(id: string, bytes: Uint8Array, listed: ActorMatcher, clock?: StageClock): FileAnalysis {
  try {
    clock?.start();
    const decoded = decodeArticleBytes(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    clock?.lap('decode');
    if (!decoded.ok) return { ok: false, reason: decoded.reason };
    const article = cleanArticleFile(id, decoded.text);
    clock?.lap('clean');
    if (article.paragraphs.length === 0) return { ok: false, reason: 'aucun paragraphe d’article après nettoyage' };
    const analysed = analyseArticle(article, listed, clock);
    analysed.notes.unshift(...decodeNotes(decoded));
    clock?.analysed();
    return { ok: true, analysed };
  } catch (error) {
    return { ok: false, reason: `analyse impossible (${error instanceof Error ? error.message : String(error)})` };
  }
}
