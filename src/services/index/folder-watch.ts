/**
 * Watches the corpus folder: file events are gathered over a short debounce and handed on as one
 * change; a folder removed (and perhaps recreated) is noticed within a second, and once it is
 * back it is watched again and handed on as a change of everything.
 */
import fs from 'node:fs';

/** How often the watcher checks that the corpus folder is still there (and the same one). */
const WATCH_HEALTH_MS = 1000;

export interface FolderWatchOptions {
  dir: string;
  /** Delay before a burst of file events is handed on, in ms. */
  debounceMs: number;
  /** The folder gone or back, in French. */
  warn: (message: string) => void;
  /** Files changed (as bytes: a name need not be UTF-8); `undefined` when some event named none. */
  onChange: (names: Buffer[] | undefined) => void;
  /** The folder is back, or replaced by a new one of the same name: all of it must be reconciled. */
  onReturn: () => void;
}

export class FolderWatch {
  private watcher?: fs.FSWatcher;
  private pending?: NodeJS.Timeout;
  /** Checks that the watched folder is still the corpus folder. */
  private health?: NodeJS.Timeout;

  constructor(private readonly options: FolderWatchOptions) {}

  /** Whether the folder is being watched now (false while it is missing). */
  get watching(): boolean {
    return this.watcher !== undefined;
  }

  start(): void {
    const { dir, debounceMs: debounce, warn } = this.options;
    // File names reported during the debounce; `undefined` once an event came without one.
    let changed: Map<string, Buffer> | undefined = new Map();
    const start = (): number | undefined => {
      try {
        const inode = fs.statSync(dir).ino;
        this.watcher = fs.watch(dir, { encoding: 'buffer' }, (_event, name) => {
          if (name && changed) changed.set(name.toString('hex'), name);
          else changed = undefined;
          clearTimeout(this.pending);
          this.pending = setTimeout(() => {
            const names = changed ? [...changed.values()] : undefined;
            changed = new Map();
            // A folder removed whole reports each file gone first: keep serving what is indexed;
            // the health check below reconciles once the folder is back.
            if (!fs.existsSync(dir)) return;
            this.options.onChange(names);
          }, debounce);
        });
        this.watcher.on('error', () => undefined); // the health check below notices and recovers
        return inode;
      } catch {
        return undefined;
      }
    };
    let watched = start();
    let missing = false;
    this.health = setInterval(() => {
      let inode: number | undefined;
      try {
        inode = fs.statSync(dir).ino;
      } catch {
        if (!missing) warn(`Dossier du corpus ${dir} introuvable : les articles déjà indexés restent servis ; surveillance reprise dès son retour.`);
        missing = true;
        return;
      }
      if (inode === watched && !missing) return;
      // Back, or replaced by a new folder of the same name: watch the new one and reconcile.
      this.watcher?.close();
      this.watcher = undefined;
      watched = start();
      missing = false;
      warn(`Dossier du corpus ${dir} de retour : surveillance reprise, réindexation.`);
      this.options.onReturn();
    }, WATCH_HEALTH_MS);
    this.health.unref();
  }

  /** Stops watching; a change waiting for its debounce is dropped. */
  close(): void {
    this.watcher?.close();
    clearTimeout(this.pending);
    clearInterval(this.health);
  }
}
