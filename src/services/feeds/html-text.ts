/** HTML fragments → plain text (its own module: the page extraction thread loads it without the feed parser). */
import { parseHTML } from 'linkedom';

const BLOCKS =
  'p, div, br, li, ul, ol, dl, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, section, article, header, footer, aside, nav, figure, figcaption, table, tr, td, th, pre, address, hr, details, summary, main';
/** The parsed fragment handed to `prepare`. */
export type Fragment = ReturnType<typeof parseHTML>['document'];
/** Soft hyphens and zero-width characters: invisible on the page, they split words in the text. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** Plain text paragraphs of an HTML fragment (scripts never run: linkedom only parses); `prepare` may edit the parsed fragment first. */
export function htmlToText(html: string | undefined, prepare?: (document: Fragment) => void): string | undefined {
  if (!html) return undefined;
  if (!/[<&]/.test(html)) return html.replace(INVISIBLE, '').trim() || undefined;
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const node of document.querySelectorAll('script, style, noscript, iframe, template')) node.remove();
  prepare?.(document);
  // Every block ends a paragraph, so that two blocks never glue (`08:00Charles`).
  for (const node of document.querySelectorAll(BLOCKS)) {
    node.before(document.createTextNode('\n\n'));
    node.after(document.createTextNode('\n\n'));
  }
  const text = (document.body?.textContent ?? '')
    .replace(INVISIBLE, '')
    .split(/\n{2,}/)
    .map((paragraph: string) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
  return text || undefined;
}
