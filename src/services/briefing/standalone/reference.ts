/**
 * The rules on what points back anywhere in a sentence: demonstratives, definite noun phrases
 * only an earlier sentence defines, inner connectors, a reported pronoun object, a verbless aside.
 */
import { foldText } from '../../text/normalize.js';
import { FRENCH_STOPWORDS } from '../../text/stopwords.js';
import { SPEECH_PARTICIPLE } from './quotations.js';
import type { StandaloneReason } from './types.js';
import { firstTokenFolded, tokens, wordsNearAndC, type Token } from './words.js';

// Regexes with `\p{…}` outside brackets are module constants: tsx/esbuild rebuilds such a literal
// at every call where it stands (see docs/notes/2026-12-07b/ingest2.md).
const STARTS_UPPER = /^\p{Lu}/u;
const PAST_PARTICIPLE_END = /\p{L}(?:é|ée|és|ées)$/u;

// All lists are folded (lower case, no accents, straight apostrophes) and are closed word
// classes of French grammar (determiners, pronouns, connectors), not content words.

/** Nouns of time after a demonstrative: `ce mercredi`, `cette semaine` point at the calendar, not back. */
const TIME_NOUNS = new Set(
  (
    'matin soir midi apres-midi soiree matinee nuit jour jours week-end weekend semaine semaines mois annee annees an ' +
    'printemps ete automne hiver lundi mardi mercredi jeudi vendredi samedi dimanche heure heures instant moment-la siecle fois'
  ).split(' '),
);

/** Nouns of idioms after a demonstrative (`en ce sens`, `à cet égard`, `dans ce contexte`, `à ce stade`). */
const IDIOM_NOUNS = new Set(['sens', 'egard', 'contexte', 'titre', 'stade']);

/** What may follow `ce` without it being a determiner (`ce que`, `ce qui`, `ce sont`, `ce n'est`). */
const CE_NOT_DETERMINER = new Set(
  'qui que qu quoi dont sont fut furent serait seraient sera seront soit etait etaient est n ne devrait devraient peut pourrait semble'.split(' '),
);

