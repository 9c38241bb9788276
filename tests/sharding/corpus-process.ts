/**
 * A process that opens the corpus as a bot process does (worker thread, watcher, index shared
 * with the other processes of the host) and answers engine calls read as JSON lines on stdin.
 * Prints JSON lines: `role`, `open` (with the first sync's report, if it waited for one),
 * `synced` (each sync of the watcher) and `answer`.
 * Usage: corpus-process.ts CORPUS_DIR DATABASE_PATH FOLLOW_MS
 */
import readline from 'node:readline';
import { openCorpus } from '../../src/app.js';

const [corpusDir, databasePath, followMs] = process.argv.slice(2) as [string, string, string];
const print = (line: object) => process.stdout.write(`${JSON.stringify({ pid: process.pid, ...line })}\n`);

const corpus = await openCorpus({
  corpusDir,
  databasePath,
  watch: true,
  inWorker: true,
  background: true,
  shared: true,
  followMs: Number(followMs),
  onRole: (role, message) => print({ event: 'role', role, message }),
  onSync: (report) => print({ event: 'synced', added: report.added, updated: report.updated, removed: report.removed }),
  onWarning: (message) => print({ event: 'warning', message }),
});
print({ event: 'open', ...(corpus.report ? { added: corpus.report.added } : {}) });
corpus.synced.then((report) => print({ event: 'reconciled', added: report.added }), () => undefined);

const engine = corpus.engine as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, method, args } = JSON.parse(line) as { id: number; method: string; args: unknown[] };
  engine[method]!(...args).then(
    (value) => print({ event: 'answer', id, value }),
    (error: unknown) => print({ event: 'answer', id, error: (error as Error).message }),
  );
});
process.once('SIGTERM', () => void corpus.close().then(() => process.exit(0)));
