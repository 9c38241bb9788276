/**
 * Recognises the metadata lines a news page prints around its headline — byline, publication
 * date, reading time — and turns them into fields. A line counts as metadata only when it is
 * wholly made of such items (segments split on `|`, `•`, ` - `…), so a body sentence that merely
 * contains a date is never swallowed.
 */
import { collapseSpaces, foldText } from '../text/normalize.js';
import { countFunctionWords } from './language.js';

// Module constants, not literals in place: esbuild (tsx) compiles a `\p{…}` literal to a `new RegExp` built at each call.
const INITIAL = /^\p{Lu}\.$/u;
const FINAL_STOP = /(?<=\p{Ll}{2})\.$/u;
const LOWER_TAIL = /\s*,\s*(?:\p{Ll}|à|avec|with)[^,]*$/u;
const WORD_INITIALS = /(^|[\s'’-])(\p{L})/gu;

export interface LineMetadata {
  author?: string;
  /** Where the article was filed from, read from its dateline (`Kiev`, `Bruxelles`). */
  place?: string;
  /** Publication date, ISO `YYYY-MM-DD`. */
  date?: string;
  /** Last-update date, ISO, when the line says `Mis à jour` / `Updated`. */
  updated?: string;
  readingMinutes?: number;
}

// Folded month names (French and English, full and abbreviated) → month number.
const MONTHS: Record<string, number> = {};
const MONTH_FORMS: Array<[number, string]> = [
  [1, 'janvier janv jan january'],
  [2, 'fevrier fevr fev february feb'],
  [3, 'mars march mar'],
  [4, 'avril avr april apr'],
  [5, 'mai may'],
  [6, 'juin june jun'],
  [7, 'juillet juil july jul'],
  [8, 'aout august aug'],
  [9, 'septembre sept sep september'],
  [10, 'octobre oct october'],
  [11, 'novembre nov november'],
  [12, 'decembre dec december'],
];
for (const [n, forms] of MONTH_FORMS) for (const f of forms.split(' ')) MONTHS[f] = n;
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;

// All patterns run on folded text (lower case, no accents), each with named parts.
const DATE_PATTERNS: Array<{ re: RegExp; order: 'ymd' | 'dmy' | 'dMy' | 'Mdy' }> = [
  { re: /\b(\d{4})-(\d{1,2})-(\d{1,2})(?:t[\d:.]+z?)?\b/g, order: 'ymd' },
  { re: /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g, order: 'dmy' },
  // `27/11/26`: a two-digit year, slashes only (`1.2.3` is a version, not a date).
  { re: /\b(\d{1,2})\/(\d{1,2})\/(\d{2})\b(?!\/)/g, order: 'dmy' },
  { re: new RegExp(`\\b(\\d{1,2})(?:er)?\\s+${MONTH}\\s+(\\d{4})\\b`, 'g'), order: 'dMy' },
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'g'), order: 'Mdy' },
];

function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2100) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return undefined; // 31 avril
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface DateMatch {
  iso: string;
  start: number;
  end: number;
}

/** Every date written in a (folded) text, in order of appearance. */
function findDates(folded: string): DateMatch[] {
  const found: DateMatch[] = [];
  for (const { re, order } of DATE_PATTERNS) {
    for (const m of folded.matchAll(re)) {
      const [, a = '', b = '', c = ''] = m;
      let value: string | undefined;
      if (order === 'ymd') value = iso(+a, +b, +c);
      else if (order === 'dmy') {
        // French pages write day first; month first only when the day-first reading is impossible.
        // A two-digit year is this century's (`26` → 2026): news pages do not date the 1900s so.
        const year = c.length === 2 ? 2000 + +c : +c;
        value = iso(year, +b, +a) ?? iso(year, +a, +b);
      } else if (order === 'dMy') value = iso(+c, MONTHS[b] ?? 0, +a);
      else value = iso(+c, MONTHS[a] ?? 0, +b);
      if (!value) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({ iso: value, start, end });
    }
  }
  return found.sort((x, y) => x.start - y.start);
}

