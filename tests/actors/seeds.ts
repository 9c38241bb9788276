/** The real seed articles, split into sentences the simple way (lines, then end punctuation). */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCatalog } from '../../src/services/actors/catalog.js';
import { ActorMatcher } from '../../src/services/actors/matcher.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

export function seedText(stem: string): string {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(stem));
  if (!file) throw new Error(`no seed ${stem}`);
  return readFileSync(SEEDS + file, 'utf8');
}

/**
 * Sentences of every seed; a missing space after a full stop (`mondiale.Des`) still splits, a title
 * (`M. Sullivan`) does not.
 */
export function seedSentences(): Array<{ articleId: string; sentences: string[] }> {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({
      articleId: f.replace(/\.txt$/, ''),
      sentences: readFileSync(SEEDS + f, 'utf8')
        .split(/\n+|(?<!\b(?:M|Mme|Mlle|Dr|Pr|Mr)\.)(?<=[.!?])\s+|(?<=[a-zé]\.)(?=[A-Z])/)
        .map((s) => s.trim())
        .filter(Boolean),
    }));
}

/** The sentence of a seed that contains `needle`. */
export function seedSentence(needle: string): string {
  for (const a of seedSentences()) for (const s of a.sentences) if (s.includes(needle)) return s;
  throw new Error(`no seed sentence contains ${needle}`);
}

export const catalog = buildCatalog();
export const matcher = new ActorMatcher(catalog);

/** Actor ids mentioned in `text`, in order. */
export const idsIn = (text: string, m: ActorMatcher = matcher): string[] => m.findMentions(text).map((x) => x.actorId);
