/**
 * What Readability leaves out of an article it found: it keeps one block of the page (the best
 * scored element and its close siblings), so a standfirst printed above that block, or the same
 * article split over several blocks of the same kind (a layout cut by an advertisement, a
 * newsletter page of several stories), is lost. Read from the page's structure, before
 * Readability runs (it rewrites the document):
 *
 * - the **standfirst**: the page's own summary (its `description`) printed on the page, in one
 *   element — taken back at the head of the text when the text lacks it;
 * - **blocks of the same kind**: text blocks (`p`, `li`) whose container has the same tag and
 *   classes as the container of the paragraphs Readability kept — taken back, in page order,
 *   when they are prose and not links;
 * - **drop caps**: an initial printed alone before its paragraph (`<span>T</span><p>urkey…`) is
 *   put back in front of the word (else the text reads `T` / `urkey`).
 *
 * All linear in the page's elements (each walk up to a container is bounded by the page's depth).
 */
import { isLinkParagraph } from './prune.js';

type Node = { nodeType: number; textContent: string | null; nextSibling: Node | null };
type HtmlElement = Node & {
  tagName: string;
  parentElement: HtmlElement | null;
  firstChild: Node | null;
  children: ArrayLike<HtmlElement>;
  childNodes: ArrayLike<Node>;
  previousElementSibling: HtmlElement | null;
  getAttribute(name: string): string | null;
  closest(selector: string): HtmlElement | null;
  insertBefore(node: unknown, before: Node | null): unknown;
  remove(): void;
  querySelector(selector: string): HtmlElement | null;
  querySelectorAll(selector: string): Iterable<HtmlElement>;
};
type HtmlDocument = {
  body: HtmlElement | null;
  documentElement: HtmlElement | null;
  createTextNode(text: string): unknown;
};

const normalise = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const wordCount = (s: string) => (s ? s.split(' ').length : 0);
const rootOf = (document: HtmlDocument) => document.body ?? document.documentElement;

/** Words a description needs to be a summary of the article (a site's motto has fewer). */
const STANDFIRST_MIN_WORDS = 8;
/** The element printing the description may add this much to it (a kicker, a date). */
const STANDFIRST_SLACK = 1.5;
/** Child elements of an element that may print the standfirst (links, emphasis, a line break). */
const MAX_STANDFIRST_CHILDREN = 12;
/** Characters read looking for the standfirst, in multiples of the page's text. */
const READ_BUDGET = 16;
/** Where a page's own summary is never its standfirst: menus, forms, footers, sidebars. */
const NOT_STANDFIRST = 'nav, footer, aside, form, button, script, style, noscript, template, [role="navigation"], [role="contentinfo"]';

/**
 * The element that prints the page's description, when one does: the smallest whose text holds
 * the whole description and not much more. Its text, or undefined.
 */
export function findStandfirst(document: HtmlDocument, description: string | undefined, title?: string): string | undefined {
  const want = normalise(description);
  if (wordCount(want) < STANDFIRST_MIN_WORDS || want === normalise(title)) return undefined;
  const root = rootOf(document);
  if (!root) return undefined;
  // One read of the whole text first: most pages do not print their description at all.
  const whole = normalise(root.textContent);
  if (!whole.includes(want)) return undefined;
  // Each element's text is built from its subtree: on a page nested hundreds deep that is the
  // page's text hundreds of times. Real pages read under 12 times their text.
  let budget = READ_BUDGET * whole.length + 100_000;
  let best: string | undefined;
  for (const element of root.querySelectorAll('p, h2, h3, h4, div, span, strong, li, dd, summary')) {
    // A standfirst is one block of text: a wrapper of several blocks is never read (its text is
    // the costliest to build, and the smallest element wins anyway).
    if (element.children.length > MAX_STANDFIRST_CHILDREN) continue;
    const raw = element.textContent ?? '';
    budget -= raw.length;
    if (budget < 0) break;
    // Cheap bounds first: most elements are far too short or far too long.
    if (raw.length < want.length || raw.length > 4 * want.length + 400) continue;
    const text = normalise(raw);
    if (text.length > STANDFIRST_SLACK * want.length || !text.includes(want)) continue;
    if (best !== undefined && text.length >= best.length) continue;
    if (element.closest(NOT_STANDFIRST)) continue;
    best = text;
  }
  return best;
}

/** The standfirst in front of the text, unless the text already holds it. */
export function withStandfirst(paragraphs: string[], standfirst: string | undefined): string[] {
  if (!standfirst || paragraphs.length === 0) return paragraphs;
  const joined = normalise(paragraphs.join(' '));
  if (joined.includes(standfirst.slice(0, 80))) return paragraphs;
  return [standfirst, ...paragraphs];
}

/** `<span>T</span><p>urkey, Poland…`: the initial goes back in front of its word. */
export function joinDropCaps(document: HtmlDocument): number {
  const root = rootOf(document);
  if (!root) return 0;
  let joined = 0;
  // Read from each paragraph (far fewer than the page's inline elements).
  for (const paragraph of [...root.querySelectorAll('p')]) {
    const initial = paragraph.previousElementSibling;
    if (!initial || initial.children.length > 0 || !INLINE_INITIAL.has(initial.tagName.toUpperCase())) continue;
    const letter = normalise(initial.textContent);
    if (!/^\p{Lu}$/u.test(letter)) continue;
    // Only whitespace between the initial and the paragraph, which goes on in lower case.
    let next = initial.nextSibling;
    while (next && next.nodeType === 3 && normalise(next.textContent) === '') next = next.nextSibling;
    if (next !== paragraph || !/^\p{Ll}/u.test(firstText(paragraph))) continue;
    paragraph.insertBefore(document.createTextNode(letter), paragraph.firstChild);
    initial.remove();
    joined++;
  }
  return joined;
}

