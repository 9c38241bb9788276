/**
 * Pages whose text is not their article, told before or after extraction: a page drawn by its
 * scripts (almost no text in the HTML, a large script or JSON state), a gate (cookie consent, an
 * age check, a paywall) taken for the article, and a main block that is data (a table of names
 * and e-mail addresses) rather than prose. Such a page keeps the feed's summary, and the reason
 * is shown with the source (`/flux liste`, `npm run feeds -- list`).
 */
import { foldText } from '../text/normalize.js';

type Doc = { documentElement: { textContent: string | null } | null; querySelectorAll(selector: string): Iterable<{ textContent: string | null }> };

/** Under this many characters of text outside scripts, a page is a shell… */
const SHELL_TEXT_CHARS = 600;
/** …when its scripts weigh this many times its text. */
const SHELL_SCRIPT_RATIO = 10;

/** Before pruning: the page's own text is a shell around scripts that draw the article. */
export function scriptDrawn(document: Doc): string | undefined {
  let scripts = 0;
  for (const script of document.querySelectorAll('script')) scripts += (script.textContent ?? '').length;
  // The page's textContent includes its scripts', styles' and title's text: taken out.
  let other = 0;
  for (const node of document.querySelectorAll('script, style, template, noscript, title')) other += (node.textContent ?? '').replace(/\s+/g, ' ').length;
  const text = Math.max(0, (document.documentElement?.textContent ?? '').replace(/\s+/g, ' ').length - other);
  if (text < SHELL_TEXT_CHARS && scripts >= SHELL_SCRIPT_RATIO * Math.max(text, 100)) {
    return `page dessinée par des scripts (${text} caractères de texte, ${Math.round(scripts / 1000)} ko de scripts)`;
  }
  return undefined;
}

/** A gate's words (on folded text): consent, age check, subscription wall — in French, English and German. */
const GATES: Array<{ reason: string; cue: RegExp }> = [
  {
    reason: 'bandeau de consentement (cookies) pris pour l’article',
    cue: /\b(cookies?|traceurs|consentement|consent|einwilligung|datenschutzeinstellungen)\b.{0,200}\b(accept\w*|refuser|agree|zustimm\w*|akzeptier\w*|parametrer|manage)\b/,
  },
  {
    reason: 'vérification d’âge prise pour l’article',
    cue: /\b(plus de 18 ans|majeure?s?\b.{0,40}\bans|over 18|18 years|at least 18|21 years|mindestens 18|volljahrig|verify your age|confirm your age|verifier votre age|confirmez votre age|altersverifikation|altersbestatigung|date of birth|date de naissance)\b/,
  },
  {
    reason: 'mur payant pris pour l’article',
    cue: /\b(subscribe to (continue|read)|already a subscriber|deja abonne|reserve aux abonnes|abonnez-vous pour lire|pour lire la suite|jetzt abonnieren|weiterlesen mit|mit einem abo)\b/,
  },
];
/** A gate is short: a real article that mentions cookies or an age is longer. */
const GATE_MAX_CHARS = 1500;

/** After extraction: the text found is a gate, not an article. */
export function gateText(paragraphs: readonly string[]): string | undefined {
  const text = paragraphs.join(' ');
  if (text.length > GATE_MAX_CHARS) return undefined;
  const folded = foldText(text);
  return GATES.find((g) => g.cue.test(folded))?.reason;
}

/** Data, not prose: most lines are short cells, and few read as sentences. */
const DATA_MIN_LINES = 20;
const PROSE_WORDS = 12;
const DATA_MAX_PROSE_SHARE = 0.25;

/** Under this many characters of prose beside its tables of data, a page is its data. */
const DATA_PAGE_MIN_CHARS = 400;

/**
 * After extraction: the main block is a table or list of data (names, addresses, figures) — the
 * text found, or the tables of data taken out before (see prune.ts) when little prose is left.
 */
export function dataBlock(paragraphs: readonly string[], tables: ReadonlyArray<{ rows: number; addresses: number }> = []): string | undefined {
  const chars = paragraphs.reduce((n, p) => n + p.length, 0);
  if (tables.length > 0 && chars < DATA_PAGE_MIN_CHARS) {
    const rows = tables.reduce((n, t) => n + t.rows, 0);
    const addresses = tables.reduce((n, t) => n + t.addresses, 0);
    return addresses >= rows / 2
      ? `le bloc principal est une liste d’adresses (${addresses} adresses e-mail), pas un article`
      : `le bloc principal est un tableau de données (${rows} lignes), pas un article`;
  }
  if (paragraphs.length < DATA_MIN_LINES) return undefined;
  let prose = 0;
  let total = 0;
  let addresses = 0;
  for (const p of paragraphs) {
    total += p.length;
    if (p.split(/\s+/).length >= PROSE_WORDS && /[.!?…»"”]$/u.test(p)) prose += p.length;
    if (/\S@\S+\.\w/.test(p)) addresses++;
  }
  if (prose / Math.max(1, total) > DATA_MAX_PROSE_SHARE) return undefined;
  return addresses >= paragraphs.length / 5
    ? `le bloc principal est une liste d’adresses (${addresses} adresses e-mail), pas un article`
    : `le bloc principal est un tableau de données (${paragraphs.length} cellules, peu de phrases), pas un article`;
}
