// Entry of an analysis worker thread: lets it load TypeScript whatever started the process
// (tsx, vitest), then runs the worker proper.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-worker.ts');
