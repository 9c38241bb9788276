/**
 * Scoring of the editorial evaluation (`npm run eval`): pure functions from hand labels and a
 * briefing's picks to the figures of the table. Nothing here calls the product: a pick is only
 * its article and its text, so the same scorer judges the product and the Lead-1 baseline.
 *
 * Labels name sentences by a prefix of their text (unique in the article), never by position:
 * a change of the sentence splitter or of the cleaning does not shift them.
 */

/** An editor's labels for one article. */
export interface ArticleLabels {
  /** File of the article, relative to the repository root. */
  file: string;
  /** Key of the story (event) the article reports. */
  story: string;
  /** Prefixes of the sentence(s) that carry the news: who, what, when. */
  lead: string[];
  /** What kind of page it is (`dépêche`, `direct`, `analyse`…), for the reader of the labels. */
  genre?: string;
  /**
   * Prefixes of the sentences a reader cannot understand alone (they lean on an unseen one). A
   * sentence that a later one completes (the first half of a quotation, its speaker after) is
   * `{ prefix, unlessWith }`: dependent, unless the pick also holds `unlessWith`.
   */
  dependent: Array<string | DependentLabel>;
}

export interface DependentLabel {
  prefix: string;
  /** Dependent unless the pick also holds this sentence (the rest of a quotation). */
  unlessWith?: string;
  /** Why a reader cannot take it alone (`anaphore`, `légende`, `mobilier`…), in French. */
  why?: string;
  /**
   * `prefix` is the whole sentence, not its beginning (a page cut after « Ce »): it names only
   * a sentence equal to it.
   */
  whole?: boolean;
}

export function prefixOf(label: string | DependentLabel): string {
  return typeof label === 'string' ? label : label.prefix;
}

/** Whether a sentence (or a pick) opens with the labelled dependent sentence. */
export function opensWith(text: string, label: string | DependentLabel): boolean {
  if (typeof label !== 'string' && label.whole) return normalise(text) === normalise(label.prefix);
  return startsWithLabel(text, prefixOf(label));
}

/** Whether a pick opens with a labelled dependent sentence that the pick itself does not complete. */
export function opensDependent(pick: string, label: string | DependentLabel): boolean {
  if (typeof label === 'string') return startsWithLabel(pick, label);
  return opensWith(pick, label) && !(label.unlessWith !== undefined && containsLabel(pick, label.unlessWith));
}

/** The labels of one corpus. */
export interface CorpusLabels {
  corpus: string;
  description: string;
  /** Story key → what happened, in a line. */
  stories: Record<string, string>;
  /** Article id (file name without `.txt`) → its labels. */
  articles: Record<string, ArticleLabels>;
  /** Topic asked to `/briefing sujet:` → the stories an editor expects under it. */
  topics: Record<string, string[]>;
  /**
   * Story key → the facts an editor expects a briefing to carry about it; each fact is a list of
   * forms, any of which in any pick recalls it (compared without case, accents or quote styles).
   */
  keyFacts?: Record<string, string[][]>;
  /** A split of the real-page evaluation: `dev` (tune on it) or `test` (held to the targets, never tuned on). */
  split?: 'dev' | 'test';
  /**
   * A corpus written and labelled without looking at the product, whose targets are not (yet)
   * held: `npm run eval` prints its table and misses but does not fail on them, and the tests
   * only check its labels.
   */
  heldOut?: boolean;
}

/** One excerpt of a briefing, as the scorer sees it. */
export interface Pick {
  articleId: string;
  text: string;
}

/** What a briefing printed about itself, to check against what it shows. */
export interface PrintedCounts {
  /** « N sujets » as printed. */
  stories: number;
  /** « M phrases » as printed. */
  excerpts: number;
  /** « tirées de K articles » as printed, and `articleCount` of the JSON answer. */
  articles: number;
  jsonArticleCount: number;
  /** The product's stories as shown: which articles each one lists as its sources. */
  storySources: string[][];
}