/** The first date written in a text, as ISO `YYYY-MM-DD`. */
export function parseDate(text: string): string | undefined {
  return findDates(foldText(text))[0]?.iso;
}

// Words that may surround a date on a date line: verbs of publication, weekdays, times, zones.
const DATE_FILLER = new RegExp(
  [
    'publie(?:e)?', 'mis(?:e)? a jour', 'mise a jour', 'actualise(?:e)?', 'modifie(?:e)?', 'cree(?:e)?',
    'publication', 'date', 'le', 'du', 'a', 'at', 'on', 'posted', 'published', 'updated', 'last',
    'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
    '\\d{1,2}\\s*(?:h|:)\\s*\\d{0,2}(?:\\s*(?:am|pm))?', 'gmt(?:[+-]\\d+)?', 'utc(?:[+-]\\d+)?', 'cet', 'cest', 'heure de paris',
    'il y a \\d+\\s*(?:minutes?|min|heures?|h|jours?|j)', 'hier', "aujourd'hui",
  ]
    .map((w) => `\\b${w}\\b`)
    .join('|'),
  'g',
);
const UPDATE_WORDS = /(mis(?:e)? a jour|actualise|modifie|updated)\s*(?:le|on)?\s*:?\s*$/;

/**
 * Cheap tests that answer before the regexes for most lines of a page (every line is tried as
 * metadata): dates and reading times are written with digits, and folding never makes a digit;
 * a run of 12 letters is longer than any word a date or its filler words are made of, and neither
 * can take part of one (they start and end on word boundaries), so it is always left over.
 */
const DIGIT = /\d/;
const LONG_WORD = /[a-z]{12}/;

/** Reads a segment that is only a date (with its publication words); undefined otherwise. `segmentFolded`: its fold, when the caller has it. */
function parseDateSegment(segment: string, segmentFolded?: string): LineMetadata | undefined {
  if (!DIGIT.test(segment)) return undefined;
  // A leading dateline place (`Jérusalem, le 12 mai 2025`) is part of the date line.
  const folded = (segmentFolded ?? foldText(segment)).replace(/^[\p{L}-]+(?:\s*\([^)]*\))?,\s*(?=le\b)/u, '');
  if (LONG_WORD.test(folded)) return undefined;
  const dates = findDates(folded);
  const relative = /il y a \d+/.test(folded);
  if (dates.length === 0 && !relative) return undefined;
  let rest = folded;
  for (const d of [...dates].reverse()) rest = rest.slice(0, d.start) + ' ' + rest.slice(d.end);
  rest = rest.replace(DATE_FILLER, ' ');
  if (/[\p{L}\p{N}]/u.test(rest)) return undefined;
  const result: LineMetadata = {};
  for (const d of dates) {
    const isUpdate = UPDATE_WORDS.test(folded.slice(0, d.start));
    if (isUpdate) result.updated ??= d.iso;
    else result.date ??= d.iso;
  }
  return result;
}

const READING_PATTERNS = [
  /^(?:temps de )?lecture\s*:?\s*(\d{1,3})\s*(?:min(?:ute)?s?|mn)\.?$/,
  /^(\d{1,3})\s*(?:min(?:ute)?s?|mn)\.?\s*(?:de lecture|read|reading|lecture)$/,
  /^(?:reading time|read time|time to read)\s*:?\s*(\d{1,3})\s*(?:min(?:ute)?s?)\.?$/,
];

