/**
 * Pictures are one more renderer of a reply: a {@link ReplyChart} becomes a PNG in a worker
 * thread (rasterising takes tens of milliseconds: never on the thread that answers Discord),
 * within a time and heap bound, and is kept in a small cache keyed by the chart's `cacheKey`
 * (what it shows, its period, the index version), so that the same question asked again, or
 * another page of the same answer, costs nothing.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../services/index/ts-worker.js';
import type { ReplyChart } from '../chart.js';

export interface PictureRendererOptions {
  /** A picture not drawn within this time is given up (the worker is stopped). Default 5 000 ms. */
  timeoutMs?: number;
  /** The worker thread must be ready within this time (it loads TypeScript and resvg). Default 30 000 ms. */
  startTimeoutMs?: number;
  /** Heap of the picture worker, in MB. Default 128. */
  heapMb?: number;
  /** Pictures kept, most recently used. Default 64 (about 50 KB each). */
  cacheSize?: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_START_TIMEOUT_MS = 30_000;
const DEFAULT_HEAP_MB = 128;
const DEFAULT_CACHE_SIZE = 64;

/** A picture that could not be drawn; the answer goes without it. */
export class PictureError extends Error {
  override name = 'PictureError';
}

interface Pending {
  resolve: (png: Buffer) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

export class PictureRenderer {
  private worker: Worker | undefined;
  /** Resolves once the worker has loaded its modules: the time bound counts drawing, not start-up. */
  private ready: Promise<void> | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly cache = new Map<string, Promise<Buffer>>();
  private nextId = 1;
  private closed = false;
  /** Pictures drawn (cache misses), for tests and the benchmark. */
  drawn = 0;

  constructor(private readonly options: PictureRendererOptions = {}) {}

  /** Starts the worker now (a bot at start-up), so that the first picture does not wait for it. */
  warm(): void {
    if (!this.closed) this.start();
  }

  /** The PNG of a chart, from the cache when the same chart was drawn before. */
  render(chart: ReplyChart): Promise<Buffer> {
    const cached = this.cache.get(chart.cacheKey);
    if (cached) {
      // Most recently used last.
      this.cache.delete(chart.cacheKey);
      this.cache.set(chart.cacheKey, cached);
      return cached;
    }
    const drawing = this.draw(chart);
    this.cache.set(chart.cacheKey, drawing);
    drawing.catch(() => this.cache.delete(chart.cacheKey));
    while (this.cache.size > (this.options.cacheSize ?? DEFAULT_CACHE_SIZE)) this.cache.delete(this.cache.keys().next().value!);
    return drawing;
  }

  private draw(chart: ReplyChart): Promise<Buffer> {
    if (this.closed) return Promise.reject(new PictureError('le moteur des images est arrêté'));
    const worker = this.start();
    const ready = this.ready!;
    const id = this.nextId++;
    this.drawn++;
    return new Promise<Buffer>((resolve, reject) => {
      const call: Pending = { resolve, reject };
      this.pending.set(id, call);
      worker.ref();
      ready.then(
        () => {
          if (!this.pending.has(id)) return;
          const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
          // A picture that takes this long is stuck: the worker goes, with whatever it was doing.
          call.timer = setTimeout(() => this.stop(new PictureError(`image non dessinée en ${timeoutMs} ms`)), timeoutMs);
          worker.postMessage({ id, chart });
        },
        () => undefined,
      );
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startTsWorker(new URL('../../replies/picture/worker.ts', import.meta.url).href, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb ?? DEFAULT_HEAP_MB },
    });
    const startTimeoutMs = this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const error = new PictureError(`le moteur des images n'a pas démarré en ${startTimeoutMs} ms`);
        reject(error);
        if (this.worker === worker) this.stop(error);
      }, startTimeoutMs);
      worker.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.once('exit', () => {
        clearTimeout(timer);
        reject(new PictureError('le moteur des images s’est arrêté'));
      });
    });
    this.ready.catch(() => undefined);
    // Idle, it keeps no process alive (a draw holds it, see draw).
    worker.unref();
    worker.on('message', ({ id, png, error }: { id?: number; png?: Uint8Array; error?: string }) => {
      if (id === undefined) return; // the ready message
      const call = this.pending.get(id);
      if (!call) return;
      this.pending.delete(id);
      clearTimeout(call.timer);
      if (png) call.resolve(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
      else call.reject(new PictureError(error ?? 'image non dessinée'));
      if (this.pending.size === 0) worker.unref();
    });
    let cause = '';
    worker.on('error', (error) => {
      cause = error.message;
    });
    worker.once('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.fail(new PictureError(`le moteur des images s'est arrêté (${cause || `code ${code}`})`));
    });
    this.worker = worker;
    return worker;
  }

  private fail(error: Error): void {
    for (const call of this.pending.values()) {
      clearTimeout(call.timer);
      call.reject(error);
    }
    this.pending.clear();
  }

  private stop(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    this.fail(error);
    void worker?.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.fail(new PictureError('le moteur des images est arrêté'));
    await worker?.terminate();
  }
}
