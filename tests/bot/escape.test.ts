import { describe, expect, it } from 'vitest';
import { escapeCorpusText, escapeCorpusTextWithBold, safeMaskedLink } from '../../src/replies/escape.js';
import { renderMarked } from '../../src/replies/discord.js';
import { liveMarkup, shownText } from '../helpers/discord-markdown.js';

/** Every construct Discord reads as markup, as a hostile or careless article would contain it. */
const HOSTILE_LINES = [
  'Selon [Le Monde](https://lemonde.fr) et [la source officielle](https://evil.example/phish), le cessez-le-feu tient.',
  '[a](https://a.example) [b](https://b.example) [c](<https://c.example>)',
  'Lire https://lemonde.fr@evil.example/login ou https://user:secret@evil.example/ et <https://x.example>.',
  '# Titre\n## Sous-titre\n### Encore\n-# petite note en subtext',
  '> citation\n>>> tout le reste cité\n  > citation indentée',
  '- puce\n* étoile\n+ plus\n1. un\n  12. douze',
  '**gras** *ital* _ital_ __souligné__ ~~barré~~ ||spoiler|| `code` ``code`` ```bloc``` ````quatre```` `````cinq`````',
  'Appel à @everyone et @here, à <@123456789012345678>, <@!123456789012345678>, au rôle <@&123456789012345678> dans <#123456789012345678>.',
  'Rendez-vous <t:1700000000:R>, commande </briefing:123456789012345678>, émoji <:kremlin:123456789012345678>.',
  'Un antislash \\ seul, \\*déjà échappé\\*, et une fin en \\',
];

describe('corpus text is escaped for Discord (defects 6 and 7)', () => {
  it.each(HOSTILE_LINES)('nothing live survives: %s', (line) => {
    const out = escapeCorpusText(line);
    expect(liveMarkup(out)).toEqual([]);
    // And the reader sees exactly what the article says.
    expect(shownText(out)).toBe(line);
  });

  it('the second (and every) masked link of a line is neutralised', () => {
    const out = escapeCorpusText(HOSTILE_LINES[0]!);
    expect(liveMarkup(out).filter((m) => m.type === 'link' || m.type === 'url')).toEqual([]);
    expect(out).not.toMatch(/(?<!\\)\[la source officielle(?<!\\)\]\(/u);
  });

  it('four or more backticks leave none unescaped', () => {
    const out = escapeCorpusText('````quatre```` et `````cinq`````');
    expect(out.replace(/\\`/gu, '')).not.toContain('`');
  });

  it('a line starting with -# (subtext) or a heading shows literally', () => {
    expect(liveMarkup(escapeCorpusText('-# note'))).toEqual([]);
    expect(liveMarkup(escapeCorpusText('texte\n-# note\n# titre'))).toEqual([]);
  });

  it('a highlighted word inside a link text does not re-open the link', () => {
    const text = 'Voir [les drones russes](https://evil.example/phish) selon Kiev.';
    const start = text.indexOf('drones');
    const out = renderMarked({ text, highlights: [{ start, end: start + 6 }, { start: text.indexOf('russes'), end: text.indexOf('russes') + 6 }] });
    expect(liveMarkup(out, ['strong'])).toEqual([]);
    expect(out).toContain('**drones** **russes**');
    expect(shownText(out.replace(/\*\*(?=[^*])|(?<=[^*\\])\*\*/gu, ''))).toBe(text);
  });

  it('highlights next to escaped markup stay bold and close', () => {
    for (const line of HOSTILE_LINES) {
      // Every word highlighted: the worst case for markers next to escapes.
      const spans = [...line.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
      const out = escapeCorpusTextWithBold(line, spans);
      expect(liveMarkup(out, ['strong'])).toEqual([]);
    }
  });

  it('a lone carriage return or a line separator starts a line too (found by the property test)', () => {
    for (const brk of ['\r', '\u2028', '\r\n']) {
      expect(liveMarkup(escapeCorpusText(`texte${brk}#\tRussie${brk}-# note${brk}> cité`)), JSON.stringify(brk)).toEqual([]);
    }
  });

  it('a bot link stays whole inside the italics of a source line, whatever its address or label', () => {
    // `*` in the address would close the italics before the link is read.
    const starred = `*${safeMaskedLink('Le Monde', 'https://b.example/*gras*/page')}*`;
    expect(liveMarkup(starred, ['em', 'link']).map((m) => m.type)).toEqual([]);
    expect(liveMarkup(starred, ['em']).map((m) => m.detail)).toEqual(['https://b.example/%2Agras%2A/page']);
    // An unpaired bracket in the label would break the link: the label is shown as text beside it.
    const bracket = safeMaskedLink('[EN DIRECT la ONU', 'https://a.example/x');
    expect(liveMarkup(bracket).map((m) => `${m.type} ${m.detail}`)).toEqual(['link https://a.example/x']);
    expect(shownText(bracket)).toContain('[EN DIRECT la ONU');
    expect(safeMaskedLink('[EN DIRECT] la ONU', 'https://a.example/x')).toMatch(/^\[\\\[EN DIRECT\\\] la ONU\]\(/u);
  });

  it('a link the bot builds is a masked link without preview; a hostile label or URL cannot abuse it', () => {
    expect(safeMaskedLink('Le Monde', 'https://www.lemonde.fr/international/article.html')).toBe(
      '[Le Monde](<https://www.lemonde.fr/international/article.html>)',
    );
    const hostile = safeMaskedLink('[x](https://evil.example) @everyone', 'https://lemonde.fr/a_(b)');
    expect(liveMarkup(hostile).map((m) => m.type)).toEqual(['link']);
    expect(liveMarkup(hostile)[0]!.detail).toBe('https://lemonde.fr/a_%28b%29');
    expect(shownText(hostile)).toContain('@everyone');
    expect(liveMarkup(safeMaskedLink('Le Monde', 'https://lemonde.fr@evil.example/'))).toEqual([]);
    expect(liveMarkup(safeMaskedLink('Le Monde', 'javascript:alert(1)'))).toEqual([]);
    expect(liveMarkup(safeMaskedLink('Le Monde', 'pas une url'))).toEqual([]);
  });
});
