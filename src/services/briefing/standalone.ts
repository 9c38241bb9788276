/**
 * Can this sentence be read alone, torn from its article? A briefing serves sentences without
 * their neighbours, so a sentence that points back at something the reader never saw (« Cette
 * offre… », « Pour contrer cela… », « Elle teste… »), half a quotation, a quotation without its
 * speaker, a question, a photo caption, a dateline or a cut fragment must not be served alone.
 *
 * The judgement reads French grammar, not a list of sentences: each rule below is named, looks at
 * one feature of the sentence (its opening words, its determiners, its quotation marks, its end)
 * and gives a reason in French, like `classifyLines()` does for page lines. Every rule is one pass
 * over the sentence (or its first words): the cost is linear in its length.
 */
import { foldText, foldWord } from '../text/normalize.js';
import { COMPOUND_TENSE as EVENT_VERB, looksLikeCaption } from '../corpus/caption.js';
import { parseDateline } from '../corpus/metadata.js';
import { FRENCH_STOPWORDS } from '../text/stopwords.js';
import { termsOf } from '../text/stem.js';

/** The names of the rules, for tests and debugging. */
export type StandaloneRule =
  | 'demonstrative'
  | 'pronoun'
  | 'possessive'
  | 'connector'
  | 'anaphora'
  | 'verbless'
  | 'quote-half'
  | 'quote-without-speaker'
  | 'quote-pronoun-speaker'
  | 'question'
  | 'caption'
  | 'dateline'
  | 'fragment'
  | 'voice'
  | 'sequence'
  | 'speech-tail'
  | 'contradicts-headline'
  | 'presentative';

/**
 * What can make an article's first sentence not its news: it is read under its headline, so
 * nothing before it is missing, and only these say it is no lead (a caption, a dateline, a
 * question, a teaser or furniture, a cut line, a quotation without its speaker).
 */
const FIRST_SENTENCE_VETOES = new Set<StandaloneRule>(['caption', 'dateline', 'question', 'fragment', 'voice', 'quote-half', 'quote-without-speaker', 'presentative']);

export interface StandaloneReason {
  rule: StandaloneRule;
  /** Why, in a few French words, quoting the words that triggered the rule. */
  detail: string;
}

/** How the sentence stands with quotation marks. */
export type QuotationShape =
  /** No quotation, or short quoted words inside a reported sentence. */
  | 'none'
  /** Mostly a quotation, opened and closed in the sentence. */
  | 'whole'
  /** Opens a quotation that goes on in the next sentence. */
  | 'opens'
  /** Closes a quotation opened in an earlier sentence. */
  | 'closes';

export interface StandaloneVerdict {
  standsAlone: boolean;
  /** Every rule that fired, in the order of the rules; empty when the sentence stands alone. */
  reasons: StandaloneReason[];
  quotation: QuotationShape;
  /** Who speaks, when a speech verb or `selon X` outside the quotation says it. */
  speaker: 'named' | 'pronoun' | 'none';
  /** The author's voice rather than news: first person, rhetorical or evaluative openers. */
  commentary?: string;
  /** Opens on background (`Depuis 2014, …`): context rather than the news of the day. */
  background?: boolean;
  /** Features of a news sentence found (a named actor, a time, an attribution, a reported event). */
  newsSignals: number;
}

// ---------------------------------------------------------------------------------------------
// Words. All lists are folded (lower case, no accents, straight apostrophes) and are closed word
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

