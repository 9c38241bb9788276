/**
 * What tells a lead from the rest: the first sentence's vetoes, a cut fragment, the author's
 * commentary, background openers, markers of reported news.
 */
import { foldText, isSpaceCode } from '../../text/normalize.js';
import type { StandaloneRule } from './types.js';
import { wordCount } from './words.js';

// Regexes with `\p{…}` outside brackets are module constants: tsx/esbuild rebuilds such a literal
// at every call where it stands (see docs/notes/2026-12-07b/ingest2.md).
const STARTS_LOWER = /^\p{Ll}/u;

// All lists are folded (lower case, no accents, straight apostrophes) and are closed word
// classes of French grammar (determiners, pronouns, connectors), not content words.

/**
 * What can make an article's first sentence not its news: it is read under its headline, so
 * nothing before it is missing, and only these say it is no lead (a caption, a dateline, a
 * question, a teaser or furniture, a cut line, a quotation without its speaker).
 */
export const FIRST_SENTENCE_VETOES = new Set<StandaloneRule>(['caption', 'scene-caption', 'dateline', 'question', 'fragment', 'voice', 'quote-half', 'quote-without-speaker', 'presentative']);

/** The authorial voice: the writer speaks (`nous discuterons`), or judges (`une chose est certaine`). */
export const COMMENTARY_OPENERS =
  /^(?:une chose est (?:sure|certaine)|il est des|il etait une fois|il est a noter|force est de|nul doute|sans doute|il faut dire|on peut se demander|reste a (?:voir|savoir)|notons|rappelons|soulignons|precisons|disons|imaginons|admettons|au fond|en somme|en definitive|a n'en pas douter|il va sans dire|l'histoire (?:retiendra|dira)|on l'a vu|comme on le sait|chacun sait|tout le monde sait)\b/;
export const FIRST_PERSON = /\b(?:je|j'|nous|notre|nos|me|m'|moi)\b/;

/** Markers of reported news: a named actor inside the sentence, a time, an attribution, an event verb. */
export const TIME_MARKER =
  /\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd'hui|ce matin|ce soir|cette nuit|cette semaine|ce week-end|la semaine (?:derniere|prochaine)|le mois (?:dernier|prochain)|\d{1,2}(?:er)? (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)|en (?:19|20)\d\d)\b/;

/** Function words a sentence never ends on unless it was cut (`…publié au Journal`, `… de la`). */
const DANGLING = new Set(
  'le la les l un une des du de d au aux a et ou mais ni car que qu qui dont ce cette ces son sa ses leur leurs sur sous dans par pour avec sans entre vers chez en'.split(' '),
);

/** Below this many words, a line without final punctuation is not a sentence. */
const UNPUNCTUATED_MIN_WORDS = 15;

/** Openers of background rather than news: what has lasted (`Depuis l'annexion…`), not what happened. */
export const BACKGROUND_OPENERS = /^(?:depuis|ces dernieres (?:annees|semaines|decennies)|au fil des|historiquement|longtemps|de longue date|jusqu'ici|jusqu'a present|il y a (?:\d+|\p{L}+) ans)\b/u;

/** Where `text.replace(/[\s»”")\]]+$/u, '')` ends: before the closing marks and white space at its end (by hand: the regex tries every position). */
function closingEnd(text: string): number {
  let end = text.length;
  for (; end > 0; end--) {
    const code = text.charCodeAt(end - 1);
    if (!(isSpaceCode(code) || code === 0xbb || code === 0x201d || code === 0x22 || code === 0x29 || code === 0x5d)) break;
  }
  return end;
}

export function isFragment(text: string, folded = foldText(text)): string | undefined {
  const bare = text.replace(/^[\s«“"„(—–-]+/, '');
  if (STARTS_LOWER.test(bare)) return 'commence en minuscule (début coupé)';
  const stripped = text.slice(0, closingEnd(text));
  if (/[,;:]$/.test(stripped)) return 'se termine sur une virgule ou deux-points (phrase coupée)';
  const punctuated = /[.!?…]$/.test(stripped);
  // Only compared with 4 (and 15 without final punctuation) below.
  const count = wordCount(folded, punctuated ? 4 : UNPUNCTUATED_MIN_WORDS);
  if (!punctuated) {
    const last = foldText(stripped.split(/\s+/).pop() ?? '');
    if (DANGLING.has(last.replace(/'$/, ''))) return `se termine sur « ${stripped.split(/\s+/).pop()} » (phrase coupée)`;
    // A long line of prose may have lost its full stop (a lead under a headline); a short one is a list item or a label.
    if (count < UNPUNCTUATED_MIN_WORDS) return 'sans ponctuation finale et courte (élément de liste, étiquette)';
  }
  if (count < 4) return 'trop courte pour être une phrase';
  return undefined;
}

/** Symbols, bullets and emoji (with their joiners and variation selectors) before the first word. */
export const LEADING_SYMBOLS = /^[\p{So}\p{Sk}\p{Co}\u200d\ufe0f•▪▫◦‣⁃·►▶→]+\s*/u;

/**
 * A speaker's label in capitals before a colon (« PRÉSENTATRICE : », « JOURNALISTE (Anne Roy) : »): a transcript
 * names who speaks; what the sentence says is read after it.
 */
export const SPEAKER_LABEL = /^(?:\p{Lu}{1,3}\.\s)?\p{Lu}[\p{Lu}'’-]{2,}(?:\s\p{Lu}[\p{Lu}'’-]+){0,2}(?:\s\([^()]{1,60}\))?\s?:\s+(?=\S)/u;
