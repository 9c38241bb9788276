/**
 * Can this sentence be read alone, torn from its article? A briefing serves sentences without
 * their neighbours, so a sentence that points back at something the reader never saw (« Cette
 * offre… », « Pour contrer cela… », « Elle teste… »), half a quotation, a quotation without its
 * speaker, a question, a photo caption, a dateline or a cut fragment must not be served alone.
 *
 * The judgement reads French grammar, not a list of sentences: each rule (in ./standalone/) is named, looks at
 * one feature of the sentence (its opening words, its determiners, its quotation marks, its end)
 * and gives a reason in French, like `classifyLines()` does for page lines. Every rule is one pass
 * over the sentence (or its first words): the cost is linear in its length.
 */
import { collapseSpaces, foldLower, foldText, isSpaceCode } from '../text/normalize.js';
import { COMPOUND_TENSE as EVENT_VERB, looksLikeCaption } from '../corpus/caption.js';
import { parseDateline } from '../corpus/metadata.js';
import { BACKGROUND_OPENERS, COMMENTARY_OPENERS, FIRST_PERSON, FIRST_SENTENCE_VETOES, LEADING_SYMBOLS, SPEAKER_LABEL, TIME_MARKER, isFragment } from './standalone/lead.js';
import { laterSentenceReasons } from './standalone/later.js';
import { sceneCaption } from './standalone/scene-caption.js';
import { openerReasons, mainClause } from './standalone/openers.js';
import { PRONOUN_SPEAKER, SOURCE_ATTRIBUTION, SPEECH_PARTICIPLE, SPEECH_PRESENT, readQuotations } from './standalone/quotations.js';
import {
  COMPARED_BEFORE,
  INNER_CONNECTORS,
  REPORTED_BEFORE,
  UNKNOWN_OF_BEFORE,
  anaphoricNounPhrase,
  demonstrativeReasons,
  mayPointBack,
  pointsBackAtOpening,
  undefinedLabelNoun,
  verbless,
} from './standalone/reference.js';
import type { StandaloneReason, StandaloneVerdict } from './standalone/types.js';

