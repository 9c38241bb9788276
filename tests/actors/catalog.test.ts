import countries from 'world-countries/countries.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { aliasKey } from '../../src/services/actors/catalog.js';
import { catalog } from './seeds.js';

const actor = (id: string) => {
  const found = catalog.find((a) => a.id === id);
  if (!found) throw new Error(`no actor ${id}`);
  return found;
};

describe('the actor catalog', () => {
  it('lists every country of world-countries under its French name, with an id from its cca3 code', () => {
    for (const c of countries) expect(catalog.some((a) => a.id === `country:${c.cca3}` && a.kind === 'country')).toBe(true);
    expect(actor('country:RUS').name).toBe('Russie');
    expect(actor('country:USA').name).toBe('États-Unis');
    expect(actor('country:DEU').name).toBe('Allemagne');
  });

  it('gives Russia its official name, demonym, capital, metonym and compound prefix, but no English name or code', () => {
    const russia = actor('country:RUS');
    expect(russia.aliases).toEqual(expect.arrayContaining(['Fédération de Russie', 'russe', 'Moscou', 'Kremlin', 'russo-']));
    for (const bad of ['Russia', 'RU', 'RUS']) expect(russia.aliases).not.toContain(bad);
  });

  it('gives masculine and feminine demonyms in lower case', () => {
    expect(actor('country:UKR').aliases).toEqual(expect.arrayContaining(['ukrainien', 'ukrainienne']));
    expect(actor('country:USA').aliases).toEqual(expect.arrayContaining(['américain', 'américaine']));
  });

  it('knows the curated capitals and metonyms of major countries', () => {
    expect(actor('country:CHN').aliases).toEqual(expect.arrayContaining(['Pékin', 'Beijing', 'sino-']));
    expect(actor('country:USA').aliases).toEqual(expect.arrayContaining(['Washington', 'Maison Blanche']));
    expect(actor('country:UKR').aliases).toEqual(expect.arrayContaining(['Kyiv', 'Kiev']));
    expect(actor('country:GBR').aliases).toEqual(expect.arrayContaining(['Londres', 'Downing Street']));
    expect(actor('country:ISR').aliases).toEqual(expect.arrayContaining(['Tel-Aviv', 'Jérusalem']));
    expect(actor('country:FRA').aliases).toContain('Élysée');
  });

  it('makes Bruxelles the European Union, not Belgium', () => {
    expect(actor('org:eu').aliases).toContain('Bruxelles');
    expect(actor('country:BEL').aliases.map(aliasKey)).not.toContain('bruxelles');
    expect(actor('country:BEL').aliases.map(aliasKey)).not.toContain('brussels');
  });

  it('makes people actors of their own, with their surname as an alias', () => {
    const kadyrov = actor('person:ramzan-kadyrov');
    expect(kadyrov.kind).toBe('person');
    expect(kadyrov.aliases).toContain('Kadyrov');
    expect(actor('country:RUS').aliases).not.toContain('Kadyrov');
    expect(actor('person:dmitri-peskov').aliases).toEqual(expect.arrayContaining(['Dmitry Peskov', 'Peskov']));
    expect(actor('person:steve-witkoff').aliases).toEqual(expect.arrayContaining(['Vittkoff', 'Whitkoff', 'Witkoff']));
  });

  it('lists organisations and media with their acronyms', () => {
    expect(actor('org:nato').aliases).toEqual(expect.arrayContaining(['NATO', 'Alliance atlantique']));
    expect(actor('org:un').aliases).toContain('Nations unies');
    const wsj = catalog.find((a) => a.name === 'Wall Street Journal');
    expect(wsj?.kind).toBe('medium');
    expect(wsj?.aliases).toContain('WSJ');
    expect(catalog.find((a) => a.name === 'Global Times')?.kind).toBe('medium');
  });

  it('never gives one alias to two actors (a shared one, like Congo, goes to none)', () => {
    const owners = new Map<string, string>();
    for (const a of catalog) {
      for (const alias of a.aliases.filter((x) => !x.endsWith('-'))) {
        const key = aliasKey(alias);
        expect(owners.get(key) ?? a.id, `${alias}`).toBe(a.id);
        owners.set(key, a.id);
      }
    }
    expect(owners.has('congo')).toBe(false);
    expect(owners.get('francais')).toBe('country:FRA');
  });
});
