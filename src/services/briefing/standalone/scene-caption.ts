/**
 * A photo caption without a verb: who is shown, then the scene (`lors de…`, `pendant…`, `à
 * [lieu]`), closed by its date or flanked by its photo credit — `Donald Trump et Volodymyr Zelensky
 * lors de leur rencontre à la Maison-Blanche le 18 août 2025.` It reports nothing: no finite verb.
 * The page cleaner's caption test (../../corpus/caption.ts) wants a comma before the date; this
 * reads the shape itself, so a caption set without one is still no lead.
 *
 * Grammar and position only: a noun phrase that names someone, a scene marker, a date at the end
 * (or a credit), and no word that can be a conjugated verb. A present tense cannot be told from a
 * noun without a dictionary, so the word after a name, where a verb would stand (`Trump salue…`),
 * must be a function word or punctuation.
 */
import { foldText } from '../../text/normalize.js';

/** Scene markers, folded: `lors de`, `pendant`, `au cours de`, `en marge de`, `à l'occasion de`. */
const SCENE_MARKER = /^(?:lors|pendant|durant|au cours|en marge|a l'occasion)$/;
/** Words of a scene marker's second half (`lors de`, `au cours du`). */
const MARKER_OF = /^(?:de|d'|du|des)$/;

const MONTH = '(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|janv|fevr?|avr|juil|sept|oct|nov|dec)';
const WEEKDAY = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)';
/** A photo credit in the sentence, folded: `© AFP`, `Photo : Reuters`, `AFP/John Doe`, `(Photo AP)`. */
const CREDIT = /(?:©|\bcredits?\s*(?:photo)?\s*:|\bphotos?\s*(?::|\/|\bafp\b|\bap\b|\breuters\b)|\b(?:afp|ap|reuters|epa|getty images|sipa|anadolu|xinhua|abaca|maxppp)\s*\/\s*\p{L})/u;
/**
 * The date that closes a caption, after `le`, a comma or a weekday (`…, le 9 mai 2025.`, `… le 18
 * août.`), maybe with a credit after it: not the span of a night (`du 9 au 10 octobre`). On folded text.
 */
const DATE_END = new RegExp(
  `(?:,|\\ble|\\b${WEEKDAY})\\s+(?:${WEEKDAY}\\s+)?\\d{1,2}(?:er)?\\s+${MONTH}\\.?(?:\\s+\\d{4})?\\s*(?:\\([^)]{0,60}\\)|[-—–|/]?\\s*[^.]{0,40}(?:©|photo|credit|/)[^.]{0,40})?\\s*[.]?\\s*$`,
  'u',
);

/**
 * Finite verbs by their shape, folded: auxiliaries and modals, `-ent`/`-ait`/`-aient`/`-ont`, the
 * future and conditional. Nouns in `-ent` (`président`, `gouvernement`) would look finite: they
 * make the test say "a verb", which only keeps a sentence — the safe side.
 */
const FINITE =
  /^(?:a|ont|avait|avaient|aura|auront|aurait|auraient|est|sont|etait|etaient|sera|seront|serait|seraient|fut|furent|peut|peuvent|pourrait|pourraient|doit|doivent|devrait|devraient|va|vont|fait|font|dit|disent|vient|viennent|se|s'|ne|n'|qui|que|qu'|dont|il|elle|ils|elles|on)$|(?:ait|aient|ont|era|eront|erait|eraient)$/;
/**
 * `-ent` is read as a verb (`annoncent`, `rencontrent`) except in `-ment` and `-dent`, where a
 * caption's nouns are (`président`, `gouvernement`): other nouns in `-ent` (`agent`) only keep a sentence.
 */
const VERB_ENT = /\p{L}ent$/u;
const NOUN_ENT = /(?:ment|dent)$/;

/** What may follow a name in a verbless noun phrase: a function word, a title, a scene marker. */
const AFTER_NAME = /^(?:et|ou|de|d'|du|des|le|la|les|l'|son|sa|ses|leur|leurs|avec|aux?|a|en|dans|sur|devant|pres|lors|pendant|durant|apres|avant|ainsi|entre)$/;
/** How a caption's subject opens: a determiner, a number, or a name. */
const DETERMINER = /^(?:le|la|les|l'|un|une|des|deux|trois|quatre|cinq|plusieurs|son|sa|ses|leur|leurs|\d+)$/;
const ARTICLE = /^(?:le|la|les|l'|du|des|de|d'|au|aux)$/;
/** Adjectives capitalised in titles (`Premier ministre`, `Haut représentant`). */
const TITLE_ADJECTIVE = /^(?:premier|premiere|haut|haute)$/;
/** Function words that are capitalised only at the sentence's start. */
const NOT_A_NAME = /^(?:a|au|aux|apres|avant|dans|de|depuis|des|du|durant|en|entre|lors|par|pendant|pour|selon|sous|sur|vers|ce|cet|cette|ces|il|elle|ils|elles|on|nous|je|mais|et|ou|si|quand|alors)$/;

// Regexes with `\p{…}` outside brackets are module constants: tsx/esbuild rebuilds such a literal
// at every call where it stands (see docs/notes/2026-12-07b/ingest2.md).
const STARTS_UPPER = /^\p{Lu}/u;

/** Captions are short. */
const MAX_WORDS = 45;

interface Word {
  raw: string;
  folded: string;
  /** Capitalised as written. */
  upper: boolean;
  /** A comma (or another clause mark) follows it. */
  comma: boolean;
}

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const piece of text.split(/\s+/)) {
    // `l'accord` → `l'`, `accord`; punctuation around a word is not part of it.
    const bare = piece.replace(/^[«“"„(\[—–-]+/u, '').replace(/[,;:.!?…)»”"\]]+$/u, '');
    if (!bare) continue;
    const comma = /[,;:)]$/.test(piece);
    const elided = /^([dljmnst]|qu)['’](.+)$/iu.exec(bare);
    const parts = elided ? [`${elided[1]}'`, elided[2]!] : [bare];
    parts.forEach((raw, k) => out.push({ raw, folded: foldText(raw), upper: STARTS_UPPER.test(raw), comma: comma && k === parts.length - 1 }));
  }
  return out;
}

