/**
 * A poller that dies by SIGKILL in the middle of writing its first article, for crash.test.ts.
 * Usage: crash-process.ts STATE_DB CORPUS_DIR FEED_URL before-rename|after-rename
 * - before-rename: the keys are claimed, half the text is in a temporary file, then the kill;
 * - after-rename: the file is in place, then the kill (before the claim is settled).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeedPoller } from '../../src/services/feeds/poller.js';
import { PoliteFetcher } from '../../src/services/feeds/fetch.js';
import { writeArticleFile } from '../../src/services/feeds/writer.js';
import { SqliteStateStore } from '../../src/services/store/sqlite.js';

const [database, corpusDir, feedUrl, mode] = process.argv.slice(2) as [string, string, string, string];
const store = new SqliteStateStore(database);
await store.addFeedSource({ url: feedUrl, kind: 'feed', addedBy: 'test' });
const fetcher = new PoliteFetcher({ userAgent: 'Depeche/0.1.0 (test)', allowPrivateNetwork: true, timeoutMs: 5_000, hostDelayMs: 0 });
const poller = new FeedPoller(store, fetcher, {
  corpusDir,
  writeArticle: async (dir, id, text) => {
    if (mode === 'before-rename') {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `.${id}.${process.pid}.${Date.now()}.tmp`), text.slice(0, text.length / 2));
    } else await writeArticleFile(dir, id, text);
    process.stdout.write(`${JSON.stringify({ killed: id })}\n`);
    process.kill(process.pid, 'SIGKILL');
    return '';
  },
});
await poller.poll();
process.stdout.write('not killed\n');