/** The first words of an element, read from its first text node (not its whole text). */
function firstText(element: HtmlElement): string {
  const stack: Node[] = [element];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      const text = normalise(node.textContent);
      if (text) return text;
      continue;
    }
    const children = (node as HtmlElement).childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return '';
}

const INLINE_INITIAL = new Set(['SPAN', 'DIV', 'B', 'STRONG', 'EM', 'I', 'BIG', 'FONT']);

/** One text block of the page, as it was before Readability: its text, its container, its order. */
interface Block {
  text: string;
  container: HtmlElement;
  /** Tag and classes of the container. */
  signature: string;
  linked: boolean;
}

export interface PageBlocks {
  blocks: Block[];
}

/** A block is prose from this many words, ending like a sentence. */
const PROSE_WORDS = 12;
const TERMINAL = /[.!?…]["»”“«’)]?$/u;
/** A container of the article's kind is taken back only if this share of its text at most is links. */
const MAX_LINKED_SHARE = 0.3;

/** A sentence of a few words, or a long line. */
const isText = (text: string) => wordCount(text) >= PROSE_WORDS || (wordCount(text) >= 4 && TERMINAL.test(text));

function signatureOf(element: HtmlElement): string {
  const classes = normalise(element.getAttribute('class')).split(' ').filter(Boolean).sort().join('.');
  return `${element.tagName.toLowerCase()}.${classes}`;
}

/** Records the page's text blocks and their containers (the nearest ancestor with a class). */
export function recordBlocks(document: HtmlDocument): PageBlocks {
  const root = rootOf(document);
  const blocks: Block[] = [];
  if (!root) return { blocks };
  for (const element of root.querySelectorAll('p, li')) {
    // A block holding a paragraph or a list item is counted by them (and its text never built:
    // blocks nested hundreds deep would make it quadratic).
    if (element.querySelector('p, li')) continue;
    const text = normalise(element.textContent);
    if (!text) continue;
    let container = element.parentElement;
    while (container && !normalise(container.getAttribute('class'))) container = container.parentElement;
    if (!container || container === root) continue;
    // A link, or a paragraph that is one (a teaser under its label), is never taken back.
    blocks.push({ text, container, signature: signatureOf(container), linked: element.closest('a') !== null || isLinkParagraph(element as never) });
  }
  return { blocks };
}

/**
 * Blocks of containers of the same kind as those Readability kept, not kept themselves: added in
 * page order (before the text, between its paragraphs, or after it).
 */
export function withSiblingBlocks(paragraphs: string[], page: PageBlocks): string[] {
  if (paragraphs.length === 0 || page.blocks.length === 0) return paragraphs;
  const kept = new Set(paragraphs.map(normalise));
  const byContainer = new Map<HtmlElement, Block[]>();
  for (const block of page.blocks) {
    const list = byContainer.get(block.container);
    if (list) list.push(block);
    else byContainer.set(block.container, [block]);
  }
  // The kinds of container the article's paragraphs sit in: a container of the kind has most of
  // its prose kept, and the kind holds two kept paragraphs at least (one embedded quote or post
  // kept beside the article does not make its kind the article's).
  const keptByKind = new Map<string, number>();
  const mostlyKept = new Set<string>();
  for (const blocks of byContainer.values()) {
    const signature = blocks[0]!.signature;
    const prose = blocks.filter((b) => wordCount(b.text) >= PROSE_WORDS);
    const found = prose.filter((b) => kept.has(b.text)).length;
    keptByKind.set(signature, (keptByKind.get(signature) ?? 0) + found);
    if (found > 0 && found * 2 >= prose.length) mostlyKept.add(signature);
  }
  const articleKinds = new Set([...mostlyKept].filter((signature) => keptByKind.get(signature)! >= 2));
  if (articleKinds.size === 0) return paragraphs;
  const added = new Set<Block>();
  for (const blocks of byContainer.values()) {
    // The signature recorded before Readability: it strips the classes of what it keeps.
    if (!articleKinds.has(blocks[0]!.signature) || blocks.some((b) => kept.has(b.text))) continue;
    const chars = blocks.reduce((n, b) => n + b.text.length, 0);
    const linked = blocks.filter((b) => b.linked).reduce((n, b) => n + b.text.length, 0);
    const prose = blocks.some((b) => !b.linked && wordCount(b.text) >= PROSE_WORDS && TERMINAL.test(b.text));
    if (!prose || linked > MAX_LINKED_SHARE * chars) continue;
    // Of such a container, its sentences and its long lines: a name or a label beside them
    // (`X im Gespräch mit Y`) is not taken along.
    for (const block of blocks) if (!block.linked && isText(block.text)) added.add(block);
  }
  if (added.size === 0) return paragraphs;
  // Page order: each added block goes after the last kept paragraph that comes before it.
  const positions = new Map<string, { at: number[]; read: number }>();
  paragraphs.forEach((p, i) => {
    const key = normalise(p);
    const entry = positions.get(key);
    if (entry) entry.at.push(i);
    else positions.set(key, { at: [i], read: 0 });
  });
  const out: string[] = [];
  let next = 0;
  const emitUpTo = (text: string) => {
    // Positions behind the cursor are passed for good: linear over the whole walk.
    const entry = positions.get(text);
    if (!entry) return;
    while (entry.read < entry.at.length && entry.at[entry.read]! < next) entry.read++;
    const at = entry.at[entry.read++];
    if (at === undefined) return;
    out.push(...paragraphs.slice(next, at + 1));
    next = at + 1;
  };
  for (const block of page.blocks) {
    if (added.has(block)) out.push(block.text);
    else if (kept.has(block.text)) emitUpTo(block.text);
  }
  out.push(...paragraphs.slice(next));
  return out;
}
