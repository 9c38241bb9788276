/**
 * `npx tsx benchmarks/eval/evidence.ts [--list]`: on the real `dev` pages only, the precision of each
 * positive-evidence feature (src/services/briefing/evidence.ts) among the later sentences the
 * product could serve (servable units that are not the article's lead): of those showing the
 * feature, how many the labels call stand-alone. Never run on `test` (issue #21: tune on dev).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngine } from '../../src/services/index/engine.js';
import { splitParagraphSentences } from '../../src/services/text/sentences.js';
import { articleExcerpts } from '../../src/services/briefing/excerpts.js';
import { laterEvidence, standsAloneByEvidence } from '../../src/services/briefing/evidence.js';
import { REAL_LABELS_DIR, ROOT, loadLabels, pct } from './evaluate.js';
import { containsLabel, opensDependent } from './score.js';

const labels = loadLabels(path.join(REAL_LABELS_DIR, 'dev.json'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-evidence-'));
for (const a of Object.values(labels.articles)) fs.copyFileSync(path.join(ROOT, a.file), path.join(dir, path.basename(a.file)));
const { engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' });

interface Row { text: string; standalone: boolean; features: Record<string, boolean> }
const rows: Row[] = [];
try {
  for (const [id, article] of Object.entries(labels.articles)) {
    const view = (await engine.article(id))!;
    const sentences = splitParagraphSentences(view.paragraphs);
    const units = articleExcerpts(id, sentences.map((s) => ({ ...s, centrality: 0 })), { headline: view.title });
    for (const u of units) {
      const first = u.sentenceIndexes[0]!;
      if (u.kind === 'lead' || first === 0 || article.lead.some((p) => containsLabel(u.text, p))) continue;
      const e = laterEvidence(u.text);
      const paragraphFirst = u.opensParagraph === true;
      rows.push({
        text: `${id} #${first}: ${u.text}`,
        standalone: !article.dependent.some((l) => opensDependent(u.text, l)),
        features: {
          'sujet nommé': e.namedSubject,
          'ancre de temps': e.timeAnchor,
          'aucun marqueur': !e.marker,
          'sans guillemets': !e.quoted,
          'début de paragraphe': paragraphFirst,
          'position ≤ 3': first <= 3,
          'position ≤ 6': first <= 6,
          'sujet nommé + aucun marqueur': e.namedSubject && !e.marker,
          'sujet nommé + aucun marqueur + sans guillemets': e.namedSubject && !e.marker && !e.quoted,
          'sujet nommé + ancre': e.namedSubject && e.anchor,
          'sujet nommé + ancre + aucun marqueur': e.namedSubject && e.anchor && !e.marker,
          'ancre de temps + début de paragraphe': e.timeAnchor && paragraphFirst,
          'ancre + début de paragraphe': e.anchor && paragraphFirst,
          'sujet nommé + ancre de temps': e.namedSubject && e.timeAnchor,
          'début de paragraphe + sujet nommé (sans le veto « répond sans nommer »)': paragraphFirst && e.namedSubject,
          'répond sans nommer (jugement cité, comparaison ouverte)': e.answersUnnamed,
          'veto « poursuit un propos » (a ajouté…, #intégration |) — seules = écartées à tort': e.continues,
          'veto « citation ouvrant sur un nom défini » — seules = écartées à tort': e.quoteLeansBack,
          'veto « pronom complément du verbe principal » — seules = écartées à tort': e.pronounObject,
          'preuve (produit)': standsAloneByEvidence(u.text, paragraphFirst),
          'preuve + ancre de temps': standsAloneByEvidence(u.text, paragraphFirst) && e.timeAnchor,
          'ancre (date ou nombre)': e.anchor,
          'citation entière avec son auteur': u.kind === 'quote',
          'preuve ou citation entière': u.kind === 'quote' || standsAloneByEvidence(u.text, paragraphFirst),
          'preuve + position ≤ 6': standsAloneByEvidence(u.text, paragraphFirst) && first <= 6,
        },
      });
    }
  }
} finally {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
const ok = rows.filter((r) => r.standalone).length;
console.log(`dev — ${rows.length} phrases ultérieures servables, ${ok} seules (${pct(ok, rows.length)})\n`);
console.log('| indice | phrases | seules (précision) | part des seules gardée |\n|---|---:|---:|---:|');
for (const name of Object.keys(rows[0]?.features ?? {})) {
  const hit = rows.filter((r) => r.features[name]);
  const good = hit.filter((r) => r.standalone).length;
  console.log(`| ${name} | ${hit.length} | ${good} (${pct(good, hit.length)}) | ${pct(good, ok)} |`);
}
if (process.argv.includes('--list')) {
  for (const r of rows) console.log(`${r.standalone ? 'seule ' : 'DÉPEND'} ${r.features['preuve (produit)'] ? 'P' : '-'}${r.features['ancre (date ou nombre)'] ? 'A' : '-'}${r.features['début de paragraphe'] ? '§' : '-'} ${r.text.slice(0, 170)}`);
}
