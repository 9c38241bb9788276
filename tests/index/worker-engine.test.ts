import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { WorkerCorpusEngine } from '../../src/services/index/worker-engine.js';
import { CorpusDirError } from '../../src/services/index/indexer.js';

describe('the corpus engine in a worker thread', () => {
  let inProcess: SqliteCorpusEngine;
  let worker: WorkerCorpusEngine;
  beforeAll(async () => {
    ({ engine: inProcess } = await openEngine({ corpusDir: 'seeds', indexPath: ':memory:' }));
    ({ engine: worker } = await WorkerCorpusEngine.open({ corpusDir: 'seeds', indexPath: ':memory:' }));
  });
  afterAll(async () => {
    await inProcess.close();
    await worker.close();
  });

  it('gives the same answers as the engine on the main thread', async () => {
    expect(await worker.actor('Moscou', { limit: 5 })).toEqual(await inProcess.actor('Moscou', { limit: 5 }));
    expect(await worker.search('sanctions', { limit: 5 })).toEqual(await inProcess.search('sanctions', { limit: 5 }));
    // The two indexes were built moments apart: arrival times differ, nothing else may.
    const arrivalsDropped = (answer: unknown) => JSON.parse(JSON.stringify(answer, (key, value: unknown) => (key === 'indexedAt' ? undefined : value)));
    expect(arrivalsDropped(await worker.briefing({ topic: 'Chine', limit: 4 }))).toEqual(arrivalsDropped(await inProcess.briefing({ topic: 'Chine', limit: 4 })));
    expect(await worker.sources()).toEqual(await inProcess.sources());
    expect(await worker.autocompleteActors('Rus')).toEqual(await inProcess.autocompleteActors('Rus'));
  });

  it('answers queries sent together, each with its own result', async () => {
    const [russia, china, unknown] = await Promise.all([worker.actor('Russie'), worker.actor('Chine'), worker.actor('Narnia')]);
    expect(russia.found && russia.actor.name).toBe('Russie');
    expect(china.found && china.actor.name).toBe('Chine');
    expect(unknown.found).toBe(false);
  });

  it('reports a missing corpus folder with the same one-line error as the main thread', async () => {
    const missing = path.join('no', 'such', 'folder');
    await expect(WorkerCorpusEngine.open({ corpusDir: missing, indexPath: ':memory:' })).rejects.toThrow(CorpusDirError);
  });
});
