/** HTML fragments → plain text (its own module: the page extraction thread loads it without the feed parser). */
import { parseHTML } from 'linkedom';

/** Plain text paragraphs of an HTML fragment (scripts never run: linkedom only parses). */
export function htmlToText(html: string | undefined): string | undefined {
  if (!html) return undefined;
  if (!/[<&]/.test(html)) return html.trim() || undefined;
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const node of document.querySelectorAll('script, style, noscript, iframe, template')) node.remove();
  for (const node of document.querySelectorAll('p, div, br, li, h1, h2, h3, h4, h5, h6, blockquote')) {
    node.after(document.createTextNode('\n\n'));
  }
  const text = (document.body?.textContent ?? '')
    .split(/\n{2,}/)
    .map((paragraph: string) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
  return text || undefined;
}
