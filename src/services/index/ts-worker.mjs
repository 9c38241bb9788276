// Entry of the index's worker threads: lets a worker load TypeScript (as the main thread does
// through tsx) whatever started the process (tsx, vitest), then runs the module passed as its
// first argument.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
