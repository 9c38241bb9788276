/** Entry of the page extraction thread: see extractor.ts. */
import { parentPort } from 'node:worker_threads';
import { extractPage } from './extract.js';

const port = parentPort!;
port.on('message', (job: { id: number; html: string; url: string }) => {
  port.postMessage({ type: 'page', id: job.id, page: extractPage(job.html, job.url) });
});
port.postMessage({ type: 'ready' });
