/**
 * Who published an article and who signed it, as the bot names them to readers.
 *
 * The outlet is the file's `site` header (the page's JSON-LD publisher or `og:site_name`, recorded
 * when the page was read), else the host of its address without `www.`: never the file's name,
 * which is an identifier, not a source. A hand-written file with neither has no outlet; the
 * renderers then name it by its title (see `sourceLabel` in replies/text.ts).
 */

// Module constants, not literals in place: esbuild (tsx) compiles a `\p{…}` literal to a `new RegExp` built at each call.
const HAS_LETTER = /\p{L}/u;

/** A site name longer than this is a slogan or a page title, not a name: the host is used instead. */
const SITE_NAME_MAX = 60;

/** `Armenpress` from the `site` header, else `lemonde.fr` from the address; undefined when neither. */
export function outletName(site: string | undefined, url: string | undefined): string | undefined {
  const name = site?.replace(/\s+/gu, ' ').trim();
  if (name && name.length <= SITE_NAME_MAX && HAS_LETTER.test(name)) return name;
  return hostName(url);
}

/** The host of an http(s) address, without `www.` (`https://www.lemonde.fr/a` → `lemonde.fr`). */
export function hostName(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.hostname.replace(/^www\d*\./u, '') || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A byline as a feed or page gives it, without the words around the names: `Par Avec AFP` → `AFP`,
 * `By Jane Doe` → `Jane Doe`, `Par Jean Dupont avec AFP` → `Jean Dupont avec AFP`. The words
 * dropped are the byline's own (`par`, `by`, a leading `avec`/`with`): what is left is who signed.
 */
export function cleanAuthor(author: string | undefined): string | undefined {
  if (!author) return undefined;
  let text = author.replace(/\s+/gu, ' ').trim();
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/^(?:par|by|avec|with|source)\s*:?\s+/iu, '').replace(/^[-–—:,;·|]\s*/u, '').trim();
  }
  // A byline that was only those words, or punctuation, names nobody.
  return HAS_LETTER.test(text) && !/^(?:par|by|avec|with|source)$/iu.test(text) ? text : undefined;
}