// Regexes with `\p{…}` outside brackets are module constants: tsx/esbuild rebuilds such a literal
// at every call where it stands (see docs/notes/2026-12-07b/ingest2.md).
const CAPITALISED_AFTER_SPACE = /\s\p{Lu}\p{Ll}/u;
const OPENS_ON_DEMONSTRATIVE = /^(?:ce|cet|cette|ces) \p{L}/u;
/** Spaces, quotation marks and dashes before the first word (always matches, maybe empty). */
const LEADING_MARKS = /^[\s«“"„—–-]*/;

/** Where `text.replace(/^\s*\S+/, '')` starts: after the first run of non-space units (0 when there is none). By hand: no copy. */
function firstWordEnd(text: string): number {
  let i = 0;
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  if (i === text.length) return 0;
  while (i < text.length && !isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

export type { QuotationShape, StandaloneReason, StandaloneRule, StandaloneVerdict } from './standalone/types.js';
export { deniedClaim } from './standalone/later.js';

/** Where the sentence sits, when the caller knows. */
export interface SentenceContext {
  /**
   * 0-based index of the sentence in its article. The first sentence is read under its headline:
   * only {@link FIRST_SENTENCE_VETOES} hold it back. Unknown: judged as a later sentence.
   */
  index?: number;
  /** The terms of the claim the article's headline denies ({@link deniedClaim}), if it is a denial. */
  deniedClaim?: readonly string[];
}

/** Judges one sentence. Pure and linear in the sentence's length. */
export function judgeSentence(raw: string, context: SentenceContext = {}): StandaloneVerdict {
  // A bullet or an emoji before the first word (`▫️Ces informations…`) is layout, not a word.
  const text = raw.replace(LEADING_SYMBOLS, '').replace(SPEAKER_LABEL, '');
  const reasons: StandaloneReason[] = [];
  const quoting = readQuotations(text);
  const lower = text.toLowerCase();
  const folded = foldLower(lower);
  const outsideFolded = collapseSpaces(quoting.outside === text ? folded : foldText(quoting.outside)).trim();

  // Dateline left at the head of a sentence.
  const dateline = parseDateline(text);
  if (dateline) reasons.push({ rule: 'dateline', detail: `commence par une ligne de lieu et date (« ${text.slice(0, dateline.length).trim()} »)` });

  // Opening words: of the sentence outside quotations, and of an opening quotation.
  const outsideOpening = quoting.shape === 'closes' ? '' : text.replace(/^[\s—–-]+/, '');
  // The opening without its leading marks, folded: what openerReasons folds when it reads outsideOpening.
  // Those marks fold to one unit each and have no case, so this is `folded` without them.
  const openingFolded = folded.slice(LEADING_MARKS.exec(text)![0].length);
  if (outsideOpening && !/^[«“"„]/.test(outsideOpening)) openerReasons(outsideOpening, reasons, '', openingFolded);
  if (quoting.opening !== undefined && quoting.shape !== 'closes') openerReasons(quoting.opening, reasons, 'la citation ');
  if (mayPointBack(outsideFolded)) demonstrativeReasons(quoting.outside, reasons);
  // A quotation that opens on `Cela…` points back as much as the writer's own sentence would.
  if (quoting.opening !== undefined && quoting.shape !== 'closes') demonstrativeReasons(quoting.opening.split(/\s+/).slice(0, 4).join(' '), reasons, 'la citation : ');
  const inner = INNER_CONNECTORS.exec(outsideFolded);
  if (inner && !reasons.some((r) => r.rule === 'connector') && !/\bmais aussi\b/.test(outsideFolded)) {
    reasons.push({ rule: 'connector', detail: `« ${inner[1]} » rattache la phrase à une autre` });
  }
  const compared = COMPARED_BEFORE.exec(outsideFolded);
  if (compared && !/\bqu(?:e\b|')/.test(outsideFolded.slice(compared.index))) {
    reasons.push({ rule: 'connector', detail: `« ${compared[0]} » compare avec ce qui précède` });
  }

  // A definite noun phrase only the previous sentences define, at the head of the sentence or of
  // its main clause (`Avant les Jeux, les deux pays ont signé…`).
  if (outsideOpening && !/^[«“"„]/.test(outsideOpening)) {
    const { intro, main } = mainClause(outsideOpening);
    const np = anaphoricNounPhrase(outsideOpening) ?? (intro ? anaphoricNounPhrase(main) : undefined) ?? undefinedLabelNoun(quoting.outside, outsideFolded);
    if (np) reasons.push({ rule: 'anaphora', detail: `« ${np} » désigne ce qu’une phrase précédente a présenté` });
    else if (UNKNOWN_OF_BEFORE.test(outsideFolded)) {
      reasons.push({ rule: 'anaphora', detail: 'dit ce qu’on ignore d’un fait présenté avant' });
    }
    const aside = verbless(outsideOpening);
    if (aside) reasons.push({ rule: 'verbless', detail: `phrase sans verbe principal (${aside})` });
  }

  // `Le service russe de la BBC en fait état`, `Moscou l'a confirmé`: a pronoun object stands for
  // the news itself, said before (under a headline: in the title).
  const reported = REPORTED_BEFORE.exec(outsideFolded);
  if (reported) reasons.push({ rule: 'presentative', detail: `« ${reported[0]} » rapporte une nouvelle dite avant` });

  // Quotations.
  const speechParticiple = SPEECH_PARTICIPLE.test(outsideFolded);
  const speaker: StandaloneVerdict['speaker'] = PRONOUN_SPEAKER.test(outsideFolded)
    ? 'pronoun'
    : speechParticiple || SPEECH_PRESENT.test(outsideFolded) || SOURCE_ATTRIBUTION.test(outsideFolded) || /:\s*$/.test(outsideFolded)
      ? 'named'
      : 'none';
  if (quoting.shape === 'opens') reasons.push({ rule: 'quote-half', detail: 'ouvre une citation qui se poursuit dans la phrase suivante' });
  if (quoting.shape === 'closes') reasons.push({ rule: 'quote-half', detail: 'ferme une citation ouverte dans une phrase précédente' });
  if (quoting.shape === 'whole' || quoting.shape === 'opens' || (quoting.shape === 'closes' && quoting.quotedShare > 0.5)) {
    if (speaker === 'none') reasons.push({ rule: 'quote-without-speaker', detail: 'citation sans son auteur' });
    else if (speaker === 'pronoun') reasons.push({ rule: 'quote-pronoun-speaker', detail: 'citation dont l’auteur n’est qu’un pronom (« a-t-il dit »)' });
  }

  // Questions (a question quoted with its speaker is reported speech, not the writer asking).
  if (/\?[\s»”")]*$/.test(text) && !(quoting.shape !== 'none' && speaker === 'named')) {
    reasons.push({ rule: 'question', detail: 'question (n’apporte pas de nouvelle)' });
  }

  // Captions.
  if (looksLikeCaption(text, folded)) {
    reasons.push({ rule: 'caption', detail: 'légende de photo (groupe nominal daté, sans fait rapporté)' });
  } else {
    const scene = sceneCaption(text, folded);
    if (scene) reasons.push({ rule: 'scene-caption', detail: scene });
  }

  const fragment = isFragment(text, folded);
  if (fragment) reasons.push({ rule: 'fragment', detail: fragment });

  // News or commentary (for choosing a lead, not for standing alone).
  let commentary: string | undefined;
  const commentaryOpener = COMMENTARY_OPENERS.exec(openingFolded);
  if (commentaryOpener) commentary = `ouvre sur un commentaire (« ${commentaryOpener[0]} »)`;
  else if (FIRST_PERSON.test(outsideFolded)) commentary = 'l’auteur parle à la première personne';
  const afterFirst = text.slice(firstWordEnd(text));
  const newsSignals =
    (CAPITALISED_AFTER_SPACE.test(afterFirst) ? 1 : 0) +
    (TIME_MARKER.test(folded) ? 1 : 0) +
    (speechParticiple || SOURCE_ATTRIBUTION.test(folded) ? 1 : 0) +
    (EVENT_VERB.test(quoting.outside === text ? lower : quoting.outside.toLowerCase()) ? 1 : 0);
  // A later sentence stands alone by stricter rules: it may not hang on another event of the
  // article, continue someone's speech, or state what the headline denies.
  if (context.index !== 0) laterSentenceReasons({ text, folded, outsideFolded, openingFolded, outsideOpening }, context.deniedClaim, reasons);
  // Under its headline the first sentence may point back, except when its very subject does
  // (« Ces informations ont été rapportées par… »): then the news is in the title alone.
  // (Read for the first sentence only.)
  let kept = reasons;
  if (context.index === 0) {
    const opensOnDemonstrative = OPENS_ON_DEMONSTRATIVE.test(openingFolded) && pointsBackAtOpening(text);
    kept = reasons.filter((r) => FIRST_SENTENCE_VETOES.has(r.rule) || (opensOnDemonstrative && r.rule === 'demonstrative'));
  }
  const background = BACKGROUND_OPENERS.test(openingFolded);
  return {
    standsAlone: kept.length === 0,
    reasons: kept,
    quotation: quoting.shape,
    speaker,
    ...(commentary ? { commentary } : {}),
    ...(background ? { background } : {}),
    newsSignals,
  };
}
