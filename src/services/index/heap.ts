/**
 * How much memory the index's threads hold beyond what they use. V8 lets an old generation grow
 * up to ×4 past what its last full collection left alive before collecting again; the indexing
 * thread's garbage is analysed articles on their way to SQLite, which live long enough to be
 * promoted, so at 20 000 articles it held 100–200 MB of dead objects over ~35 MB alive (and each
 * thread as much again). Growth is bounded once per process (the flag is read at each
 * collection, by every thread): a full collection of a heap this size takes a few milliseconds.
 */
import v8 from 'node:v8';

/**
 * Heap growth allowed past the live size after a full collection, in percent. 50: at 5 000
 * articles, as little CPU as V8's default (20 cost ~5 % more in full collections) for ~15 % less memory.
 */
const HEAP_GROWING_PERCENT = 50;

let tight = false;

export function keepHeapsTight(): void {
  if (tight) return;
  tight = true;
  try {
    v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  } catch {
    // A runtime that freezes V8's flags after start: the heap grows as V8 decides, nothing else changes.
  }
}

/**
 * Young generation of the index's worker threads (analysis, engine), in MB. V8's default (48 MB:
 * three 16 MB semi-spaces) is most of an idle analysis worker's memory; an article's garbage fits
 * in far less. 8 made three times the scavenges of 48 and cost CPU; 16 costs none measurable.
 */
export const WORKER_YOUNG_MB = 16;