/** Connectors that point back wherever they sit in the sentence (`serait toutefois un choix risqué`). */
export const INNER_CONNECTORS = /\b(toutefois|cependant|pourtant|neanmoins|en revanche|par ailleurs|de plus(?=\s*,)|en outre|non plus|de son cote|de leur cote|ensuite|aussitot|dans la foulee|par la suite|a (?:son|leur) tour|ainsi(?! que\b| qu'))\b/u;

/** A verb of reporting whose object is a pronoun (`en fait état`, `l'a confirmé`). On folded text. */
export const REPORTED_BEFORE =
  /\b(?:en|l') (?:a |ont |avait |avaient |aurait )?(?:fait etat|fait part|rapport|annonc|confirm|indiqu|revel|affirm|precis|dementi|assur)\p{L}*/u;

/** `encore moins solidaire` compares with something said before, unless `que` names it here. */
export const COMPARED_BEFORE = /\bencore (?:plus|moins) (?!de\b|d'|que\b|qu')\p{L}+/u;

/**
 * Nouns that, with a definite article and nothing that defines them, name something the article
 * introduced before (« Le texte doit encore être signé », « L'accord a été trouvé ») — a closed
 * class of "label" nouns of news prose (documents, decisions, meetings, places, organisations).
 */
const LABEL_NOUNS = new Set(
  (
    'accord accords texte projet proposition offre plan initiative mesure mesures decision decret document rapport ' +
    'cadre arrangement demarche annonce affaire dossier operation attaque incident visite rencontre rencontres ' +
    'reunion entretien scrutin vote reforme paquet bilan compromis concession demande requete loi declaration ' +
    'ville pays region site groupe societe entreprise exploitant alliance regime conflit guerre crise sommet ' +
    'conference offensive negociations pourparlers discussions ceremonie signature traite pret mecanisme interdiction ' +
    'blocage manifestation manifestants livraisons montant'
  ).split(' '),
);
/** Label nouns of places and wars, defined by a name written before them (`Kharkiv … la ville`, `des Ukrainiens … la guerre`). */
const PLACE_NOUNS = new Set(['ville', 'pays', 'region', 'site', 'guerre', 'conflit']);
/** People named by their role only (`Le président a ensuite…`): anaphoric when a verb follows at once. */
const ROLE_NOUNS = new Set(
  'president presidente ministre chef dirigeant dirigeants responsable responsables porte-parole diplomate diplomates enqueteurs autorites'.split(' '),
);
/** Adjectives that may sit between the article and the noun (`le nouveau texte`, `le premier ministre`). */
const PRENOMINAL = new Set('nouveau nouvel nouvelle nouveaux nouvelles premier premiere dernier derniere derniers dernieres meme memes'.split(' '));
const NUMERALS = new Set('deux trois quatre cinq six sept huit neuf dix'.split(' '));
/** A finite verb or what announces one (auxiliaries, modals, clitics, `-ent`/`-ait` endings). */
const FINITE_NEXT =
  /^(?:a|ont|avait|avaient|aura|auront|aurait|auraient|est|sont|etait|etaient|sera|seront|serait|seraient|fut|peut|peuvent|pourrait|pourraient|doit|doivent|devrait|devraient|va|vont|n'|ne|s'|se|y|en|lui|l'|le|la|les)$|(?:ent|ait|aient)$/;
/** Finite verbs for the verbless rule: auxiliaries and modals, `-ent`/`-ait`/`-aient`/`-ont` forms. */
const FINITE_ANYWHERE =
  /^(?:a|ont|avait|avaient|aura|auront|aurait|auraient|est|sont|etait|etaient|sera|seront|serait|seraient|fut|furent|peut|peuvent|pourrait|pourraient|doit|doivent|devrait|devraient|va|vont|fait|font|dit|disent)$|(?:ent|ait|aient|ont|era|eront|erait|eraient)$/;

/**
 * A definite noun phrase at the head of a clause that only the previous sentences define:
 * `Le texte doit encore…`, `L'accord présumé, qui…`, `Les deux pays ont signé…`, `Le président a
 * ensuite…`. Not when the phrase is defined here: a name or a number right after it (`Le parti Rêve
 * géorgien`, `L'accord conclu à Doha`), a `de` complement (`le projet de loi`), a restrictive
 * relative (`le texte qui interdit…`).
 */
export function anaphoricNounPhrase(text: string): string | undefined {
  // Most sentences open on another word: read the first one before cutting more.
  if (!/^(?:le|la|les|l')$/.test(firstTokenFolded(text) ?? '')) return undefined;
  const t = tokens(text, 12);
  let i = 1;
  const numeral = t[0]!.folded === 'les' && NUMERALS.has(t[i]?.folded ?? '');
  if (numeral) i++;
  if (!numeral && PRENOMINAL.has(t[i]?.folded ?? '') && !t[i]!.comma) i++;
  const head = t[i];
  if (!head || STARTS_UPPER.test(head.raw)) return undefined;
  const kind = numeral ? 'numeral' : LABEL_NOUNS.has(head.folded) ? 'label' : ROLE_NOUNS.has(head.folded) ? 'role' : 'bare';
  // `chef d'État`, `coup d'État`: one noun.
  const end = t[i + 1]?.folded === "d'" && t[i + 2]?.folded === 'etat' ? i + 2 : i;
  const after = t.slice(end + 1, end + 5);
  const phrase = t.slice(0, end + 1).map((w) => w.raw).join(' ').replace(/' /, "'");
  // Named or numbered right after, before the verb: defined here (`La ville est assiégée depuis
  // 18 mois` is not defined by its 18).
  const verb = after.findIndex((w) => AUXILIARY.test(w.raw));
  if (after.slice(0, verb === -1 ? after.length : verb).some((w) => /^[\p{Lu}\d]/u.test(w.raw))) return undefined;
  const next = after[0];
  if (!next) return undefined;
  if (!head.comma && /^(?:qui|que|qu'|dont)$/.test(next.folded)) return undefined;
  if (kind === 'role') return head.comma || FINITE_NEXT.test(next.folded) ? phrase : undefined;
  // Any other noun speaking with nothing between it and its verb of speech (`La source a
  // précisé…`, `L'agence a indiqué…`): who speaks is said only by a sentence before.
  // (`à` folds to `a`: the preposition starts the noun's complement, `les conseillers à la sécurité`.)
  if (kind === 'bare') {
    const verb = after.slice(0, 3).map((w) => w.folded).join(' ');
    return !head.comma && !/^à$/iu.test(next.raw) && FINITE_NEXT.test(next.folded) && SPEECH_PARTICIPLE.test(verb) ? phrase : undefined;
  }
  if (!head.comma && /^(?:de|d'|du|des)$/.test(next.folded)) return undefined;
  return phrase;
}

/** Auxiliaries and modals as written (`a`, not the preposition `à`): the verb after a subject. */
const AUXILIARY = /^(?:a|ont|avait|avaient|aura|auront|aurait|auraient|est|sont|était|étaient|sera|seront|serait|seraient|fut|peut|peuvent|pourrait|pourraient|doit|doivent|devrait|devraient|va|vont)$/iu;

/** Prepositions after which a noun phrase's own complement would start (`le texte par`, not `le texte de loi`). */
const CLAUSE_PREPOSITIONS = /^(?:par|pour|avec|dans|sur|contre|en|a|au|aux|apres|avant|depuis|lors)$/;

/** Prepositions that start a verb's argument rather than a noun's complement (`pour`, `avec`, `en`, `sur` may be either). */
const VERB_ARGUMENT_PREPOSITIONS = /^(?:par|dans|a|au|aux|apres|avant|depuis|lors)$/;

/**
 * What {@link undefinedLabelNoun} needs, on the text's fold (white space may be collapsed and
 * trimmed): a token `le`/`la`/`l'`/`les`/`du`/`au` and, next, a label noun, `dernier…` or a share
 * word. Tokens are pieces between spaces, stripped of punctuation at their ends (a piece of
 * punctuation only gives none), or an elided article split off: so in the fold the two words stand
 * apart by spaces and that punctuation alone, and the noun ends the word. Most sentences hold no
 * such pair, and are not cut into tokens.
 */
const MAY_HOLD_LABEL = new RegExp(
  `(?:le|la|les|du|au|l')[\\s,;:.!?…()«»"“”]*(?:${[...LABEL_NOUNS, 'dernier', 'derniere', 'derniers', 'dernieres', 'plupart', 'majorite', 'totalite', 'moitie', 'partie'].join('|')})(?![a-z0-9_])`,
);

/**
 * A definite label noun left undefined anywhere in the sentence: closed by punctuation (`de
 * bloquer le texte,`, `Depuis le début du conflit,`) or followed straight by a preposition that
 * starts another phrase (`justifie la décision par…`). A name right after defines it.
 */
export function undefinedLabelNoun(text: string, folded?: string): string | undefined {
  if (folded !== undefined && !MAY_HOLD_LABEL.test(folded)) return undefined;
  const t = tokens(text, 80);
  // `la neutralité du pays.` after `Le Parlement moldave`: a place noun finds its antecedent in a
  // name written before it in the sentence (the first word counts unless it is a function word).
  for (let i = 0; i + 1 < t.length; i++) {
    // `du`, `au` are `de le`, `à le`; `des`, `aux` may be indefinite (`a annoncé des mesures.`).
    if (!/^(?:le|la|l'|les|du|au)$/.test(t[i]!.folded)) continue;
    // `le dernier obstacle en fin d'après-midi`: the last of what? (`la dernière mine d'uranium du
    // pays` says it; `la dernière semaine` is time.)
    if (/^dernier(?:e|s|es)?$/.test(t[i + 1]!.folded) && !t[i + 1]!.comma && t[i + 2] && !TIME_NOUNS.has(t[i + 2]!.folded)) {
      const after = t[i + 3];
      // `le dernier grand centre administratif de la région`: a complement a few words on defines it.
      // (`le dernier obstacle en fin d'après-midi`: a preposition first starts another phrase.)
      const definedLater = !CLAUSE_PREPOSITIONS.test(after?.folded ?? '') && t.slice(i + 3, i + 6).some((w) => /^(?:de|d'|du|des|qui|que|qu'|dont)$/.test(w.folded));
      if (!definedLater && !STARTS_UPPER.test(t[i + 2]!.raw) && (t[i + 2]!.comma || !after || !/^(?:de|d'|du|des|qui|que|qu'|dont|a)$/.test(after.folded)) && !/^[\p{Lu}\d]/u.test(after?.raw ?? '')) {
        return `${t[i]!.raw} ${t[i + 1]!.raw} ${t[i + 2]!.raw}`;
      }
    }
    // `la plupart des projectiles avec…`: a share of a set the article presented before (`la
    // plupart des pays européens` defines its set).
    if (/^(?:plupart|majorite|totalite|moitie|partie)$/.test(t[i + 1]!.folded) && t[i + 2]?.folded === 'des' && t[i + 3] && !STARTS_UPPER.test(t[i + 3]!.raw)) {
      const set = t[i + 3]!;
      const after = t[i + 4];
      if (set.comma || !after || (CLAUSE_PREPOSITIONS.test(after.folded) && after.folded !== 'a' && !/^[\p{Lu}\d]/u.test(t[i + 5]?.raw ?? 'x'))) {
        return `${t[i]!.raw}${t[i]!.folded === "l'" ? '' : ' '}${t[i + 1]!.raw} des ${set.raw}`;
      }
    }
    const noun = t[i + 1]!;
    if (!LABEL_NOUNS.has(noun.folded) || STARTS_UPPER.test(noun.raw)) continue;
    if (PLACE_NOUNS.has(noun.folded) && t.slice(0, i).some(isName)) continue;
    const next = t[i + 2];
    // Closed by punctuation or the end, or followed by a verb's argument (`justifie la décision par
    // …`): nothing here defines it. A noun's own complement does (`le sommet pour la paix à Gaza`,
    // `la rencontre avec le président Zelensky`, `le diplomate en chef`).
    const closed = noun.comma || !next;
    const argument = !!next && VERB_ARGUMENT_PREPOSITIONS.test(next.folded) && !/^[\p{Lu}\d]/u.test(t[i + 3]?.raw ?? 'x');
    if (closed || argument) return `${t[i]!.raw}${t[i]!.folded === "l'" ? '' : ' '}${noun.raw}`;
  }
  return undefined;
}

/** A name in a sentence: capitalised, and not a function word when it is the first word. A module function, not a closure (see openers.ts). */
function isName(w: Token, at: number): boolean {
  return STARTS_UPPER.test(w.raw) && (at > 0 || !FRENCH_STOPWORDS.has(w.folded));
}

/** Says what is not known about something the article stated before (`n'est pas clair`, `reste flou`). */
export const UNKNOWN_OF_BEFORE =
  /\b(?:n'est pas (?:encore )?(?:clair|claire|clairs|connu|connue|connus|precise|precisee)|n'ont pas ete (?:precises|devoiles|rendus publics)|n'a pas ete (?:precise|devoile|rendu public)|reste(?:nt)? (?:flou|floue|flous|incertain|incertaine|inconnu|inconnue|a determiner|a preciser))\b/;

/** Finite-verb markers among the words of a text (see {@link FINITE_ANYWHERE}). */
function finiteCount(ws: readonly string[]): number {
  return ws.filter((w) => FINITE_ANYWHERE.test(w)).length;
}

/**
 * A sentence without a main verb, read as an aside to the one before: `Une décision qui s'inscrit
 * dans une longue série.`, `Une étape de plus dans la rupture…`, `Des propos jugés inacceptables
 * par…`. Narrow shapes on purpose: a present tense in `-e` (`Un séisme frappe le Japon`) cannot be
 * told from a noun without a dictionary, so an indefinite opener alone is not enough.
 */
export function verbless(text: string): string | undefined {
  if (!/^(?:un|une|des)$/.test(firstTokenFolded(text) ?? '')) return undefined;
  const t = tokens(text, 60);
  // The preposition `à` folds to `a`, the auxiliary: kept apart as written.
  const ws = t.map((w) => (/^à$/iu.test(w.raw) ? 'à' : w.folded));
  const finite = finiteCount(ws);
  const relative = ws.slice(1, 9).findIndex((w) => /^(?:qui|que|qu'|dont)$/.test(w));
  if (relative !== -1 && !t.some((w) => w.comma)) {
    // The relative's own verb comes right after `qui` (behind clitics); a main verb would be a
    // finite form after it: `Une enquête qui vise le ministre a été ouverte` has one (`a`),
    // `Une annonce qui intervient au lendemain de…` has none.
    let v = relative + 2;
    while (/^(?:se|s'|ne|n'|y|en|lui|leur|l'|le|la|les|nous|vous)$/.test(ws[v] ?? '')) v++;
    if (finiteCount(ws.slice(v + 1)) === 0) return 'un groupe nominal et sa relative, sans verbe principal';
  }
  if (finite > 0) return undefined;
  if (/^(?:de|d')$/.test(ws[2] ?? '') && /^(?:plus|moins|trop)$/.test(ws[3] ?? '')) return `« ${t.slice(0, 4).map((w) => w.raw).join(' ')} » sans verbe`;
  if (t.slice(2, 5).some((w) => PAST_PARTICIPLE_END.test(w.raw))) return 'un groupe nominal et un participe, sans verbe conjugué';
  return undefined;
}

/** A restrictive relative clause right after the noun defines it here (`cette bande de terre qui longe…`). */
const DEFINED_BY_RELATIVE = /^\s*(?:[\p{L}'’-]+\s+){1,4}?(?:qui|dont|où)\b/u;

/**
 * Words into a sentence after which a demonstrative finds its antecedent in the sentence itself
 * (`…, même si cela signifie que…`, `… alors que le Kremlin avait averti qu'une telle décision…`).
 */
const DEMONSTRATIVE_REACH = 20;

/**
 * A word {@link demonstrativeReasons} reacts to (`ce`, `cet`, `cette`, `ces`, `cela`, `ceci`,
 * `ça`, `y`, `tel`…), whole, in the text's fold: its words are cut at separators or after an
 * elided particle's apostrophe, and folding keeps those marks (dashes become `-`).
 */
const MAY_POINT_BACK = /(?:^|[\s,;:()«»"“”„.!?…'-])(?:ce|cet|cette|ces|cela|ceci|ca|y|tel|telle|tels|telles)(?=$|[\s,;:()«»"“”„.!?…-])/;

/**
 * False when {@link demonstrativeReasons} can find nothing in a text, read on its fold (white
 * space may be collapsed and trimmed): most sentences hold none of its words, and are not cut.
 */
export function mayPointBack(folded: string): boolean {
  return MAY_POINT_BACK.test(folded);
}

/** Demonstratives and `cela`, `un tel` in a text (the sentence outside quotations, or a quotation's opening). */
export function demonstrativeReasons(text: string, reasons: StandaloneReason[], where = ''): void {
  // Far words only `continue` unless they are `ce/cet/cette/ces`: those and their neighbours suffice.
  const w = wordsNearAndC(text, DEMONSTRATIVE_REACH);
  for (let i = 0; i < w.length; i++) {
    const word = w[i]!.folded;
    // Far into the sentence only a demonstrative determiner still points out of it (`…à Douala dans
    // le cadre de ces troubles`); `cela`, `ce dernier`, `un tel` find their antecedent in it.
    const far = i >= DEMONSTRATIVE_REACH;
    if (far && !/^(?:ce|cet|cette|ces)$/.test(word)) continue;
    if (word === 'cela' || word === 'ceci' || word === 'ca') {
      reasons.push({ rule: 'demonstrative', detail: `${where}« ${w[i]!.raw} » renvoie à ce qui précède` });
      return;
    }
    if (word === 'ce' || word === 'cet' || word === 'cette' || word === 'ces') {
      const next = w[i + 1]?.folded;
      if (!next || CE_NOT_DETERMINER.has(next.replace(/'$/, '')) || /'$/.test(next)) continue;
      const pair = `« ${w[i]!.raw} ${w[i + 1]!.raw} »`;
      const dernier = /^dernier(?:e|s|es)?$/.test(next);
      // `ces derniers jours`, `cette semaine`: time, not reference.
      if (TIME_NOUNS.has(next) || (dernier && TIME_NOUNS.has(w[i + 2]?.folded ?? ''))) continue;
      // `En ce sens`, `à cet égard`, `dans ce contexte`: idioms that open a statement of fact.
      if (IDIOM_NOUNS.has(next) && /^(?:en|a|dans)$/.test(w[i - 1]?.folded ?? '')) continue;
      // `et, de ce fait, la satisfaction…`: « therefore », within the sentence.
      if (next === 'fait' && w[i - 1]?.folded === 'de') continue;
      if (dernier && far) continue;
      if (dernier) {
        reasons.push({ rule: 'demonstrative', detail: `${where}${pair} renvoie à ce qui précède` });
        return;
      }
      const at = text.indexOf(w[i + 1]!.raw, text.indexOf(w[i]!.raw));
      if (at !== -1 && DEFINED_BY_RELATIVE.test(text.slice(at, at + 80))) continue;
      reasons.push({ rule: 'demonstrative', detail: `${where}déterminant démonstratif ${pair} qui renvoie à ce qui précède` });
      return;
    }
    // `Washington pourrait y voir…`: `y` stands for a place or thing named before (not `il y a`, `y compris`).
    if (word === 'y' && w[i]!.raw === 'y' && !/^(?:il|n'|n)$/.test(w[i - 1]?.folded ?? '') && w[i + 1]?.folded !== 'compris' && !/^(?:a|avait|aura|aurait)$/.test(w[i + 1]?.folded ?? '')) {
      reasons.push({ rule: 'demonstrative', detail: `${where}le pronom « y » renvoie à ce qui précède` });
      return;
    }
    if (/^(?:tel|telle|tels|telles)$/.test(word) && /^(?:un|une|de|d')$/.test(w[i - 1]?.folded ?? '')) {
      // `une telle violence que…` announces what follows; `un tel échange` points back.
      if (w.slice(i + 1, i + 4).some((x) => x.folded === 'que' || x.folded === "qu'")) continue;
      reasons.push({ rule: 'demonstrative', detail: `${where}« ${w[i - 1]!.raw} ${w[i]!.raw} » renvoie à ce qui précède` });
      return;
    }
  }
}

/** The demonstrative rule fires on the sentence's first words (its subject, not a later phrase). */
export function pointsBackAtOpening(text: string): boolean {
  const found: StandaloneReason[] = [];
  demonstrativeReasons(text.trim().split(/\s+/).slice(0, 7).join(' '), found);
  return found.length > 0;
}
