/**
 * `npm run eval`: the editorial evaluation. For each labelled corpus (benchmarks/eval/labels/),
 * the product's briefings and the Lead-1 baseline on the same articles, scored against an
 * editor's labels; one Markdown table per corpus, then a verdict against the targets of issue #9.
 * Then the real-page evaluation (benchmarks/eval/real/, issue #21): its `dev` and `test` splits,
 * each against the same baseline, the first page of `/actor` for each split's most named actors
 * beside `/search` and newest-first (benchmarks/eval/actors.ts), and each rule of the stand-alone
 * judge with its precision on the `dev` labels. Exit code 1 when a target of the in-house corpora is missed (the real-page
 * targets are printed; tests/eval/real-pages.test.ts holds them on `test`).
 * `--details`: every pick, marked as the labels read it.
 * `--split dev|test`: only that real-page split (tune with `--real --split dev`; read `test` once per change).
 */
import { allLabels, details, evaluateCorpus, groupingLine, realLabels, realTargetMisses, table, targetMisses } from './evaluate.js';
import { ruleErrors, ruleTable } from './rules.js';
import { actorDetails, actorTable } from './actors.js';

const showDetails = process.argv.includes('--details');
/** `--real`: only the real-page splits (quicker while tuning). */
const realOnly = process.argv.includes('--real');
const splitArg = process.argv.indexOf('--split');
const onlySplit = splitArg >= 0 ? process.argv[splitArg + 1] : undefined;
if (onlySplit !== undefined && onlySplit !== 'dev' && onlySplit !== 'test') {
  console.error('--split attend dev ou test.');
  process.exit(2);
}

const misses: string[] = [];
const heldOutMisses: string[] = [];
for (const labels of realOnly ? [] : allLabels()) {
  const report = await evaluateCorpus(labels);
  console.log(table(report));
  console.log('');
  if (showDetails) console.log(`${details(report)}\n`);
  (labels.heldOut ? heldOutMisses : misses).push(...targetMisses(report));
}
if (heldOutMisses.length > 0) {
  console.log(`Corpus tenu à part (non bloquant) : ${heldOutMisses.length} objectif(s) manqué(s)`);
  for (const m of heldOutMisses) console.log(`- ${m}`);
  console.log('');
}
if (realOnly) {
  // Nothing of the in-house corpora was run.
} else if (misses.length === 0) {
  console.log('Verdict : objectifs tenus sur chaque corpus qui y est tenu (≥ 95 % des extraits se lisent seuls, au moins autant de sujets servis par leur tête que Lead-1, chaque sujet couvert avant un 2e extrait, comptes justes).');
} else {
  console.log(`Verdict : ${misses.length} objectif(s) manqué(s)`);
  for (const m of misses) console.log(`- ${m}`);
  process.exitCode = 1;
}

console.log('\n## Pages réelles (issue #21)\n');
for (const labels of realLabels().filter((l) => onlySplit === undefined || l.split === onlySplit)) {
  const report = await evaluateCorpus(labels);
  for (const p of report.labelProblems) console.log(`étiquette à revoir — ${p}`);
  console.log(table(report));
  console.log('');
  console.log(`${groupingLine(report, showDetails)}\n`);
  if (showDetails) console.log(`${details(report)}\n`);
  if (report.actors) {
    console.log(`${actorTable(report.corpus, report.actors)}\n`);
    if (showDetails) console.log(`${actorDetails(report.corpus, report.actors)}\n`);
  }
  if (labels.split === 'dev') {
    console.log(`${ruleTable(report.corpus, report.rules)}\n`);
    if (showDetails) console.log(`${ruleErrors(report.rules)}\n`);
  }
  const real = realTargetMisses(report);
  console.log(real.length === 0 ? `${report.corpus} : objectifs tenus.\n` : `${report.corpus} : ${real.length} objectif(s) manqué(s)`);
  for (const m of real) console.log(`- ${m}`);
  if (real.length > 0) console.log('');
}
