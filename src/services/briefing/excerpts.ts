/**
 * What one article can give a briefing: its candidate excerpts, ranked. An excerpt is a unit of
 * one or more consecutive sentences that reads alone: a sentence the stand-alone judge accepts,
 * or a quotation whole with its attribution (« … », a déclaré X. « … »). The article's lead — its
 * first body sentence, read under its headline — comes first unless that sentence is provably not
 * the news (a caption, a dateline, a question, a teaser, a cut line); then the next sentence that
 * stands alone by the stricter rules later sentences are judged by. Centrality and topic
 * relevance order the rest.
 *
 * The judgement is made once, at index time ({@link excerptFlags}), and kept as one small integer
 * per sentence; queries rebuild the units from those flags ({@link candidatesFromStored}) without
 * judging again. Both steps are linear in the number of sentences.
 */
import { deniedClaim, judgeSentence, type StandaloneRule, type StandaloneVerdict } from './standalone.js';
import { echoesHeadline } from './headline-echo.js';

/** Bits of the per-sentence flags stored in the index. */
export const SentenceFlag = {
  /** On a unit's first sentence: the unit can be served on its own. */
  Servable: 1,
  /** The next sentence belongs to the same unit (a quotation going on, its attribution). */
  JoinsNext: 2,
  /** On the first sentence of the article's lead unit. */
  Lead: 4,
  /** The unit is a quotation served with its speaker. */
  Quote: 8,
  /** The unit opens on the writer's voice (first person, evaluative opener). */
  Commentary: 16,
  /** This sentence, by itself, stands alone (the judge's verdict, before grouping). */
  Alone: 32,
  /** The sentence continues the unit of the sentence before it (not a unit's start). */
  Continues: 256,
} as const;
/** Bits 6–7: how many news signals the unit's first sentence carries (0–3). */
const NEWS_SHIFT = 6;

/** At most this many sentences make one unit (a quotation longer than this is not served). */
export const MAX_UNIT_SENTENCES = 4;
/** At most this many characters make one unit. */
const MAX_UNIT_CHARS = 900;
/** The lead is looked for among the article's first sentences. */
const LEAD_WINDOW = 4;
/** When the opening gives no lead, its replacement is looked for this far. */
const REPLACEMENT_WINDOW = 10;

/** Rules whose reasons a whole quotation with its named speaker resolves. */
const QUOTE_RULES = new Set<StandaloneRule>(['quote-half', 'quote-without-speaker', 'quote-pronoun-speaker']);
/** Rules a sentence inside a unit keeps even though an earlier sentence of the unit introduces it. */
const BLOCKING_INSIDE = new Set<StandaloneRule>(['caption', 'scene-caption', 'dateline', 'fragment']);

export interface ArticleSentenceInput {
  paragraph: number;
  text: string;
}

interface Unit {
  start: number;
  /** Inclusive. */
  end: number;
  quote: boolean;
  speaker: 'named' | 'pronoun' | 'none';
  /** False when a quotation never closes within the unit limits. */
  closed: boolean;
}

/** Extends a unit that opens a quotation to the sentence that closes it (same or next paragraph). */
function quotationEnd(start: number, sentences: readonly ArticleSentenceInput[], verdicts: readonly StandaloneVerdict[]): { end: number; closed: boolean } {
  let chars = sentences[start]!.text.length;
  for (let j = start + 1; j < sentences.length && j - start < MAX_UNIT_SENTENCES; j++) {
    chars += sentences[j]!.text.length;
    if (chars > MAX_UNIT_CHARS) break;
    const v = verdicts[j]!;
    if (v.quotation === 'closes') return { end: j, closed: true };
    // A new quotation opening before the old one closed: the old one was never closed.
    if (v.quotation === 'opens') return { end: j - 1, closed: false };
  }
  return { end: start, closed: false };
}

function unitSpeaker(unit: Unit, verdicts: readonly StandaloneVerdict[]): Unit['speaker'] {
  let speaker: Unit['speaker'] = 'none';
  for (let i = unit.start; i <= unit.end; i++) {
    const s = verdicts[i]!.speaker;
    if (s === 'named') return 'named';
    if (s === 'pronoun') speaker = 'pronoun';
  }
  return speaker;
}

