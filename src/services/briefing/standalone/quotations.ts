/**
 * Quotations for the stand-alone judge: where a sentence's quotation marks are, and who speaks
 * (a speech verb, `selon X`, or only a pronoun).
 */
import type { QuotationShape } from './types.js';

// Regexes with `\p{…}` outside brackets are module constants: tsx/esbuild rebuilds such a literal
// at every call where it stands (see docs/notes/2026-12-07b/ingest2.md).
const LETTER = /\p{L}/u;

// All lists are folded (lower case, no accents, straight apostrophes) and are closed word
// classes of French grammar (determiners, pronouns, connectors), not content words.

/** Verbs that introduce speech, as written after `a`/`ont` or in the present (`a déclaré`, `affirme`). */
const SPEECH_STEMS =
  'declar affirm expliqu ajout soulign estim avert averti indiqu assur preven prevenu lanc martel confi repond repondu annonc ' +
  'insist reconn reconnu jug rappel precis denonc ecri ecrit tweet comment conclu not observ resum plaid promi menac admi ' +
  'regrett salu deplor protest reag reagi demand relev ironis tranch detaill argu avanc poursuiv poursuivi temoign racont ' +
  'confirm dementi insist fustig critiqu accus assen lach gliss souffl concede concedu souten soutenu fait-valoir fait-savoir';
export const SPEECH_PARTICIPLE = new RegExp(
  `\\b(?:a|ont|avait|avaient|aurait|auraient)(?:-t-(?:il|elle|ils|elles|on))?\\s+(?:\\p{L}+\\s+)?(?:${SPEECH_STEMS.split(' ').join('|')})\\p{L}*`,
  'u',
);
export const SPEECH_PRESENT = new RegExp(
  `\\b(?:${SPEECH_STEMS.split(' ').filter((s) => !s.includes('-')).join('|')})(?:e|ent|it|issent|t)(?:-t-(?:il|elle|ils|elles|on)|-(?:il|elle|ils|elles|on))?\\b|\\b(?:dit|disent|dira|explique|fait valoir|fait savoir|a dit|ont dit)\\b`,
  'u',
);
/** `a-t-il ajouté`, `selon lui`, `il a dit`: the speaker is only a pronoun. */
export const PRONOUN_SPEAKER =
  /-t-(?:il|elle|ils|elles|on)\b|\b(?:dit|ajoute|estime|affirme|explique|souligne|assure|precise|insiste|poursuit|conclut|reconnait|admet|juge|note|observe|resume|martele|confie)-(?:il|elle|ils|elles)\b|\b(?:selon|d'apres|pour) (?:lui|elle|eux|elles)\b|^\W*(?:il|elle|ils|elles|on) (?:a|ont|avait|avaient)\b/;
/** An attribution by source rather than by verb: `selon le ministre`, `d'après Reuters`. */
export const SOURCE_ATTRIBUTION = /\b(?:selon|d'apres|a en croire|aux yeux d[eu]s?)\s+(?!lui\b|elle\b|eux\b|elles\b)/;

interface Quoting {
  /** The sentence with every quoted stretch (marks included) blanked out. */
  outside: string;
  /** The text of the quotation that opens the sentence, when it opens on one. */
  opening: string | undefined;
  shape: QuotationShape;
  /** Share of letters inside quotation marks. */
  quotedShare: number;
}

/** Any quotation mark readQuotations reacts to: most sentences have none. */
const ANY_MARK = /[«“„»”"]/;

// Whether a non-ASCII UTF-16 unit is a letter (`/\p{L}/u` on the unit alone): 0 not yet known, 1 yes, 2 no.
const LETTER_UNIT = new Uint8Array(0x10000);

/** `/\p{L}/u.test(text[i])`, by code unit (a lone surrogate is no letter), without the regex for ASCII. */
function isLetterCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  let known = LETTER_UNIT[code]!;
  if (known === 0) LETTER_UNIT[code] = known = LETTER.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

/** The text with the units flagged in `blank` turned to spaces, one space per unit. */
function blanked(text: string, blank: Uint8Array): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; ) {
    if (blank[i] === 0) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && blank[end] === 1) end++;
    out += text.slice(from, i) + ' '.repeat(end - i);
    from = i = end;
  }
  return out + text.slice(from);
}

/** One pass over the sentence: where the quotations are, and whether one is left open or closed from before. */
export function readQuotations(text: string): Quoting {
  // Without a quotation mark the pass below finds nothing: the same answer, at no cost.
  if (!ANY_MARK.test(text)) return { outside: text, opening: undefined, shape: 'none', quotedShare: 0 };
  // Read by code unit: `«` `“` `„` open, `»` `”` close, `"` alternates.
  const blank = new Uint8Array(text.length);
  let depth = 0;
  let opened = false;
  let closedUnopened = -1;
  let quotedLetters = 0;
  let letters = 0;
  let straightOpen = false;
  let openingStart = -1;
  let openingEnd = -1;
  const leading = /^[\s—–-]*/.exec(text)![0].length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let mark = false;
    if (code === 0xab || code === 0x201c || code === 0x201e || (code === 0x22 && !straightOpen)) {
      if (code === 0x22) straightOpen = true;
      if (depth === 0 && i === leading) openingStart = i + 1;
      depth++;
      opened = true;
      mark = true;
    } else if (code === 0xbb || code === 0x201d || (code === 0x22 && straightOpen)) {
      if (code === 0x22) straightOpen = false;
      if (depth > 0) {
        depth--;
        if (depth === 0 && openingStart !== -1 && openingEnd === -1) openingEnd = i;
      } else {
        // Closes a quotation this sentence never opened: everything before it was quoted.
        closedUnopened = i;
        for (let j = 0; j < i; j++) if (isLetterCode(text.charCodeAt(j))) quotedLetters++;
        blank.fill(1, 0, i);
      }
      mark = true;
    }
    const letter = isLetterCode(code);
    if (letter) letters++;
    if (depth > 0 || mark) {
      if (letter && !mark) quotedLetters++;
      blank[i] = 1;
    }
  }
  // A straight quote opening the sentence but never closed reads like a French « opened here.
  const shape: QuotationShape =
    depth > 0 ? 'opens' : closedUnopened !== -1 ? 'closes' : opened && quotedLetters > letters / 2 ? 'whole' : 'none';
  const opening = openingStart !== -1 ? text.slice(openingStart, openingEnd === -1 ? text.length : openingEnd) : undefined;
  return { outside: blanked(text, blank), opening, shape, quotedShare: letters ? quotedLetters / letters : 0 };
}
