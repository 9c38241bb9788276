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

const OPEN_MARKS = new Set(['«', '“', '„']);
const CLOSE_MARKS = new Set(['»', '”']);

/** Any quotation mark readQuotations reacts to: most sentences have none. */
const ANY_MARK = /[«“„»”"]/;

/** `/\p{L}/u.test(c)` for one code unit, without the regex for ASCII. */
function isLetter(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  return LETTER.test(c);
}

/** One pass over the sentence: where the quotations are, and whether one is left open or closed from before. */
export function readQuotations(text: string): Quoting {
  // Without a quotation mark the pass below finds nothing: the same answer, at no cost.
  if (!ANY_MARK.test(text)) return { outside: text, opening: undefined, shape: 'none', quotedShare: 0 };
  const out = text.split('');
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
    const c = text[i]!;
    let mark = false;
    if (OPEN_MARKS.has(c) || (c === '"' && !straightOpen)) {
      if (c === '"') straightOpen = true;
      if (depth === 0 && i === leading) openingStart = i + 1;
      depth++;
      opened = true;
      mark = true;
    } else if (CLOSE_MARKS.has(c) || (c === '"' && straightOpen)) {
      if (c === '"') straightOpen = false;
      if (depth > 0) {
        depth--;
        if (depth === 0 && openingStart !== -1 && openingEnd === -1) openingEnd = i;
      } else {
        // Closes a quotation this sentence never opened: everything before it was quoted.
        closedUnopened = i;
        for (let j = 0; j < i; j++) if (isLetter(text[j]!)) quotedLetters++;
        out.fill(' ', 0, i);
      }
      mark = true;
    }
    const letter = isLetter(c);
    if (letter) letters++;
    if (depth > 0 || mark) {
      if (letter && !mark) quotedLetters++;
      out[i] = ' ';
    }
  }
  // A straight quote opening the sentence but never closed reads like a French « opened here.
  const shape: QuotationShape =
    depth > 0 ? 'opens' : closedUnopened !== -1 ? 'closes' : opened && quotedLetters > letters / 2 ? 'whole' : 'none';
  const opening = openingStart !== -1 ? text.slice(openingStart, openingEnd === -1 ? text.length : openingEnd) : undefined;
  return { outside: out.join(''), opening, shape, quotedShare: letters ? quotedLetters / letters : 0 };
}
