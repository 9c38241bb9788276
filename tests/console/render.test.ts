import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/replies/console.js';
import type { Reply } from '../../src/replies/reply.js';

const sentence =
  'Cette proposition démontre que la Russie, malgré ses discours officiels, subit une pression grandissante. Militairement embourbée, Moscou semble chercher à sécuriser ses conquêtes.';
const start = sentence.indexOf('Russie');
const moscow = sentence.indexOf('Moscou');

const reply: Reply = {
  tone: 'info',
  title: 'Russie',
  intro: 'Moscou → Russie\n67 phrases du corpus mentionnent Russie (pays).',
  items: [
    {
      label: 'Extrait 6/67',
      body: { text: sentence, highlights: [{ start, end: start + 6 }, { start: moscow, end: moscow + 6 }] },
      source: {
        articleId: '000_9b88139a494bd2c4',
        title: 'Géopolitique sous tension : Moscou prêt à sacrifier son alliance',
        url: 'https://www.example.fr/geopolitique',
        published: { outlet: 'Le Monde', date: '2026-11-27' },
      },
    },
    { label: '2.', body: { text: 'Un *astérisque* et un `accent grave` restent tels quels.' } },
  ],
  fields: [{ name: 'Acteurs associés', lines: ['Ukraine (28)', 'Chine (13)'] }],
  suggestions: [{ label: 'Russie', command: 'actor', options: { nom: 'Russie' } }],
  page: { index: 1, count: 14 },
  footer: 'Article 000_9b88139a494bd2c4',
};

describe('console renderer', () => {
  it('shows title, intro, labelled items with their article, fields, suggestions and paging', () => {
    const text = renderConsole(reply, { width: 80 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Russie');
    expect(text).toContain('Moscou → Russie\n67 phrases du corpus mentionnent Russie (pays).');
    expect(text).toContain('Extrait 6/67\n   Cette proposition');
    expect(text).toContain('— Géopolitique sous tension : Moscou prêt à sacrifier son alliance');
    // The excerpt's outlet, date and original, never its file name.
    expect(text.replace(/\s+/gu, ' ')).toContain('alliance (Le Monde, 27 novembre 2026) https://www.example.fr/geopolitique');
    expect(text).not.toMatch(/\(000_9b88139a494bd2c4\)/);
    expect(text).toContain('2. Un *astérisque* et un `accent grave` restent tels quels.');
    expect(text).toContain('Acteurs associés\n  Ukraine (28)\n  Chine (13)');
    expect(text).toContain('tapez /actor nom:Russie');
    expect(text).toContain('Page 2/14 — tapez /suivant ou /precedent');
    expect(text).toContain('Article 000_9b88139a494bd2c4');
  });

  it('uses no escape codes without colour and bold highlights with colour', () => {
    const plain = renderConsole(reply, { width: 80 });
    expect(plain).not.toContain('\u001b');
    const colored = renderConsole(reply, { color: true, width: 200 });
    expect(colored).toContain('la \u001b[1mRussie\u001b[22m, malgré');
    expect(colored).toContain('\u001b[1mMoscou\u001b[22m semble');
    // Without the codes it is the same words.
    expect(colored.replace(/\u001b\[\d+m/g, '')).toContain(sentence);
  });

  it('wraps to the width with a hanging indent, without cutting words', () => {
    const text = renderConsole(reply, { width: 50 });
    for (const line of text.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(50);
    const bodyLines = text.split('\n').filter((l) => l.startsWith('   ') && !l.trim().startsWith('—'));
    expect(bodyLines.length).toBeGreaterThan(2);
    expect(bodyLines.map((l) => l.trim()).join(' ')).toContain(sentence);
  });

  it('offers only the moves that exist, and no paging line for a single page', () => {
    expect(renderConsole({ ...reply, page: { index: 0, count: 3 } })).toContain('Page 1/3 — tapez /suivant');
    expect(renderConsole({ ...reply, page: { index: 2, count: 3 } })).toContain('Page 3/3 — tapez /precedent');
    expect(renderConsole({ ...reply, page: { index: 0, count: 1 } })).not.toContain('Page');
  });

  it('marks errors', () => {
    const text = renderConsole({ tone: 'error', title: 'Acteur introuvable', intro: 'Aucun acteur.', items: [] });
    expect(text.split('\n')[0]).toBe('✖ Acteur introuvable');
  });
});
