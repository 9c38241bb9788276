/**
 * Photo captions. A caption names what a picture shows — a noun phrase, a place and a date
 * (`Le président kényan William Ruto à Nairobi, le 3 juin 2024.`) — or is labelled as one
 * (`Photo : …`), maybe with its credit (`AP Photo/…`). It reports no event: it has no compound
 * tense (`a annoncé`, `ont été tués`).
 * Used by the page cleaner (a caption is not body text, wherever it sits) and by the stand-alone
 * judge (a caption is never served as an excerpt).
 */
import { foldText, isSpaceCode } from '../text/normalize.js';

/**
 * A compound tense (`a annoncé`, `ont été tués`, `est parti`): the mark of a reported event.
 * Read on the accented lower-case text, so that `à Nairobi` is no verb.
 */
export const COMPOUND_TENSE =
  /(?<!\p{L})(?:a|ont|avait|avaient|aurait|auraient|est|sont|sera|seront)\s+(?:\p{L}+\s+)?\p{L}+(?:é|ée|és|ées|i|is|ie|it|u|us|ue|ert|ort)(?!\p{L})/u;

const WEEKDAY = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)';
const MONTH = '(?:janv\\p{L}*|fevr?\\p{L}*|mars|avr\\p{L}*|mai|juin|juil\\p{L}*|aout|sept\\p{L}*|oct\\p{L}*|nov\\p{L}*|dec\\p{L}*)';
/** A photo credit glued after the date (`AP Photo/Alex Brandon`, `© Reuters`, `Crédit : AFP`). On folded text. */
const CREDIT = '[^.]{0,40}(?:photo|©|credit|/)[^.]{0,40}';
/** `…, le 12 mars 2025.`, `…, lundi 13 mai.`, maybe followed by a credit in brackets. On folded text. */
const DATE_TAIL = new RegExp(
  `,\\s*(?:le\\s+)?(?:${WEEKDAY}\\s+)?\\d{1,2}(?:er)?\\s+${MONTH}\\.?(?:\\s+\\d{4})?\\s*\\.?\\s*(?:\\([^)]{0,60}\\)|${CREDIT})?\\s*\\.?$`,
  'u',
);
/** `Photo : …`, `Sur cette image…`, `(Photo AFP)`. On folded text. */
const LABEL = /^(?:\|?\s*\(?photos?\s*[:(-]|\|?\s*photos? (?:prises?|publiees?|diffusees?|fournies?) (?:le|par|lors|en|a|dans)\b|photo d'illustration|image\s*:|illustration\s*:|sur cette (?:photo|image)|ci-dessus|ci-contre|en photo\b|video\s*:)/;

const HAS_DIGIT = /\d/;
/**
 * A caption closed by its credit: `… à Boston, samedi matin. Photo: AP/Michael Dwyer`, `… Crédit : Getty
 * Images/J. Prezioso`. The credit is a few words (initials allowed) with no sentence in them. On folded text.
 */
const TAIL_CREDIT = /(?:^|[.!?)»"]\s*|\s)(?:photos?|credits?(?: photo)?|image|illustration|foto|bild)\s?:\s?((?:[^.!?:;]|(?<=(?:^|[\s/])\p{L})\.){2,60})$/u;
const CREDIT_WORDS = 6;
/** …or by an agency and its photographer after the last sentence or a dash: `… se réduire ». AFP/Ed JONES.` On folded text. */
const AGENCY_TAIL = /(?:[.!?»"”]\s*|\s[-—–]\s*)(?:afp|ap|reuters|epa|efe|dpa|ansa|getty images|getty|sipa|anadolu|xinhua|abaca|maxppp|shutterstock)\s*\/\s*[^/.!?]{2,40}\.?$/;

/** Captions are short; a scene in the present with its place and date may run a little longer. */
const MAX_WORDS = 60;

/**
 * `foldText(text.trim())`; from `folded` (`foldText(text)`) when the caller has it: white space
 * has no case and folds to one unit each, so the spaces trimmed off either end are as many units
 * of the fold (what lies between may fold longer or shorter: only the ends are counted).
 */
function foldedTrim(text: string, folded: string | undefined): string {
  if (folded === undefined) return foldText(text.trim());
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  return lead + trail >= text.length ? '' : folded.slice(lead, folded.length - trail);
}

/** `folded.split(/\s+/).length > max`, counted by hand without cutting (one piece more than runs of spaces). */
function wordsOver(folded: string, max: number): boolean {
  let pieces = 1;
  let inSpace = false;
  for (let i = 0; i < folded.length; i++) {
    const space = isSpaceCode(folded.charCodeAt(i));
    if (space && !inSpace && ++pieces > max) return true;
    inSpace = space;
  }
  return false;
}

/** True when the text reads as a photo caption (see the module comment). */
export function looksLikeCaption(text: string, foldedText?: string): boolean {
  const folded = foldedTrim(text, foldedText);
  if (LABEL.test(folded)) return true;
  if (wordsOver(folded, MAX_WORDS)) return false;
  // Each tail needs its mark (the credit's colon, the agency's slash): most lines have neither.
  const credit = folded.includes(':') ? TAIL_CREDIT.exec(folded) : null;
  if (credit && credit[1]!.trim().split(/\s+/).length <= CREDIT_WORDS) return true;
  if (folded.includes('/') && AGENCY_TAIL.test(folded)) return true;
  // The date tail needs a digit (its day): most lines have none, and skip the regex.
  return HAS_DIGIT.test(folded) && DATE_TAIL.test(folded) && !COMPOUND_TENSE.test(text.toLowerCase());
}
