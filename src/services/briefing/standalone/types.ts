/** The types of the stand-alone judge's verdict (see ../standalone.ts). */

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
  | 'scene-caption'
  | 'dateline'
  | 'fragment'
  | 'voice'
  | 'sequence'
  | 'speech-tail'
  | 'contradicts-headline'
  | 'presentative';

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