/** Reads a reading-time segment (`5 Min Read`, `Lecture 4 min`, `4 min de lecture`) → minutes. `folded`: its fold, when the caller has it. */
export function parseReadingMinutes(segment: string, folded?: string): number | undefined {
  if (!DIGIT.test(segment)) return undefined;
  const lower = folded ?? foldText(segment);
  // Every pattern names the minutes (`min`, `mn`); the clean-up below only puts spaces between letters.
  if (!lower.includes('min') && !lower.includes('mn')) return undefined;
  const cleaned = lower
    .replace(/[^\p{L}\p{N}:'\s.]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const re of READING_PATTERNS) {
    const m = re.exec(cleaned);
    if (m?.[1]) return Number(m[1]);
  }
  return undefined;
}

// Lower-case particles allowed inside a personal name (`Charles de Gaulle`, `Ursula von der Leyen`).
const PARTICLES = new Set(['de', 'du', 'des', 'da', 'di', 'van', 'von', 'der', 'den', 'le', 'la', 'ben', 'bin', 'al', 'el', "d'", 'd’']);
// Words that make a Title Case pair look like a name but are page furniture (`Related Posts`).
const NOT_NAME = new Set(
  (
    'share partager menu accueil home news actualite actualites related posts post articles article ' +
    'commentaires commentaire comments comment newsletter video videos photo photos lire read more plus ' +
    'tags sections live direct monde europe international politique economie culture sport sports ' +
    'opinion opinions edition abonnes abonnez connexion login search recherche rechercher contact ' +
    'breaking latest trending top story stories voir aussi suivez follow us publicite advertisement'
  ).split(' '),
);
const NAME_WORD = /^(?:\p{Lu}\.|\p{Lu}[\p{Ll}\p{Lu}'’]*(?:-\p{Lu}[\p{Ll}'’]+)*)$/u;

/** True when a text is just a person's name: 2 to 5 capitalised words, particles allowed inside. */
export function isPersonName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  const first = words[0]!;
  const last = words[words.length - 1]!;
  if (!NAME_WORD.test(first) || !NAME_WORD.test(last) || INITIAL.test(last)) return false;
  // `La Russie` is not a name: a particle never opens or closes one.
  if (PARTICLES.has(foldText(first)) || PARTICLES.has(foldText(last))) return false;
  for (const w of words) {
    const folded = foldText(w);
    if (PARTICLES.has(folded)) continue;
    if (!NAME_WORD.test(w) || NOT_NAME.has(folded) || folded in MONTHS) return false;
    // An all-caps word longer than an initial is an acronym or a shouted label, not a name.
    if (w.length > 3 && w === w.toUpperCase() && !w.includes('.')) return false;
  }
  return countFunctionWords(text.replace(/\b(?:de|du|des|la|le)\b/giu, '')).french === 0 &&
    countFunctionWords(text).english === 0;
}

const BYLINE_PREFIX = /^(?:par|by|ecrit par|written by|auteur|author|texte|interview by)\s*:?\s+/;
/** The first two letters of each {@link BYLINE_PREFIX}. */
const BYLINE_STARTS = new Set(['pa', 'by', 'ec', 'wr', 'au', 'te', 'in']);

/**
 * Could the segment's fold open on {@link BYLINE_PREFIX}? Not when its first two characters are
 * ASCII (folded by lower-casing alone) and no prefix starts with them: most lines of a page are
 * tried as metadata, and this answers before folding them.
 */
function mayOpenByline(segment: string): boolean {
  const text = segment.trimStart();
  if (text.length < 2) return text.length === 1 && (text.charCodeAt(0) >= 0x80 || text.charCodeAt(0) === 0x60);
  for (let i = 0; i < 2; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80 || code === 0x60) return true;
  }
  return BYLINE_STARTS.has(text.slice(0, 2).toLowerCase());
}

/**
 * Reads a byline. `Par Jean Dupont`, `By Jane Doe`, `Par Jean Dupont et Marie Martin`,
 * `Par Marie Dupont, envoyée spéciale à Gaza`; a lone name (`Olivia Carter`) only when
 * `allowLoneName` (the caller knows it sits in the page header).
 */
