/**
 * Runs the product and the Lead-1 baseline on one labelled corpus and scores both with
 * `score.ts`. The corpus is indexed from a fresh temporary folder (only its articles), in memory,
 * exactly as `npm start` would index it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngine } from '../../src/services/index/engine.js';
import { splitParagraphSentences } from '../../src/services/text/sentences.js';
import { decodeArticleBytes } from '../../src/services/corpus/decode.js';
import { briefingCountLine } from '../../src/commands/shared.js';
import type { BriefingAnswer } from '../../src/services/engine.js';
import { checkLabels, groupingPairs, leadBaseline, pct, scoreBriefing, storyLeadBaseline, type CorpusLabels, type GroupingFigures, type PrintedCounts, type Score } from './score.js';
import { LISTED_RULES, productJudge, rulePrecision, type RuleFigures } from './rules.js';
import { actorRows, type ActorRow } from './actors.js';
import type { IndexDatabase } from '../../src/services/index/database.js';

export { pct };

/** The briefing's default number of excerpts (`/briefing` without `nombre`). */
export const DEFAULT_LIMIT = 8;

export interface EvalRow {
  system: 'Produit' | 'Lead-1';
  /** What was asked, in French (`défaut`, `8 extraits`, `sujet : Chine`). */
  request: string;
  /** Topic rows are not held to the lead target (a topic asks for what is said about it, not the news). */
  topic: boolean;
  /** Excerpts asked: story coverage is owed in full when it is at least the number of stories in scope. */
  limit: number;
  score: Score;
}

export interface CorpusReport {
  corpus: string;
  articles: number;
  stories: number;
  rows: EvalRow[];
  /** Labels that do not name exactly one sentence (the labels must be fixed first). */
  labelProblems: string[];
  /** Each rule of the stand-alone judge against the labels of this corpus. */
  rules: RuleFigures[];
  /** Real pages: every article of the split grouped by the product, pair by pair against the labels. */
  grouping?: GroupingFigures;
  /** Real pages: the first page of `/actor` for the split's most named actors, beside two baselines. */
  actors?: ActorRow[];
}

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const LABELS_DIR = path.join(ROOT, 'benchmarks/eval/labels');
/** The real-page evaluation (issue #21): one labels file per split. */
export const REAL_LABELS_DIR = path.join(ROOT, 'benchmarks/eval/real/labels');

/** A labelled file's text as the product decodes it (a Latin-9 file is not UTF-8). */
function decodedFile(file: string): string {
  const decoded = decodeArticleBytes(fs.readFileSync(file));
  return decoded.ok ? decoded.text : '';
}

export function loadLabels(file: string): CorpusLabels {
  return JSON.parse(fs.readFileSync(path.isAbsolute(file) ? file : path.join(LABELS_DIR, file), 'utf8')) as CorpusLabels;
}

/** Every labels file, by corpus name order. */
export function allLabels(): CorpusLabels[] {
  return fs
    .readdirSync(LABELS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => loadLabels(f));
}

/** The real-page splits, `dev` then `test` (those present). */
export function realLabels(): CorpusLabels[] {
  return ['dev', 'test']
    .map((split) => path.join(REAL_LABELS_DIR, `${split}.json`))
    .filter((file) => fs.existsSync(file))
    .map((file) => loadLabels(file));
}

/** The numbers a briefing prints, read back from its count line and its JSON. */
function printedCounts(answer: BriefingAnswer): PrintedCounts {
  const line = briefingCountLine(answer);
  const number = (re: RegExp) => Number(re.exec(line)?.[1] ?? NaN);
  return {
    stories: number(/(\d+) sujets?/),
    excerpts: number(/(\d+) phrases?/),
    articles: number(/tirées? de (\d+) articles?/),
    jsonArticleCount: answer.articleCount,
    storySources: answer.stories.map((s) => s.sources.map((a) => a.id)),
  };
}

