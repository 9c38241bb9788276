/**
 * Discord's documented message limits. Lengths are counted in characters (Unicode code points),
 * which is how Discord measures them; see {@link codePointLength}.
 */
export const DISCORD_LIMITS = {
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFields: 25,
  embedFooter: 2048,
  embedAuthor: 256,
  /** Sum of title, description, field names and values, footer and author over all embeds. */
  embedsTotal: 6000,
  embedsPerMessage: 10,
  content: 2000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** An attachment's description (its alt text). */
export const ATTACHMENT_DESCRIPTION_MAX = 1024;
export const EMBED_TITLE_MAX = DISCORD_LIMITS.embedTitle;
export const EMBED_DESCRIPTION_MAX = DISCORD_LIMITS.embedDescription;
export const EMBED_FIELD_NAME_MAX = DISCORD_LIMITS.embedFieldName;
export const EMBED_FIELD_VALUE_MAX = DISCORD_LIMITS.embedFieldValue;
export const EMBED_FIELDS_MAX = DISCORD_LIMITS.embedFields;
export const EMBED_FOOTER_MAX = DISCORD_LIMITS.embedFooter;
export const EMBED_AUTHOR_MAX = DISCORD_LIMITS.embedAuthor;
export const EMBEDS_TOTAL_MAX = DISCORD_LIMITS.embedsTotal;
export const EMBEDS_PER_MESSAGE_MAX = DISCORD_LIMITS.embedsPerMessage;
export const CONTENT_MAX = DISCORD_LIMITS.content;
export const ACTION_ROWS_MAX = DISCORD_LIMITS.actionRows;
export const BUTTONS_PER_ROW_MAX = DISCORD_LIMITS.buttonsPerRow;
export const CUSTOM_ID_MAX = DISCORD_LIMITS.customId;
export const BUTTON_LABEL_MAX = DISCORD_LIMITS.buttonLabel;
export const AUTOCOMPLETE_CHOICES_MAX = DISCORD_LIMITS.autocompleteChoices;
export const CHOICE_NAME_MAX = DISCORD_LIMITS.choiceName;
export const CHOICE_VALUE_MAX = DISCORD_LIMITS.choiceValue;

/** Length as Discord counts it: code points, so an emoji or a rare CJK character counts once. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
