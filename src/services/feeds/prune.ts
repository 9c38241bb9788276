/**
 * Page furniture removed as DOM blocks before the main text is looked for (trafilatura's
 * approach: a caption or a share bar is easiest to recognise while it is still an element, with
 * its tag, role and class names, and hardest once it is a line of text glued to prose).
 * Each rule is general — element semantics, ARIA roles, class/id tokens — and kept because it
 * helps on the real pages of the page benchmark (`npm run bench -- pages`). A block holding a
 * large share of the page's prose is never removed by its class name alone (a class such as
 * `entry-meta-wrap` may wrap the whole article).
 */
type HtmlElement = {
  tagName: string;
  parentElement: HtmlElement | null;
  textContent: string | null;
  getAttribute(name: string): string | null;
  remove(): void;
  querySelector(selector: string): HtmlElement | null;
  querySelectorAll(selector: string): Iterable<HtmlElement> & { length: number };
  children: ArrayLike<HtmlElement> & Iterable<HtmlElement>;
};
type HtmlDocument = { body: HtmlElement | null; querySelectorAll(selector: string): Iterable<HtmlElement> };

export interface PruneRule {
  name: string;
  /** Elements removed outright, whatever their size. */
  selector?: string;
  /** Class or id tokens (`c-share-bar` → `c`, `share`, `bar`) that mark a furniture block. */
  tokens?: RegExp;
}

/**
 * The rules, in order. Tokens are tested on each `-`/`_`/space-separated piece of the class and id
 * (lower case), so `sharing-tools` and `article__byline` match, `shareholders` does not.
 */
export const PRUNE_RULES: readonly PruneRule[] = [
  // A picture and its caption and credit are one block; none of it is prose.
  { name: 'figures', selector: 'figure, figcaption, picture' },
  // A machine-readable stamp (`<time datetime>`) is the page's date, printed beside the prose.
  { name: 'time', selector: 'time' },
  { name: 'forms', selector: 'form, button, select, input, textarea, dialog' },
  { name: 'roles', selector: '[role="complementary"], [role="navigation"], [role="dialog"], [role="alertdialog"], [role="banner"], [role="contentinfo"], [aria-hidden="true"]' },
  { name: 'captions', tokens: /^(?:caption|captions|legende|legend|credits?|copyright|photocredit|bildunterschrift|bildnachweis|fotocredit|imagecredit|mediacredit)$/ },
  { name: 'bylines', tokens: /^(?:byline|bylines|timestamp|pubdate|publishdate)$/ },
  { name: 'share', tokens: /^(?:share|sharing|sharebar|shares|social|socials|sociaux|partage|partager|teilen|sharetools)$/ },
  { name: 'related', tokens: /^(?:related|recommended|recommendations|recirculation|outbrain|taboola|teaser|teasers|morelinks|readmore|lireaussi|aussi|weitere|mostread|popular|trending)$/ },
  { name: 'newsletter', tokens: /^(?:newsletter|newsletters|subscribe|subscription|signup|optin|abo|abonnement|promo)$/ },
  // A table of data (names, addresses, figures: short cells, no sentence) is not the article's prose,
  // and left in place it outweighs the prose around it.
  { name: 'data tables', selector: 'table' },
  // A list whose every item is a link (other articles, an issue's contents, a menu), with the box
  // around it when the box holds little else (its heading, a line of promotion).
  { name: 'link lists', selector: 'ul, ol' },
  { name: 'navigation', tokens: /^(?:breadcrumb|breadcrumbs|ariane|pagination|pager|tags|tagcloud|keywords|sidebar|widget|widgets|toolbar|advert|advertisement|ads|ad|banner|cookie|cookies|consent|gdpr|modal|popup|overlay)$/ },
];

/** A block with more than this share of the page's text is kept whatever its class says. */
const MAX_SHARE = 0.3;
/** …and so is one holding this many paragraphs of prose (a paragraph: {@link PROSE_CHARS} characters or more). */
const MAX_PROSE_PARAGRAPHS = 3;
const PROSE_CHARS = 100;

