/**
 * Making corpus text safe to show on Discord: markdown shown literally, no mention can ping, and
 * length cuts that respect words and code points.
 */
import { escapeMarkdown as djsEscapeMarkdown } from 'discord.js';
import { codePointLength } from './limits.js';

const ZWSP = '\u200b';

/**
 * Escapes every Discord markdown construct in `text` (bold, italics, underline, strike, spoilers,
 * code, headings, lists, masked links, quotes) and neutralises mentions (`@everyone`, `@here`,
 * `<@123>`, `<@!123>`, `<@&1>`, `<#1>`) with a zero-width space, so that even a message sent
 * without `allowed_mentions` cannot ping anyone.
 */
export function escapeMarkdown(text: string): string {
  const escaped = djsEscapeMarkdown(text, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  })
    // discord.js leaves block quotes (`> `, `>>> `) alone; they only work at a line start.
    .replace(/^(\s*)>/gm, '$1\\>');
  return neutraliseMentions(escaped);
}

/** Inserts a zero-width space into anything Discord would turn into a mention. */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<(@[!&]?|#)(\d+)>/g, `<${ZWSP}$1$2>`);
}

const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` characters (code points), at a word boundary when there is one in
 * the last part of the allowed length, ending with `…`. Text that fits is returned unchanged.
 */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max || codePointLength(text) <= max) return text;
  if (max === 1) return ELLIPSIS;
  // Only the first max + 1 code points matter (the one after the cut tells a word boundary).
  const chars: string[] = [];
  for (const c of text) {
    chars.push(c);
    if (chars.length > max) break;
  }
  const head = chars.slice(0, max - 1);
  // Prefer the last whitespace, unless it would throw away more than a third of the room.
  let cut = head.length;
  for (let i = head.length; i > 0; i--) {
    if (/\s/u.test(chars[i] ?? '')) {
      if (i >= Math.floor((max - 1) * 0.66)) cut = i;
      break;
    }
  }
  let kept = head.slice(0, cut).join('');
  // No dangling separator or a half escape (`\`) before the ellipsis.
  kept = kept.replace(/[\s,;:\-–—]+$/u, '');
  kept = kept.replace(/(?<!\\)(\\\\)*\\$/u, (m) => m.slice(0, -1));
  return kept + ELLIPSIS;
}
