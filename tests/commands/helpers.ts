/**
 * Test support for commands and the console: the real corpus engine over the real seed articles
 * (index in memory), a command context as the console builds it, and a way to replace one engine
 * method (a failing search, a long list of sources) while keeping the others real.
 */
import { fileURLToPath } from 'node:url';
import type { CommandContext } from '../../src/commands/command.js';
import type { CorpusEngine } from '../../src/services/engine.js';
import { openEngine } from '../../src/services/index/engine.js';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

/** The real engine on `seeds/`, indexed in memory. Close it after the tests. */
export async function openSeedEngine(): Promise<CorpusEngine> {
  const { engine } = await openEngine({ corpusDir: SEEDS_DIR, indexPath: ':memory:' });
  return engine;
}

/** `engine` with some methods replaced; the others still answer from the real index. */
export function withOverrides(engine: CorpusEngine, overrides: Partial<CorpusEngine>): CorpusEngine {
  return {
    actor: (...args) => engine.actor(...args),
    autocompleteActors: (...args) => engine.autocompleteActors(...args),
    search: (...args) => engine.search(...args),
    briefing: (...args) => engine.briefing(...args),
    article: (...args) => engine.article(...args),
    autocompleteArticles: (...args) => engine.autocompleteArticles(...args),
    sources: () => engine.sources(),
    fileNotices: () => engine.fileNotices(),
    articlesSince: (...args) => engine.articlesSince(...args),
    close: () => engine.close(),
    ...overrides,
  };
}

/** A command context as the console builds it: a local user who may manage the server. */
export function contextFor(engine: CorpusEngine): CommandContext {
  return { engine, invoker: { userId: 'test', canManageGuild: true, locale: 'fr' }, services: {} };
}
