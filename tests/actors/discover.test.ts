import { describe, expect, it } from 'vitest';
import { discoverActors } from '../../src/services/actors/discover.js';
import { ActorMatcher } from '../../src/services/actors/matcher.js';
import { catalog, matcher, seedSentence, seedSentences } from './seeds.js';

const discovered = discoverActors(seedSentences(), matcher);
const byName = (name: string) => discovered.find((a) => a.name === name);

describe('discovering actors from the corpus', () => {
  it('finds the people the seeds quote that no list knows', () => {
    for (const name of ['Jake Sullivan', 'Elena Korosteleva', 'Michael Kimmage', 'Olena Shevchenko']) {
      expect(byName(name), name).toMatchObject({ kind: 'person', discovered: true });
    }
    expect(byName('Jake Sullivan')?.id).toBe('found:jake-sullivan');
  });

  it('does not rediscover known actors, places or headline words', () => {
    const names = discovered.map((a) => a.name);
    for (const known of ['Global Times', 'Dmitry Peskov', 'Dmitri Peskov', 'Steve Vittkoff', 'Yang Jiechi', 'Moyen-Orient', 'Haut-Karabagh']) {
      expect(names).not.toContain(known);
    }
    // Title Case headlines (`Les Alliés De La Russie Se Détournent Un À Un`) teach nothing.
    expect(names.some((n) => /Alliés|Détournent|Envisage|Maniobres/.test(n))).toBe(false);
    // `le journal d’État Global Times`: a known paper with a word before it is no new paper.
    expect(names.some((n) => n.includes('Global Times'))).toBe(false);
    expect(discovered.every((a) => a.id.startsWith('found:'))).toBe(true);
  });

  it('guesses organisations from their words', () => {
    expect(byName('Université de Kent')?.kind).toBe('organisation');
  });

  it('lets M. Sullivan, later in the article, be Jake Sullivan', () => {
    expect(byName('Jake Sullivan')?.aliases).toContain('Sullivan');
    const all = new ActorMatcher([...catalog, ...discovered]);
    const s = seedSentence('M. Sullivan a averti');
    expect(all.findMentions(s).map((m) => [m.actorId, m.form])).toContainEqual(['found:jake-sullivan', 'Sullivan']);
    expect(all.findMentions(seedSentence('Jake Sullivan')).filter((m) => m.form.includes('Sullivan'))).toEqual([
      expect.objectContaining({ actorId: 'found:jake-sullivan', form: 'Jake Sullivan' }),
    ]);
  });

  it('withholds a surname two people share, and merges spellings of one person', () => {
    const found = discoverActors(
      [
        { articleId: 'a', sentences: ['Le diplomate Jake Sullivan a rencontré le sénateur Tom Sullivan à Rome.', 'M. Sullivan a parlé.'] },
        {
          articleId: 'b',
          sentences: [
            'Anatoli Kouzmine, porte-parole du ministère, a démenti.',
            "Selon Anatoly Kouzmine, l'accord tient toujours.",
            "D'après le Bangkok Post, la Banque de Russie a relevé son taux.",
            "Des navires croisent dans le Golfe de Botnie, a indiqué l'Institut Montaigne.",
          ],
        },
      ],
      matcher,
    );
    const names = found.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['Jake Sullivan', 'Tom Sullivan']));
    for (const a of found.filter((x) => x.name.endsWith('Sullivan'))) expect(a.aliases).not.toContain('Sullivan');
    const kouzmine = found.filter((a) => a.name.endsWith('Kouzmine'));
    expect(kouzmine).toHaveLength(1);
    expect(kouzmine[0]).toMatchObject({ kind: 'person', aliases: expect.arrayContaining(['Kouzmine']) });
    expect([kouzmine[0]?.name, ...(kouzmine[0]?.aliases ?? [])]).toEqual(
      expect.arrayContaining(['Anatoli Kouzmine', 'Anatoly Kouzmine']),
    );
    const kinds = Object.fromEntries(found.map((a) => [a.name, a.kind]));
    expect(kinds).toMatchObject({
      'Bangkok Post': 'medium',
      'Banque de Russie': 'organisation',
      'Golfe de Botnie': 'place',
      'Institut Montaigne': 'organisation',
    });
  });
});