/** Groups the sentences into units: quotations whole, a speakerless quotation with the one that names its speaker. */
function groupUnits(sentences: readonly ArticleSentenceInput[], verdicts: readonly StandaloneVerdict[]): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < sentences.length; ) {
    const v = verdicts[i]!;
    let end = i;
    let closed = true;
    if (v.quotation === 'opens') ({ end, closed } = quotationEnd(i, sentences, verdicts));
    else if (v.quotation === 'closes') closed = false;
    const unit: Unit = { start: i, end, quote: false, speaker: 'none', closed };
    for (let k = i; k <= end; k++) if (verdicts[k]!.quotation !== 'none') unit.quote = true;
    unit.speaker = unitSpeaker(unit, verdicts);
    // A quotation whose speaker is missing or only a pronoun goes with the unit before it, in the
    // same paragraph, when that one names a speaker (`« … », a déclaré X. « … »`).
    const previous = units[units.length - 1];
    if (
      unit.quote &&
      unit.speaker !== 'named' &&
      previous &&
      previous.end === i - 1 &&
      previous.speaker === 'named' &&
      sentences[previous.start]!.paragraph === sentences[i]!.paragraph &&
      end - previous.start < MAX_UNIT_SENTENCES &&
      textLength(sentences, previous.start, end) <= MAX_UNIT_CHARS
    ) {
      previous.end = end;
      previous.quote = true;
      previous.closed &&= closed;
    } else {
      units.push(unit);
    }
    i = end + 1;
  }
  return units;
}

function textLength(sentences: readonly ArticleSentenceInput[], start: number, end: number): number {
  let n = 0;
  for (let i = start; i <= end; i++) n += sentences[i]!.text.length + 1;
  return n;
}

/** Why a unit cannot be served (empty: it can), from its sentences' verdicts. */
export function unitReasons(unit: { start: number; end: number; quote: boolean; speaker: string; closed: boolean }, verdicts: readonly StandaloneVerdict[]): string[] {
  const out: string[] = [];
  const resolvedQuote = unit.quote && unit.closed && unit.speaker === 'named';
  for (let i = unit.start; i <= unit.end; i++) {
    for (const reason of verdicts[i]!.reasons) {
      if (resolvedQuote && QUOTE_RULES.has(reason.rule)) continue;
      // Later sentences of a unit are introduced by the earlier ones.
      if (i > unit.start && !BLOCKING_INSIDE.has(reason.rule)) continue;
      out.push(reason.detail);
    }
  }
  return out;
}

/**
 * Sentences inside a quotation opened by an earlier sentence of the paragraph and not closed yet
 * (`« Cela suffit. Arrêtez-vous net. Je l'ai dit au président. »`): someone else's words, cut
 * from their speaker, even when they carry no quotation mark themselves.
 */
function insideQuotation(sentences: readonly ArticleSentenceInput[], verdicts: readonly StandaloneVerdict[]): boolean[] {
  const inside = sentences.map(() => false);
  let open = false;
  for (let i = 0; i < sentences.length; i++) {
    if (i > 0 && sentences[i]!.paragraph !== sentences[i - 1]!.paragraph) open = false;
    inside[i] = open && verdicts[i]!.quotation === 'none';
    if (verdicts[i]!.quotation === 'opens') open = true;
    else if (verdicts[i]!.quotation === 'closes') open = false;
  }
  return inside;
}

/** A page is an interview when at least this many paragraphs end on a question. */
const INTERVIEW_QUESTIONS = 2;

/**
 * Sentences of an interview's answers: on a page where paragraphs ask and the next ones answer
 * (at least {@link INTERVIEW_QUESTIONS} questions), every paragraph that follows a question is
 * the guest's words, and the page names the guest only above them — a quotation without its
 * speaker, never served alone. The introduction before the first question stays the writer's.
 */
