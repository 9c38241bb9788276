/**
 * Decides which lines of a scraped news page are the article body. The page is read as a
 * sequence of lines (one paragraph per line, hard-wrapped lines re-joined); each line gets a
 * verdict from general evidence, in this order:
 *
 * 1. what the line is, wherever it sits: page furniture by its shape (counters, breadcrumbs,
 *    one-word labels) or by the family of words it is made of (share, comment, subscribe,
 *    cookie, credit, read-also, tags); a language other than the article's; a repetition;
 *    a metadata line (byline, date, reading time);
 * 2. where it sits: body text is a run of sentence-like paragraphs in the article's language.
 *    Everything before the first such paragraph is page header, everything after the last one
 *    is page footer — both are dropped (the header is mined for metadata first);
 * 3. inside the run, a short line without final punctuation is a section heading: real content
 *    but not a sentence, so it stays out of `paragraphs` and never becomes an excerpt alone.
 */
import type { CleanArticle } from '../types.js';
import { collapseSpaces, foldText, wordCharAt } from '../text/normalize.js';
import { detectArticleLanguage, scanLine, detectLineLanguage, type FunctionWordCounts } from './language.js';
import { datelineDate, isGenreLabel, isPersonName, parseDateline, parseMetadataLine, type LineMetadata } from './metadata.js';
import { looksLikeCaption } from './caption.js';
import { stripGluedAltText, stripGluedFurniture } from './glued.js';
import { splitSentences } from '../text/sentences.js';