/** `Alors que…`, `Ainsi que…`, `De plus en plus…`, `Aussi bien…`: a subordinate or an adverb, not a connector. */
const SUBORDINATE_AFTER = /^\s*(?:que|qu'|en plus|bien|longtemps)\b/;

/** Connectors that point back wherever they sit in the sentence (`serait toutefois un choix risqué`). */
const INNER_CONNECTORS = /\b(toutefois|cependant|pourtant|neanmoins|en revanche|par ailleurs|de plus(?=\s*,)|en outre|non plus|de son cote|de leur cote|ensuite|aussitot|dans la foulee|par la suite|a (?:son|leur) tour|ainsi(?! que\b| qu'))\b/u;

/** `Il s'agit de…`, `C'est ce qu'a déclaré…`: presents what the sentence before said. On folded text. */
const PRESENTATIVE = /^(?:il s'agi(?:t|ssait|ra|rait)|c'(?:est|etait) (?:ce qu(?:e|'|i)|la que|ce dont)|voila (?:ce qu(?:e|'|i)|pourquoi))/;

/** A verb of reporting whose object is a pronoun (`en fait état`, `l'a confirmé`). On folded text. */
const REPORTED_BEFORE =
  /\b(?:en|l') (?:a |ont |avait |avaient |aurait )?(?:fait etat|fait part|rapport|annonc|confirm|indiqu|revel|affirm|precis|dementi|assur)\p{L}*/u;

/** `encore moins solidaire` compares with something said before, unless `que` names it here. */
const COMPARED_BEFORE = /\bencore (?:plus|moins) (?!de\b|d'|que\b|qu')\p{L}+/u;

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

/** Verbs that introduce speech, as written after `a`/`ont` or in the present (`a déclaré`, `affirme`). */
const SPEECH_STEMS =
  'declar affirm expliqu ajout soulign estim avert averti indiqu assur preven prevenu lanc martel confi repond repondu annonc ' +
  'insist reconn reconnu jug rappel precis denonc ecri ecrit tweet comment conclu not observ resum plaid promi menac admi ' +
  'regrett salu deplor protest reag reagi demand relev ironis tranch detaill argu avanc poursuiv poursuivi temoign racont ' +
  'confirm dementi insist fustig critiqu accus assen lach gliss souffl concede concedu souten soutenu fait-valoir fait-savoir';
const SPEECH_PARTICIPLE = new RegExp(
  `\\b(?:a|ont|avait|avaient|aurait|auraient)(?:-t-(?:il|elle|ils|elles|on))?\\s+(?:\\p{L}+\\s+)?(?:${SPEECH_STEMS.split(' ').join('|')})\\p{L}*`,
  'u',
);
const SPEECH_PRESENT = new RegExp(
  `\\b(?:${SPEECH_STEMS.split(' ').filter((s) => !s.includes('-')).join('|')})(?:e|ent|it|issent|t)(?:-t-(?:il|elle|ils|elles|on)|-(?:il|elle|ils|elles|on))?\\b|\\b(?:dit|disent|dira|explique|fait valoir|fait savoir|a dit|ont dit)\\b`,
  'u',
);
/** `a-t-il ajouté`, `selon lui`, `il a dit`: the speaker is only a pronoun. */
const PRONOUN_SPEAKER =
  /-t-(?:il|elle|ils|elles|on)\b|\b(?:dit|ajoute|estime|affirme|explique|souligne|assure|precise|insiste|poursuit|conclut|reconnait|admet|juge|note|observe|resume|martele|confie)-(?:il|elle|ils|elles)\b|\b(?:selon|d'apres|pour) (?:lui|elle|eux|elles)\b|^\W*(?:il|elle|ils|elles|on) (?:a|ont|avait|avaient)\b/;
/** An attribution by source rather than by verb: `selon le ministre`, `d'après Reuters`. */
const SOURCE_ATTRIBUTION = /\b(?:selon|d'apres|a en croire|aux yeux d[eu]s?)\s+(?!lui\b|elle\b|eux\b|elles\b)/;

/** Impersonal `il`: `il y a`, `il faut`, `il est probable que`, `il n'est pas clair si`. */
const IMPERSONAL_IL =
  /^il (?:y a|y avait|y aura|n'y a|est des|etait une fois|faut|fallait|faudra|faudrait|semble|semblait|parait|reste|restait|s'agit|est (?:\p{L}+ )?(?:\p{L}+) (?:que|qu'|de|d'|si)|n'est (?:pas|plus) (?:\p{L}+ )?(?:que|qu'|de|d'|si)|etait (?:\p{L}+ )?(?:que|qu'|de|d')|serait (?:\p{L}+ )?(?:que|qu'|de|d')|convient|importe|suffit|arrive|existe|manque|pleut|vaut)/u;

/** The time of the programme or issue itself (`cette semaine`, `tout de suite`, `aujourd'hui`). */
const OUTLET_DEIXIS = /\b(?:aujourd'hui|cette semaine|ce soir|ce matin|tout de suite|maintenant|dans ce (?:journal|numero|episode|direct)|a present)\b/;

/** The authorial voice: the writer speaks (`nous discuterons`), or judges (`une chose est certaine`). */
const COMMENTARY_OPENERS =
  /^(?:une chose est (?:sure|certaine)|il est des|il etait une fois|il est a noter|force est de|nul doute|sans doute|il faut dire|on peut se demander|reste a (?:voir|savoir)|notons|rappelons|soulignons|precisons|disons|imaginons|admettons|au fond|en somme|en definitive|a n'en pas douter|il va sans dire|l'histoire (?:retiendra|dira)|on l'a vu|comme on le sait|chacun sait|tout le monde sait)\b/;
/** The programme greeting its audience: furniture, not news. On folded text. */
const GREETING = /^(?:bonjour|bonsoir|bienvenue|bonne lecture|bonne soiree|bonne journee)\b/;
const FIRST_PERSON = /\b(?:je|j'|nous|notre|nos|me|m'|moi)\b/;

/** Markers of reported news: a named actor inside the sentence, a time, an attribution, an event verb. */
const TIME_MARKER =
  /\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd'hui|ce matin|ce soir|cette nuit|cette semaine|ce week-end|la semaine (?:derniere|prochaine)|le mois (?:dernier|prochain)|\d{1,2}(?:er)? (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)|en (?:19|20)\d\d)\b/;

/** Function words a sentence never ends on unless it was cut (`…publié au Journal`, `… de la`). */
const DANGLING = new Set(
  'le la les l un une des du de d au aux a et ou mais ni car que qu qui dont ce cette ces son sa ses leur leurs sur sous dans par pour avec sans entre vers chez en'.split(' '),
);

/** Below this many words, a line without final punctuation is not a sentence. */
const UNPUNCTUATED_MIN_WORDS = 15;

/** Openers of background rather than news: what has lasted (`Depuis l'annexion…`), not what happened. */
const BACKGROUND_OPENERS = /^(?:depuis|ces dernieres (?:annees|semaines|decennies)|au fil des|historiquement|longtemps|de longue date|jusqu'ici|jusqu'a present|il y a (?:\d+|\p{L}+) ans)\b/u;

/** Elided article/pronoun glued to the next word: `l'Ukraine`, `d'un`, `qu'il`. */
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'/;

// ---------------------------------------------------------------------------------------------

/**
 * Openers that place the sentence relative to another event of the article (`Plus tôt dans la
 * journée`, `Auparavant`, `Quelques heures plus tard`, `La veille`): only true after it.
 */
const SEQUENCE_OPENERS =
  /^(?:(?:\p{L}+ ){0,3}plus (?:tot|tard)|auparavant|ensuite|puis|peu (?:apres|avant|de temps apres)|dans la foulee|entre-temps|entretemps|par la suite|la veille|le lendemain|le meme jour|au meme moment|dans le meme temps|simultanement|a nouveau|de nouveau|avant cela|apres cela|apres quoi)\b/u;

/**
 * The tail of reported speech that only continues a speaker introduced before: an inverted
 * pronoun (`a-t-il ajouté`, `estime-t-elle`, `dit-il`), or a verb of continuing (`, a ajouté X.`,
 * `, poursuit X.`). Read outside quotations, on folded text.
 */
const SPEECH_TAIL =
  /-t-(?:il|elle|ils|elles|on)\b|\b\p{L}{3,}-(?:il|elle|ils|elles)\b|,\s*(?:a|ont|avait|avaient)\s+(?:encore\s+|aussi\s+|egalement\s+)?(?:ajoute|poursuivi|rencheri|conclu|enchaine|complete|repete)\b|,\s*(?:ajoute|poursuit|rencherit|conclut|enchaine|complete|repete)\s+\p{L}/u;

/** A headline that denies (`X dément interdire…`, `Moscou nie toute implication`): the claim follows the verb. */
const DENIAL_HEADLINE = /\b(?:dement|dementent|nie|nient|refute|refutent|conteste|contestent|oppose un dementi a)\b\s+(?<claim>.+)$/u;
/** Negation or denial in a sentence: it does not assert the denied claim. */
const NEGATION = /\b(?:ne|n'|pas|jamais|aucun|aucune|rien|dement\p{L}*|nie|nient|faux|fausse|infonde\p{L}*|rejet\p{L}*|refut\p{L}*)\b/u;

/**
 * The claim a denial headline denies, as index terms (`Le Kazakhstan dément interdire
 * l'exportation de carburant` → `interdir`, `export`, `carbur`), or undefined.
 */
export function deniedClaim(headline: string): string[] | undefined {
  const m = DENIAL_HEADLINE.exec(foldText(headline));
  if (!m?.groups?.claim) return undefined;
  const terms = [...new Set(termsOf(m.groups.claim))];
  return terms.length >= 2 ? terms : undefined;
}

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
  return /\p{L}/u.test(c);
}

/** One pass over the sentence: where the quotations are, and whether one is left open or closed from before. */
function readQuotations(text: string): Quoting {
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

interface Word {
  raw: string;
  folded: string;
}

// The judge cuts every sentence into words several times (one rule, one cut): the words of a
// piece of text depend on the piece alone, so they are kept, like foldWord's folds. Read-only.
const PIECE_WORDS = new Map<string, readonly Word[]>();
const PIECE_TOKENS = new Map<string, readonly Token[]>();
const PIECES_MAX = 100_000;

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= PIECES_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

/** The words of one piece between separators (two when an elided form is split off). */
function pieceWords(raw: string): readonly Word[] {
  const known = PIECE_WORDS.get(raw);
  if (known) return known;
  const folded = foldWord(raw);
  const cut = elisionEnd(raw, folded);
  return remember(
    PIECE_WORDS,
    raw,
    cut
      ? [
          { raw: raw.slice(0, cut), folded: folded.slice(0, cut) },
          { raw: raw.slice(cut), folded: folded.slice(cut) },
        ]
      : [{ raw, folded }],
  );
}

/**
 * Where an elided article or pronoun ends in a word (« l'Ukraine » → 2), or 0: only when a word
 * follows it and folding kept the length, so that the raw and folded forms cut at the same place.
 */
function elisionEnd(raw: string, folded: string): number {
  const elided = ELISION.exec(folded);
  return elided && folded.length > elided[0].length && raw.length === folded.length ? elided[0].length : 0;
}

const WORD_SEPARATORS = /[\s,;:()«»"“”„.!?…—–]+/;
const WORD_SEPARATORS_GLOBAL = new RegExp(WORD_SEPARATORS.source, 'g');

/** Words of a text as written and folded, elided forms split (`l’offre` → `l’`, `offre`). */
function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const raw of text.split(WORD_SEPARATORS)) {
    if (!raw) continue;
    for (const word of pieceWords(raw)) out.push(word);
  }
  return out;
}

/** How many {@link words} a text has, without listing them. */
function wordCount(text: string): number {
  let count = 0;
  for (const raw of text.split(WORD_SEPARATORS)) if (raw) count += pieceWords(raw).length;
  return count;
}

/** The first of {@link words}, without cutting the rest. */
function firstWord(text: string): string | undefined {
  const separator = WORD_SEPARATORS_GLOBAL;
  separator.lastIndex = 0;
  let from = 0;
  for (;;) {
    const match = separator.exec(text);
    const end = match ? match.index : text.length;
    if (end > from) return pieceWords(text.slice(from, end))[0]!.folded;
    if (!match) return undefined;
    from = match.index + match[0].length;
  }
}

/** Folded words of a text. */
function words(text: string): string[] {
  return wordsOf(text).map((w) => w.folded);
}

/** A noun-phrase antecedent written before the main clause: a name, or a determiner and a noun. */
function hasAntecedent(intro: string): boolean {
  const original = intro.trim().split(/\s+/);
  // A capitalised word that is not the sentence's first word (the first is capitalised anyway).
  if (original.slice(1).some((w) => /^\p{Lu}/u.test(w.replace(/^[«“"(]/, '')))) return true;
  const ws = words(foldText(intro));
  return ws.some((w, i) => /^(?:le|la|les|l'|un|une|des|du|au|aux)$/.test(w) && i + 1 < ws.length);
}

/** Prepositions made of a noun or adverb and `de` (`près de Kiev`): an adverbial phrase, not an apposition. */
const PREPOSITION_HEADS = new Set('pres loin autour aupres hors faute face grace suite cote lors afin avant apres'.split(' '));

/**
 * A detached phrase that describes the subject that follows (`Présenté comme un plan de paix,
 * il…`, `Symbole d'une stabilité autoritaire, il…`): a participle or a bare noun with its
 * complement. The names inside it are not the subject's antecedent: the subject is what it describes.
 */
function describesSubject(intro: string): boolean {
  const ws = words(foldText(intro));
  const raw = intro.trim().split(/\s+/)[0] ?? '';
  const first = ws[0] ?? '';
  if (!first || FRENCH_STOPWORDS.has(first) || PREPOSITION_HEADS.has(first)) return false;
  if (/\p{L}{2,}(?:é|ée|és|ées|u|ue|us|ues|i|ie|is|ies)$/u.test(raw) && !/^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|midi|parmi|ici|aussi|ainsi)$/.test(first)) return true;
  return /^(?:de|d'|du|des)$/.test(ws[1] ?? '');
}

/** A quantity word as the subject, its verb right after (`La plupart sont…`, `Plusieurs ont été…`). On folded text. */
const PRONOUN_QUANTITY =
  /^(la plupart|la majorite|la moitie|certains|certaines|plusieurs|beaucoup|chacun|chacune|tous|toutes) (?:ne |n'|se |s'|y |en )?(?:sont|ont|etaient|avaient|seront|auront|seraient|auraient|est|a|etait|avait|sera|aura|doivent|peuvent|restent|demeurent|\p{L}+ent)\b/u;

/** Splits the sentence's opening into an introductory phrase (up to a comma, short) and the main clause. */
function mainClause(text: string): { intro: string; main: string } {
  const comma = text.indexOf(',');
  if (comma > 0 && comma < 120) {
    const intro = text.slice(0, comma);
    if (intro.split(/\s+/).length <= 14) return { intro, main: text.slice(comma + 1).trim() };
  }
  return { intro: '', main: text };
}

function openerReasons(opening: string, reasons: StandaloneReason[], where: string): void {
  const trimmed = opening.replace(/^[\s«“"„—–-]+/, '');
  const folded = foldText(trimmed);
  // Connector as the first words.
  for (const connector of CONNECTORS) {
    if (folded.startsWith(connector) && !/[\p{L}\p{N}]/u.test(folded[connector.length] ?? '') && !SUBORDINATE_AFTER.test(folded.slice(connector.length))) {
      reasons.push({ rule: 'connector', detail: `${where}ouvre sur un connecteur (« ${trimmed.slice(0, connector.length)} ») qui renvoie à ce qui précède` });
      break;
    }
  }
  // Subject pronoun or possessive at the start of the sentence, or of the main clause after an
  // introductory phrase with no antecedent in it (`Lundi, il a…`, but not `Arrivé à Kiev, le président…`).
  const atStart = /^(?:il|elle|ils|elles|son|sa|ses|leur|leurs)$/.test(firstWord(folded) ?? '');
  const { intro, main } = atStart ? { intro: '', main: trimmed } : mainClause(trimmed);
  const mainFolded = foldText(main);
  const head = firstWord(mainFolded);
  if (head && /^(?:il|elle|ils|elles)$/.test(head) && !(head === 'il' && IMPERSONAL_IL.test(mainFolded))) {
    if (!intro || !hasAntecedent(intro) || describesSubject(intro)) {
      reasons.push({ rule: 'pronoun', detail: `${where}sujet « ${main.split(/\s+/)[0]} » sans antécédent dans la phrase` });
    }
  }
  // `La plupart sont poursuivis…`, `Certains ont fui…`: a quantity of a set named before, as subject.
  const share = PRONOUN_QUANTITY.exec(folded) ?? (intro && (!hasAntecedent(intro) || describesSubject(intro)) ? PRONOUN_QUANTITY.exec(mainFolded) : null);
  if (share) {
    reasons.push({ rule: 'pronoun', detail: `${where}sujet « ${share[1]} » : une part d’un ensemble nommé avant` });
  }
  if (head && /^(?:son|sa|ses|leur|leurs)$/.test(head) && (!intro || !hasAntecedent(intro))) {
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
  const speaksFirst = [folded, mainFolded].some((f) => /^(?:on|nous|je|j')\b/.test(f));
  // (Only the writer's own words: a quoted speaker says « nous » of their own side.)
  if (!where && speaksFirst && (OUTLET_DEIXIS.test(folded) || /\b(?:notre|nos|vous)\b/.test(folded))) {
    const voice = /^(?:on|nous|je|j')\b/.test(folded) ? trimmed : main;
    reasons.push({ rule: 'voice', detail: `${where}le média parle à son public (« ${voice.split(/\s+/).slice(0, 2).join(' ')} »)` });
  }
  // A greeting, maybe after a transcript's speaker label (`PRÉSENTATRICE (…) : Bonsoir à tous`).
  const label = /^\p{Lu}[\p{Lu}\s'’.-]{2,}(?:\s*\([^)]*\))?\s*:\s*/u.exec(trimmed);
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

interface Token {
  raw: string;
  folded: string;
  /** A comma (or another clause mark) follows it. */
  comma: boolean;
}

// The last text cut, with where each piece's tokens end: three rules read the same opening
// (anaphoricNounPhrase, verbless, undefinedLabelNoun), and it is cut once for them.
const lastCut: { text: string | undefined; cap: number; tokens: Token[]; ends: number[] } = { text: undefined, cap: 0, tokens: [], ends: [] };
/** A cut goes at least this far, the most any rule reads. */
const TOKENS_CAP = 80;

/** The first words of a text, elided article split off (`L'accord` → `l'`, `accord`), commas kept as flags. */
function tokens(text: string, max: number): Token[] {
  if (lastCut.text !== text || lastCut.cap < max) {
    const out: Token[] = [];
    const ends: number[] = [];
    const cap = Math.max(max, TOKENS_CAP);
    // The pieces between spaces, read only as far as needed (an empty piece gives no token).
    const rest = text.replace(/^[\s«“"„—–-]+/, '');
    const piece = NON_SPACE;
    piece.lastIndex = 0;
    for (let match = piece.exec(rest); match && out.length < cap; match = piece.exec(rest)) {
      for (const token of pieceTokens(match[0])) out.push(token);
      ends.push(out.length);
    }
    Object.assign(lastCut, { text, cap, tokens: out, ends });
  }
  // Whole pieces until `max` tokens are reached, as a cut that stopped there would give.
  for (const end of lastCut.ends) if (end >= max) return lastCut.tokens.slice(0, end);
  return lastCut.tokens.slice();
}

const NON_SPACE = /\S+/g;

/** The tokens of one piece between spaces (none, one, or two when an elided article is split off). */
function pieceTokens(piece: string): readonly Token[] {
  const known = PIECE_TOKENS.get(piece);
  if (known) return known;
  const comma = /[,;:)]$/.test(piece);
  const raw = piece.replace(/[,;:.!?…()«»"“”]+$/u, '').replace(/^[(«“"]+/u, '');
  if (!raw) return remember(PIECE_TOKENS, piece, []);
  const folded = foldWord(raw);
  const cut = elisionEnd(raw, folded);
  return remember(
    PIECE_TOKENS,
    piece,
    cut
      ? [
          { raw: raw.slice(0, cut), folded: folded.slice(0, cut), comma: false },
          { raw: raw.slice(cut), folded: folded.slice(cut), comma },
        ]
      : [{ raw, folded, comma }],
  );
}

/**
 * A definite noun phrase at the head of a clause that only the previous sentences define:
 * `Le texte doit encore…`, `L'accord présumé, qui…`, `Les deux pays ont signé…`, `Le président a
 * ensuite…`. Not when the phrase is defined here: a name or a number right after it (`Le parti Rêve
 * géorgien`, `L'accord conclu à Doha`), a `de` complement (`le projet de loi`), a restrictive
 * relative (`le texte qui interdit…`).
 */
function anaphoricNounPhrase(text: string): string | undefined {
  const t = tokens(text, 12);
  if (!/^(?:le|la|les|l')$/.test(t[0]?.folded ?? '')) return undefined;
  let i = 1;
  const numeral = t[0]!.folded === 'les' && NUMERALS.has(t[i]?.folded ?? '');
  if (numeral) i++;
  if (!numeral && PRENOMINAL.has(t[i]?.folded ?? '') && !t[i]!.comma) i++;
  const head = t[i];
  if (!head || /^\p{Lu}/u.test(head.raw)) return undefined;
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
 * A definite label noun left undefined anywhere in the sentence: closed by punctuation (`de
 * bloquer le texte,`, `Depuis le début du conflit,`) or followed straight by a preposition that
 * starts another phrase (`justifie la décision par…`). A name right after defines it.
 */
function undefinedLabelNoun(text: string): string | undefined {
  const t = tokens(text, 80);
  // `la neutralité du pays.` after `Le Parlement moldave`: a place noun finds its antecedent in a
  // name written before it in the sentence (the first word counts unless it is a function word).
  const isName = (w: Token, at: number) => /^\p{Lu}/u.test(w.raw) && (at > 0 || !FRENCH_STOPWORDS.has(w.folded));
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
      if (!definedLater && !/^\p{Lu}/u.test(t[i + 2]!.raw) && (t[i + 2]!.comma || !after || !/^(?:de|d'|du|des|qui|que|qu'|dont|a)$/.test(after.folded)) && !/^[\p{Lu}\d]/u.test(after?.raw ?? '')) {
        return `${t[i]!.raw} ${t[i + 1]!.raw} ${t[i + 2]!.raw}`;
      }
    }
    // `la plupart des projectiles avec…`: a share of a set the article presented before (`la
    // plupart des pays européens` defines its set).
    if (/^(?:plupart|majorite|totalite|moitie|partie)$/.test(t[i + 1]!.folded) && t[i + 2]?.folded === 'des' && t[i + 3] && !/^\p{Lu}/u.test(t[i + 3]!.raw)) {
      const set = t[i + 3]!;
      const after = t[i + 4];
      if (set.comma || !after || (CLAUSE_PREPOSITIONS.test(after.folded) && after.folded !== 'a' && !/^[\p{Lu}\d]/u.test(t[i + 5]?.raw ?? 'x'))) {
        return `${t[i]!.raw}${t[i]!.folded === "l'" ? '' : ' '}${t[i + 1]!.raw} des ${set.raw}`;
      }
    }
    const noun = t[i + 1]!;
    if (!LABEL_NOUNS.has(noun.folded) || /^\p{Lu}/u.test(noun.raw)) continue;
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

/** Says what is not known about something the article stated before (`n'est pas clair`, `reste flou`). */
const UNKNOWN_OF_BEFORE =
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
function verbless(text: string): string | undefined {
  const t = tokens(text, 60);
  if (!/^(?:un|une|des)$/.test(t[0]?.folded ?? '')) return undefined;
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
  if (t.slice(2, 5).some((w) => /\p{L}(?:é|ée|és|ées)$/u.test(w.raw))) return 'un groupe nominal et un participe, sans verbe conjugué';
  return undefined;
}

/** A restrictive relative clause right after the noun defines it here (`cette bande de terre qui longe…`). */
const DEFINED_BY_RELATIVE = /^\s*(?:[\p{L}'’-]+\s+){1,4}?(?:qui|dont|où)\b/u;

/**
 * Words into a sentence after which a demonstrative finds its antecedent in the sentence itself
 * (`…, même si cela signifie que…`, `… alors que le Kremlin avait averti qu'une telle décision…`).
 */
const DEMONSTRATIVE_REACH = 20;

/** Demonstratives and `cela`, `un tel` in a text (the sentence outside quotations, or a quotation's opening). */
function demonstrativeReasons(text: string, reasons: StandaloneReason[], where = ''): void {
  const w = wordsOf(text);
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
function pointsBackAtOpening(text: string): boolean {
  const found: StandaloneReason[] = [];
  demonstrativeReasons(text.trim().split(/\s+/).slice(0, 7).join(' '), found);
  return found.length > 0;
}

function isFragment(text: string, folded = foldText(text)): string | undefined {
  const bare = text.replace(/^[\s«“"„(—–-]+/, '');
  if (/^\p{Ll}/u.test(bare)) return 'commence en minuscule (début coupé)';
  const stripped = text.replace(/[\s»”")\]]+$/u, '');
  if (/[,;:]$/.test(stripped)) return 'se termine sur une virgule ou deux-points (phrase coupée)';
  const count = wordCount(folded);
  if (!/[.!?…]$/.test(stripped)) {
    const last = foldText(stripped.split(/\s+/).pop() ?? '');
    if (DANGLING.has(last.replace(/'$/, ''))) return `se termine sur « ${stripped.split(/\s+/).pop()} » (phrase coupée)`;
    // A long line of prose may have lost its full stop (a lead under a headline); a short one is a list item or a label.
    if (count < UNPUNCTUATED_MIN_WORDS) return 'sans ponctuation finale et courte (élément de liste, étiquette)';
  }
  if (count < 4) return 'trop courte pour être une phrase';
  return undefined;
}

/** Symbols, bullets and emoji (with their joiners and variation selectors) before the first word. */
const LEADING_SYMBOLS = /^[\p{So}\p{Sk}\p{Co}\u200d\ufe0f•▪▫◦‣⁃·►▶→]+\s*/u;

/** Where the sentence sits, when the caller knows. */
export interface SentenceContext {
  /**
   * 0-based index of the sentence in its article. The first sentence is read under its headline:
   * only {@link FIRST_SENTENCE_VETOES} hold it back. Unknown: judged as a later sentence.
   */
  index?: number;
  /** The terms of the claim the article's headline denies ({@link deniedClaim}), if it is a denial. */
  deniedClaim?: readonly string[];
}

/** Judges one sentence. Pure and linear in the sentence's length. */
export function judgeSentence(raw: string, context: SentenceContext = {}): StandaloneVerdict {
  // A bullet or an emoji before the first word (`▫️Ces informations…`) is layout, not a word.
  const text = raw.replace(LEADING_SYMBOLS, '');
  const reasons: StandaloneReason[] = [];
  const quoting = readQuotations(text);
  const folded = foldText(text);
  const outsideFolded = (quoting.outside === text ? folded : foldText(quoting.outside)).replace(/\s+/g, ' ').trim();

  // Dateline left at the head of a sentence.
  const dateline = parseDateline(text);
  if (dateline) reasons.push({ rule: 'dateline', detail: `commence par une ligne de lieu et date (« ${text.slice(0, dateline.length).trim()} »)` });

  // Opening words: of the sentence outside quotations, and of an opening quotation.
  const outsideOpening = quoting.shape === 'closes' ? '' : text.replace(/^[\s—–-]+/, '');
  if (outsideOpening && !/^[«“"„]/.test(outsideOpening)) openerReasons(outsideOpening, reasons, '');
  if (quoting.opening !== undefined && quoting.shape !== 'closes') openerReasons(quoting.opening, reasons, 'la citation ');
  demonstrativeReasons(quoting.outside, reasons);
  // A quotation that opens on `Cela…` points back as much as the writer's own sentence would.
  if (quoting.opening !== undefined && quoting.shape !== 'closes') demonstrativeReasons(quoting.opening.split(/\s+/).slice(0, 4).join(' '), reasons, 'la citation : ');
  const inner = INNER_CONNECTORS.exec(outsideFolded);
  if (inner && !reasons.some((r) => r.rule === 'connector') && !/\bmais aussi\b/.test(outsideFolded)) {
    reasons.push({ rule: 'connector', detail: `« ${inner[1]} » rattache la phrase à une autre` });
  }
  const compared = COMPARED_BEFORE.exec(outsideFolded);
  if (compared && !/\bqu(?:e\b|')/.test(outsideFolded.slice(compared.index))) {
    reasons.push({ rule: 'connector', detail: `« ${compared[0]} » compare avec ce qui précède` });
  }

  // A definite noun phrase only the previous sentences define, at the head of the sentence or of
  // its main clause (`Avant les Jeux, les deux pays ont signé…`).
  if (outsideOpening && !/^[«“"„]/.test(outsideOpening)) {
    const { intro, main } = mainClause(outsideOpening);
    const np = anaphoricNounPhrase(outsideOpening) ?? (intro ? anaphoricNounPhrase(main) : undefined) ?? undefinedLabelNoun(quoting.outside);
    if (np) reasons.push({ rule: 'anaphora', detail: `« ${np} » désigne ce qu’une phrase précédente a présenté` });
    else if (UNKNOWN_OF_BEFORE.test(outsideFolded)) {
      reasons.push({ rule: 'anaphora', detail: 'dit ce qu’on ignore d’un fait présenté avant' });
    }
    const aside = verbless(outsideOpening);
    if (aside) reasons.push({ rule: 'verbless', detail: `phrase sans verbe principal (${aside})` });
  }

  // `Le service russe de la BBC en fait état`, `Moscou l'a confirmé`: a pronoun object stands for
  // the news itself, said before (under a headline: in the title).
  const reported = REPORTED_BEFORE.exec(outsideFolded);
  if (reported) reasons.push({ rule: 'presentative', detail: `« ${reported[0]} » rapporte une nouvelle dite avant` });

  // Quotations.
  const speaker: StandaloneVerdict['speaker'] = PRONOUN_SPEAKER.test(outsideFolded)
    ? 'pronoun'
    : SPEECH_PARTICIPLE.test(outsideFolded) || SPEECH_PRESENT.test(outsideFolded) || SOURCE_ATTRIBUTION.test(outsideFolded) || /:\s*$/.test(outsideFolded)
      ? 'named'
      : 'none';
  if (quoting.shape === 'opens') reasons.push({ rule: 'quote-half', detail: 'ouvre une citation qui se poursuit dans la phrase suivante' });
  if (quoting.shape === 'closes') reasons.push({ rule: 'quote-half', detail: 'ferme une citation ouverte dans une phrase précédente' });
  if (quoting.shape === 'whole' || quoting.shape === 'opens' || (quoting.shape === 'closes' && quoting.quotedShare > 0.5)) {
    if (speaker === 'none') reasons.push({ rule: 'quote-without-speaker', detail: 'citation sans son auteur' });
    else if (speaker === 'pronoun') reasons.push({ rule: 'quote-pronoun-speaker', detail: 'citation dont l’auteur n’est qu’un pronom (« a-t-il dit »)' });
  }

  // Questions (a question quoted with its speaker is reported speech, not the writer asking).
  if (/\?[\s»”")]*$/.test(text) && !(quoting.shape !== 'none' && speaker === 'named')) {
    reasons.push({ rule: 'question', detail: 'question (n’apporte pas de nouvelle)' });
  }

  // Captions.
  if (looksLikeCaption(text)) {
    reasons.push({ rule: 'caption', detail: 'légende de photo (groupe nominal daté, sans fait rapporté)' });
  }

  const fragment = isFragment(text, folded);
  if (fragment) reasons.push({ rule: 'fragment', detail: fragment });

  // News or commentary (for choosing a lead, not for standing alone).
  let commentary: string | undefined;
  const openingFolded = foldText(text.replace(/^[\s«“"„—–-]+/, ''));
  const commentaryOpener = COMMENTARY_OPENERS.exec(openingFolded);
  if (commentaryOpener) commentary = `ouvre sur un commentaire (« ${commentaryOpener[0]} »)`;
  else if (FIRST_PERSON.test(outsideFolded)) commentary = 'l’auteur parle à la première personne';
  const afterFirst = text.replace(/^\s*\S+/, '');
  const newsSignals =
    (/\s\p{Lu}\p{Ll}/u.test(afterFirst) ? 1 : 0) +
    (TIME_MARKER.test(folded) ? 1 : 0) +
    (SPEECH_PARTICIPLE.test(outsideFolded) || SOURCE_ATTRIBUTION.test(folded) ? 1 : 0) +
    (EVENT_VERB.test(quoting.outside.toLowerCase()) ? 1 : 0);
  // A later sentence stands alone by stricter rules: it may not hang on another event of the
  // article, continue someone's speech, or state what the headline denies.
  if (context.index !== 0) {
    const sequence = outsideOpening && !/^[«“"„]/.test(outsideOpening) ? SEQUENCE_OPENERS.exec(openingFolded) : null;
    if (sequence) reasons.push({ rule: 'sequence', detail: `ouvre sur « ${text.replace(/^[\s«“"„—–-]+/, '').slice(0, sequence[0].length)} », qui situe la phrase par rapport à une autre` });
    const tail = SPEECH_TAIL.exec(outsideFolded);
    if (tail) reasons.push({ rule: 'speech-tail', detail: `suite d’un discours rapporté (« ${tail[0].replace(/^,\s*/, '')} »)` });
    if (context.deniedClaim && !NEGATION.test(folded)) {
      const own = new Set(termsOf(text));
      const shared = context.deniedClaim.filter((t) => own.has(t)).length;
      if (shared >= 2 && shared >= context.deniedClaim.length / 2) {
        reasons.push({ rule: 'contradicts-headline', detail: 'affirme ce que le titre dément' });
      }
    }
  }
  // Under its headline the first sentence may point back, except when its very subject does
  // (« Ces informations ont été rapportées par… »): then the news is in the title alone.
  const opensOnDemonstrative = /^(?:ce|cet|cette|ces) \p{L}/u.test(openingFolded) && pointsBackAtOpening(text);
  const kept =
    context.index === 0
      ? reasons.filter((r) => FIRST_SENTENCE_VETOES.has(r.rule) || (opensOnDemonstrative && r.rule === 'demonstrative'))
      : reasons;
  const background = BACKGROUND_OPENERS.test(openingFolded);
  return {
    standsAlone: kept.length === 0,
    reasons: kept,
    quotation: quoting.shape,
    speaker,
    ...(commentary ? { commentary } : {}),
    ...(background ? { background } : {}),
    newsSignals,
  };
}
