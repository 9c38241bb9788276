/**
 * What Discord would make of a piece of message text, read with an independent Discord markdown
 * parser (discord-markdown-parser, the rules of Discord's client): the live constructs it contains.
 * Tests use it as the oracle for "this text shows literally".
 */
import { parse } from 'discord-markdown-parser';

/** A construct Discord would render as something other than plain text. */
export interface LiveMarkup {
  type: string;
  /** The target of a link, the id of a mention… when there is one. */
  detail?: string;
}

interface Node {
  type: string;
  content?: unknown;
  target?: string;
  id?: string;
}

// Plain text, line breaks and escapes are inert; everything else is live.
const INERT = new Set(['text', 'br', 'escape']);

function walk(nodes: unknown, found: LiveMarkup[], allow: ReadonlySet<string>): void {
  if (!Array.isArray(nodes)) return;
  for (const node of nodes as Node[]) {
    if (!INERT.has(node.type) && !allow.has(node.type)) {
      found.push({ type: node.type, ...(node.target ? { detail: node.target } : node.id ? { detail: node.id } : {}) });
    }
    walk(node.content, found, allow);
  }
}

/**
 * The live constructs of `text` as Discord renders it in an embed (`allow`: types that are
 * expected, such as `strong` for highlights). Lists are not in the parser: lines that Discord
 * would show as list items are reported as `list`.
 */
export function liveMarkup(text: string, allow: readonly string[] = []): LiveMarkup[] {
  const found: LiveMarkup[] = [];
  walk(parse(text, 'extended'), found, new Set(allow));
  for (const line of text.split('\n')) {
    if (/^\s*([-*+]|\d+\.)\s/u.test(line)) found.push({ type: 'list', detail: line });
  }
  // The parser does not know mentions without 17 digits; Discord does not either, but a
  // mention-shaped token or a mass mention must never reach Discord unbroken.
  for (const m of text.matchAll(/<(@[!&]?|#)\d+>|@(everyone|here)\b/giu)) found.push({ type: 'mention', detail: m[0] });
  return found;
}

/** `text` as Discord shows it: escapes removed (`\*` → `*`), zero-width spaces dropped. */
export function shownText(text: string): string {
  return text.replace(/\\([^0-9A-Za-z\s])/gu, '$1').replace(/\u200b/gu, '');
}
