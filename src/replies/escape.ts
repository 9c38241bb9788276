/**
 * Making text safe to show on Discord: corpus text shown literally (no markdown, no link, no
 * mention, whatever it contains), links the bot builds itself kept safe, and length cuts that
 * respect words and code points.
 *
 * discord.js `escapeMarkdown` is not used: it escapes only the first masked link of a line, leaves
 * one backtick of four, and ignores subtext (`-#`), bare URLs, timestamps and escaping with offsets.
 * The rule here is simpler and total: every character Discord reads as markup is backslash-escaped
 * (Discord shows `\x` as `x` for any punctuation `x`), and line-start markers are escaped at line starts.
 */
import { codePointLength } from './limits.js';

const ZWSP = '\u200b';

/** Characters that open or close markup anywhere in a line: emphasis, code, spoilers, links, mentions, timestamps. */
const INLINE_MARKUP = new Set(['\\', '*', '_', '~', '`', '|', '[', ']', '<']);
/** Characters that open a block at a line start (after optional spaces): headings, subtext and lists, quotes. */
const LINE_START_MARKUP = new Set(['#', '-', '+', '>']);
const LINE_BREAK = new Set(['\n', '\r', '\u2028', '\u2029']);
/** The `:` of `scheme://`: Discord turns `https://…` into a live link (credentials and all). */
const URL_SCHEME = /[a-z][a-z0-9+.-]*:(?=\/\/)/giu;
/** Control characters (but tab, vertical tab, form feed and line breaks: whitespace) and bidirectional overrides/isolates (U+202E turns text around): shown as U+FFFD. */
const INERT = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const INERT_ALL = new RegExp(INERT.source, 'gu');

/** Plain text Discord shows without markdown (autocomplete choices): control characters and bidi overrides as U+FFFD. */
export function inertForDisplay(text: string): string {
  return text.replace(INERT_ALL, '\ufffd');
}

/** `@everyone` and `@here` ping even inside an embed's text when mentions are allowed. */
const MASS_MENTION = /^@(everyone|here)/iu;

/** Escaped text and, for each input offset, where its character begins in the output. */
interface MappedEscape {
  text: string;
  /** `at[i]` is the output offset of input offset `i`; `at[text.length]` is the output's length. */
  at: number[];
}

function escapeMapped(text: string): MappedEscape {
  const urlColons = new Set<number>();
  for (const match of text.matchAll(URL_SCHEME)) urlColons.add(match.index + match[0].length - 1);
  const at: number[] = new Array(text.length + 1);
  let out = '';
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    at[i] = out.length;
    const c = text[i]!;
    if (INERT.test(c)) {
      out += '\ufffd';
      continue;
    }
    // A lone CR (or a Unicode line separator) starts a line too: Discord reads `\r#` as a heading.
    if (LINE_BREAK.has(c)) {
      out += c;
      lineStart = true;
      continue;
    }
    if (lineStart && (c === ' ' || c === '\t')) {
      out += c;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      // `1. ` opens a numbered list: escape its dot.
      const numbered = /^\d+\./u.exec(text.slice(i, i + 12));
      if (numbered) {
        const digits = numbered[0].length - 1;
        for (let k = 0; k < digits; k++) at[i + k] = out.length + k;
        out += text.slice(i, i + digits);
        i += digits;
        at[i] = out.length;
        out += '\\.';
        continue;
      }
      if (LINE_START_MARKUP.has(c)) {
        out += `\\${c}`;
        continue;
      }
    }
    // A mention or a channel also gets a zero-width space: the server never reads it as one.
    if (c === '<' && (text[i + 1] === '@' || text[i + 1] === '#')) out += `\\<${ZWSP}`;
    else if (INLINE_MARKUP.has(c) || urlColons.has(i)) out += `\\${c}`;
    else if (c === '@' && MASS_MENTION.test(text.slice(i, i + 9))) out += `@${ZWSP}`;
    else out += c;
  }
  at[text.length] = out.length;
  return { text: out, at };
}

/**
 * Corpus text (an article, a title, a name) as Discord text that shows it literally: no markdown
 * (emphasis, code, spoilers, headings, subtext, lists, quotes), no link (masked or bare), no
 * mention, channel, role or timestamp, and no `@everyone`/`@here`, even if the message were sent
 * with mentions allowed. Use it for anything the bot did not write itself.
 */
export function escapeCorpusText(text: string): string {
  return escapeMapped(text).text;
}

/**
 * Corpus text with some spans in bold (the matched words of a search): the whole text is escaped
 * once, then the bold markers are placed around the escaped spans, so that no highlight can
 * re-open markup the escaping closed. Spans must be sorted, disjoint, within the text.
 */
export function escapeCorpusTextWithBold(text: string, spans: ReadonlyArray<{ start: number; end: number }>): string {
  const { text: escaped, at } = escapeMapped(text);
  let out = '';
  let from = 0;
  for (const { start, end } of spans) {
    out += `${escaped.slice(from, at[start])}**${escaped.slice(at[start], at[end])}**`;
    from = at[end]!;
  }
  return out + escaped.slice(from);
}

/**
 * A masked link built by the bot itself (an article's original page): the label is escaped as
 * corpus text, the target must be an `http(s)` URL without credentials, and it is wrapped in `<…>`
 * so that Discord shows no preview. An unusable URL gives the label alone, never a link.
 */
export function safeMaskedLink(label: string, url: string): string {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return escapeCorpusText(label);
  }
  if ((target.protocol !== 'http:' && target.protocol !== 'https:') || target.username || target.password) {
    return escapeCorpusText(label);
  }
  const text = escapeCorpusText(label.replace(/\s+/gu, ' ').trim() || target.hostname);
  // Percent-escaped (the same address): what would end the target, and what would close the markup
  // around the link (the italics of a source line) before the link is read.
  const href = target.href.replace(/[()<> *|`]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  // A label whose brackets Discord would not pair (`[la ONU`) would break the link: the label is
  // then shown as text, followed by a link of its own.
  return LINK_LABEL.test(text) ? `[${text}](<${href}>)` : `${text} ([lien](<${href}>))`;
}

/** A masked link's text as Discord reads it (simple-markdown's rule): brackets in pairs, one level deep. */
const LINK_LABEL = /^(?:\[[^\]]*\]|[^[\]]|\](?=[^[]*\]))*$/u;

/**
 * Inserts a zero-width space into anything Discord would turn into a mention, in text that is not
 * otherwise escaped (bot text that quotes a user's input).
 */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/giu, `@${ZWSP}$1`)
    .replace(/<(@[!&]?|#)(\d+)>/gu, `<${ZWSP}$1$2>`);
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
