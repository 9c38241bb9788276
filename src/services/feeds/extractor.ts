/**
 * Page extraction under a time budget. Readability on a DOM is fast on real pages (tens of ms),
 * but a page can be hostile in CPU while staying under the size and depth caps (nested tables,
 * tens of thousands of tiny elements: tens of seconds). So pages are extracted in a thread of
 * their own, one at a time; a page that is not done within the budget has its thread terminated
 * (the next page gets a fresh one) and comes back as a failure with its reason, `abandoned`. The
 * thread also has a memory cap: a page that exhausts it fails alone. Idle, the thread ends; it
 * never keeps the process alive.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../index/ts-worker.js';
import type { ExtractedPage } from './extract.js';

export interface PageExtractor {
  extract(html: string, url: string): Promise<ExtractedPage>;
  /** Pages are coming: starts the thread now, so that its start overlaps their fetching. */
  warm?(): void;
  close(): Promise<void>;
}

export interface ExtractorOptions {
  /** Longest time one page may take, in ms. Default 10 000. */
  budgetMs?: number;
  /** Memory cap of the extraction thread, in MB. Default 256. */
  heapMb?: number;
  /** The thread ends after this long without a page, in ms. Default 60 000. */
  idleMs?: number;
}

interface Job {
  id: number;
  html: string;
  url: string;
  resolve: (page: ExtractedPage) => void;
  timer?: NodeJS.Timeout;
}

/** Time allowed to a new thread to load its modules, before the page's own budget starts. */
const START_MS = 60_000;

const failed = (failure: string, abandoned: NonNullable<ExtractedPage['abandoned']> = 'budget'): ExtractedPage => ({ paragraphs: [], paywalled: false, failure, abandoned });
const STOPPED = (): ExtractedPage => failed('lecture des pages arrêtée', 'stopped');

/** Extracts pages in a supervised worker thread; see the module's comment. */
export class WorkerPageExtractor implements PageExtractor {
  private readonly budgetMs: number;
  private readonly heapMb: number;
  private readonly idleMs: number;
  private worker?: Worker;
  private ready = false;
  private readonly queue: Job[] = [];
  private busy?: Job;
  private nextId = 1;
  private idleTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(options: ExtractorOptions = {}) {
    this.budgetMs = options.budgetMs ?? 10_000;
    this.heapMb = options.heapMb ?? 256;
    this.idleMs = options.idleMs ?? 60_000;
  }

  extract(html: string, url: string): Promise<ExtractedPage> {
    if (this.closed) return Promise.resolve(STOPPED());
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, html, url, resolve });
      this.pump();
    });
  }

  warm(): void {
    if (this.closed || this.worker) return;
    this.spawn();
    this.idleSoon();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const job of this.queue.splice(0)) job.resolve(STOPPED());
    this.finish(STOPPED());
    await this.stopWorker();
  }

  private pump(): void {
    if (this.busy || this.queue.length === 0 || this.closed) return;
    clearTimeout(this.idleTimer);
    const job = this.queue.shift()!;
    this.busy = job;
    const worker = this.worker ?? this.spawn();
    if (this.ready) this.send(job, worker);
    else job.timer = setTimeout(() => this.abandon('le fil de lecture des pages n’a pas démarré à temps'), START_MS);
  }

  private send(job: Job, worker: Worker): void {
    clearTimeout(job.timer);
    job.timer = setTimeout(
      () => this.abandon(`trop coûteuse à lire (plus de ${String(Math.round(this.budgetMs / 100) / 10).replace('.', ',')} s)`),
      this.budgetMs,
    );
    worker.postMessage({ id: job.id, html: job.html, url: job.url });
  }

  private spawn(): Worker {
    this.ready = false;
    const worker = startTsWorker('../feeds/extract-main.ts', { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    worker.unref();
    this.worker = worker;
    worker.on('message', (message: { type: 'ready' } | { type: 'page'; id: number; page: ExtractedPage }) => {
      if (worker !== this.worker) return;
      if (message.type === 'ready') {
        this.ready = true;
        if (this.busy) this.send(this.busy, worker);
        return;
      }
      if (this.busy?.id === message.id) this.finish(message.page);
    });
    // An error thrown in the thread (out of memory…) ends it; the exit handler answers the page.
    worker.on('error', () => undefined);
    worker.on('exit', (code) => {
      if (worker !== this.worker) return;
      this.worker = undefined;
      this.ready = false;
      this.finish(failed(`trop lourde à lire (le fil de lecture s’est arrêté, code ${code})`));
    });
    return worker;
  }

  /** The page in progress took too long (or its thread never started): its thread is ended. */
  private abandon(reason: string): void {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    void worker?.terminate();
    this.finish(failed(reason));
  }

  private finish(page: ExtractedPage): void {
    const job = this.busy;
    if (!job) return;
    clearTimeout(job.timer);
    this.busy = undefined;
    job.resolve(page);
    if (this.queue.length > 0) this.pump();
    else this.idleSoon();
  }

  /** Ends the thread after idleMs without a page. */
  private idleSoon(): void {
    if (this.closed) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (!this.busy && this.queue.length === 0) void this.stopWorker();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    await worker?.terminate();
  }
}
