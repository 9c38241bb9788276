/** The picture worker thread: draws charts off the main thread (see renderer.ts). */
import { parentPort } from 'node:worker_threads';
import type { ReplyChart } from '../chart.js';
import { chartSvg } from './svg.js';
import { rasterize } from './rasterize.js';
import { PNG_DATA_KEYWORD, withTextChunk } from './png.js';


parentPort!.on('message', ({ id, chart }: { id: number; chart: ReplyChart }) => {
  try {
    const { png } = rasterize(chartSvg(chart));
    const out = withTextChunk(png, PNG_DATA_KEYWORD, JSON.stringify(chart.data));
    parentPort!.postMessage({ id, png: out });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message ?? String(error) });
  }
});
// Modules loaded (TypeScript, resvg): the renderer may start counting drawing time.
parentPort!.postMessage({ ready: true });
