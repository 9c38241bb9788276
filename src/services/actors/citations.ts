/**
 * Is a medium's mention the article citing it as a source? Read from the grammar around the name,
 * never from the name alone:
 * - cited: after `selon` / `d'après` / `cité par` (`selon Reuters`, `d'après le Wall Street Journal`);
 *   as the subject of a verb of saying (`Bloomberg a rapporté`, `le WSJ écrit`) or after it, inverted
 *   (`…, a rapporté Bloomberg`); as the one spoken to after a verb of saying (`a déclaré à l'AFP`);
 *   after a noun of reporting (`une enquête du New York Times`, `un entretien au Monde`); in
 *   parentheses or a signature (`(AFP)`, `(avec Reuters)`, `Avec AFP.`, `— AFP`);
 * - never: a photo or picture credit (`AP Photo`, `Photo AFP`, `© Reuters`, `Jean Dupont / AFP`);
 * - otherwise not: a medium the sentence is about (`sanctions contre RT`, `RT a été interdite`).
 */
import type { Token } from '../text/normalize.js';
import type { Mention } from '../types.js';
import { tokenAt } from './roles.js';

// Module constants, not literals in place: esbuild (tsx) compiles a `\p{…}` literal to a `new RegExp` built at each call.
const UPPER_START = /^\p{Lu}/u;

// Verbs of saying and reporting, as folded stems; a form is a stem plus one of VERB_ENDINGS.
const SAYING_STEMS = [
  'rapport', 'revel', 'annonc', 'indiqu', 'affirm', 'precis', 'soulign', 'expliqu', 'cit', 'assur', 'signal',
  'relat', 'relay', 'relai', 'confirm', 'devoil', 'declar', 'confi', 'racont', 'detaill', 'not', 'estim', 'ajout',
  'evoqu', 'mentionn', 'publi', 'avanc', 'rappel', 'insist', 'comment', 'reconn', 'report', 'claim', 'constat',
  'consult', 'obten', 'document',
];
const VERB_ENDINGS = ['', 'e', 'es', 'ent', 'ait', 'aient', 'ant', 'er', 'ee', 'ees', 'ed', 'ing', 's', 'it', 'ssait', 'issait'];
const SAYING_FORMS = new Set([
  ...SAYING_STEMS.flatMap((stem) => VERB_ENDINGS.map((end) => stem + end)),
  'ecrit', 'ecrivait', 'ecrivent', 'dit', 'disait', 'disent', 'appris', 'apprend', 'said', 'says', 'told', 'wrote', 'tells',
  'obtenu', 'vu', 'interroge', 'interrogee',
]);
/** People of a newsroom: `a constaté un journaliste de l'AFP` cites the AFP; `un journaliste de l'AFP a été blessé` does not. */
const REPORTERS = new Set('journaliste journalistes correspondant correspondante correspondants envoye envoyee envoyes reporter reporters photographe photographes equipe'.split(' '));
/** Verbs after which `à X` is the one spoken to (`a déclaré à l'AFP`). */
const TOLD_STEMS = ['declar', 'dit', 'dis', 'confi', 'indiqu', 'affirm', 'expliqu', 'precis', 'assur', 'racont', 'told', 'said', 'confirm', 'annonc', 'apprend', 'appris'];
// Nouns of reporting: `une enquête du New York Times`, `un entretien accordé au Monde`.
const REPORT_NOUNS = new Set(
  'rapport rapports enquete enquetes article articles informations information revelations entretien entretiens interview interviews depeche depeches editorial sources source documents sondage reportage reportages calculs decompte bilan chiffres'.split(
    ' ',
  ),
);
// What may stand between a cue and the name: determiners, prepositions, media nouns, a participle.
const BETWEEN = new Set(
  (
    'le la les un une des de du d au aux a avec par l the of to sur ' +
    'agence agences quotidien quotidiens journal journaux chaine chaines site radio television tele hebdomadaire ' +
    'magazine media medias reseau groupe accorde accordee accordes publie publiee publies diffuse diffusee ' +
    'americain americaine britannique russe russes francais francaise allemand allemande chinois chinoise ' +
    'israelien israelienne turc turque ukrainien ukrainienne qatari officielle officiel'
  ).split(' '),
);
/** Words between a medium (subject) and its verb: auxiliaries, adverbs, a relative `qui`. */
const BEFORE_VERB = new Set('a avait ont aurait avaient has had qui also egalement encore aussi deja notamment meme ne n pas lui elle pu pourrait'.split(' '));
const BY_PARTICIPLES = /^(?:cit|rapport|relay|relai|revel|obten|obtenu|consult|publi|interrog|recens|compil|recueill|document|contact|sollicit|joint|vu|vus|vue|vues|obtain|disclos|quot|review|report)/;

