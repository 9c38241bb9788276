/**
 * The rules on a sentence's opening words: a connector, a subject pronoun or possessive without
 * antecedent, a presentative, `un autre`, the outlet's voice, a demonstrative pronoun.
 */
import { foldText, isSpaceCode } from '../../text/normalize.js';
import { FRENCH_STOPWORDS } from '../../text/stopwords.js';
import { SPEECH_PARTICIPLE } from './quotations.js';
import type { StandaloneReason } from './types.js';
import { firstWord, words } from './words.js';

// Regexes with `\p{…}` outside brackets are module constants: tsx/esbuild rebuilds such a literal
// at every call where it stands (see docs/notes/2026-12-07b/ingest2.md).
const STARTS_UPPER = /^\p{Lu}/u;
const PARTICIPLE_END = /\p{L}{2,}(?:é|ée|és|ées|u|ue|us|ues|i|ie|is|ies)$/u;
const SPEAKER_LABEL = /^\p{Lu}[\p{Lu}\s'’.-]{2,}(?:\s*\([^)]*\))?\s*:\s*/u;

// All lists are folded (lower case, no accents, straight apostrophes) and are closed word
// classes of French grammar (determiners, pronouns, connectors), not content words.

/**
 * Openers that tie a sentence to the one before: contrast, addition, consequence, reformulation,
 * sequence. Multi-word ones first (longest match wins).
 */
const CONNECTORS = [
  'pour contrer cela', 'autrement dit', 'en d\'autres termes', 'en revanche', 'de plus', 'en outre', 'par ailleurs',
  'en effet', 'd\'ailleurs', 'de meme', 'en consequence', 'par consequent', 'des lors', 'pour autant', 'reste a',
  'resterait a', 'il reste a', 'en reponse', 'a l\'inverse', 'au contraire', 'dans l\'ensemble', 'en somme',
  'pendant ce temps', 'de ce fait', 'c\'est pourquoi', 'c\'est ainsi',
  'plus encore', 'a son tour', 'a leur tour', 'qui plus est', 'cela dit', 'ceci dit', 'malgre tout', 'malgre cela',
  'en tout cas', 'toujours est-il', 'apres tout', 'en definitive', 'de surcroit', 'en clair', 'selon lui', 'selon elle',
  'selon eux', 'selon elles', 'd\'apres lui', 'd\'apres elle', 'pour lui', 'pour elle', 'pour eux', 'lui aussi',
  'elle aussi', 'eux aussi', 'non plus', 'au final', 'du coup', 'a l\'instar', 'en parallele', 'reste que', 'reste',
  'toutefois', 'cependant', 'pourtant', 'neanmoins', 'ainsi', 'or', 'mais', 'donc', 'aussi', 'enfin', 'bref',
  'parallelement', 'finalement', 'sinon', 'autrement', 'surtout', 'ensuite', 'puis', 'alors', 'quant',
].sort((a, b) => b.length - a.length);

/** {@link CONNECTORS} by first letter, in the same order: a sentence is only tried against those that can start it. */
const CONNECTORS_BY_FIRST = new Map<string, string[]>();
for (const connector of CONNECTORS) {
  const list = CONNECTORS_BY_FIRST.get(connector[0]!) ?? [];
  list.push(connector);
  CONNECTORS_BY_FIRST.set(connector[0]!, list);
}

/** `Alors que…`, `Ainsi que…`, `De plus en plus…`, `Aussi bien…`: a subordinate or an adverb, not a connector. */
const SUBORDINATE_AFTER = /^\s*(?:que|qu'|en plus|bien|longtemps)\b/;

/** `Il s'agit de…`, `C'est ce qu'a déclaré…`: presents what the sentence before said. On folded text. */
const PRESENTATIVE = /^(?:il s'agi(?:t|ssait|ra|rait)|c'(?:est|etait) (?:ce qu(?:e|'|i)|la que|ce dont)|voila (?:ce qu(?:e|'|i)|pourquoi))/;

/** Impersonal `il`: `il y a`, `il faut`, `il est probable que`, `il n'est pas clair si`. */
const IMPERSONAL_IL =
  /^il (?:y a|y avait|y aura|n'y a|est des|etait une fois|faut|fallait|faudra|faudrait|semble|semblait|parait|reste|restait|s'agit|est (?:\p{L}+ )?(?:\p{L}+) (?:que|qu'|de|d'|si)|n'est (?:pas|plus) (?:\p{L}+ )?(?:que|qu'|de|d'|si)|etait (?:\p{L}+ )?(?:que|qu'|de|d')|serait (?:\p{L}+ )?(?:que|qu'|de|d')|convient|importe|suffit|arrive|existe|manque|pleut|vaut)/u;

/** The time of the programme or issue itself (`cette semaine`, `tout de suite`, `aujourd'hui`). */
const OUTLET_DEIXIS = /\b(?:aujourd'hui|cette semaine|ce soir|ce matin|tout de suite|maintenant|dans ce (?:journal|numero|episode|direct)|a present)\b/;

/** The writer or the outlet as the subject of the (main) clause. On folded text. */
const SPEAKS_FIRST = /^(?:on|nous|je|j')\b/;

/** The programme greeting its audience: furniture, not news. On folded text. */
const GREETING = /^(?:bonjour|bonsoir|bienvenue|bonne lecture|bonne soiree|bonne journee)\b/;

/** A noun-phrase antecedent written before the main clause: a name, or a determiner and a noun. */
function hasAntecedent(intro: string, ws: readonly string[]): boolean {
  const original = intro.trim().split(/\s+/);
  // A capitalised word that is not the sentence's first word (the first is capitalised anyway).
  if (original.slice(1).some((w) => STARTS_UPPER.test(w.replace(/^[«“"(]/, '')))) return true;
  return ws.some((w, i) => /^(?:le|la|les|l'|un|une|des|du|au|aux)$/.test(w) && i + 1 < ws.length);
}

/** Prepositions made of a noun or adverb and `de` (`près de Kiev`): an adverbial phrase, not an apposition. */
const PREPOSITION_HEADS = new Set('pres loin autour aupres hors faute face grace suite cote lors afin avant apres'.split(' '));

/**
 * A detached phrase that describes the subject that follows (`Présenté comme un plan de paix,
 * il…`, `Symbole d'une stabilité autoritaire, il…`): a participle or a bare noun with its
 * complement. The names inside it are not the subject's antecedent: the subject is what it describes.
 */
function describesSubject(intro: string, ws: readonly string[]): boolean {
  const raw = intro.trim().split(/\s+/)[0] ?? '';
  const first = ws[0] ?? '';
  if (!first || FRENCH_STOPWORDS.has(first) || PREPOSITION_HEADS.has(first)) return false;
  if (PARTICIPLE_END.test(raw) && !/^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|midi|parmi|ici|aussi|ainsi)$/.test(first)) return true;
  return /^(?:de|d'|du|des)$/.test(ws[1] ?? '');
}

/** A quantity word as the subject, its verb right after (`La plupart sont…`, `Plusieurs ont été…`). On folded text. */
const PRONOUN_QUANTITY =
  /^(la plupart|la majorite|la moitie|certains|certaines|plusieurs|beaucoup|chacun|chacune|tous|toutes) (?:ne |n'|se |s'|y |en )?(?:sont|ont|etaient|avaient|seront|auront|seraient|auraient|est|a|etait|avait|sera|aura|doivent|peuvent|restent|demeurent|\p{L}+ent)\b/u;

/** Splits the sentence's opening into an introductory phrase (up to a comma, short) and the main clause. */
export function mainClause(text: string): { intro: string; main: string } {
  const comma = text.indexOf(',');
  if (comma > 0 && comma < 120) {
    const intro = text.slice(0, comma);
    if (!moreSpaceRuns(intro, 13)) return { intro, main: text.slice(comma + 1).trim() };
  }
  return { intro: '', main: text };
}

/** Whether the text has more than `max` runs of white space (`text.split(/\s+/).length > max + 1`), counted by hand. */
function moreSpaceRuns(text: string, max: number): boolean {
  let runs = 0;
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpaceCode(text.charCodeAt(i));
    if (space && !inSpace && ++runs > max) return true;
    inSpace = space;
  }
  return false;
}

/** What the rules learn of an introductory phrase, each reading made once (module functions, not
 * closures: tsx names every local closure with a property write at each call). */
interface IntroReading {
  intro: string;
  words?: string[];
  antecedent?: boolean;
  describes?: boolean;
}

function introWords(r: IntroReading): string[] {
  return (r.words ??= words(foldText(r.intro)));
}

function introHasAntecedent(r: IntroReading): boolean {
  return (r.antecedent ??= hasAntecedent(r.intro, introWords(r)));
}

function introDescribesSubject(r: IntroReading): boolean {
  return (r.describes ??= describesSubject(r.intro, introWords(r)));
}

/** `folded`, when the caller has it, is `foldText` of the opening without its leading marks. */
export function openerReasons(opening: string, reasons: StandaloneReason[], where: string, folded?: string): void {
  const trimmed = opening.replace(/^[\s«“"„—–-]+/, '');
  folded ??= foldText(trimmed);
  // Connector as the first words.
  for (const connector of CONNECTORS_BY_FIRST.get(folded[0] ?? '') ?? []) {
    if (folded.startsWith(connector) && !/[\p{L}\p{N}]/u.test(folded[connector.length] ?? '') && !SUBORDINATE_AFTER.test(folded.slice(connector.length))) {
      reasons.push({ rule: 'connector', detail: `${where}ouvre sur un connecteur (« ${trimmed.slice(0, connector.length)} ») qui renvoie à ce qui précède` });
      break;
    }
  }
  // Subject pronoun or possessive at the start of the sentence, or of the main clause after an
  // introductory phrase with no antecedent in it (`Lundi, il a…`, but not `Arrivé à Kiev, le président…`).
  const atStart = /^(?:il|elle|ils|elles|son|sa|ses|leur|leurs)$/.test(firstWord(folded) ?? '');
  const { intro, main } = atStart ? { intro: '', main: trimmed } : mainClause(trimmed);
  const mainFolded = main === trimmed ? folded : foldText(main);
  const head = firstWord(mainFolded);
  // The intro's two readings, each made once (up to three rules ask).
  const reading: IntroReading = { intro };
  if (head && /^(?:il|elle|ils|elles)$/.test(head) && !(head === 'il' && IMPERSONAL_IL.test(mainFolded))) {
    if (!intro || !introHasAntecedent(reading) || introDescribesSubject(reading)) {
      reasons.push({ rule: 'pronoun', detail: `${where}sujet « ${main.split(/\s+/)[0]} » sans antécédent dans la phrase` });
    }
  }
  // `La plupart sont poursuivis…`, `Certains ont fui…`: a quantity of a set named before, as subject.
  // (The intro is read only when the main clause opens on such a word: few do.)
  const share =
    PRONOUN_QUANTITY.exec(folded) ??
    (intro && PRONOUN_QUANTITY.test(mainFolded) && (!introHasAntecedent(reading) || introDescribesSubject(reading)) ? PRONOUN_QUANTITY.exec(mainFolded) : null);
  if (share) {
    reasons.push({ rule: 'pronoun', detail: `${where}sujet « ${share[1]} » : une part d’un ensemble nommé avant` });
  }
  if (head && /^(?:son|sa|ses|leur|leurs)$/.test(head) && (!intro || !introHasAntecedent(reading))) {
    reasons.push({ rule: 'possessive', detail: `${where}possessif « ${main.split(/\s+/)[0]} » sans antécédent dans la phrase` });
  }
  // `C'est le paquet le plus dur…`: `ce` stands for what was just presented, unless a cleft
  // announces it (`C'est à Rome que…`, `C'est la Russie qui…`).
  const presentative = /^(?:c'(?:est|etait|etaient|sera|serait)|ce (?:sont|fut|furent|sera|serait|seront))\b/.exec(folded);
  // (The cleft's `qui`/`que` comes within a few words: `C'était jusqu'ici le front le plus disputé
  // de la guerre qui oppose…` is no cleft.)
  if (presentative && !/^(?:\s*[\p{L}\p{N}'’-]+){0,5}?\s*(?:\bque\b|\bqu'|\bqui\b)/u.test(folded.slice(presentative[0].length))) {
    reasons.push({ rule: 'demonstrative', detail: `${where}« ${trimmed.slice(0, presentative[0].length)} » renvoie à ce qui précède` });
  }
  // `Il s'agit de la cinquième visite…`, `C'est ce qu'a déclaré…`: the sentence only says what
  // the one before it was (under a headline: the news is in the title).
  const presents = PRESENTATIVE.exec(mainFolded) ?? PRESENTATIVE.exec(folded);
  if (presents) reasons.push({ rule: 'presentative', detail: `${where}« ${presents[0]} » présente ce qui vient d’être dit` });
  // `D'autres Arméniens…`, `Un autre séisme…`, `Aucun autre détail…`: « autre » sets the subject against one named before.
  const otherRe = /^(?:d'autres|les autres|l'autre|un autre|une autre|aucun autre|aucune autre)\b/;
  const other = otherRe.exec(folded) ?? (intro.trim() ? otherRe.exec(mainFolded) : null);
  if (other) reasons.push({ rule: 'anaphora', detail: `${where}« ${other[0]} » s’oppose à ce qu’une phrase précédente a présenté` });
  // The outlet speaking to its audience (`Cette semaine, on revient sur…`, `On rejoint tout de suite
  // notre correspondant`, `Aujourd'hui, nous discuterons…`): the programme, not the news.
  const speaksFirst = SPEAKS_FIRST.test(folded) || SPEAKS_FIRST.test(mainFolded);
  // (Only the writer's own words: a quoted speaker says « nous » of their own side.)
  if (!where && speaksFirst && (OUTLET_DEIXIS.test(folded) || /\b(?:notre|nos|vous)\b/.test(folded))) {
    const voice = /^(?:on|nous|je|j')\b/.test(folded) ? trimmed : main;
    reasons.push({ rule: 'voice', detail: `${where}le média parle à son public (« ${voice.split(/\s+/).slice(0, 2).join(' ')} »)` });
  }
  // A greeting, maybe after a transcript's speaker label (`PRÉSENTATRICE (…) : Bonsoir à tous`).
  const label = SPEAKER_LABEL.exec(trimmed);
  const greeting = GREETING.exec(label ? foldText(trimmed.slice(label[0].length)) : folded);
  if (!where && greeting && !SPEECH_PARTICIPLE.test(folded) && !reasons.some((r) => r.rule === 'voice')) {
    reasons.push({ rule: 'voice', detail: `le média salue son public (« ${greeting[0]} »)` });
  }
  // `Celui-ci`, `Ceux-là`: pronouns that only point back (`ce dernier` is read with the determiners).
  // `Celui qui doit être investi…`, `Ceux « qui représentaient une menace… »`: a periphrase for someone or something named before.
  const pointer = /^(?:celui|celle|ceux|celles)(?:-(?:ci|la)\b|[\s«"“]+(?:qui|que|qu'|dont)\b)/.exec(folded);
  if (pointer) {
    reasons.push({ rule: 'demonstrative', detail: `${where}pronom démonstratif « ${trimmed.slice(0, pointer[0].length)} » qui renvoie à ce qui précède` });
  }
}