export async function evaluateCorpus(labels: CorpusLabels, options: { limit?: number } = {}): Promise<CorpusReport> {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `depeche-eval-${labels.corpus}-`));
  for (const [id, article] of Object.entries(labels.articles)) {
    fs.copyFileSync(path.join(ROOT, article.file), path.join(dir, `${id}.txt`));
  }
  // No fixed clock: the product orders by publication date then id, never by indexing time.
  const { engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' }).catch((e: unknown) => {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  try {
    const sentences = new Map<string, string[]>();
    const texts = new Map<string, string>();
    const headlines = new Map<string, string>();
    for (const id of Object.keys(labels.articles)) {
      const view = await engine.article(id);
      if (!view) continue;
      headlines.set(id, view.title);
      sentences.set(id, splitParagraphSentences(view.paragraphs).map((s) => s.text));
      texts.set(id, view.paragraphs.join(' '));
    }
    // Lead-1 takes the articles newest first, as the product considers them.
    const newest = (await engine.sources())
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id))
      .map((a) => ({ id: a.id, sentences: sentences.get(a.id) ?? [] }));
    const allStories = Object.keys(labels.stories);
    const rows: EvalRow[] = [];
    const compare = async (request: string, topic: string | undefined, n: number, scope: string[]) => {
      const answer = await engine.briefing({ ...(topic ? { topic } : {}), limit: n });
      const picks = answer.excerpts.map((e) => ({ articleId: e.articleId, text: e.text }));
      rows.push({ system: 'Produit', request, topic: !!topic, limit: n, score: scoreBriefing(labels, picks, scope, texts, printedCounts(answer)) });
      const inScope = newest.filter((a) => scope.includes(labels.articles[a.id]?.story ?? ''));
      // On real pages (issue #21) the baseline knows the stories: each story's first article leads.
      const baseline = labels.split
        ? storyLeadBaseline(inScope, (id) => labels.articles[id]?.story, n)
        : leadBaseline(inScope, n);
      rows.push({ system: 'Lead-1', request, topic: !!topic, limit: n, score: scoreBriefing(labels, baseline, scope, texts) });
    };
    await compare(`défaut (${limit})`, undefined, limit, allStories);
    if (allStories.length !== limit) await compare(`${allStories.length} extraits`, undefined, allStories.length, allStories);
    for (const [topic, stories] of Object.entries(labels.topics)) await compare(`sujet : ${topic}`, topic, limit, stories);
    const grouping = labels.split && engine.storiesOf ? groupingPairs(labels, await engine.storiesOf(Object.keys(labels.articles))) : undefined;
    const actors = labels.split
      ? await actorRows(engine, (engine as unknown as { db: IndexDatabase }).db, labels, sentences, newest.map((a) => a.id))
      : undefined;
    return {
      ...(grouping ? { grouping } : {}),
      ...(actors ? { actors } : {}),
      corpus: labels.corpus,
      articles: Object.keys(labels.articles).length,
      stories: allStories.length,
      rows,
      rules: rulePrecision(labels, sentences, productJudge, headlines, LISTED_RULES),
      labelProblems: checkLabels(
        labels,
        sentences,
        new Map(Object.entries(labels.articles).map(([id, a]) => [id, decodedFile(path.join(ROOT, a.file))])),
      ),
    };
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The grouping line of a real-page split (pairs of articles against the labelled stories). */
export function groupingLine(report: CorpusReport, withPairs = false): string {
  const g = report.grouping;
  if (!g) return '';
  const together = g.right + g.merged.length;
  const owed = g.right + g.split.length;
  const line =
    `Regroupement de tous les articles : ${g.groups} sujets pour ${g.stories} étiquetés ; paires : ${g.right} justes, ` +
    `${g.merged.length} mêlées à tort, ${g.split.length} séparées à tort (précision ${pct(g.right, together)}, rappel ${pct(g.right, owed)})`;
  return withPairs ? `${line}
- mêlées : ${g.merged.join(' ; ') || '—'}
- séparées : ${g.split.join(' ; ') || '—'}` : line;
}

