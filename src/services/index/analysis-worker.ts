/** An analysis worker thread: see analysis-pool.ts. The actor catalogue is built once per worker; it sends the rows to write (rows.ts). */
import { parentPort } from 'node:worker_threads';
import { buildCatalog } from '../actors/catalog.js';
import { ActorMatcher } from '../actors/matcher.js';
import { analyseFileRows } from './rows.js';

const matcher = new ActorMatcher(buildCatalog());
parentPort!.on('message', ({ id, articleId, bytes }: { id: number; articleId: string; bytes: Uint8Array }) => {
  parentPort!.postMessage({ id, result: analyseFileRows(articleId, bytes, matcher) });
});
