/**
 * What a mention is, read from the words around it rather than from the name alone:
 * - a place inside a media title (`Radio Free Europe`, `Tehran Times`) is the medium, not the place;
 * - `les 27` in a sentence about Europe is the European Union;
 * - a city after `à` in a sentence about a meeting (`réunis à Genève`, `conférence organisée à Rome`),
 *   or after `de` behind a meeting noun (`le sommet de Vilnius`), is only where something happens:
 *   a venue, still a mention of its actor, but not a sign that the sentence's other actors are
 *   related to it. A city as subject (`Moscou a dit`) or as the one addressed (`a demandé à
 *   Washington`) keeps standing for its government.
 * General French grammar, not lists of the corpus's sentences.
 */
import type { Token } from '../text/normalize.js';
import type { Mention } from '../types.js';

/** Words that make a capitalised name a media title (folded). */
export const MEDIA_WORDS = new Set(
  (
    'journal times news post press presse tribune gazette gazeta herald daily radio tv tele television televisions ' +
    'magazine review revue courrier express observer monitor channel media medias hebdo quotidien wire telegraph ' +
    'chronicle insider weekly independent agence'
  ).split(/\s+/),
);

// Lower-case words that may sit inside a title (`Times of India`, `Tribune de Genève`).
const TITLE_PARTICLES = new Set(['of', 'the', 'de', 'du', 'des', 'la', 'le']);

// A module constant: tsx/esbuild rebuilds a `\p{…}` literal at each call where it stands.
const STARTS_UPPER = /^\p{Lu}/u;
const isCapitalised = (raw: string): boolean => STARTS_UPPER.test(raw);

/** Words of one name follow each other with a space or a hyphen only. */
function joined(text: string, prev: Token, next: Token): boolean {
  return /^[\s\-\u2010-\u2015]{1,3}$/u.test(text.slice(prev.end, next.start));
}

/** Index of the token that starts at or after `offset`. */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Words a media title may hold on each side of the place in it (`Radio Free Europe`: two). */
const TITLE_REACH = 4;

/** A headline in Title Case capitalises every word: no name can be read from its capitals. */
export function isTitleCase(tokens: readonly Token[]): boolean {
  // Counted in one loop (every sentence with a mention asks): the same figures as filtering twice.
  let long = 0;
  let capitalised = 0;
  for (const t of tokens) {
    if (t.raw.length <= 3) continue;
    long++;
    if (isCapitalised(t.raw)) capitalised++;
  }
  return long >= 4 && capitalised / long >= 0.8;
}

/**
 * Is the mention part of a longer capitalised name that holds a media word outside it
 * (`Radio Free Europe`, `The Moscow Times`, `La Tribune de Genève`)? Then it is a title.
 * Not read in a Title Case headline (see `isTitleCase`).
 */
export function insideMediaTitle(text: string, tokens: readonly Token[], mention: Mention): boolean {
  const first = tokenAt(tokens, mention.start);
  let last = first;
  while (last + 1 < tokens.length && (tokens[last + 1] as Token).end <= mention.end) last++;
  if (!isCapitalised((tokens[first] as Token).raw)) return false;
  for (let k = first - 1; k >= Math.max(0, first - TITLE_REACH) && joined(text, tokens[k] as Token, tokens[k + 1] as Token) && inName(tokens[k] as Token); k--) {
    if (isMediaWord(tokens[k] as Token)) return true;
  }
  const end = Math.min(tokens.length, last + 1 + TITLE_REACH);
  for (let k = last + 1; k < end && joined(text, tokens[k - 1] as Token, tokens[k] as Token) && inName(tokens[k] as Token); k++) {
    if (isMediaWord(tokens[k] as Token)) return true;
  }
  return false;
}

// Module functions, not closures: tsx names every local closure with a property write at each call.
function inName(t: Token): boolean {
  return isCapitalised(t.raw) || TITLE_PARTICLES.has(t.folded);
}

function isMediaWord(t: Token): boolean {
  return isCapitalised(t.raw) && MEDIA_WORDS.has(t.folded);
}

// What may follow `les 27` when the 27 are the member states: a member noun, a pronoun or a verb.
const MEMBER_NOUNS = new Set(
  'pays etats membres dirigeants chefs ministres capitales gouvernements partenaires europeens allies diplomates ambassadeurs'.split(' '),
);
const CLITICS = new Set('se s ne n y en leur lui l la le les ont sont'.split(' '));
const COLLECTIVE_DETERMINERS = new Set(['les', 'des', 'aux']);

/** A sentence about Europe: the EU already named, `européen(ne)(s)`, `États membres`. */
function aboutEurope(tokens: readonly Token[], mentions: readonly Mention[], euId: string): boolean {
  if (mentions.some((m) => m.actorId === euId)) return true;
  return tokens.some(
    (t, i) => t.folded.startsWith('europeen') || t.folded === 'ue' || (t.folded === 'etats' && tokens[i + 1]?.folded === 'membres'),
  );
}