function interviewAnswers(sentences: readonly ArticleSentenceInput[]): boolean[] {
  const lastOf = new Map<number, string>();
  for (const s of sentences) lastOf.set(s.paragraph, s.text);
  const asks = (paragraph: number) => /\?[\s»”")]*$/.test(lastOf.get(paragraph) ?? '');
  const paragraphs = [...lastOf.keys()];
  const questions = new Set(paragraphs.filter(asks));
  if (questions.size < INTERVIEW_QUESTIONS) return sentences.map(() => false);
  // Each paragraph after a question answers it, up to the next question.
  const answers = new Set<number>();
  let answering = false;
  for (const p of paragraphs) {
    if (questions.has(p)) answering = true;
    else if (answering) answers.add(p);
  }
  return sentences.map((s) => answers.has(s.paragraph));
}

/**
 * Index time: the flags of every sentence of one article (see {@link SentenceFlag}), from the
 * stand-alone judge, the quotation grouping and the lead choice. `centrality` is the
 * within-article centrality of each sentence, used only to replace a missing lead.
 */
export function excerptFlags(sentences: readonly ArticleSentenceInput[], centrality: readonly number[], headline = ''): number[] {
  const denied = deniedClaim(headline);
  const verdicts = sentences.map((s, index) => judgeSentence(s.text, { index, ...(denied ? { deniedClaim: denied } : {}) }));
  const flags = verdicts.map((v): number => (v.standsAlone ? SentenceFlag.Alone : 0));
  const units = groupUnits(sentences, verdicts);
  const quoted = insideQuotation(sentences, verdicts);
  const answer = interviewAnswers(sentences);
  const servable: Unit[] = [];
  for (const unit of units) {
    const first = verdicts[unit.start]!;
    let f = flags[unit.start]!;
    if (unitReasons(unit, verdicts).length === 0 && !quoted[unit.start] && !answer[unit.start]) {
      f |= SentenceFlag.Servable;
      servable.push(unit);
    }
    if (unit.quote && unit.speaker === 'named' && unit.closed) f |= SentenceFlag.Quote;
    if (first.commentary) f |= SentenceFlag.Commentary;
    f |= Math.min(3, first.newsSignals) << NEWS_SHIFT;
    flags[unit.start] = f;
    for (let i = unit.start; i < unit.end; i++) {
      flags[i]! |= SentenceFlag.JoinsNext;
      flags[i + 1]! |= SentenceFlag.Continues;
    }
  }
  const lead = chooseLead(servable, verdicts, centrality);
  // A first sentence that only repeats the headline gives way to the next servable unit of the opening.
  const echo = lead?.start === 0 && echoesHeadline(sentences[0]!.text, headline) ? nextLead(servable, verdicts) : undefined;
  if (echo) flags[0]! &= ~SentenceFlag.Servable;
  if (lead) flags[(echo ?? lead).start]! |= SentenceFlag.Lead;
  return flags;
}

/**
 * The lead, position first: the article's first unit when it can be served (the judge holds a
 * first sentence back only when it is provably not the news). Otherwise the next servable unit
 * of the opening that reports news, in reading order; failing that, the most newsworthy and
 * central servable unit a little further on.
 */
function chooseLead(servable: readonly Unit[], verdicts: readonly StandaloneVerdict[], centrality: readonly number[]): Unit | undefined {
  if (servable[0]?.start === 0) return servable[0];
  const isNews = (u: Unit) => !verdicts[u.start]!.commentary && verdicts[u.start]!.newsSignals >= 1;
  const lead = servable.find((u) => u.start < LEAD_WINDOW && isNews(u));
  if (lead) return lead;
  let best: Unit | undefined;
  let bestScore = -Infinity;
  for (const u of servable) {
    if (u.start >= REPLACEMENT_WINDOW || verdicts[u.start]!.commentary) continue;
    const score = (centrality[u.start] ?? 0) + 0.25 * verdicts[u.start]!.newsSignals - 0.02 * u.start;
    if (score > bestScore) {
      best = u;
      bestScore = score;
    }
  }
  return best;
}

/** The first servable unit after the opening one, in the opening, that is not commentary. */
function nextLead(servable: readonly Unit[], verdicts: readonly StandaloneVerdict[]): Unit | undefined {
  return servable.find((u) => u.start > 0 && u.start < LEAD_WINDOW && !verdicts[u.start]!.commentary);
}

// ---------------------------------------------------------------------------------------------
// Query time.

/** A sentence as the index stores it. */
export interface StoredSentence {
  /** 0-based position in the article. */
  index: number;
  text: string;
  centrality: number;
  flags: number;
  /** Its paragraph's 0-based index, when known: a sentence opening a paragraph is told apart. */
  paragraph?: number;
}

export type ExcerptKind = 'lead' | 'quote' | 'sentence';

/** One candidate excerpt of an article. */
export interface ExcerptCandidate {
  articleId: string;
  /** The sentences served together, in order (one, or a quotation with its attribution). */
  sentenceIndexes: number[];
  /** The sentences joined by a space. */
  text: string;
  kind: ExcerptKind;
  /** Higher first; comparable within one article, and across articles of one query. */
  score: number;
  /** Whether it opens a paragraph (absent when paragraphs are unknown). */
  opensParagraph?: boolean;
}

/** Options of {@link candidatesFromStored}. */
export interface CandidateOptions {
  /**
   * Topic relevance of sentences (by index), in [0, 1]. When given, only units holding a
   * relevant sentence are candidates, and relevance leads the score.
   */
  relevance?: ReadonlyMap<number, number>;
}

/** Above any other unit of the article, even after cross-article centrality (at most 1) is added. */
const LEAD_BONUS = 2.5;
const QUOTE_BONUS = 0.05;
const COMMENTARY_PENALTY = 0.5;
const NEWS_WEIGHT = 0.05;

/** The flags' news-signal count. */
export function newsSignalsOf(flags: number): number {
  return (flags >> NEWS_SHIFT) & 3;
}

/**
 * Query time: the candidate excerpts of one article from its stored sentences (all of them, or
 * any window of consecutive ones: a unit cut by the window's edges is left out), best first.
 */
export function candidatesFromStored(articleId: string, stored: readonly StoredSentence[], options: CandidateOptions = {}): ExcerptCandidate[] {
  const rows = [...stored].sort((a, b) => a.index - b.index);
  const out: ExcerptCandidate[] = [];
  for (let i = 0; i < rows.length; ) {
    const first = rows[i]!;
    // A window starting in the middle of a unit: skip to the next unit's start.
    if ((first.flags & SentenceFlag.Continues) !== 0) {
      i++;
      continue;
    }
    let j = i;
    while ((rows[j]!.flags & SentenceFlag.JoinsNext) !== 0 && rows[j + 1] && rows[j + 1]!.index === rows[j]!.index + 1) j++;
    const complete = (rows[j]!.flags & SentenceFlag.JoinsNext) === 0;
    const members = rows.slice(i, j + 1);
    const before = rows[i - 1];
    const opensParagraph =
      first.paragraph === undefined ? undefined : first.index === 0 || (before !== undefined && before.index === first.index - 1 && before.paragraph !== first.paragraph);
    i = j + 1;
    if (!complete || (first.flags & SentenceFlag.Servable) === 0) continue;
    let score: number;
    const centrality = Math.max(...members.map((m) => m.centrality));
    const lead = (first.flags & SentenceFlag.Lead) !== 0;
    const quote = (first.flags & SentenceFlag.Quote) !== 0;
    const base = centrality + NEWS_WEIGHT * newsSignalsOf(first.flags) + (quote ? QUOTE_BONUS : 0) - ((first.flags & SentenceFlag.Commentary) !== 0 ? COMMENTARY_PENALTY : 0);
    if (options.relevance) {
      const relevance = Math.max(0, ...members.map((m) => options.relevance!.get(m.index) ?? 0));
      if (relevance <= 0) continue;
      score = relevance + 0.5 * base + (lead ? 0.3 : 0);
    } else {
      score = base + (lead ? LEAD_BONUS : 0);
    }
    out.push({
      articleId,
      sentenceIndexes: members.map((m) => m.index),
      text: members.map((m) => m.text).join(' '),
      kind: lead ? 'lead' : quote ? 'quote' : 'sentence',
      score,
      ...(opensParagraph !== undefined ? { opensParagraph } : {}),
    });
  }
  return out.sort((a, b) => b.score - a.score || a.sentenceIndexes[0]! - b.sentenceIndexes[0]!);
}

/** Index and query in one go, for one article's sentences (tests, the evaluation, one-off tools). */
export function articleExcerpts(
  articleId: string,
  sentences: ReadonlyArray<ArticleSentenceInput & { centrality: number; flags?: number }>,
  options: CandidateOptions & { headline?: string } = {},
): ExcerptCandidate[] {
  const flags = sentences.every((s) => s.flags !== undefined)
    ? sentences.map((s) => s.flags!)
    : excerptFlags(sentences, sentences.map((s) => s.centrality), options.headline);
  return candidatesFromStored(
    articleId,
    sentences.map((s, index) => ({ index, text: s.text, centrality: s.centrality, flags: flags[index]!, paragraph: s.paragraph })),
    options,
  );
}