/** The issue's targets, on one corpus. Returns the misses, in French (empty: all met). */
export function targetMisses(report: CorpusReport): string[] {
  const misses: string[] = [];
  const product = report.rows.filter((r) => r.system === 'Produit');
  for (const row of product) {
    const s = row.score;
    const where = `${report.corpus}, ${row.request}`;
    if (s.picks === 0) misses.push(`${where} : aucun extrait`);
    else if (s.standAlone / s.picks < 0.95) misses.push(`${where} : ${pct(s.standAlone, s.picks)} des extraits se lisent seuls (< 95 %)`);
    if (!s.coverageFirst) misses.push(`${where} : un sujet a un 2e extrait avant que tous soient couverts`);
    if (s.countsTrue !== true) misses.push(`${where} : comptes faux (${s.countErrors.join(' ; ')})`);
    if (s.unmatched.length > 0) misses.push(`${where} : ${s.unmatched.join(' ; ')}`);
    const baseline = report.rows.find((r) => r.system === 'Lead-1' && r.request === row.request);
    // Leads are counted per story: the same news served from three outlets is one lead (and two
    // redundant picks), not three.
    if (!row.topic && baseline && s.storiesLed < baseline.score.storiesLed) {
      misses.push(`${where} : ${s.storiesLed} sujets servis par leur tête contre ${baseline.score.storiesLed} pour Lead-1`);
    }
  }
  for (const p of report.labelProblems) misses.push(`${report.corpus} (étiquettes) : ${p}`);
  return misses;
}

/**
 * Issue #21's targets on a real-page split, on top of issue #9's: every story covered when the
 * limit allows it, at least Lead-1's key-fact recall, no redundant pick.
 */
export function realTargetMisses(report: CorpusReport): string[] {
  const misses = targetMisses(report);
  for (const row of report.rows.filter((r) => r.system === 'Produit')) {
    const s = row.score;
    const where = `${report.corpus}, ${row.request}`;
    if (row.limit >= s.storiesTotal && s.storiesCovered < s.storiesTotal) misses.push(`${where} : ${s.storiesCovered}/${s.storiesTotal} sujets couverts`);
    if (s.redundant > 0) misses.push(`${where} : ${s.redundant} extrait(s) redondant(s)`);
    const baseline = report.rows.find((r) => r.system === 'Lead-1' && r.request === row.request)?.score;
    if (baseline && s.keyFactsFound < baseline.keyFactsFound) {
      misses.push(`${where} : ${s.keyFactsFound}/${s.keyFactsTotal} faits clés contre ${baseline.keyFactsFound} pour Lead-1`);
    }
  }
  return misses;
}


/** One Markdown table for a corpus. */
export function table(report: CorpusReport): string {
  const lines = [
    `**${report.corpus}** — ${report.articles} articles, ${report.stories} sujets`,
    '',
    '| demande | système | extraits | se lisent seuls | têtes | sujets couverts | dont par leur tête | faits clés | tous avant un 2e | redondants | comptes justes |',
    '|---|---|---:|---:|---:|---:|---:|---:|:---:|---:|:---:|',
  ];
  for (const r of report.rows) {
    const s = r.score;
    lines.push(
      `| ${r.request} | ${r.system} | ${s.picks} | ${s.standAlone} (${pct(s.standAlone, s.picks)}) | ${s.leads} (${pct(s.leads, s.picks)}) | ${s.storiesCovered}/${s.storiesTotal} | ${s.storiesLed}/${s.storiesTotal} | ${s.keyFactsTotal === 0 ? '—' : `${s.keyFactsFound}/${s.keyFactsTotal} (${pct(s.keyFactsFound, s.keyFactsTotal)})`} | ${s.coverageFirst ? 'oui' : 'non'} | ${s.redundant} | ${s.countsTrue === undefined ? '—' : s.countsTrue ? 'oui' : 'non'} |`,
    );
  }
  return lines.join('\n');
}

/** Each pick of each row, marked as the labels read it: `seul`/`DÉPEND`, `tête`. */
export function details(report: CorpusReport): string {
  const lines: string[] = [];
  for (const r of report.rows) {
    lines.push(`${report.corpus} — ${r.request} — ${r.system}`);
    for (const d of r.score.details) {
      lines.push(`  ${d.standsAlone ? 'seul  ' : 'DÉPEND'} ${d.lead ? 'tête' : '    '} [${d.story}] ${d.articleId}: ${d.text.slice(0, 110)}`);
    }
  }
  return lines.join('\n');
}