export interface Score {
  picks: number;
  standAlone: number;
  /** Picks that are a labelled lead (a story's lead served twice, from two outlets, counts twice). */
  leads: number;
  /** Stories in scope whose labelled lead is served at least once. */
  storiesLed: number;
  /** Each pick with how the labels read it (for `npm run eval -- --details`). */
  details: Array<Pick & { standsAlone: boolean; lead: boolean; story?: string }>;
  /** Stories in scope that got at least one pick, and how many there are. */
  storiesCovered: number;
  storiesTotal: number;
  /** No story got a second pick while a story in scope got none. */
  coverageFirst: boolean;
  /** Picks past a story's first while a story in scope had none, plus picks that repeat one before (near-duplicate, or the same story's lead again). */
  redundant: number;
  /** Printed counts equal what is shown and the stories shown are real stories; undefined when nothing is printed (baseline). */
  countsTrue?: boolean;
  /** Why counts are not true, in French. */
  countErrors: string[];
  /** Picks whose text was not found in their article (a labelling or scoring error). */
  unmatched: string[];
  /** Key facts of the stories in scope found in the picks, and how many are labelled (0: none labelled). */
  keyFactsFound: number;
  keyFactsTotal: number;
}

/** `n` of `d` as a rounded percentage, `—` when there is nothing to count. */
export function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${Math.round((100 * n) / d)} %`;
}

/** Text compared the same way on both sides: Unicode, quotes, apostrophes, spaces. */
export function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[’‘`´]/g, "'")
    .replace(/[«»“”„"]/g, '"')
    .replace(/[\u00a0\u202f\s]+/g, ' ')
    .replace(/ ?" ?/g, '"')
    .trim()
    .toLowerCase();
}

/** `normalise` without accents: key facts are matched on what is said, not on its spelling. */
function folded(text: string): string {
  return normalise(text).normalize('NFD').replace(/\p{M}/gu, '');
}

/** Key facts of the stories in scope that some pick carries. */
export function keyFactRecall(labels: CorpusLabels, picks: readonly Pick[], scope: readonly string[]): { found: number; total: number } {
  const text = folded(picks.map((p) => p.text).join(' '));
  let found = 0;
  let total = 0;
  for (const story of new Set(scope)) {
    for (const forms of labels.keyFacts?.[story] ?? []) {
      total++;
      if (forms.some((f) => text.includes(folded(f)))) found++;
    }
  }
  return { found, total };
}

/** Whether a pick is (or opens with) the labelled sentence. */
export function startsWithLabel(pick: string, prefix: string): boolean {
  return normalise(pick).startsWith(normalise(prefix));
}

/** Whether a pick contains the labelled sentence (a lead served with an agency dateline still is the lead). */
export function containsLabel(pick: string, prefix: string): boolean {
  return normalise(pick).includes(normalise(prefix));
}

const WORD = /[\p{L}\p{N}]+/gu;
function words(text: string): Set<string> {
  return new Set((normalise(text).match(WORD) ?? []).filter((w) => w.length > 2));
}

/** Jaccard overlap of the words (3 letters or more) of two sentences. */
export function overlap(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

/** Two picks this close say the same thing (a wire copy quoted twice). */
export const NEAR_DUPLICATE = 0.6;

/**
 * Scores one briefing. `scope` is the set of stories the briefing should cover (every story of
 * the corpus, or those of a topic); `texts` maps an article id to its cleaned text, to check that
 * every pick is really from its article.
 */
export function scoreBriefing(
  labels: CorpusLabels,
  picks: readonly Pick[],
  scope: readonly string[],
  texts?: ReadonlyMap<string, string>,
  printed?: PrintedCounts,
): Score {
  const unmatched: string[] = [];
  let standAlone = 0;
  let leads = 0;
  const perStory = new Map<string, number>();
  const led = new Set<string>();
  const details: Score['details'] = [];
  for (const pick of picks) {
    const article = labels.articles[pick.articleId];
    if (!article) {
      unmatched.push(`${pick.articleId}: article sans étiquettes`);
      continue;
    }
    const text = texts?.get(pick.articleId);
    if (text !== undefined && !normalise(text).includes(normalise(pick.text))) {
      unmatched.push(`${pick.articleId}: « ${pick.text.slice(0, 60)}… » introuvable dans l'article`);
    }
    const alone = !article.dependent.some((label) => opensDependent(pick.text, label));
    const lead = article.lead.some((p) => containsLabel(pick.text, p));
    if (alone) standAlone++;
    if (lead) {
      leads++;
      led.add(article.story);
    }
    details.push({ ...pick, standsAlone: alone, lead, story: article.story });
    perStory.set(article.story, (perStory.get(article.story) ?? 0) + 1);
  }
  const inScope = new Set(scope);
  const covered = [...inScope].filter((s) => (perStory.get(s) ?? 0) > 0).length;
  const allCovered = covered === inScope.size;
  // A second pick of a story while another story of the scope has none.
  let extra = 0;
  if (!allCovered) for (const n of perStory.values()) extra += Math.max(0, n - 1);
  // Saying the same thing twice: a near-duplicate sentence, or a story's lead served again from
  // another outlet.
  let duplicates = 0;
  // (Two lead sentences of one article say two things; the leads of two outlets say one.)
  const leadServed = new Map<string, string>();
  details.forEach((p, i) => {
    const first = p.story === undefined ? undefined : leadServed.get(p.story);
    const again = p.lead && first !== undefined && first !== p.articleId;
    if (p.lead && p.story !== undefined && first === undefined) leadServed.set(p.story, p.articleId);
    if (again || details.slice(0, i).some((q) => overlap(p.text, q.text) >= NEAR_DUPLICATE)) duplicates++;
  });

  const score: Score = {
    picks: picks.length,
    standAlone,
    leads,
    storiesLed: [...inScope].filter((s) => led.has(s)).length,
    details,
    storiesCovered: covered,
    storiesTotal: inScope.size,
    coverageFirst: extra === 0,
    redundant: extra + duplicates,
    countErrors: [],
    unmatched,
    keyFactsFound: 0,
    keyFactsTotal: 0,
  };
  const facts = keyFactRecall(labels, picks, scope);
  score.keyFactsFound = facts.found;
  score.keyFactsTotal = facts.total;
  if (printed) {
    const errors = score.countErrors;
    const quoted = new Set(picks.map((p) => p.articleId)).size;
    if (printed.excerpts !== picks.length) errors.push(`${printed.excerpts} phrases annoncées, ${picks.length} montrées`);
    if (printed.articles !== quoted) errors.push(`${printed.articles} articles annoncés, ${quoted} cités`);
    if (printed.jsonArticleCount !== quoted) errors.push(`articleCount = ${printed.jsonArticleCount}, ${quoted} articles cités`);
    if (printed.stories !== printed.storySources.length) errors.push(`${printed.stories} sujets annoncés, ${printed.storySources.length} montrés`);
    // A story shown is one real story: all its articles in one labelled story, and no labelled
    // story shown twice.
    const shown = new Map<string, number>();
    for (const sources of printed.storySources) {
      const stories = new Set(sources.map((id) => labels.articles[id]?.story ?? `?${id}`));
      if (stories.size > 1) errors.push(`un sujet mêle ${[...stories].join(' + ')}`);
      for (const s of stories) shown.set(s, (shown.get(s) ?? 0) + 1);
    }
    for (const [s, n] of shown) if (n > 1) errors.push(`le sujet ${s} est montré ${n} fois`);
    score.countsTrue = errors.length === 0;
  }
  return score;
}

/** Lead-1: each article's first body sentence, then each one's second…, taking articles in turn. */
export function leadBaseline(articles: ReadonlyArray<{ id: string; sentences: string[] }>, limit: number): Pick[] {
  const picks: Pick[] = [];
  for (let round = 0; picks.length < limit; round++) {
    let any = false;
    for (const a of articles) {
      if (picks.length >= limit) break;
      const text = a.sentences[round];
      if (text === undefined) continue;
      picks.push({ articleId: a.id, text });
      any = true;
    }
    if (!any) break;
  }
  return picks;
}

/**
 * The grouping-aware Lead-1 of issue #21: the first body sentence of each story's first article
 * (articles in the order given, newest first), story after story; then each story's next sentence
 * (the rest of its first article, then its other articles), in turn.
 */
export function storyLeadBaseline(
  articles: ReadonlyArray<{ id: string; sentences: string[] }>,
  storyOf: (id: string) => string | undefined,
  limit: number,
): Pick[] {
  const queues = new Map<string, Pick[]>();
  for (const a of articles) {
    const story = storyOf(a.id) ?? `?${a.id}`;
    const queue = queues.get(story) ?? [];
    queue.push(...a.sentences.map((text) => ({ articleId: a.id, text })));
    queues.set(story, queue);
  }
  return leadBaseline([...queues.entries()].map(([id, picks]) => ({ id, sentences: picks.map((_, i) => String(i)) })), limit).map(
    (p) => queues.get(p.articleId)![Number(p.text)]!,
  );
}

/**
 * Every labelled prefix must be in its article's file and name exactly one sentence of the cleaned
 * text — except a dependent sentence the cleaning removed (live-blog furniture), which names none.
 */
export function checkLabels(labels: CorpusLabels, sentences: ReadonlyMap<string, string[]>, raw?: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [id, article] of Object.entries(labels.articles)) {
    if (!(article.story in labels.stories)) problems.push(`${id}: sujet inconnu ${article.story}`);
    const own = sentences.get(id);
    if (!own) {
      problems.push(`${id}: article absent de l'index`);
      continue;
    }
    if (article.lead.length === 0) problems.push(`${id}: aucune phrase de tête étiquetée`);
    const labelled: Array<string | DependentLabel> = [...article.lead, ...article.dependent];
    for (const label of labelled) {
      const prefix = prefixOf(label);
      const n = own.filter((s) => (typeof label !== 'string' && label.whole ? opensWith(s, label) : containsLabel(s, prefix))).length;
      const file = raw?.get(id);
      if (file !== undefined && !containsLabel(file, prefix)) problems.push(`${id}: « ${prefix} » n'est pas dans l'article`);
      else if (n > 1 || (n === 0 && (article.lead.includes(prefix) || file === undefined))) problems.push(`${id}: « ${prefix} » désigne ${n} phrases`);
    }
  }
  for (const [topic, stories] of Object.entries(labels.topics)) {
    for (const s of stories) if (!(s in labels.stories)) problems.push(`sujet « ${topic} » : histoire inconnue ${s}`);
  }
  return problems;
}

/** How the product grouped every article of a corpus, pair by pair against the labelled stories. */
export interface GroupingFigures {
  /** Stories the product made, and stories labelled. */
  groups: number;
  stories: number;
  /** Pairs of one labelled story grouped together. */
  right: number;
  /** Pairs of two labelled stories grouped together (`a + b`). */
  merged: string[];
  /** Pairs of one labelled story left apart (`a / b`). */
  split: string[];
}

export function groupingPairs(labels: CorpusLabels, groups: readonly (readonly string[])[]): GroupingFigures {
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((id) => groupOf.set(id, i)));
  const ids = Object.keys(labels.articles).filter((id) => groupOf.has(id)).sort();
  const figures: GroupingFigures = { groups: groups.length, stories: Object.keys(labels.stories).length, right: 0, merged: [], split: [] };
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const [a, b] = [ids[i]!, ids[j]!];
      const same = labels.articles[a]!.story === labels.articles[b]!.story;
      const together = groupOf.get(a) === groupOf.get(b);
      if (same && together) figures.right++;
      else if (together) figures.merged.push(`${a} + ${b}`);
      else if (same) figures.split.push(`${a} / ${b}`);
    }
  }
  return figures;
}