function looksFinite(w: Word): boolean {
  if (w.upper) return false;
  // The preposition `à` folds to the auxiliary `a`.
  if (w.raw === 'à' || w.raw === 'À') return false;
  if (FINITE.test(w.folded)) return true;
  return VERB_ENT.test(w.folded) && !NOUN_ENT.test(w.folded);
}

/** Where the scene starts: a marker (`lors de`), or `à`/`au`/`en` before a capitalised place. */
function sceneStart(ws: readonly Word[]): number {
  for (let i = 1; i < ws.length - 1; i++) {
    const f = ws[i]!.folded;
    const two = `${f} ${ws[i + 1]!.folded}`;
    if (SCENE_MARKER.test(f) && (f === 'pendant' || f === 'durant' || MARKER_OF.test(ws[i + 1]!.folded))) return i;
    if (SCENE_MARKER.test(two) && MARKER_OF.test(ws[i + 2]?.folded ?? '')) return i;
    if (two === "a l'" && ws[i + 2]?.folded === 'occasion') return i;
    // `à Moscou`, `à la Maison-Blanche`, `au Kremlin`, `en Égypte`.
    if (/^(?:a|au|aux|en)$/.test(f) && !looksFinite(ws[i]!)) {
      const next = /^(?:la|l'|les)$/.test(ws[i + 1]!.folded) ? ws[i + 2] : ws[i + 1];
      if (next?.upper) return i;
    }
  }
  return -1;
}

/**
 * Why the sentence reads as a verbless photo caption (undefined: it does not). `folded` is
 * `foldText(text)` when the caller has it.
 */
export function sceneCaption(text: string, folded = foldText(text)): string | undefined {
  const flat = folded.trim();
  const dated = /\d/.test(flat) && DATE_END.test(flat);
  // Every credit has a mark (`©`, `:`, `/`) or says `photo`: most sentences have none, and skip the regex.
  const credited = (flat.includes('©') || flat.includes(':') || flat.includes('/') || flat.includes('photo')) && CREDIT.test(flat);
  if (!dated && !credited) return undefined;
  const ws = wordsOf(text);
  if (ws.length < 4 || ws.length > MAX_WORDS) return undefined;
  // The subject: a determiner or a name, not an adverbial opening (`Lors de sa visite…`).
  const first = ws[0]!;
  if (!DETERMINER.test(first.folded) && !(first.upper && !NOT_A_NAME.test(first.folded))) return undefined;
  const scene = sceneStart(ws);
  if (scene < 1) return undefined;
  // Someone named before the scene (`Donald Trump`, `Le président chinois, Xi Jinping,`).
  const named = ws.slice(0, scene).some((w, i) => w.upper && (i > 0 || !DETERMINER.test(w.folded)));
  if (!named) return undefined;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (looksFinite(w)) return undefined;
    // Where a verb would follow its subject (`Trump salue…`): only a function word may stand there.
    // French typography capitalises a title's adjective (`le Premier ministre`): no subject.
    const title = i > 0 && TITLE_ADJECTIVE.test(w.folded) && ARTICLE.test(ws[i - 1]!.folded);
    if (i < scene && w.upper && !title && !(i === 0 && DETERMINER.test(w.folded)) && i + 1 < scene) {
      const next = ws[i + 1]!;
      if (!next.upper && !w.comma && !AFTER_NAME.test(next.folded)) return undefined;
    }
  }
  return dated ? 'légende de photo : des noms, une scène et sa date, sans verbe' : 'légende de photo : des noms et une scène, avec le crédit, sans verbe';
}