export function parseByline(segment: string, allowLoneName = false): string | undefined {
  if (!allowLoneName && !mayOpenByline(segment)) return undefined;
  const text = collapseSpaces(segment.trim());
  const prefix = BYLINE_PREFIX.exec(foldText(text));
  if (!prefix && !allowLoneName) return undefined;
  // A lone name may end on a full stop (`Loïc Tanguy.`).
  let rest = (prefix ? text.slice(prefix[0].length) : text).replace(FINAL_STOP, '');
  // Drop a role or place after the names: `, envoyée spéciale à Gaza`, `(à Pékin)`.
  rest = rest.replace(/\s*\([^)]*\)\s*$/, '').replace(LOWER_TAIL, '');
  const names = rest.split(/\s*(?:,|&|\bet\b|\band\b)\s*/u).filter(Boolean);
  if (names.length === 0 || !names.every(isPersonName)) return undefined;
  return names.join(names.length === 2 ? ' et ' : ', ');
}

// Separators between items of a metadata line; a `par`/`by` before a capital opens a byline.
const SEGMENT_SEPARATOR = /\s*[|•·]\s*|\s+[-–—]\s+|,?\s+(?=(?:par|by|Par|By)\s+\p{Lu})/u;

/**
 * Could {@link SEGMENT_SEPARATOR} match in the line? Each branch needs one of these: a bar or dot,
 * a dash, or `par`/`by` (either case) after a space. Most lines of a page are tried as metadata.
 */
function mayHoldSeparator(line: string): boolean {
  for (const mark of SEPARATOR_MARKS) if (line.includes(mark)) return true;
  return false;
}
const SEPARATOR_MARKS = ['|', '•', '·', '-', '–', '—', 'par', 'Par', 'by', 'By'];

/**
 * Reads a whole line as metadata. Returns the fields when every segment of the line is a date,
 * a reading time or a byline; undefined when anything else is on the line.
 */
export function parseMetadataLine(line: string, options: { allowLoneName?: boolean } = {}): LineMetadata | undefined {
  // An interview's byline: `Propos recueillis par Jean Dupont` (its `par` is not a new segment).
  line = line.replace(/^propos recueillis\s+(?=par\s)/iu, '');
  const pieces = mayHoldSeparator(line) ? line.split(SEGMENT_SEPARATOR) : [line];
  const segments = pieces.map((s) => s.trim()).filter((s) => /[\p{L}\p{N}]/u.test(s));
  if (segments.length === 0) return undefined;
  const result: LineMetadata = {};
  let recognised = false;
  for (const segment of segments) {
    // Folded once for the readers below (all but a byline read the fold).
    const folded = foldText(segment);
    const minutes = parseReadingMinutes(segment, folded);
    if (minutes !== undefined) {
      result.readingMinutes ??= minutes;
      recognised = true;
      continue;
    }
    const date = parseDateSegment(segment, folded);
    if (date) {
      result.date ??= date.date;
      result.updated ??= date.updated;
      recognised = true;
      continue;
    }
    const author = parseByline(segment, options.allowLoneName);
    if (author) {
      result.author ??= author;
      recognised = true;
      continue;
    }
    // A segment of publication words or a bare time (`08:15`) belongs to the date next to it.
    if (!LONG_WORD.test(folded) && !/[\p{L}\p{N}]/u.test(folded.replace(DATE_FILLER, ' '))) continue;
    return undefined;
  }
  return recognised ? result : undefined;
}

// ---------------------------------------------------------------------------------------------
// Datelines: the place (and date, and agency) wire copy prints before its first sentence.