/**
 * `les 27`, `des Vingt-Huit`, `aux vingt-sept` in a sentence about Europe: the EU (its member
 * states as a body). Not `les 27 morts`: after the number comes a member noun, a pronoun, a verb
 * (`les 27 peinent`), a capitalised word or punctuation, never another noun.
 */
export function collectiveEu(text: string, tokens: readonly Token[], mentions: readonly Mention[], euId: string): Mention[] {
  const found: Mention[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    let last = i;
    if (t.folded === 'vingt' && /^-$/.test(text.slice(t.end, tokens[i + 1]?.start ?? t.end))) {
      const unit = tokens[i + 1]?.folded;
      if (unit !== 'sept' && unit !== 'huit') continue;
      last = i + 1;
    } else if (t.folded !== '27' && t.folded !== '28') continue;
    if (!COLLECTIVE_DETERMINERS.has((tokens[i - 1] as Token).folded)) continue;
    const end = (tokens[last] as Token).end;
    // Already an alias (`Vingt-Sept`) or part of a longer mention.
    if (mentions.some((m) => m.start < end && t.start < m.end)) continue;
    const next = tokens[last + 1];
    const gap = next ? text.slice(end, next.start) : '';
    const fits =
      !next ||
      !/^\s+$/.test(gap) ||
      isCapitalised(next.raw) ||
      MEMBER_NOUNS.has(next.folded) ||
      CLITICS.has(next.folded) ||
      /(?:ent|ont)$/.test(next.folded);
    if (!fits || !aboutEurope(tokens, mentions, euId)) continue;
    found.push({ actorId: euId, form: text.slice(t.start, end), start: t.start, end });
  }
  return found;
}

// Words of a meeting (folded prefixes): the nouns, and the participles that place one somewhere.
// Not `tient` (`tient à Moscou`: cares about), not `signe` (a sign), only the participle `signé`.
const MEETING_WORDS = [
  'sommet', 'conferenc', 'reunion', 'reuni', 'rencontr', 'entretien', 'negociation', 'negocie', 'pourparler',
  'discussion', 'forum', 'session', 'ceremonie', 'signature', 'tenu', 'organise', 'rassembl', 'retrouv',
  'convoqu', 'conclu', 'accueilli', 'heberg',
];
// Nouns after which `de Vilnius` names where the meeting was (`le sommet de Vilnius`, `les accords de Minsk`).
const MEETING_NOUNS = new Set(
  'sommet sommets conference conferences reunion reunions rencontre rencontres accord accords format processus negociations pourparlers forum traite protocole declaration'.split(
    ' ',
  ),
);
/** Tokens back from a venue within which a meeting word must stand. */
const MEETING_WINDOW = 10;
const CLAUSE_BREAK = /[.;:!?«»()[\]\n]/;

const isMeetingWord = (t: Token): boolean => MEETING_WORDS.some((w) => t.folded.startsWith(w)) || /^signé/iu.test(t.raw);

/**
 * The mentions (by index) that are only a venue: a city (`isCity`) after `à` with a meeting word
 * earlier in the same clause (or anywhere in a sentence it opens: `À Genève, les négociations…`),
 * or after `de`/`d'` right behind a meeting noun.
 */
export function venueMentions(
  text: string,
  tokens: readonly Token[],
  mentions: readonly Mention[],
  isCity: (mention: Mention) => boolean,
): Set<number> {
  const venues = new Set<number>();
  mentions.forEach((m, index) => {
    if (!isCity(m)) return;
    const at = tokenAt(tokens, m.start);
    const prev = tokens[at - 1];
    if (!prev) return;
    const gap = text.slice(prev.end, m.start);
    if (/^\s+$/.test(gap) && (prev.raw === 'à' || prev.raw === 'À')) {
      for (let k = at - 2; k >= 0 && k >= at - 1 - MEETING_WINDOW; k--) {
        const t = tokens[k] as Token;
        if (CLAUSE_BREAK.test(text.slice(t.end, (tokens[k + 1] as Token).start))) break;
        if (isMeetingWord(t)) {
          venues.add(index);
          return;
        }
      }
      // `À Genève, les négociations ont repris`: the sentence opens with where it happens.
      const opens = at === 1 && prev.raw === 'À' && /^\s*,/.test(text.slice(m.end));
      if (opens && tokens.slice(at + 1).some(isMeetingWord)) venues.add(index);
      return;
    }
    // `le sommet de Vilnius`, `le processus d'Astana`.
    const elided = /^\s+d['\u2019\u02BC]$/u.test(gap);
    const noun = elided ? prev : prev.folded === 'de' && /^\s+$/.test(gap) ? tokens[at - 2] : undefined;
    if (noun && MEETING_NOUNS.has(noun.folded)) venues.add(index);
  });
  return venues;
}
