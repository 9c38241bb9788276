/**
 * Positive evidence that a later sentence (not its article's lead) reads alone (issue #21).
 * The judge (standalone.ts) vetoes sentences that show a dependency; on unseen pages a later
 * sentence with no veto is still a coin toss. A topic briefing serves a later sentence only when
 * it shows evidence of its own: it opens a paragraph and names its subject at its start.
 * Each feature's precision on the labelled dev pages: `npx tsx benchmarks/eval/evidence.ts`.
 */
import { foldText } from '../text/normalize.js';
import { FRENCH_STOPWORDS } from '../text/stopwords.js';

/** The features measured on dev; {@link standsAloneByEvidence} is the rule built from them. */
export interface LaterEvidence {
  /** A proper noun in the subject, before the first verb (« Le Kremlin a… », « M. Tchiroma a… »). */
  namedSubject: boolean;
  /** A date, a day or a month of its own (« vendredi », « le 10 octobre », « en 2024 »). */
  timeAnchor: boolean;
  /** A time anchor or any number (« 260.000 civils », « 53,66 % », « à 17h45 »): a fact of its own. */
  anchor: boolean;
  /** A subject pronoun, demonstrative, sequence/addition word or « même » anywhere. */
  marker: boolean;
  /** A quotation mark anywhere (a quote needs its context or its speaker). */
  quoted: boolean;
}

/** Words opening a subject that are not names although capitalised at the start of a sentence. */
const DETERMINERS = new Set(['le', 'la', 'les', "l'", 'un', 'une', 'des', 'du', 'de', "d'", 'au', 'aux']);
/** Forms that end a subject: auxiliaries, frequent finite verbs and verb endings (a heuristic, no dictionary). */
const VERB =
  /^(?:a|ont|est|sont|avait|avaient|etait|etaient|sera|seront|serait|va|vont|doit|doivent|peut|peuvent|fait|font|dit|reste|n'|ne|s'|se|l'a|qui|que|dont)$/u;
const VERB_ENDING = /(?:ait|aient|era|eront|erait|ons|ez)$/u;
/** Whether a word may be a verb (or a relative pronoun) ending the subject; « à » is no « a ». */
const verbLike = (word: string) => {
  if (word === 'à' || word === 'À') return false;
  const f = foldText(word.replace(/[,;:]$/, ''));
  return VERB.test(f) || (VERB_ENDING.test(f) && /^\p{Ll}/u.test(word));
};
/** Months and days: a sentence dated by itself. */
const TIME =
  /\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|(?:19|20)\d\d)\b/u;
/**
 * Words that may point outside the sentence wherever they stand: subject pronouns, demonstratives,
 * sequence and addition words, « même ». Folded; whole words. Measured, not used: on dev they occur
 * as often in stand-alone sentences (« ce dimanche », « qu'il rencontrerait »).
 */
const MARKERS =
  /(?:^|[^\p{L}])(?:il|elle|ils|elles|ce|cet|cette|ces|celui|celle|ceux|celles|cela|ceci|aussi|egalement|ensuite|puis|auparavant|malgre|outre|meme|memes|plus tot|plus tard|pour sa part|de son cote|en echange|en cas de)(?=$|[^\p{L}])/u;
const QUOTES = /[«»“”"]/u;

/** The words of the subject: from the start to the first verb-like word (at most 10 words). */
function subjectWords(text: string): string[] {
  // An opening adverbial set off by a comma (« Jeudi, », « À Yaoundé, ») is not the subject.
  const body = text.replace(/^[^,]{1,40},\s+(?=\p{Lu})/u, '');
  const words = body.split(/\s+/).filter(Boolean).slice(0, 10);
  const out: string[] = [];
  for (const w of words) {
    if (out.length > 0 && verbLike(w)) return out;
    // A heading (« Sécurité et neutralité : ») is not a subject.
    if (/:$/.test(w) || w === ':') return [];
    out.push(w);
  }
  // No verb in reach: a verbless aside (« Une pression supplémentaire pour contraindre X… »).
  return [];
}

/** Whether the subject holds a name: a capitalised word past its opening determiner. */
function namesSubject(text: string): boolean {
  const words = subjectWords(text).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}\p{N}.]+$/gu, ''));
  return words.some((raw, i) => {
    // « L'Arménie », « d'Israël »: the elided article is no part of the name.
    const w = raw.replace(/^(?:l|d|qu)['’]/iu, '');
    if (!/^\p{Lu}/u.test(w)) return false;
    if (i > 0 || w !== raw) return true;
    // The opening word is capitalised anyway: a name when a title, a name or a verb follows it
    // (« M. Tchiroma », « Donald Trump », « Moscou a »), never a determiner or a grammar word.
    const f = foldText(w);
    if (DETERMINERS.has(f) || FRENCH_STOPWORDS.has(f)) return false;
    if (/^(?:M|Mme|Mgr|Dr)\.?$/u.test(w)) return true;
    const next = words[1];
    return next !== undefined && (/^\p{Lu}/u.test(next) || verbLike(next));
  });
}

/** The evidence features of one sentence (or unit of sentences). */
export function laterEvidence(text: string): LaterEvidence {
  const folded = foldText(text).replace(/[’]/g, "'");
  return {
    namedSubject: namesSubject(text),
    timeAnchor: TIME.test(folded),
    anchor: TIME.test(folded) || /\p{N}/u.test(text),
    marker: MARKERS.test(folded),
    quoted: QUOTES.test(text),
  };
}

/**
 * Whether a later sentence shows enough evidence to be served alone in a topic briefing: it opens
 * a paragraph (a writer starts a paragraph on a new point, and names what it is about) and names
 * its subject. Chosen for precision on the dev pages: 17 of 18 labelled stand-alone (94 %), where
 * later sentences the judge lets through are 57 %; the other features measured (a date or a number,
 * no marker, no quotation, position) stay at 50–86 % (benchmarks/eval/evidence.ts).
 */
export function standsAloneByEvidence(text: string, opensParagraph: boolean): boolean {
  return opensParagraph && laterEvidence(text).namedSubject;
}
