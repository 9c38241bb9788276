/**
 * `npm run index [-- --force]`: brings the index of CORPUS_DIR up to date (only new, changed or
 * removed files, or every file with --force) and reports what it did. Progress is a bar on a
 * terminal, a line every few seconds otherwise.
 */
import { parseArgs } from 'node:util';
import { indexPathFor } from './app.js';
import { ConfigError, loadConfigFromFile } from './config.js';
import { openEngine } from './services/index/engine.js';
import { IndexError } from './services/index/database.js';
import { CorpusDirError } from './services/index/indexer.js';
import { terminalSafe } from './replies/terminal.js';

function progressPrinter(): (done: number, total: number) => void {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - last < (tty ? 100 : 5000)) return;
    last = now;
    const share = total === 0 ? 1 : done / total;
    if (tty) {
      const width = 30;
      const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
      process.stderr.write(`\r${bar} ${done}/${total} fichiers${done === total ? '\n' : ''}`);
    } else {
      process.stderr.write(`Indexation : ${done}/${total} fichiers (${Math.round(share * 100)} %)\n`);
    }
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
  const config = loadConfigFromFile();
  const indexPath = indexPathFor(config.corpusDir, config.databasePath);
  const { engine, report: first } = await openEngine({
    corpusDir: config.corpusDir,
    indexPath,
    onWarning: (message) => process.stderr.write(`Attention : ${terminalSafe(message)}\n`),
    onProgress: values.force ? undefined : progressPrinter(),
  });
  const report = values.force ? await engine.sync({ force: true, onProgress: progressPrinter() }) : first;
  await engine.close();
  const seconds = (report.ms / 1000).toFixed(1);
  process.stdout.write(
    `Index ${indexPath} à jour pour ${config.corpusDir} en ${seconds} s : ` +
      `${report.added} ajouté(s), ${report.updated} mis à jour, ${report.removed} retiré(s), ` +
      `${report.unchanged} inchangé(s), ${report.skipped.length} ignoré(s).\n`,
  );
  // File names may hold escape sequences: shown inertly.
  for (const { file, reason } of report.skipped) process.stdout.write(`  ignoré : ${terminalSafe(file)} — ${terminalSafe(reason)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof IndexError || error instanceof CorpusDirError;
    process.stderr.write(terminalSafe(known ? `${(error as Error).message}\n` : `Erreur : ${error instanceof Error ? error.message : String(error)}\n`));
    process.exitCode = 1;
  },
);