const AGENCY = '(?:AFP|Reuters|AP|ATS|Belga|EFE|DPA|ANSA|Xinhua|Anadolu|Bloomberg|RIA Novosti|TASS|Interfax|PC|La Presse canadienne)';
/** An agency named as wires sign: a known name, or one word in capitals (`ARMENPRESS`, `APS`, `MAP`). */
const AGENCY_WORD = String.raw`(?:${AGENCY}|\p{Lu}{2,14})`;
/** An agency in brackets: a known one (maybe behind its partner, `Keystone-ATS`) or one capitalised word (`LaPresse`). */
const BRACKET_AGENCY = String.raw`(?:\p{Lu}[\p{L}]{1,19}-)?${AGENCY}|\p{Lu}[\p{L}]{1,19}`;
/** A place name: all capitals (`KIEV`, `NEW YORK`), or Capitalised words (`Bruxelles`, `Le Caire`). */
const PLACE = String.raw`\p{Lu}[\p{Lu}'’. -]{1,30}\p{Lu}|\p{Lu}[\p{Ll}'’-]+(?:[ -](?:\p{Lu}[\p{Ll}'’-]+|de|du|la|le|sur|en))*`;
/** `, 23 FÉVRIER`, `, le 8 oct.`, `, 5 avril 2025`: a day and a month, maybe a year. */
const DAY_MONTH = String.raw`,\s*(?:le\s+)?(?<day>\d{1,2})(?:er)?\s+(?<month>\p{L}+)\.?(?:\s+(?<year>\d{4}))?`;
/** What a sentence may start with once the dateline is cut. */
const SENTENCE_START = String.raw`(?=\p{Lu}|«|")`;
const DATELINE_PATTERNS = [
  // `(Bruxelles) Les Vingt-Sept…`: the place alone in brackets, then the sentence.
  new RegExp(String.raw`^\((?<place>${PLACE})\)\s+${SENTENCE_START}`, 'u'),
  // `KIEV, 12 mars (Reuters) —`, `Moscou, 5 avril 2025 (AFP) -`, `PARIS (AFP) –`, `WASHINGTON —`.
  new RegExp(
    String.raw`^(?<place>${PLACE})(?:\s*\([^)]{1,30}\))??\s*(?:${DAY_MONTH})?\s*(?:\((?<agency>${BRACKET_AGENCY})\))?\s*[-–—]{1,2}\s+${SENTENCE_START}`,
    'u',
  ),
  // `EREVAN, 23 FÉVRIER, ARMENPRESS:`: place, date, then the agency in capitals and a colon or dash.
  // (`ARMENPRESS.Le Kremlin…`: a full stop glued to the first word, as some wires print it.)
  new RegExp(String.raw`^(?<place>${PLACE})${DAY_MONTH},?\s+(?<agency>${AGENCY_WORD})(?:\s*[:\-–—]\s+|\.(?=\p{Lu}\p{Ll}))${SENTENCE_START}`, 'u'),
  // `Kiev, Ukraine | AFP |`: place (and country), then the agency between bars.
  new RegExp(String.raw`^(?<place>${PLACE})(?:,\s*\p{Lu}[\p{L}'’ -]{1,30})?\s*\|\s*(?<agency>${AGENCY_WORD})\s*\|\s*${SENTENCE_START}`, 'u'),
  // `(Reuters) -`, `(LaPresse) —`: the agency alone in brackets, one capitalised word, no place.
  new RegExp(String.raw`^\((?<agency>${BRACKET_AGENCY})\)\s*[-–—]{1,2}\s+${SENTENCE_START}`, 'u'),
  // `(Keystone-ATS) «Nous avons…`: a known agency in brackets, no dash.
  new RegExp(String.raw`^\((?<agency>(?:\p{Lu}[\p{L}]{1,19}-)?${AGENCY})\)\s+${SENTENCE_START}`, 'u'),
  // `date 2025-10-26 Au Soudan…`, `Publié le 8 octobre 2025 Le…`: a publication stamp glued to the first sentence.
  new RegExp(String.raw`^(?:date|publi[ée]e?\s+le|mis\s+à\s+jour\s+le)\s*:?\s*(?<iso>\d{4}-\d{2}-\d{2})\s+${SENTENCE_START}`, 'iu'),
];

