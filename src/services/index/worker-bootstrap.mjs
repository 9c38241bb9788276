// Entry of the engine worker thread: lets it load TypeScript (as the main thread does through
// tsx) whatever started the process (tsx, vitest), then runs the worker proper.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