/** Tokens searched back or forward from the name for a cue. */
const REACH = 4;
/** Tokens searched back for the verb that makes `à X` the one spoken to. */
const TOLD_REACH = 12;
const CLAUSE = /[.;:!?«»()[\]\n]/u;
const CLAUSE_OR_COMMA = /[.;:!?«»()[\]\n,]/u;

// A picture credit around the name: `© Reuters`, `Photo : AFP`, `Jean Dupont / AFP`, `AP Photo`.
const CREDIT_BEFORE = /(?:©|\(c\)|\b(?:photos?|cr[ée]dits?(?:\s+photos?)?|illustrations?|images?|vid[ée]os?|infographie|archives)\s*[:/-]?|\/)\s*(?:l['’])?$/iu;
const CREDIT_AFTER = /^\s*(?:photos?|images|pictures|video|vidéo)\b/u;

const isSaying = (t: Token | undefined): boolean => t !== undefined && SAYING_FORMS.has(t.folded);

/** Indices of the mentions (among `mentions`) that are a medium cited as a source. */
export function citedMentions(
  text: string,
  tokens: readonly Token[],
  mentions: readonly Mention[],
  isMedium: (mention: Mention) => boolean,
): Set<number> {
  const cited = new Set<number>();
  mentions.forEach((mention, index) => {
    if (!isMedium(mention)) return;
    const before = text.slice(Math.max(0, mention.start - 24), mention.start);
    const after = text.slice(mention.end, mention.end + 24);
    if (CREDIT_BEFORE.test(before) || CREDIT_AFTER.test(after)) return;
    const first = tokenAt(tokens, mention.start);
    let last = first;
    while (last + 1 < tokens.length && (tokens[last + 1] as Token).end <= mention.end) last++;
    if (signature(text, mention) || cueBefore(text, tokens, first) || verbAfter(text, tokens, last)) cited.add(index);
  });
  return cited;
}

/** `(AFP)`, `(avec Reuters)`, `(AFP, Reuters)`, a sentence `Avec AFP.`, an ending `— AFP.` */
function signature(text: string, mention: Mention): boolean {
  const before = text.slice(0, mention.start);
  const after = text.slice(mention.end);
  const opens = /\(\s*(?:(?:avec|with|sources?\s*:?)\s+)?(?:[\p{L}\s.'’-]{1,30}\s*(?:,|\/|\bet\b|\band\b)\s*)?$/iu.test(before);
  const closes = /^\s*(?:(?:,|\/|\bet\b|\band\b)\s*[\p{L}\s.'’-]{1,30})?\)/iu.test(after);
  if (opens && closes) return true;
  const whole = /^\s*(?:(?:par|by)\s+)?(?:avec|with|source\s*:?)\s+(?:l['’])?$/iu.test(before) && /^\s*[.]?\s*$/u.test(after);
  const dashEnd = /\s[-–—]\s*(?:avec\s+)?$/u.test(before) && /^\s*[.]?\s*$/u.test(after);
  return whole || dashEnd;
}

/** `selon X`, `cité par X`, `une enquête du X`, `a rapporté X`, `a déclaré à X`: a cue before the name. */
function cueBefore(text: string, tokens: readonly Token[], first: number): boolean {
  let k = first - 1;
  let skipped = 0;
  for (; k >= 0 && skipped <= REACH; k--, skipped++) {
    const t = tokens[k] as Token;
    const gap = text.slice(t.end, (tokens[k + 1] as Token).start);
    // A comma ends the search, except right after a verb of saying (`…, a rapporté Bloomberg`).
    if (CLAUSE.test(gap) || (gap.includes(',') && !isSaying(t))) return false;
    if (t.folded === 'selon' || t.folded === 'according' || (t.folded === 'to' && tokens[k - 1]?.folded === 'according')) return true;
    // `peut-on lire dans Le Monde`, `lit-on dans Les Échos`.
    if (t.folded === 'dans' && /^(?:lire|lit|lu)$/u.test(tokens[k - 1]?.folded ?? '')) return true;
    // `d'après`: the elided `d'` is not a token, it is read in the text.
    if (t.folded === 'apres' && /d['’]$/iu.test(text.slice(Math.max(0, t.start - 2), t.start))) return true;
    if (t.folded === 'par' || t.folded === 'by') return BY_PARTICIPLES.test(tokens[k - 1]?.folded ?? '');
    if (REPORT_NOUNS.has(t.folded) && skipped > 0) return true;
    if (REPORTERS.has(t.folded) && skipped > 0) return reporterSays(text, tokens, k, first);
    if (isSaying(t)) return true;
    // `a déclaré à l'AFP`, `on apprend via l'AFP`: said to, or learnt through, the medium.
    if (t.folded === 'a' || t.folded === 'au' || t.folded === 'aux' || t.folded === 'to' || t.folded === 'via') return toldBefore(text, tokens, k);
    if (!BETWEEN.has(t.folded)) return false;
  }
  return false;
}

/**
 * Something said earlier in the clause than the `à` at `at`: a verb of saying (`a déclaré un
 * ministre à X`), or `selon` / a noun of reporting (`selon des révélations faites … au Financial Times`).
 */
function toldBefore(text: string, tokens: readonly Token[], at: number): boolean {
  for (let k = at - 1; k >= 0 && k >= at - TOLD_REACH; k--) {
    const t = tokens[k] as Token;
    if (CLAUSE_OR_COMMA.test(text.slice(t.end, (tokens[k + 1] as Token).start))) return false;
    if (TOLD_STEMS.some((stem) => t.folded.startsWith(stem)) && isSaying(t)) return true;
    if (t.folded === 'dit' || t.folded === 'told' || t.folded === 'said' || t.folded === 'selon' || REPORT_NOUNS.has(t.folded)) return true;
  }
  return false;
}

/** A newsroom's person as the one who says or sees: `a constaté un journaliste de X`, `un envoyé de X rapporte`. */
function reporterSays(text: string, tokens: readonly Token[], noun: number, first: number): boolean {
  let k = noun - 1;
  while (k >= 0 && BETWEEN.has((tokens[k] as Token).folded) && k >= noun - 2) k--;
  const before = tokens[k];
  if (before && isSaying(before) && !CLAUSE_OR_COMMA.test(text.slice(before.end, (tokens[noun] as Token).start))) return true;
  let last = first;
  while (last + 1 < tokens.length && BETWEEN.has((tokens[last + 1] as Token).folded) === false && UPPER_START.test((tokens[last + 1] as Token).raw)) last++;
  return verbAfter(text, tokens, last);
}

/** The medium as subject of a verb of saying: `Reuters rapporte`, `le WSJ a révélé`, `Bloomberg, citant…`. */
function verbAfter(text: string, tokens: readonly Token[], last: number): boolean {
  for (let k = last + 1; k < tokens.length && k <= last + REACH; k++) {
    const t = tokens[k] as Token;
    const gap = text.slice((tokens[k - 1] as Token).end, t.start);
    if (CLAUSE.test(gap)) return false;
    if (isSaying(t)) return true;
    if (!BEFORE_VERB.has(t.folded)) return false;
  }
  return false;
}
