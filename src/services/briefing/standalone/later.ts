/**
 * The rules only a later sentence answers to: it may not hang on another event of the article,
 * continue someone's speech, or state what the headline denies.
 */
import { foldText } from '../../text/normalize.js';
import { termsOf } from '../../text/stem.js';
import type { StandaloneReason } from './types.js';

// All lists are folded (lower case, no accents, straight apostrophes) and are closed word
// classes of French grammar (determiners, pronouns, connectors), not content words.

/**
 * Openers that place the sentence relative to another event of the article (`Plus tôt dans la
 * journée`, `Auparavant`, `Quelques heures plus tard`, `La veille`): only true after it.
 */
const SEQUENCE_OPENERS =
  /^(?:(?:\p{L}+ ){0,3}plus (?:tot|tard)|auparavant|ensuite|puis|peu (?:apres|avant|de temps apres)|dans la foulee|entre-temps|entretemps|par la suite|la veille|le lendemain|le meme jour|au meme moment|dans le meme temps|simultanement|a nouveau|de nouveau|avant cela|apres cela|apres quoi)\b/u;

/**
 * `Peu après l'atterrissage de Vladimir Poutine à Delhi, …`: the marker's reference point is named
 * in the sentence itself (a noun phrase holding a name, before the comma), not in another sentence.
 */
const ANCHOR = /^\s*(?:l['’]|les?\s|la\s|du\s|des\s|son\s|sa\s|ses\s|leur\s|leurs\s)([^,]{3,120}),/u;
function anchoredHere(opening: string, marker: string): boolean {
  if (!/^peu (?:apres|avant)$/u.test(marker)) return false;
  const anchor = ANCHOR.exec(opening.replace(/^[\s—–-]+/, '').slice(marker.length));
  // A capitalised word inside the phrase: a name, so the event is told here.
  return anchor !== null && /(?:^|\s)\p{Lu}\p{Ll}/u.test(anchor[1]!);
}

/**
 * The tail of reported speech that only continues a speaker introduced before: an inverted
 * pronoun (`a-t-il ajouté`, `estime-t-elle`, `dit-il`), or a verb of continuing (`, a ajouté X.`,
 * `, poursuit X.`). Read outside quotations, on folded text.
 */
const SPEECH_TAIL_COMMA =
  /,\s*(?:a|ont|avait|avaient)\s+(?:encore\s+|aussi\s+|egalement\s+)?(?:ajoute|poursuivi|rencheri|conclu|enchaine|complete|repete)\b|,\s*(?:ajoute|poursuit|rencherit|conclut|enchaine|complete|repete)\s+\p{L}/u;
const SPEECH_TAIL = new RegExp(`-t-(?:il|elle|ils|elles|on)\\b|\\b\\p{L}{3,}-(?:il|elle|ils|elles)\\b|${SPEECH_TAIL_COMMA.source}`, 'u');

/** What {@link SPEECH_TAIL}'s inverted-pronoun branches need: `-t-`, `-il(s)` or `-elle(s)`. */
const INVERTED_PRONOUN_CUE = /-(?:t-|il|el)/;

/** {@link SPEECH_TAIL}'s match: its inverted-pronoun branches need a hyphen and a pronoun, the others a comma. */
function speechTail(folded: string): RegExpExecArray | null {
  // (Without a cue the other branches give the leftmost match alone.)
  if (folded.includes('-') && INVERTED_PRONOUN_CUE.test(folded)) return SPEECH_TAIL.exec(folded);
  return folded.includes(',') ? SPEECH_TAIL_COMMA.exec(folded) : null;
}

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

/** The reasons a later sentence (not the article's first) does not stand alone, added to `reasons`. */
export function laterSentenceReasons(
  s: { text: string; folded: string; outsideFolded: string; openingFolded: string; outsideOpening: string },
  deniedClaim: readonly string[] | undefined,
  reasons: StandaloneReason[],
): void {
  const { text, folded, outsideFolded, openingFolded, outsideOpening } = s;
  const sequence = outsideOpening && !/^[«“"„]/.test(outsideOpening) ? SEQUENCE_OPENERS.exec(openingFolded) : null;
  if (sequence && !anchoredHere(outsideOpening, sequence[0])) reasons.push({ rule: 'sequence', detail: `ouvre sur « ${text.replace(/^[\s«“"„—–-]+/, '').slice(0, sequence[0].length)} », qui situe la phrase par rapport à une autre` });
  const tail = speechTail(outsideFolded);
  if (tail) reasons.push({ rule: 'speech-tail', detail: `suite d’un discours rapporté (« ${tail[0].replace(/^,\s*/, '')} »)` });
  if (deniedClaim && !NEGATION.test(folded)) {
    const own = new Set(termsOf(text));
    const shared = deniedClaim.filter((t) => own.has(t)).length;
    if (shared >= 2 && shared >= deniedClaim.length / 2) {
      reasons.push({ rule: 'contradicts-headline', detail: 'affirme ce que le titre dément' });
    }
  }
}
