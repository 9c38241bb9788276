import { describe, expect, it } from 'vitest';
import { ActorResolver, mediaOf } from '../../src/services/actors/resolver.js';
import { catalog, matcher, seedText } from './seeds.js';

// Mention counts as the seeds give them.
const counts = new Map<string, number>();
for (const stem of ['000', '001', '002', '003', '004']) {
  for (const m of matcher.findMentions(seedText(stem))) counts.set(m.actorId, (counts.get(m.actorId) ?? 0) + 1);
}
const resolver = new ActorResolver(catalog.map((a) => ({ ...a, mentions: counts.get(a.id) ?? 0 })));
const nameOf = (query: string) => resolver.resolve(query).actor?.name;

describe('resolving what a user typed', () => {
  it('finds an actor by its name in any case', () => {
    for (const q of ['Russie', 'russie', 'RUSSIE', 'la Russie']) expect(nameOf(q), q).toBe('Russie');
  });

  it('finds an actor by an alias and says which', () => {
    expect(resolver.resolve('Moscou')).toMatchObject({ actor: { id: 'country:RUS' }, matchedAlias: 'Moscou' });
    expect(resolver.resolve('russes')).toMatchObject({ actor: { id: 'country:RUS' } });
    expect(nameOf('Peskov')).toBe('Dmitri Peskov');
    expect(nameOf('Dmitry Peskov')).toBe('Dmitri Peskov');
    expect(nameOf('Uchakov')).toBe('Iouri Ouchakov');
    expect(nameOf('Vittkoff')).toBe('Steve Witkoff');
  });

  it('forgives typos', () => {
    expect(nameOf('Poutin')).toBe('Vladimir Poutine');
    expect(nameOf('Zelenski')).toBe('Volodymyr Zelensky');
    expect(nameOf('Ukrainne')).toBe('Ukraine');
  });

  it('answers an unknown name with at most three suggestions', () => {
    const answer = resolver.resolve('Narnia');
    expect(answer.actor).toBeUndefined();
    if (answer.actor === undefined) expect(answer.suggestions.length).toBeLessThanOrEqual(3);
  });
});

describe('autocompleting actor names', () => {
  it('offers the most-mentioned actors first for an empty input', () => {
    const top = resolver.autocomplete('');
    expect(top[0]?.name).toBe('Russie');
    expect(top.length).toBeLessThanOrEqual(25);
    for (let i = 1; i < top.length; i++) expect(top[i - 1]!.mentions).toBeGreaterThanOrEqual(top[i]!.mentions);
  });

  it('matches the start or the inside of a name or alias, accents aside', () => {
    const etats = resolver.autocomplete('etats').map((a) => a.name);
    expect(etats[0]).toBe('États-Unis');
    expect(resolver.autocomplete('mosc').map((a) => a.name)).toContain('Russie');
    expect(resolver.autocomplete('peskov').map((a) => a.name)).toEqual(['Dmitri Peskov']);
    expect(resolver.autocomplete('a', 5)).toHaveLength(5);
  });
});

describe('media cited as sources', () => {
  it('counts the media a text mentions', () => {
    const mentions = ['000', '003', '004'].flatMap((stem) => matcher.findMentions(seedText(stem)));
    expect(mediaOf(mentions, catalog)).toEqual([
      { id: 'medium:wall-street-journal', name: 'Wall Street Journal', count: 3 },
      { id: 'medium:bloomberg', name: 'Bloomberg', count: 1 },
      { id: 'medium:financial-times', name: 'Financial Times', count: 1 },
      { id: 'medium:global-times', name: 'Global Times', count: 1 },
      { id: 'medium:washington-post', name: 'Washington Post', count: 1 },
    ]);
  });
});
