/**
 * Page furniture glued inside a line of prose, taken out of the line (the line stays): a link's
 * label left in a live blog's text (« … a-t-il dit. Lire l'article Le ministre… »), a photo credit
 * or a time stamp at the head of a paragraph (« Photo AFP Le Kazakhstan… », « 18:30Avec… »,
 * « Publié le 7 décembre 2026 à 08:00 Charles Michel… »). Each pattern is anchored on what only
 * furniture writes (a link label between two sentences, a stamp followed by a capitalised word),
 * so that prose that merely uses the words (« il faut lire l'article 49.3 ») is left alone.
 */
import { foldText } from '../text/normalize.js';

import { collapseSpaces } from '../text/normalize.js';

const AGENCIES = '(?:AFP|AP|Reuters|EPA|EFE|DPA|ANSA|Getty Images|Getty|Sipa|Anadolu|Xinhua|Abaca|MaxPPP|Shutterstock|DR)';
const UPPER_WORD = '(?=\\p{Lu}[\\p{Ll}\\p{Lu}’\']|\\p{Lu}\\s)';
const MONTHS = '(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|January|February|March|April|May|June|July|August|September|October|November|December)';
const DATE = `(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}|(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\\s+)?\\d{1,2}(?:er)?\\s+${MONTHS}\\s+\\d{4})`;
const TIME = '(?:\\d{1,2}\\s?[:h]\\s?\\d{2}(?:\\s?(?:Uhr|am|pm|AM|PM))?)';

/** A link's label between two sentences, or ending the line: « Lire l'article », « Lire la brève ». */
const READ_MORE = new RegExp(
  `(^|[.!?…»”"]\\s*)(?:Lire|Voir|Écouter|Ecouter|Regarder)\\s+(?:l['’]article|la brève|la breve|la suite|le billet|l['’]entretien|la vidéo|la video|le reportage|notre (?:article|dossier|enquête))(?:\\s*[.:›»→]+)?\\s*(?=$|\\p{Lu}|«)`,
  'gu',
);
const READ_MORE_CUE = /Lire|Voir|couter|Regarder/;
/** « À lire aussi : Un titre » inside a line: the cue and the headline after it, up to the line's end when short. */
const READ_ALSO = /(^|[.!?…»”"]\s*)(?:À|A)\s+lire\s+(?:aussi|également|egalement)\s*:?\s*([^.!?…]{0,160})$/u;
/** A credit at the head of a paragraph, before a capitalised word: « AP Photo », « Photo AFP », « Photo : Reuters ». */
const HEAD_CREDIT = new RegExp(`^(?:${AGENCIES}\\s+(?:Photo|Foto)s?|(?:Photo|Foto|Crédit photo|Credit)s?\\s*:?\\s*${AGENCIES})\\s*[:./|-]?\\s*${UPPER_WORD}`, 'u');
/** A stamp at the head of a paragraph: « Publié le … à 08:00 », « 07/12/2026 08:00 » (a date alone may head a chronology's item), « 18:30 » before a capitalised word. */
const HEAD_STAMP = new RegExp(
  `^(?:(?:Publié|Publie|Mis à jour|Mise à jour|Modifié|Actualisé|Published|Updated|Posted|Veröffentlicht|Aktualisiert)(?:\\s+(?:le|on|am))?\\s+${DATE}(?:,?\\s*(?:à|at|um)?\\s*${TIME})?|${DATE},?\\s*(?:à|at|um)?\\s*${TIME}|${TIME})\\s*[-–—|,:]?\\s*${UPPER_WORD}`,
  'u',
);

/** One line with the furniture glued inside it taken out (the line unchanged when there is none). */
export function stripGluedFurniture(line: string): string {
  let out = line;
  // Each pattern needs its cue word: lines without one (nearly all) skip the patterns.
  if (READ_MORE_CUE.test(out)) out = out.replace(READ_MORE, (_m, before: string) => before);
  const also = out.includes('lire') ? READ_ALSO.exec(out) : null;
  // The headline after the cue is dropped with it when it is headline-shaped (no sentence inside).
  if (also && also[2]!.split(/\s+/).length <= 20) out = out.slice(0, also.index) + also[1]!;
  for (const head of [HEAD_CREDIT, HEAD_STAMP]) {
    const match = head.exec(out);
    if (match && match[0].length < out.length) out = out.slice(match[0].length);
  }
  out = collapseSpaces(out).trim();
  // A line that is nothing but furniture is left whole: the line rules judge it, with their reason.
  return out === '' ? line : out;
}

/** A sentence glued to the one before it, without a space: its start. */
const GLUED_SENTENCE = /[.!?…]["»”]?(?=\p{Lu}\p{Ll})/gu;
/** Key characters an alt text needs to be recognised in the caption after it. */
const ALT_MIN_KEY = 20;
const keyOf = (text: string) => foldText(text).replace(/[^\p{L}\p{N}]/gu, '');

/**
 * An image's alt text glued to the end of a paragraph (« … ce qu'elle veut.Un ouvrier déblaie le
 * trottoir. ») when the next line, its caption, starts with the same words: the repetition says
 * it is the picture's, not the author's. Lines in, lines out (the same count).
 */
export function stripGluedAltText(lines: readonly string[]): string[] {
  return lines.map((line, i) => {
    const next = lines[i + 1];
    if (!next || !GLUED_STOP_CUE.test(line)) return line;
    let tailStart = -1;
    for (const match of line.matchAll(GLUED_SENTENCE)) tailStart = match.index + match[0].length;
    if (tailStart <= 0) return line;
    const tail = keyOf(line.slice(tailStart));
    return tail.length >= ALT_MIN_KEY && keyOf(next).startsWith(tail) ? line.slice(0, tailStart) : line;
  });
}

const GLUED_STOP_CUE = /[.!?…]["»”]?\p{Lu}/u;