/**
 * Genre labels a page prints in capitals before its lead, like a dateline (`RÉCIT - `,
 * `ENTRETIEN - `): the label goes with the dateline, but it is no place.
 */
const GENRE_LABEL = /^(recit|entretien|interview|analyse|decryptage|enquete|reportage|tribune|portrait|temoignage|chronique|editorial|exclusif|exclusivite|info|infographie|video|document|focus|eclairage|explication|verbatim|critique|opinion|grand format|fact-checking)$/;

export function isGenreLabel(place: string): boolean {
  return GENRE_LABEL.test(foldText(place));
}

export interface Dateline {
  /** Where it was filed from; absent when the dateline names only the agency (`(Reuters) -`). */
  place?: string;
  /** ISO date when the dateline has a day, a month and a year. */
  date?: string;
  /** Day and month (`MM-DD`) when the dateline gives no year (`PARIS, 8 oct (AFP) -`). */
  monthDay?: string;
  agency?: string;
  /** Characters of the text the dateline takes, separator and spaces included. */
  length: number;
}

/**
 * Reads a dateline at the start of a paragraph. Strict, so that a sentence is never cut: a place
 * in brackets (`(Bruxelles) `), a place followed by a dash and, unless the place is in capitals,
 * a date or an agency (`Moscou, 5 avril (AFP) –`, `WASHINGTON —`), a place, a date and an agency
 * in capitals before a colon (`EREVAN, 23 FÉVRIER, ARMENPRESS:`), a place and an agency between
 * bars (`Kiev, Ukraine | AFP |`), or an agency alone in brackets before a dash (`(Reuters) -`).
 */
export function parseDateline(text: string): Dateline | undefined {
  for (const pattern of DATELINE_PATTERNS) {
    const m = pattern.exec(text);
    if (!m?.groups) continue;
    const { place = '', day, month, year, agency, iso: stamped } = m.groups;
    if (stamped) {
      const [y, mo, d] = stamped.split('-').map(Number);
      const date = iso(y!, mo!, d!);
      if (date) return { date, length: m[0].length };
      continue;
    }
    const shouted = place.length >= 3 && place === place.toUpperCase();
    // A place alone before the dash must be a long capitalised name (`WASHINGTON —`), not an acronym (`OTAN -`).
    if (pattern === DATELINE_PATTERNS[1] && !day && !agency && !(shouted && place.replace(/[^\p{L}]/gu, '').length >= 5)) continue;
    const monthNumber = month ? MONTHS[foldText(month)] : undefined;
    if (month && !monthNumber) continue;
    const date = day && monthNumber && year ? iso(+year, monthNumber, +day) : undefined;
    // Checked against a leap year, so that `29 février` is kept until a year says otherwise.
    const monthDay = day && monthNumber && !year && iso(2024, monthNumber, +day) ? `${String(monthNumber).padStart(2, '0')}-${day.padStart(2, '0')}` : undefined;
    // `KIEV` → `Kiev`, `NEW YORK` → `New York`; written places stay as written.
    const name = shouted ? place.toLowerCase().replace(WORD_INITIALS, (_, sep: string, c: string) => sep + c.toUpperCase()) : place;
    return {
      ...(name.trim() ? { place: name.trim() } : {}),
      ...(date ? { date } : {}),
      ...(monthDay ? { monthDay } : {}),
      ...(agency ? { agency } : {}),
      length: m[0].length,
    };
  }
  return undefined;
}

/** A dateline's day and month dated in a year the page gives (its update date), when it has no year. */
export function datelineDate(dateline: Dateline, pageYear: string | undefined): string | undefined {
  if (dateline.date) return dateline.date;
  if (!dateline.monthDay || !pageYear || !/^\d{4}/.test(pageYear)) return undefined;
  const [month, day] = dateline.monthDay.split('-').map(Number);
  return iso(Number(pageYear.slice(0, 4)), month!, day!);
}
