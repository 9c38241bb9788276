/**
 * An alert as Discord receives it: corpus text escaped (headline, lead, outlet names), the matched
 * forms in bold, outlets linked to the originals, and the chosen role as the only mention.
 */
import { describe, expect, it } from 'vitest';
import { alertMessage } from '../../src/bot/alert-poster.js';
import { outletOf, type AlertModel } from '../../src/services/follows/alert.js';
import { alertReply } from '../../src/replies/alert.js';
import { renderConsole } from '../../src/replies/console.js';

const hostile: AlertModel = {
  followId: 'f1',
  subject: 'Russie',
  kind: 'story',
  stories: [
    {
      headline: 'La **Russie** et @everyone : <@123456789012345678> _réagit_',
      lead: { text: 'Moscou a répondu @here, selon le Kremlin.', highlights: [{ start: 0, end: 6 }, { start: 33, end: 40 }] },
      sources: [
        { articleId: '31_20minutes_afp', title: 't', outlet: '20 Minutes [pub](https://evil.example)', url: 'https://www.20minutes.fr/a', date: '2026-11-27' },
        { articleId: '32_of', title: 't', outlet: '@everyone', date: '2026-11-28' },
      ],
    },
  ],
  articleCount: 2,
  roleId: '345678901234567890',
  marker: 'Dépêche · suivi f1 · réf. 0123456789',
};

describe('alert messages', () => {
  it('mention the chosen role and nothing else, with corpus text escaped', () => {
    const message = alertMessage(hostile);
    expect(message.content).toBe('<@&345678901234567890>');
    expect(message.allowed_mentions).toEqual({ parse: [], roles: ['345678901234567890'] });
    const embed = message.embeds[0] as { description: string; footer: { text: string } };
    // Forms in bold, the rest escaped: no live markdown, link or mention from the corpus.
    expect(embed.description).toContain('**Moscou**');
    expect(embed.description).toContain('**Kremlin**');
    expect(embed.description).not.toMatch(/(^|[^\\])@everyone/);
    expect(embed.description).not.toMatch(/(^|[^\\])@here/);
    expect(embed.description).not.toContain('<@123456789012345678>');
    expect(embed.description).not.toContain('](https://evil.example)');
    expect(embed.description).toContain('(<https://www.20minutes.fr/a>)');
    expect(embed.description).toMatch(/2 sources/);
    expect(embed.description).not.toContain('31_20minutes_afp');
    expect(embed.footer.text).toBe(hostile.marker);
  });

  it('without a role, mention no one', () => {
    const { roleId: _roleId, ...noRole } = hostile;
    const message = alertMessage(noRole);
    expect(message.content).toBeUndefined();
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it('read the same in the console, outlets instead of file names', () => {
    const text = renderConsole(alertReply(hostile), { color: false });
    expect(text).toContain('20 Minutes');
    expect(text).not.toContain('32_of');
  });

  it('name an outlet by its site, else its host, never a file name', () => {
    expect(outletOf({ site: '  Le  Monde ', url: 'https://www.lemonde.fr/x' })).toBe('Le Monde');
    expect(outletOf({ url: 'https://www.lemonde.fr/x' })).toBe('lemonde.fr');
    expect(outletOf({})).toBe('Source sans nom');
  });

  it('group the stories past the cap under one title with every headline', () => {
    const grouped = alertReply({ ...hostile, kind: 'grouped', stories: [hostile.stories[0]!, { headline: 'Autre titre', sources: hostile.stories[0]!.sources }], articleCount: 4 });
    expect(grouped.title).toBe('4 nouveaux articles sur Russie');
    expect(grouped.items.map((i) => i.heading)).toEqual([hostile.stories[0]!.headline, 'Autre titre']);
  });
});