function holdsProse(element: HtmlElement): boolean {
  let count = 0;
  for (const p of element.querySelectorAll('p')) {
    if ((p.textContent ?? '').trim().length >= PROSE_CHARS && ++count >= MAX_PROSE_PARAGRAPHS) return true;
  }
  return false;
}

/** Rows from which a table of short cells is data. */
const DATA_TABLE_ROWS = 10;
/** A cell of at least this many words, ending like a sentence, is prose. */
const SENTENCE_WORDS = 12;

function isDataTable(table: HtmlElement): boolean {
  // A table holding tables lays a page out; it is not data (and nested tables are not counted twice).
  if (table.querySelector('table')) return false;
  if (table.querySelectorAll('tr').length < DATA_TABLE_ROWS) return false;
  for (const cell of table.querySelectorAll('td, th')) {
    const text = (cell.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.split(' ').length >= SENTENCE_WORDS && /[.!?…]["»”]?$/u.test(text)) return false;
  }
  return true;
}

const PARAGRAPHS = new Set(['P', 'LI', 'BLOCKQUOTE', 'DD', 'TD']);

/**
 * A small element inside a paragraph of prose (`<p>Le <time>3 mars</time>, le ministre…</p>`, a
 * link with a `related` class in a sentence): taking it out would cut the sentence.
 */
function insideProse(element: HtmlElement): boolean {
  let parent = element.parentElement;
  while (parent && !PARAGRAPHS.has(parent.tagName.toUpperCase())) parent = parent.parentElement;
  if (!parent) return false;
  const own = (element.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  const around = (parent.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  return around >= 2 * own + 40;
}

function tokensOf(element: HtmlElement): string[] {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.toLowerCase();
  return names.split(/[\s_-]+/).filter(Boolean);
}

/** Items from which a list of links is a block of its own. */
const LINK_LIST_ITEMS = 3;
/** Share of an item's text in links for the item to be a link. */
const LINKED_ITEM = 0.8;
/** The box around a list of links holds at most this much more text than twice the list. */
const LINK_BOX_SLACK = 300;
const CONTAINERS = new Set(['BODY', 'HTML', 'MAIN', 'ARTICLE']);

type TextNode = { nodeType: number; textContent: string | null; childNodes?: ArrayLike<TextNode> };

/**
 * The text length of every element under `root`, in one walk (children before parents): reading
 * `textContent` element by element costs the page's text once per level of nesting.
 */
function textLengths(root: HtmlElement): Map<HtmlElement, number> {
  const lengths = new Map<HtmlElement, number>();
  const stack: Array<{ node: TextNode; done: boolean }> = [{ node: root as unknown as TextNode, done: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    const node = top.node;
    if (node.nodeType === 3) continue;
    const children = node.childNodes ?? [];
    if (!top.done) {
      stack.push({ node, done: true });
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, done: false });
      continue;
    }
    let n = 0;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      n += child.nodeType === 3 ? (child.textContent ?? '').replace(/\s+/g, ' ').length : (lengths.get(child as unknown as HtmlElement) ?? 0);
    }
    lengths.set(node as unknown as HtmlElement, n);
  }
  return lengths;
}

/**
 * A list whose items are all links, and the box it sits in when the box is little more than the
 * list (a heading, a line of promotion): the block to take out, or undefined. A list inside a
 * paragraph of prose, or a box holding paragraphs of prose, is never taken.
 */
function linkListBox(list: HtmlElement, lengths: () => Map<HtmlElement, number>): HtmlElement | undefined {
  const items = [...list.children].filter((c) => c.tagName.toUpperCase() === 'LI');
  if (items.length < LINK_LIST_ITEMS) return undefined;
  // A menu with sub-lists is not a flat list of links (and its items are never read whole).
  if (items.some((item) => item.querySelector('ul, ol'))) return undefined;
  const length = (e: HtmlElement) => lengths().get(e) ?? 0;
  for (const item of items) {
    const all = length(item);
    if (all === 0) return undefined;
    let linked = 0;
    for (const a of item.querySelectorAll('a')) linked += length(a);
    if (linked < LINKED_ITEM * all) return undefined;
  }
  if (insideProse(list)) return undefined;
  const limit = 2 * length(list) + LINK_BOX_SLACK;
  let box = list;
  for (let parent = list.parentElement; parent && !CONTAINERS.has(parent.tagName.toUpperCase()); parent = parent.parentElement) {
    if (length(parent) > limit) break;
    box = parent;
  }
  return box !== list && holdsProse(box) ? list : box;
}

/** A paragraph that is a link has at most this many words… */
const LINK_PARAGRAPH_WORDS = 30;
/** …of which at most this many outside its links (a label: `Lire aussi :`, `Plus :`). */
const LINK_LABEL_WORDS = 5;

const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/**
 * After Readability, in the text it kept: a paragraph that is a link under a short label
 * (`À lire aussi » <a>Headline</a>`) is a teaser. Done on its output, not before it: taken out
 * of the page, such paragraphs change which block Readability picks.
 */
export function dropLinkParagraphs(document: { querySelectorAll(selector: string): Iterable<HtmlElement> }): void {
  // A link that wraps blocks (its kicker, headline and summary) is a teaser card.
  for (const link of [...document.querySelectorAll('a')]) if (link.querySelector(CARD_BLOCKS)) link.remove();
  for (const paragraph of [...document.querySelectorAll('p')]) if (isLinkParagraph(paragraph)) paragraph.remove();
}

const CARD_BLOCKS = 'p, div, h1, h2, h3, h4, h5, h6, ul, ol, li, section, article, figure, blockquote';

export function isLinkParagraph(paragraph: HtmlElement): boolean {
  // A paragraph holding another is judged by the inner one (and its whole text never built).
  if (paragraph.querySelector('p')) return false;
  const text = paragraph.textContent ?? '';
  const all = words(text);
  if (all === 0 || all > LINK_PARAGRAPH_WORDS) return false;
  let linked = 0;
  for (const a of paragraph.querySelectorAll('a')) linked += words(a.textContent ?? '');
  return linked > 0 && all - linked <= LINK_LABEL_WORDS && linked >= all - linked;
}

/** What pruning took out that tells about the page: its tables of data (rows, e-mail addresses). */
export interface PruneReport {
  dataTables: Array<{ rows: number; addresses: number }>;
}

/** Removes furniture blocks from a parsed page (in place); `skip` names rules left out (for measuring each one). */
export function pruneFurniture(document: HtmlDocument, skip: ReadonlySet<string> = new Set()): PruneReport {
  const report: PruneReport = { dataTables: [] };
  const body = document.body;
  if (!body) return report;
  const rules = PRUNE_RULES.filter((r) => !skip.has(r.name));
  // Text lengths, measured once when the first list is looked at (before any removal; a removed
  // box only makes the lengths around it larger than they are, never smaller).
  let measured: Map<HtmlElement, number> | undefined;
  const lengths = () => (measured ??= textLengths(body));
  for (const rule of rules) {
    if (!rule.selector) continue;
    for (const element of [...document.querySelectorAll(rule.selector)]) {
      if (rule.name === 'time') {
        if (!insideProse(element)) element.remove();
      } else if (rule.name === 'link lists') {
        linkListBox(element, lengths)?.remove();
      } else if (rule.name !== 'data tables') element.remove();
      else if (isDataTable(element)) {
        const text = element.textContent ?? '';
        report.dataTables.push({ rows: element.querySelectorAll('tr').length, addresses: (text.match(/\S@\S+\.\w/g) ?? []).length });
        element.remove();
      }
    }
  }
  const tokenRules = rules.filter((r) => r.tokens);
  if (tokenRules.length === 0) return report;
  const total = (body.textContent ?? '').replace(/\s+/g, ' ').length;
  for (const element of [...body.querySelectorAll('[class], [id]')]) {
    const tag = element.tagName.toLowerCase();
    if (tag === 'body' || tag === 'html' || tag === 'main' || tag === 'article') continue;
    const tokens = tokensOf(element);
    if (!tokenRules.some((r) => tokens.some((t) => r.tokens!.test(t)))) continue;
    // Already detached with an ancestor, or too big a share of the prose to be furniture.
    const length = (element.textContent ?? '').replace(/\s+/g, ' ').length;
    if (length > MAX_SHARE * total || holdsProse(element) || insideProse(element)) continue;
    element.remove();
  }
  return report;
}
