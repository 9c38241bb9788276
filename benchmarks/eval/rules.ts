/**
 * Each rule of the stand-alone judge (src/services/briefing/standalone.ts) measured against an
 * editor's labels: of the sentences a rule vetoes, how many the labels call dependent (the veto is
 * right), how many are not the article's lead (the veto does no harm to the lead), and how many
 * leads it vetoes. A rule under 90 % on the labelled `dev` pages has not earned its place.
 */
import { judgeSentence } from '../../src/services/briefing/standalone.js';
import { echoesHeadline } from '../../src/services/briefing/headline-echo.js';
import { containsLabel, opensWith, pct, type CorpusLabels } from './score.js';

export interface RuleFigures {
  rule: string;
  /** Sentences the rule fires on. */
  vetoes: number;
  /** …that the labels call dependent. */
  dependent: number;
  /** …that are not a labelled lead. */
  notLead: number;
  /** The vetoed sentences the labels call stand-alone (`id: sentence`), for `--details`. */
  wrong: string[];
}

/** The precision threshold a veto rule must hold on the `dev` pages (issue #21). */
export const RULE_PRECISION_TARGET = 0.9;

/** The rules that veto one sentence (the `index`-th of its article, under `headline` when known). */
export type Judge = (text: string, index: number, headline?: string) => readonly string[];

/**
 * The product's stand-alone judge, and its lead rule `headline-echo` (a first sentence that only
 * repeats the headline gives the lead to the next one: src/services/briefing/headline-echo.ts).
 */
export const productJudge: Judge = (text, index, headline) => [
  ...judgeSentence(text, { index }).reasons.map((r) => r.rule),
  ...(index === 0 && headline && echoesHeadline(text, headline) ? ['headline-echo'] : []),
];

/** Rules listed even when they never fire on a corpus (the latest, whose absence says something). */
export const LISTED_RULES = ['scene-caption', 'headline-echo'];

/** Figures per rule, over every sentence of every labelled article (`sentences`: as the product splits them). */
export function rulePrecision(
  labels: CorpusLabels,
  sentences: ReadonlyMap<string, string[]>,
  judge: Judge = productJudge,
  headlines: ReadonlyMap<string, string> = new Map(),
  listed: readonly string[] = [],
): RuleFigures[] {
  const byRule = new Map<string, RuleFigures>(listed.map((rule) => [rule, { rule, vetoes: 0, dependent: 0, notLead: 0, wrong: [] }]));
  for (const [id, article] of Object.entries(labels.articles)) {
    (sentences.get(id) ?? []).forEach((text, index) => {
      const rules = new Set(judge(text, index, headlines.get(id)));
      if (rules.size === 0) return;
      const dependent = article.dependent.some((l) => opensWith(text, l));
      const lead = article.lead.some((p) => containsLabel(text, p));
      for (const rule of rules) {
        const f = byRule.get(rule) ?? { rule, vetoes: 0, dependent: 0, notLead: 0, wrong: [] };
        f.vetoes++;
        if (dependent) f.dependent++;
        else f.wrong.push(`${id}: ${lead ? '[tête] ' : ''}${text}`);
        if (!lead) f.notLead++;
        byRule.set(rule, f);
      }
    });
  }
  return [...byRule.values()].sort((a, b) => b.vetoes - a.vetoes || a.rule.localeCompare(b.rule));
}

/** One Markdown table: each rule, its vetoes, its precision (labelled dependent) and the leads it vetoes. */
export function ruleTable(corpus: string, figures: readonly RuleFigures[]): string {
  const lines = [
    `**Règles du juge sur ${corpus}** — une règle doit avoir au moins ${Math.round(RULE_PRECISION_TARGET * 100)} % de précision`,
    '',
    '| règle | phrases écartées | vraiment dépendantes (précision) | pas la tête | têtes écartées | tient |',
    '|---|---:|---:|---:|---:|:---:|',
  ];
  for (const f of figures) {
    if (f.vetoes === 0) {
      lines.push(`| ${f.rule} | 0 | — | — | 0 | — |`);
      continue;
    }
    const ok = f.dependent / f.vetoes >= RULE_PRECISION_TARGET;
    lines.push(`| ${f.rule} | ${f.vetoes} | ${f.dependent} (${pct(f.dependent, f.vetoes)}) | ${f.notLead} (${pct(f.notLead, f.vetoes)}) | ${f.vetoes - f.notLead} | ${ok ? 'oui' : 'non'} |`);
  }
  if (figures.length === 0) lines.push('| (aucune règle ne s’est déclenchée) | 0 | — | — | 0 | — |');
  return lines.join('\n');
}

/** For each rule, the sentences it vetoes that the labels call stand-alone (its errors). */
export function ruleErrors(figures: readonly RuleFigures[]): string {
  const lines: string[] = [];
  for (const f of figures) {
    if (f.wrong.length === 0) continue;
    lines.push(`${f.rule} — écarte à tort :`);
    for (const w of f.wrong) lines.push(`  ${w.slice(0, 160)}`);
  }
  return lines.join('\n');
}