// Module constants, not literals in place: esbuild (tsx) compiles a `\p{…}` literal to a `new RegExp` built at each call.
const SHOUTED_OR_PAREN_START = /^(?:\(|\p{Lu}{4,}\b)/u;
const LOWER_START = /^\p{Ll}/u;
const LOWER_WORDS = /\b\p{Ll}{2,}/gu;
const IMPERATIVE = /^(?!chez\b|assez\b)(\p{L}+ez|click|discover|subscribe|sign)\b/u;
const DASH_THEN_CAPITAL = /^[—–-]\s*\p{Lu}/u;
const GLUED_SENTENCES = /(\p{Ll}{2}[»”)]?)([.!?…])(\p{Lu}\p{Ll})/gu;
const GLUED_STOP = /[.!?…]\p{Lu}/u;
/** A capitalised word of four letters or more, nothing else: a one-word section heading. */
const ONE_WORD_HEADING = /^\p{Lu}\p{Ll}{3,}(?:-\p{L}+)?$/u;
const NOTE_CALL = /(?<=[\p{L}\p{N}.,;:!?»"”)])\[\d{1,3}\]/gu;

export type Verdict = 'title' | 'metadata' | 'body' | 'heading' | 'boilerplate' | 'duplicate';

/** One line of the page with what was decided about it and why (for tests and debugging). */
export interface LineDecision {
  /** 0-based line number in the decoded text (first line of a re-joined paragraph). */
  line: number;
  /** The line, whitespace normalised. */
  text: string;
  verdict: Verdict;
  /** Why, in a few French words. */
  reason: string;
  /** Language detected for the line (`fra`, `eng`, `und`…). */
  language: string;
}

export interface PageAnalysis {
  title: string;
  language: string;
  metadata: LineMetadata;
  decisions: LineDecision[];
}

/** Body paragraphs have at least this many words to anchor the body run on their own. */
const ANCHOR_WORDS = 10;
/** A line of prose without final punctuation but this long is still body (a lead, a lost full stop). */
const PROSE_LINE_WORDS = 18;
/** Section headings are at most this long. */
const HEADING_MAX_WORDS = 16;
/** At most this many reader-addressing sentences are peeled off each edge of the body run. */
const MAX_PEELED = 2;
/** Repeated lines shorter than this are page furniture (captions, pull quotes): every copy goes. */
const REPEATED_SHORT_WORDS = 30;
/** Article languages whose lines can be told from a foreign line (see language.ts). */
const LINE_LANGUAGES = new Set(['fra', 'eng']);

interface Unit {
  line: number;
  text: string;
  folded: string;
  /** Folded letters and digits only: equality key for duplicates. */
  key: string;
  words: number;
  counts: FunctionWordCounts;
  language: string;
  /** Ends like a sentence (`.`, `!`, `?`, `…`, possibly before a closing quote). */
  terminal: boolean;
  /** The line was a list item (`- …`, `• …`); its bullet is stripped from `text`. */
  bullet: boolean;
  /** {@link FURNITURE_CUE} matches the folded line: some furniture regex may. */
  cue: boolean;
  decision?: { verdict: Verdict; reason: string };
  meta?: LineMetadata;
}

// Closing quotes of every convention: « … », “ … ”, German „ … “ and » … «.
const TERMINAL = /[.!?…](?:["»”’“‘«›‹)\]]|\s)*$/u;

// ---------------------------------------------------------------------------------------------
// Page furniture recognised by what a line is made of. Each family is a set of cue words that
// web pages use for the same widget in French and English; shape limits keep body sentences
// that merely mention a cue word (`le Kremlin s'est refusé à tout commentaire`) safe.

interface FurnitureRule {
  reason: string;
  /** Tested on the folded line (lower case, no accents, straight apostrophes). */
  test: (folded: string, unit: Unit) => boolean;
}

const short = (unit: Unit, max: number) => unit.words <= max && !unit.terminal;

// The rules' regexes that any line may match, whatever its length. Each is tried on every line;
// one regex made of them all ({@link FURNITURE_CUE}, run once per line, `Unit.cue`) fails on
// almost every line, and then none of them can match (a rule reads `u.cue && X.test(f)`).
const LEAVE_COMMENT = /\b(laisser un commentaire|leave a (reply|comment)|champs? obligatoires?|required fields|ne sera pas publiee?|will not be published|soyez le premier a|be the first to)\b/;
const SUBSCRIBE = /\b(newsletters?|infolettres?|abonnez-vous|inscrivez-vous|suivez-nous|suivez nous|rejoignez-nous|retrouvez-nous|telechargez (notre|l'application)|subscribe|sign up|follow us)\b/;
const SECOND_PERSON = /\b(vous|votre|vos)\b/;
const PAYWALL = /\bil (vous )?reste \d+ ?%|\b(la suite|le reste) de (cet|l') ?article\b.{0,30}\breserve|\bpour lire la suite\b|^(article )?reserve aux abonnes\b/;
const SELF_MESSAGE = /\b(se desinscrire|desinscription|desabonnement|gerer (mes|vos) (preferences|abonnements)|vous (etes|avez ete) inscrit|vous recevez (cet|ce|cette) |ne s'affiche pas correctement|(la|cette) version (en ligne|web|navigateur))\b/;
const COOKIES = /\b(cookies?|traceurs)\b/;
const RIGHTS = /©|\(c\)\s|\b(tous droits reserves|all rights reserved)\b/;
const AGENCY_CREDIT_END = /\/\s*(afp|ap|reuters|epa|efe|dpa|ansa|getty( images)?|sipa|anadolu|xinhua|abaca|maxppp|shutterstock|hans lucas|[a-z]+ press)\s*$/;
const LIVE_ENDED = /\b(ce|notre|le) (direct|live|fil( d'actualite| info)?|suivi en direct|minute par minute)\b.{0,40}\b(termine|terminee|s'acheve|prend fin|se termine|se clot|est clos|ferme)\b/;
const AFFILIATE = /\b(liens? (d'affiliation|affilies?|sponsorises?)|affiliate links?|commission if you)\b/;
const FURNITURE_CUE = new RegExp(
  [LEAVE_COMMENT, SUBSCRIBE, SECOND_PERSON, PAYWALL, SELF_MESSAGE, COOKIES, RIGHTS, AGENCY_CREDIT_END, LIVE_ENDED, AFFILIATE].map((re) => `(?:${re.source})`).join('|'),
);

const FURNITURE: FurnitureRule[] = [
  {
    reason: 'bouton de partage',
    test: (f, u) =>
      short(u, 6) &&
      /\b(partag\w*|share[sd]?|sharing|tweet\w*|facebook|twitter|linkedin|whatsapp|telegram|imprimer|print|copier le lien|copy link|envoyer par e-?mail)\b/.test(f),
  },
  {
    reason: 'widget de commentaires',
    test: (f, u) =>
      (short(u, 6) && /\b(commentaires?|comments?|reagir|reagissez|repondre|reply|replies|actif|connectez-vous|log ?in)\b/.test(f)) ||
      (u.cue && LEAVE_COMMENT.test(f)),
  },
  {
    reason: 'invitation à s’abonner ou à suivre le site',
    test: (f, u) =>
      (u.cue && SUBSCRIBE.test(f)) ||
      (short(u, 4) && /\b(s'abonner|abonnement|se connecter|connexion|mon compte|alertes?)\b/.test(f)),
  },
  {
    reason: 'le site s’adresse au lecteur (promotion)',
    // The publisher speaking to the reader about its own products: `notre site`, `nos articles`.
    test: (f, u) =>
      u.cue &&
      SECOND_PERSON.test(f) &&
      /\b(notre|nos) (site|newsletters?|application|appli|journal|redaction|offres?|abonnements?|articles|dossiers?|podcasts?|chaine|page|contenus?|partenaires|emissions?)\b/.test(f),
  },
  {
    reason: 'mur payant (la suite est réservée aux abonnés)',
    test: (f, u) => u.cue && PAYWALL.test(f),
  },
  {
    reason: 'la page parle d’elle-même au lecteur (message, inscription, désinscription)',
    // An e-mail or a page about its own delivery: `Si ce message ne s'affiche pas correctement`,
    // `Vous recevez cet e-mail car…`, `Se désinscrire`, `Cet article vous a-t-il été utile ?`.
    test: (f, u) =>
      (u.cue && SELF_MESSAGE.test(f)) ||
      (u.words <= 12 && /\b(cet article|cette page|ce contenu)\b/.test(f) && /\b(vous|votre)\b/.test(f)),
  },
  {
    reason: 'note de correction de l’agence',
    // `ATTENTION - CORRIGE le prénom … au 4e paragraphe ///`, `(Corrige le titre)`: about the copy, not the news.
    test: (f, u) =>
      SHOUTED_OR_PAREN_START.test(u.text) &&
      /\b(corrige|rectifie|annule et remplace)/.test(f) &&
      /\b(paragraphe|titre|chapeau|depeche|version|orthographe|prenom|nom)\b/.test(f),
  },
  {
    reason: 'note de bas de page',
    test: (_f, u) => /^\[\d{1,3}\]\s/u.test(u.text),
  },
  {
    reason: 'bandeau cookies',
    test: (f, u) => u.cue && COOKIES.test(f) && /(accept|consent|navigation|parametr|confidentialit|privacy|partenaires|refuser)/.test(f),
  },
  {
    reason: 'publicité',
    test: (f, u) => u.words <= 3 && /\b(publicite|advertisement|advertising|annonce|sponsorise|sponsored|contenu partenaire|anzeige|werbung)\b/.test(f),
  },
  {
    reason: 'crédit photo',
    test: (f, u) =>
      (u.cue && RIGHTS.test(f)) ||
      (u.words <= 8 && /^(credits?|photo|photos|image|illustration|video|source)( \w+)?\s*:/.test(f)) ||
      // `MOHAMMED ABED / AFP`: a caption ending on an agency credit.
      (u.cue && AGENCY_CREDIT_END.test(f)) ||
      // `… freeway near Los Angeles (Getty/Kevork Djansezian)`: a caption closed by its credit in brackets.
      (u.words <= 40 && /\((?:photo\s*:?\s*)?(afp|ap|reuters|epa|efe|dpa|ansa|getty( images)?|sipa|anadolu|xinhua|abaca|maxppp|shutterstock)\s*\/[^()]{2,60}\)\s*$/.test(f)) ||
      (short(u, 8) && /\bphoto\b/.test(f) && /\b(afp|ap|reuters|epa|getty|sipa)\b/.test(f)),
  },
  {
    reason: 'renvoi vers un autre article',
    test: (f, u) =>
      /^(a )?(lire|voir|ecouter|regarder) (aussi|egalement|encore)\b|^(read|see) (also|more)\b|^(sur le meme sujet|dans la meme rubrique|les plus lus|most read|related( articles| posts| stories)?|en savoir plus|pour aller plus loin|notre dossier|more (stories|from)|weitere artikel|mehr zum thema)\b/.test(
        f,
      ) ||
      // A link's own cue at its end (`… sur la pêche (lire)`), or a heading recommending reads.
      /\((lire|voir|ecouter|regarder)\)$/.test(f) ||
      // A teaser's label alone: `À VOIR`, `À écouter`, `À découvrir`.
      /^a (voir|lire|ecouter|regarder|decouvrir)$/.test(f) ||
      (u.words <= 6 && !u.terminal && /\bvous (conseille|recommande|suggere)\b/.test(f)),
  },
  {
    reason: 'mots-clés',
    test: (f, u) => /^(tags?|mots[- ]cles|mots[- ]clefs|etiquettes|themes|sujets|topics|categories?|rubriques?)\s*:/.test(f) || (u.words <= 2 && /^(tags|mots-cles)$/.test(f)),
  },
  {
    reason: 'fil d’Ariane / navigation',
    // `Accueil > Monde > Europe`: short segments joined by navigation separators.
    test: (f, u) => {
      if (u.terminal) return false;
      const parts = f.split(/\s+[>›→|/]\s+/);
      return parts.length >= 2 && parts.every((p) => p.split(/\s+/).length <= 3);
    },
  },
  {
    reason: 'élément d’interface',
    test: (f, u) =>
      u.words <= 3 &&
      /^(menu|rechercher|recherche|search|accueil|home|fermer|close|retour|back|loader|loading|chargement( en cours)?|(voir|afficher|lire|charger|en savoir|read|load|show|see) (plus|la suite|more)|plus|more|suivant|precedent|next|previous|top|haut de page)\W*$/.test(
        f,
      ),
  },
  {
    reason: 'liste vide',
    test: (f, u) => u.words <= 5 && /^(aucun|aucune|no|nothing) (resultats?|commentaires?|articles?|items?|elements?|results?|comments?)\b/.test(f),
  },
  {
    reason: 'habillage d’un direct (ouverture, clôture, navigation entre les messages)',
    // A live page speaks about itself: `Ce direct est terminé`, `Merci de l'avoir suivi`,
    // `Bienvenue dans ce direct`, `Voir plus de posts`, `Suivre ce direct`.
    test: (f, u) =>
      (u.cue && LIVE_ENDED.test(f)) ||
      (u.words <= 16 && /\bmerci (de|d'|pour) .{0,30}\b(suivi|suivis|suivie|suivies|lu|lus|fidelite|attention)\b/.test(f)) ||
      // A live post may open on its time stamp (`07h12. Bonjour et bienvenue…`).
      /^(\d{1,2} ?[h:] ?\d{2}\.? )?(bonjour|bonsoir)?,? ?(et )?bienvenue (dans|sur) (ce|notre) (direct|live|fil)\b/.test(f) ||
      (u.words <= 6 && /^(suivre|suivez|quitter|rafraichir|actualiser) (ce|le) (direct|live|fil)\b|^(voir|afficher|charger|lire) (plus de|les|d'autres) (posts|messages|publications|mises a jour|billets|posts precedents)\b|^(nouveaux? (posts?|messages?)|epingle|resume du direct|en direct|live)$/.test(f)) ||
      /^retrouvez (l'ensemble de |toute |tous |toutes )?(notre|nos)\b/.test(f),
  },
  {
    reason: 'légende de photo',
    test: (f, u) => looksLikeCaption(u.text, f),
  },
  {
    reason: 'mention d’affiliation',
    test: (f, u) => u.cue && AFFILIATE.test(f),
  },
];

/** A counter or a number: `0`, `24 Commentaires`, `Actif : 0`, `1,2k`. */
function isCounter(unit: Unit): boolean {
  if (unit.terminal || unit.words > 4 || !/\d/.test(unit.text)) return false;
  const letters = unit.text.replace(/[^\p{L}]/gu, '').length;
  return letters <= 20;
}

// ---------------------------------------------------------------------------------------------

/** Splits a page into units: one per non-empty line, hard-wrapped paragraphs re-joined. */
/** A list bullet at the start of a line: a dash, a dot or an arrow, then a space. */
const BULLET = /^(?:[-–—•·▪◦‣●►▸*]|→)\s+(?=\S)/u;

function toUnits(text: string): Array<{ line: number; text: string; bullet: boolean }> {
  const out: Array<{ line: number; text: string; blankBefore: boolean; bullet: boolean }> = [];
  let blank = true;
  text.split('\n').forEach((raw, line) => {
    const clean = stripGluedFurniture(collapseSpaces(raw).trim());
    if (!clean) {
      blank = true;
      return;
    }
    const prev = out[out.length - 1];
    // A line that goes on in lower case after an unfinished long line is the same paragraph.
    if (prev && !blank && prev.text.length >= 50 && !/[.!?…:;»"”“«]$/u.test(prev.text) && LOWER_START.test(clean)) {
      prev.text += ' ' + clean;
    } else {
      // The bullet goes, the item stays (the check above ran on the line as written, so that a
      // lower-case item is never glued to the item before it).
      const bullet = BULLET.exec(clean);
      out.push({ line, text: bullet ? clean.slice(bullet[0].length) : clean, blankBefore: blank, bullet: bullet !== null });
    }
    blank = false;
  });
  return out;
}

/** `text.replace(/[^\p{L}\p{N}]/gu, '')`, by hand (one key per line of every page). */
function lettersAndDigits(text: string): string {
  let out = '';
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const size = wordCharAt(text, i);
    if (size !== 0) {
      i += size;
      continue;
    }
    if (i > from) out += text.slice(from, i);
    from = ++i;
  }
  return from === 0 ? text : out + text.slice(from);
}

function makeUnit(line: number, text: string, articleLanguage: string, bullet = false): Unit {
  const folded = foldText(text);
  const { counts, pieces } = scanLine(text);
  return {
    line,
    text,
    folded,
    key: lettersAndDigits(folded),
    words: pieces,
    counts,
    language: detectLineLanguage(text, articleLanguage, counts),
    terminal: TERMINAL.test(text),
    bullet,
    cue: FURNITURE_CUE.test(folded),
  };
}

/** Has the function words of a sentence in the article's language (any lower-case prose elsewhere). */
function readsAsProse(unit: Unit, language: string): boolean {
  if (language === 'fra') return unit.counts.french >= 1;
  if (language === 'eng') return unit.counts.english >= 1;
  return (unit.text.match(LOWER_WORDS) ?? []).length >= 2;
}

/** Looks like a sentence of the body: final punctuation, a few words, prose of the article's language. */
function isSentence(unit: Unit, language: string): boolean {
  const endsLikeSentence = unit.terminal || (/:$/.test(unit.text) && unit.words >= 6);
  return (endsLikeSentence && unit.words >= 3 && readsAsProse(unit, language)) || isUnpunctuatedProse(unit, language);
}

/** A long line of prose that lost (or never had) its full stop: a lead under the headline, typically. */
function isUnpunctuatedProse(unit: Unit, language: string): boolean {
  if (unit.words < PROSE_LINE_WORDS) return false;
  if (language === 'fra') return unit.counts.french >= 3;
  if (language === 'eng') return unit.counts.english >= 3;
  return readsAsProse(unit, language);
}

/**
 * Second person outside quotations (`vous`, `votre`) or an opening imperative (`Découvrez`,
 * `Retrouvez`): news prose reports, a page's promo blocks address the reader.
 */
function addressesReader(unit: Unit, how: 'any' | 'imperative'): boolean {
  const imperative = IMPERATIVE.test(unit.folded);
  if (how === 'imperative') return imperative;
  const unquoted = unit.folded.replace(/«[^»]*»|“[^”]*”|"[^"]*"/g, ' ');
  return imperative || /\b(vous|votre|vos|you|your)\b/.test(unquoted);
}

/** An e-mail export's header line (`Objet : …`, `De : …`): the field name and its value. */
const MAIL_FIELD = /^(de|from|a|to|cc|objet|subject|envoye|sent|date)\s?:\s*(.+)$/;

/**
 * The headline: the first line, unless the page opens on lines that are not one — an e-mail
 * export's header (its subject is the headline), an agency's correction note, or the site's or
 * section's name (`Mediapart`, `International`: three words at most) above a longer headline.
 */
function findTitle(units: Unit[]): { index: number; text: string; reason: string } {
  const first = { index: 0, text: units[0]?.text ?? '', reason: 'titre (première ligne)' };
  // Only the lines above the first paragraph can hold the headline.
  let limit = units.findIndex((u) => u.words >= ANCHOR_WORDS && u.terminal);
  if (limit === -1) limit = units.length;
  limit = Math.min(limit, 12);
  const mail = units.slice(0, limit).map((u) => MAIL_FIELD.exec(u.folded));
  let k = 0;
  while (k < limit && mail[k]) k++;
  if (k >= 2) {
    let subject: string | undefined;
    for (let i = 0; i < k; i++) {
      const unit = units[i]!;
      const field = mail[i]![1]!;
      const value = unit.text.slice(unit.text.indexOf(':') + 1).trim();
      if (field === 'objet' || field === 'subject') subject ??= value;
      else if (field === 'envoye' || field === 'sent' || field === 'date') {
        const meta = parseMetadataLine(value);
        if (meta) unit.meta = meta;
      }
    }
    if (subject) return { index: k - 1, text: subject, reason: 'titre (objet du courriel)' };
  }
  const notice = (u: Unit) => FURNITURE.some((rule) => rule.test(u.folded, u));
  const headlineShaped = (u: Unit) =>
    // A headline has no full stop (a question or an exclamation may end one).
    u.words >= 4 && u.words <= 24 && !notice(u) && !parseMetadataLine(u.text) && (!u.terminal || /[?!][\s"»”’)]*$/u.test(u.text));
  const firstUnit = units[0];
  if (!firstUnit || (firstUnit.words > 3 && !notice(firstUnit))) return first;
  // Under the site's name there may be its motto too: the headline is the longest such line.
  let best = -1;
  for (let i = 1; i < limit; i++) {
    if (headlineShaped(units[i]!) && (best === -1 || units[i]!.words > units[best]!.words)) best = i;
  }
  return best === -1 ? first : { index: best, text: units[best]!.text, reason: 'titre (sous le nom du site ou de la rubrique)' };
}

/**
 * Where the author's text ends at the latest: a comments widget, a paywall, or a comment's
 * stamp (a name, then a date and time, then a reader's text) after the first paragraph.
 */
function articleEnd(units: Unit[], firstAnchor: number, isSentence: (i: number) => boolean): number {
  if (firstAnchor === -1) return units.length;
  for (let i = firstAnchor + 1; i < units.length; i++) {
    const unit = units[i]!;
    const reason = unit.decision?.reason;
    if (reason === 'widget de commentaires' || reason?.startsWith('mur payant')) return i;
    const stamp = unit.meta && !unit.meta.author && (unit.meta.date ?? unit.meta.updated) && /\d{1,2} ?[h:] ?\d{2}/.test(unit.text);
    // The stamp follows a reader's name (not the article's byline), after the body has begun.
    // Two paragraphs at least before it: a name and a stamp right under the opening block are the byline.
    const byName = !isSentence(i - 1) && !units[i - 1]!.meta && units[i - 1]!.words <= 4 && i - 1 > firstAnchor + 1 && sentencesBetween(firstAnchor, i - 1, isSentence) >= 2;
    if (stamp && byName && i + 1 < units.length && isSentence(i + 1)) return i - 1;
  }
  return units.length;
}

function sentencesBetween(from: number, to: number, isSentence: (i: number) => boolean): number {
  let n = 0;
  for (let i = from; i < to; i++) if (isSentence(i)) n++;
  return n;
}

function decide(unit: Unit, verdict: Verdict, reason: string): void {
  unit.decision ??= { verdict, reason };
}

/** Reads a page and decides every line. Use {@link classifyLines} or {@link cleanArticle} unless debugging. */
export interface CleanOptions {
  /**
   * The text was extracted from a page as its main text (a file with `content: full`): its
   * headings and short lines inside the article are kept with the paragraphs, since the
   * extractor already judged them part of the article.
   */
  extracted?: boolean;
}

export function analysePage(text: string, options: CleanOptions = {}): PageAnalysis {
  const raw = toUnits(text);
  stripGluedAltText(raw.map((u) => u.text)).forEach((cut, i) => (raw[i]!.text = cut));
  // Long lines carry the body; a page of short lines is judged on all of them.
  const long = raw.filter((u) => u.text.split(' ').length >= 8).map((u) => u.text).join('\n');
  let language = detectArticleLanguage(long);
  if (language === 'und') language = detectArticleLanguage(raw.map((u) => u.text).join('\n'));
  const units = raw.map((u) => makeUnit(u.line, u.text, language, u.bullet));
  const headline = findTitle(units);
  const title = headline.text;
  for (let i = 0; i < headline.index; i++) {
    const unit = units[i]!;
    if (unit.meta) decide(unit, 'metadata', 'en-tête de courriel');
    else decide(unit, 'boilerplate', 'au-dessus du titre (nom du site, rubrique, note)');
  }
  if (units[headline.index]) decide(units[headline.index]!, 'title', headline.reason);
  const titleKey = units[headline.index]?.key;

  // 1. What each line is, wherever it sits.
  const seen = new Map<string, Unit>();
  const repeatedShort = new Set<string>();
  for (const unit of units.slice(headline.index + 1)) {
    if (unit.key === '') decide(unit, 'boilerplate', 'aucun mot');
    if (unit.key === titleKey) decide(unit, 'duplicate', 'titre répété');
    const meta = parseMetadataLine(unit.text);
    if (meta) {
      unit.meta = meta;
      decide(unit, 'metadata', 'métadonnée (auteur, date ou durée de lecture)');
    }
    for (const rule of FURNITURE) {
      if (rule.test(unit.folded, unit)) {
        decide(unit, 'boilerplate', rule.reason);
        break;
      }
    }
    if (isCounter(unit)) decide(unit, 'boilerplate', 'compteur ou nombre seul');
    // Lines are told apart by French and English function words only: in an article in another
    // language every line would look foreign, and the article is kept whole instead.
    if (LINE_LANGUAGES.has(language) && unit.language !== 'und' && unit.language !== language) {
      decide(unit, 'boilerplate', `langue (${unit.language}) différente de l’article (${language})`);
    }
    const first = seen.get(unit.key);
    if (first) {
      if (unit.words < REPEATED_SHORT_WORDS) repeatedShort.add(unit.key);
      decide(unit, 'duplicate', 'paragraphe répété (première occurrence gardée)');
    } else if (unit.key) {
      seen.set(unit.key, unit);
    }
  }
  // Short blocks a page prints twice are captions or pull quotes, not prose: no copy is kept.
  for (const unit of units.slice(1)) {
    if (repeatedShort.has(unit.key)) decide(unit, 'duplicate', 'texte court répété par la page (légende, exergue)');
  }
  // The list under a « À lire aussi » / « Sur le même sujet » heading is made of other articles'
  // headlines: short lines without a full stop (or short questions), up to the next real paragraph.
  for (let i = 0; i < units.length; i++) {
    const heading = units[i]!;
    if (heading.decision?.reason !== 'renvoi vers un autre article' || heading.words > 6) continue;
    for (let k = i + 1; k < units.length; k++) {
      const item = units[k]!;
      if (item.decision && item.decision.verdict !== 'boilerplate') continue;
      const headlineShaped = item.words <= 20 && (!item.terminal || (/\?\s*$/.test(item.text) && item.words <= 16));
      if (!headlineShaped) break;
      decide(item, 'boilerplate', 'titre d’un autre article (liste de renvois)');
    }
  }

  // 2. Where the body run starts and ends.
  const open = (u: Unit) => !u.decision;
  const sentence = units.map((u) => open(u) && (isSentence(u, language) || isListItem(u, language)));
  const anchor = units.map((u, i) => sentence[i]! && u.words >= ANCHOR_WORDS);
  // The publisher talking to its reader (`… dans votre boîte mail.`, `Découvrez notre offre`) at
  // an edge of the run is a promo block, not the article: peel up to two such sentences off the
  // end, and imperative ones off the start (an explainer may open on `Vous avez sans doute…`).
  for (const atEnd of [true, false]) {
    for (let peeled = 0; peeled < MAX_PEELED; peeled++) {
      const edge = atEnd ? anchor.lastIndexOf(true) : anchor.indexOf(true);
      if (edge === -1 || anchor.filter(Boolean).length <= 1) break;
      if (!addressesReader(units[edge]!, atEnd ? 'any' : 'imperative')) break;
      decide(units[edge]!, 'boilerplate', 'le site s’adresse au lecteur en bord de page');
      anchor[edge] = false;
      sentence[edge] = false;
    }
  }
  // Readers' comments and a paywall end the article: nothing after them is the author's text.
  const cut = articleEnd(units, anchor.indexOf(true), (i) => sentence[i]!);
  for (let i = cut; i < units.length; i++) {
    anchor[i] = false;
    sentence[i] = false;
  }
  let start = anchor.indexOf(true);
  let end = anchor.lastIndexOf(true);
  if (start === -1) {
    // No long paragraph at all: fall back on any sentence.
    start = sentence.indexOf(true);
    end = sentence.lastIndexOf(true);
  }
  if (start !== -1) {
    // A short lead or closing sentence right against the run belongs to it.
    while (start > 1 && sentence[start - 1]) start--;
    while (end + 1 < units.length && sentence[end + 1]) end++;
  } else {
    start = units.length;
    end = units.length - 1;
  }

  // Metadata zone: the header plus the lead (up to the second paragraph), where pages print
  // bylines; a lone name counts as a byline only here.
  const anchors = anchor.flatMap((a, i) => (a ? [i] : []));
  const metaEnd = Math.max(start, anchors[1] ?? end + 1);
  for (let i = 1; i < metaEnd; i++) {
    const unit = units[i]!;
    if (unit.decision) continue;
    const next = units[i + 1];
    const nameFollows = next && i + 1 < metaEnd && !next.decision && isPersonName(next.text);
    if (/^(par|by|de|auteur|author)\s*:?$/.test(unit.folded) && nameFollows) {
      // `Par` on its own line, the name on the next.
      unit.meta = { author: next.text };
      decide(unit, 'metadata', 'auteur (sur deux lignes)');
      decide(next, 'metadata', 'auteur (sur deux lignes)');
    } else if (!sentence[i]) {
      const meta = parseMetadataLine(unit.text, { allowLoneName: true });
      if (meta) {
        unit.meta = meta;
        decide(unit, 'metadata', 'métadonnée (auteur, date ou durée de lecture)');
      }
    }
  }
  // Fields come from metadata lines before the last paragraph (never from the footer's teasers);
  // a byline only up to the second paragraph (later, it signs a quote or a teaser).
  const metadata: LineMetadata = {};
  const metadataOut = metadata;
  for (let i = 1; i <= end; i++) {
    const unit = units[i]!;
    if (!unit.meta || unit.decision?.verdict !== 'metadata') continue;
    const { author, ...rest } = unit.meta;
    mergeMetadata(metadata, i < metaEnd ? unit.meta : rest);
  }
  for (let i = 1; i < start; i++) decide(units[i]!, 'boilerplate', 'en-tête de page, avant le corps de l’article');
  for (let i = end + 1; i < units.length; i++) {
    decide(units[i]!, 'boilerplate', 'pied de page, après le dernier paragraphe');
  }

  // 3. Inside the run: sentences are body, short unpunctuated lines are headings.
  for (let i = start; i <= end; i++) {
    const unit = units[i]!;
    if (unit.decision) continue;
    if (sentence[i] && unit.bullet && !unit.terminal) {
      decide(unit, 'body', 'élément de liste (puce retirée)');
    } else if (sentence[i]) {
      // A short question standing alone between paragraphs is a heading (`Quelles suites ?`).
      if (/\?\s*$/.test(unit.text) && unit.words <= 8 && i !== start && i !== end) decide(unit, 'heading', 'intertitre (question courte)');
      else if (!unit.terminal) decide(unit, 'body', 'long paragraphe sans ponctuation finale');
      else decide(unit, 'body', 'phrase du corps de l’article');
    } else if (unit.words >= 2 && unit.words <= HEADING_MAX_WORDS && /^[\p{Lu}\p{N}«"“„‚'(]/u.test(unit.text)) {
      decide(unit, 'heading', 'intertitre (ligne courte sans ponctuation finale)');
    } else if (options.extracted && unit.words >= 2) {
      decide(unit, 'heading', 'ligne courte du texte principal extrait');
    } else if (options.extracted && i > start && sentence[i + 1] && ONE_WORD_HEADING.test(unit.text)) {
      // `Performativité` between two paragraphs: a section heading the extractor kept.
      decide(unit, 'heading', 'intertitre d’un mot dans le texte principal extrait');
    } else {
      decide(unit, 'boilerplate', 'fragment sans phrase au milieu du texte');
    }
  }

  // A short body line contained in a longer body paragraph is a pull quote: keep the paragraph.
  const bodyUnits = units.filter((u) => u.decision?.verdict === 'body');
  const short = bodyUnits.filter((u) => u.words < REPEATED_SHORT_WORDS && u.key.length >= PULL_QUOTE_MIN_KEY);
  for (const unit of containedInLonger(short, bodyUnits)) {
    unit.decision = { verdict: 'duplicate', reason: 'citation reprise d’un paragraphe (exergue)' };
  }

  dropTruncated(units);
  stripDateline(units, metadataOut);

  const decisions = units.map((u) => ({
    line: u.line,
    text: u.text,
    verdict: u.decision!.verdict,
    reason: u.decision!.reason,
    language: u.language,
  }));
  return { title, language, metadata, decisions };
}

/** Key characters a short body line needs to be looked for inside longer paragraphs. */
const PULL_QUOTE_MIN_KEY = 30;
const HASH_BASE = 31;
const HASH_BASE_POW = Array.from({ length: PULL_QUOTE_MIN_KEY - 1 }).reduce<number>((p) => Math.imul(p, HASH_BASE), 1);

function windowHash(key: string, start: number): number {
  let h = 0;
  for (let j = start; j < start + PULL_QUOTE_MIN_KEY; j++) h = (Math.imul(h, HASH_BASE) + key.charCodeAt(j)) | 0;
  return h;
}

/**
 * The `needles` whose key is found inside a longer key of `haystack`. Linear in the keys' length
 * (a page of thousands of lines must not compare every pair): every window of every key is
 * rolled through a hash of the needles' first characters, and only a hit is compared in full.
 */
function containedInLonger(needles: readonly Unit[], haystack: readonly Unit[]): Set<Unit> {
  const found = new Set<Unit>();
  if (needles.length === 0) return found;
  const byStart = new Map<number, Unit[]>();
  for (const unit of needles) {
    const h = windowHash(unit.key, 0);
    const list = byStart.get(h);
    if (list) list.push(unit);
    else byStart.set(h, [unit]);
  }
  const shortest = Math.min(...needles.map((u) => u.key.length));
  for (const other of haystack) {
    const key = other.key;
    if (key.length <= shortest) continue;
    let h = windowHash(key, 0);
    for (let i = 0; i + PULL_QUOTE_MIN_KEY <= key.length; i++) {
      if (i > 0) {
        h = (Math.imul((h - Math.imul(key.charCodeAt(i - 1), HASH_BASE_POW)) | 0, HASH_BASE) + key.charCodeAt(i + PULL_QUOTE_MIN_KEY - 1)) | 0;
      }
      const list = byStart.get(h);
      if (!list) continue;
      for (const unit of list) {
        if (!found.has(unit) && key.length > unit.key.length && key.startsWith(unit.key, i)) found.add(unit);
      }
    }
  }
  return found;
}

/** A list item worth keeping: a few words of prose in the article's language (`- 116 personnes ajoutées…`). */
function isListItem(unit: Unit, language: string): boolean {
  return unit.bullet && unit.words >= 4 && readsAsProse(unit, language);
}

/** Paragraphs are compared on this many key characters at least when looking for truncated copies. */
const TRUNCATED_MIN_KEY = 40;

/**
 * Two cuts scraped pages are full of: a paragraph printed again but cut short (a teaser, a
 * "read more" block: its text is the start of another paragraph), and the last paragraph cut
 * mid-sentence where the page ends. The copy goes; of the cut paragraph, only the unfinished
 * sentence goes. Linear: copies are looked up by the start of their key.
 */
function dropTruncated(units: Unit[]): void {
  const body = units.filter((u) => u.decision?.verdict === 'body');
  const byStart = new Map<string, Unit[]>();
  for (const unit of body) {
    if (unit.key.length < TRUNCATED_MIN_KEY) continue;
    const start = unit.key.slice(0, TRUNCATED_MIN_KEY);
    const list = byStart.get(start) ?? [];
    list.push(unit);
    byStart.set(start, list);
  }
  for (const list of byStart.values()) {
    if (list.length < 2) continue;
    const longest = list.reduce((a, b) => (b.key.length > a.key.length ? b : a));
    for (const unit of list) {
      if (unit !== longest && longest.key.startsWith(unit.key)) {
        unit.decision = { verdict: 'duplicate', reason: 'copie tronquée d’un autre paragraphe' };
      }
    }
  }
  const last = [...units].reverse().find((u) => u.decision?.verdict === 'body');
  if (!last || last.terminal || last.bullet || body.length < 2 || last === body[0]) return;
  const sentences = splitSentences(last.text);
  // `« … » — Gaëlle Riou, ministre de la Mer`: a quotation signed after a dash is complete.
  if (DASH_THEN_CAPITAL.test(sentences[sentences.length - 1] ?? '')) return;
  const kept = sentences.slice(0, -1).join(' ');
  if (kept) {
    last.text = kept;
    last.decision = { verdict: 'body', reason: 'dernier paragraphe coupé en fin de page : phrase inachevée retirée' };
  } else {
    last.decision = { verdict: 'boilerplate', reason: 'dernier paragraphe coupé en fin de page' };
  }
}

/**
 * A dateline before the first paragraph (`KIEV, 12 mars (Reuters) — `, `(Bruxelles) `) is
 * metadata: the place (and the date, when the page gives none) go to the metadata, the
 * paragraph starts with its first word.
 */
function stripDateline(units: Unit[], metadata: LineMetadata): void {
  // The first body paragraph, or one of the next two when a standfirst or a caption comes first.
  for (const unit of units.filter((u) => u.decision?.verdict === 'body').slice(0, DATELINE_PARAGRAPHS)) {
    const dateline = parseDateline(unit.text);
    if (!dateline) continue;
    const rest = unit.text.slice(dateline.length).trim();
    if (!rest) return;
    unit.decision = { verdict: 'body', reason: `phrase du corps (ligne de lieu et date retirée : « ${unit.text.slice(0, dateline.length).trim()} »)` };
    unit.text = rest;
    if (dateline.place && !isGenreLabel(dateline.place)) metadata.place ??= dateline.place;
    const date = datelineDate(dateline, metadata.updated);
    if (date) metadata.date ??= date;
    return;
  }
}

/** Body paragraphs looked at for a dateline. */
const DATELINE_PARAGRAPHS = 3;

function mergeMetadata(into: LineMetadata, from: LineMetadata): void {
  if (from.author !== undefined) into.author ??= from.author;
  if (from.date !== undefined) into.date ??= from.date;
  if (from.updated !== undefined) into.updated ??= from.updated;
  if (from.readingMinutes !== undefined) into.readingMinutes ??= from.readingMinutes;
  if (from.place !== undefined) into.place ??= from.place;
}

/** Every non-empty line of a page with its verdict and the reason, for tests and debugging. */
export function classifyLines(text: string): LineDecision[] {
  return analysePage(text).decisions;
}

/**
 * Restores the space a scraper lost after a full stop (`mondiale.Des sources`) between two
 * words; initials and acronyms (`U.S.`, `M.Sullivan`) are left alone.
 */
export function repairSentenceSpacing(text: string): string {
  // A stop glued to a capital is rare: looked for first, the full pattern (a lower-case pair at
  // every position) runs only on the paragraphs that have one.
  return GLUED_STOP.test(text) ? text.replace(GLUED_SENTENCES, '$1$2 $3') : text;
}

/** Footnote calls glued to a word or a mark (`dans l'Union[1].`): a reference, not text. */
export function dropNoteCalls(text: string): string {
  return text.includes('[') ? text.replace(NOTE_CALL, '') : text;
}

/** Decoded page text → clean article: title, metadata fields, body paragraphs only. */
export function cleanArticle(id: string, text: string, options: CleanOptions = {}): CleanArticle {
  const page = analysePage(text, options);
  const kept = (d: LineDecision) => d.verdict === 'body' || (options.extracted === true && d.verdict === 'heading');
  const article: CleanArticle = {
    id,
    title: page.title,
    paragraphs: page.decisions.filter(kept).map((d) => dropNoteCalls(repairSentenceSpacing(d.text))),
    language: page.language,
  };
  if (page.metadata.author) article.author = page.metadata.author;
  // The publication date; an update date only when the page gives nothing else.
  const date = page.metadata.date ?? page.metadata.updated;
  if (date) article.date = date;
  if (page.metadata.readingMinutes !== undefined) article.readingMinutes = page.metadata.readingMinutes;
  if (page.metadata.place) article.place = page.metadata.place;
  return article;
}
