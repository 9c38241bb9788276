import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitMarked, limitViolations, renderDiscord, renderMarked, TONE_COLOURS } from '../../src/replies/discord.js';
import { escapeCorpusText, truncate } from '../../src/replies/escape.js';
import { codePointLength } from '../../src/replies/limits.js';
import type { Reply, ReplyItem } from '../../src/replies/reply.js';
import type { ReplyChart } from '../../src/replies/chart.js';

const seedsDir = join(import.meta.dirname, '../../seeds');
const seedTexts = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ id: f.replace(/\.txt$/, ''), text: readFileSync(join(seedsDir, f), 'utf8') }));
const seedParagraphs = seedTexts.flatMap((s) => s.text.split(/\n+/).filter((p) => p.trim().length > 40));

const pageIds = { pageId: (n: number) => `page:abc123:${n}` };

/** A Discord message with every piece of embed text concatenated, to look for things in it. */
function allText(reply: Reply, controls = pageIds) {
  const message = renderDiscord(reply, controls);
  const embed = message.embeds[0]!;
  const text = [embed.title, embed.description, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]), embed.footer?.text].join('\n');
  return { message, embed, text };
}

describe('renderDiscord keeps every message within Discord limits', () => {
  it('a 50 000-character article is cut at a word boundary with an ellipsis', () => {
    let body = '';
    while (body.length < 50_000) body += seedParagraphs.join(' ') + ' ';
    body = body.slice(0, 50_000);
    const reply: Reply = {
      tone: 'info',
      title: seedTexts[0]!.text.split('\n')[0]!,
      intro: 'Article complet',
      items: [{ body: { text: body }, source: { articleId: seedTexts[0]!.id, title: 'Titre' } }],
    };
    const { message, embed } = allText(reply);
    expect(limitViolations(message)).toEqual([]);
    const description = embed.description!;
    expect(codePointLength(description)).toBeGreaterThan(3000);
    expect(codePointLength(description)).toBeLessThanOrEqual(4096);
    // The cut ends on a whole word followed by the ellipsis, and the source line is still there.
    expect(description).toMatch(/[\p{L}\p{N}.,;:!?»)’'"]…\n↳ /u);
    const beforeEllipsis = description.split('…\n↳')[0]!;
    const lastWord = beforeEllipsis.split(/\s+/).at(-1)!.replace(/\\/g, '');
    expect(body.includes(` ${lastWord} `) || body.includes(`${lastWord} `)).toBe(true);
  });

  it('40 fields and 30 long excerpts: fields dropped, total under 6000, hidden excerpts counted', () => {
    const items: ReplyItem[] = Array.from({ length: 30 }, (_, i) => ({
      label: `${i + 1}.`,
      body: { text: seedParagraphs[i % seedParagraphs.length]!, highlights: [{ start: 0, end: 6 }] },
      source: { articleId: seedTexts[i % 5]!.id, title: seedTexts[i % 5]!.text.split('\n')[0]! },
    }));
    const fields = Array.from({ length: 40 }, (_, i) => ({
      name: `Acteurs clés ${i} `.repeat(30),
      lines: seedParagraphs.slice(0, 12),
      inline: true,
    }));
    const reply: Reply = {
      tone: 'success',
      title: 'Briefing '.repeat(60),
      intro: 'Extraits les plus pertinents',
      items,
      fields,
      page: { index: 1, count: 4 },
      footer: 'Sources : corpus local '.repeat(200),
    };
    const { message, embed } = allText(reply);
    expect(limitViolations(message)).toEqual([]);
    expect(codePointLength(embed.title!)).toBeLessThanOrEqual(256);
    expect(embed.title!.endsWith('…')).toBe(true);
    expect(embed.description).toMatch(/\*\+ \d+ autres non affichés\*$/);
    expect(embed.footer!.text).toMatch(/…/);
    for (const field of embed.fields ?? []) {
      expect(codePointLength(field.value)).toBeLessThanOrEqual(1024);
      expect(codePointLength(field.name)).toBeLessThanOrEqual(256);
    }
  });

  it('30 short excerpts fit as many as possible and say how many are hidden', () => {
    const items: ReplyItem[] = Array.from({ length: 30 }, (_, i) => ({
      label: `${i + 1}.`,
      body: { text: seedParagraphs[i % seedParagraphs.length]!.slice(0, 300) },
    }));
    const { message, embed } = allText({ tone: 'info', title: 'Recherche', items });
    expect(limitViolations(message)).toEqual([]);
    const shown = (embed.description!.match(/^\*\*\d+\\?\.\*\* /gm) ?? []).length;
    expect(shown).toBeGreaterThan(5);
    expect(embed.description).toContain(`*+ ${30 - shown} autres non affichés*`);
  });

  it('a field with too many lines ends with an ellipsis line', () => {
    const { message, embed } = allText({
      tone: 'info',
      title: 'Acteurs',
      items: [],
      fields: [{ name: 'Acteurs clés', lines: Array.from({ length: 200 }, (_, i) => `Acteur numéro ${i} — ${i * 3} mentions`) }],
    });
    expect(limitViolations(message)).toEqual([]);
    expect(embed.fields![0]!.value.split('\n').at(-1)).toBe('…');
  });
});

describe('corpus text is escaped', () => {
  const hostile = 'Appel à @everyone et @here : écrivez à <@123>, au rôle <@&456> dans <#789>. **gras** _italique_ ~~barré~~ `code` ||spoiler||';

  it('no mention can ping and markdown shows literally', () => {
    const { message, text } = allText({
      tone: 'warning',
      title: '@everyone **titre**',
      intro: hostile,
      items: [{ body: { text: hostile }, source: { articleId: 'a', title: '<@123> **x**' } }],
      fields: [{ name: '@here', lines: [hostile] }],
    });
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(text).not.toMatch(/@everyone|@here/);
    expect(text).not.toMatch(/<@!?&?\d+>|<#\d+>/);
    expect(text).toContain('@\u200beveryone');
    expect(text).toContain('\\<\u200b@123>');
    expect(text).toContain('\\*\\*gras\\*\\*');
    expect(text).toContain('\\_italique\\_');
    expect(text).toContain('\\~\\~barré\\~\\~');
    expect(text).toContain('\\|\\|spoiler\\|\\|');
    expect(text).not.toMatch(/(?<!\\)\*\*gras/);
  });

  it('line-start markdown (headings, lists, quotes, masked links) is escaped', () => {
    const out = escapeCorpusText('# Titre\n- puce\n1. un\n> citation\n[clic](https://exemple.fr)');
    expect(out).toBe('\\# Titre\n\\- puce\n1\\. un\n\\> citation\n\\[clic\\](https\\://exemple.fr)');
  });

  it('highlights become bold after escaping', () => {
    const text = 'Moscou et **Pékin** renforcent leurs liens ; la Russie dément.';
    const start = text.indexOf('Moscou');
    const russie = text.indexOf('Russie');
    const out = renderMarked({ text, highlights: [{ start, end: start + 6 }, { start: russie, end: russie + 6 }] });
    expect(out).toBe('**Moscou** et \\*\\*Pékin\\*\\* renforcent leurs liens ; la **Russie** dément.');
  });

  it('overlapping, adjacent and out-of-range highlights never break the bold markers', () => {
    const text = 'Vladimir Poutine 🇷🇺 parle';
    const out = renderMarked({
      text,
      highlights: [{ start: 0, end: 8 }, { start: 8, end: 16 }, { start: 4, end: 12 }, { start: 18, end: 19 }, { start: 40, end: 50 }],
    });
    expect(out).toBe('**Vladimir Poutine** **🇷🇺** parle'.replace('**🇷🇺**', '**🇷**🇺'));
  });

  it('cutting a highlighted text never leaves an unclosed bold or a half escape', () => {
    const text = 'La **Russie** et la Chine signent un accord *stratégique* sur le gaz naturel liquéfié';
    const start = text.indexOf('Chine');
    for (let max = 5; max < 120; max++) {
      const out = fitMarked({ text, highlights: [{ start, end: start + 5 }] }, max);
      expect(codePointLength(out)).toBeLessThanOrEqual(max);
      const unescapedStars = out.replace(/\\./g, '').match(/\*\*/g) ?? [];
      expect(unescapedStars.length % 2).toBe(0);
      expect(out).not.toMatch(/(?<!\\)(\\\\)*\\…$/);
    }
  });
});

describe('truncate', () => {
  it('counts code points and cuts at a word boundary', () => {
    expect(truncate('Bonjour le monde entier', 100)).toBe('Bonjour le monde entier');
    expect(truncate('Bonjour le monde entier', 18)).toBe('Bonjour le monde…');
    expect(truncate('🇫🇷'.repeat(20), 5)).toBe('🇫🇷🇫🇷…');
    expect(codePointLength(truncate('x'.repeat(500), 100))).toBe(100);
  });
});

describe('colours, footer and buttons', () => {
  it('colours by tone and shows the page in the footer', () => {
    const { embed } = allText({ tone: 'error', title: 'Oups', items: [], page: { index: 2, count: 5 }, footer: 'Corpus : 5 articles' });
    expect(embed.color).toBe(TONE_COLOURS.error);
    expect(embed.footer!.text).toBe('Corpus : 5 articles · Page 3/5');
  });

  it('Previous/Next buttons only when there are several pages, disabled at the ends', () => {
    const single = renderDiscord({ tone: 'info', title: 't', items: [], page: { index: 0, count: 1 } }, pageIds);
    expect(single.components).toEqual([]);
    const first = renderDiscord({ tone: 'info', title: 't', items: [], page: { index: 0, count: 3 } }, pageIds);
    const [prev, next] = first.components[0]!.components;
    expect(prev!.disabled).toBe(true);
    expect(next!.disabled).toBe(false);
    expect(next!.custom_id).toBe('page:abc123:1');
    const last = renderDiscord({ tone: 'info', title: 't', items: [], page: { index: 2, count: 3 } }, pageIds);
    expect(last.components[0]!.components.map((b) => b.disabled)).toEqual([false, true]);
    expect(last.components[0]!.components[0]!.custom_id).toBe('page:abc123:1');
    const expired = renderDiscord({ tone: 'info', title: 't', items: [], page: { index: 1, count: 3 } }, { ...pageIds, disabled: true });
    expect(expired.components[0]!.components.every((b) => b.disabled)).toBe(true);
  });

  it('suggestion buttons: at most 5 per row, labels at most 80, ids too long left out', () => {
    const suggestions = Array.from({ length: 12 }, (_, i) => ({
      label: `Suggestion ${i} `.repeat(i === 3 ? 20 : 1),
      command: 'actor',
      options: { nom: `Acteur ${i}` },
    }));
    const message = renderDiscord(
      { tone: 'warning', title: 'Acteur inconnu', items: [], suggestions, ephemeral: true },
      { suggestionId: (i) => (i === 7 ? 'x'.repeat(101) : `run:actor:${i}`) },
    );
    expect(limitViolations(message)).toEqual([]);
    expect(message.flags).toBe(64);
    expect(message.components.map((r) => r.components.length)).toEqual([5, 5, 1]);
    const labels = message.components.flatMap((r) => r.components.map((b) => b.label!));
    expect(labels.every((l) => codePointLength(l) <= 80)).toBe(true);
    expect(labels).not.toContain('Suggestion 7');
  });
});

describe('a reply with a picture', () => {
  const chart: ReplyChart = {
    kind: 'lines',
    title: 'Russie — mentions par jour',
    labels: ['1 nov.'],
    series: [{ name: 'Russie', values: [3], emphasis: 'main' }],
    unit: 'count',
    caption: `Russie : 3 mentions. ${'x'.repeat(1100)}`,
    fileName: 'acteur-russie.png',
    cacheKey: 'k',
    data: {},
  };
  const reply: Reply = { tone: 'info', title: 'Russie', items: [], chart };

  it('shows the PNG in its embed and uploads it with its caption as description, within 1024 characters', () => {
    const png = Buffer.from('png');
    const message = renderDiscord(reply, {}, png);
    expect(message.embeds[0]!.image).toEqual({ url: 'attachment://acteur-russie.png' });
    expect(message.files).toHaveLength(1);
    expect(message.files![0]!.data).toBe(png);
    expect(message.files![0]!.description.startsWith('Russie : 3 mentions.')).toBe(true);
    expect([...message.files![0]!.description].length).toBeLessThanOrEqual(1024);
  });

  it('goes without the picture when it could not be drawn', () => {
    const message = renderDiscord(reply);
    expect(message.embeds[0]!.image).toBeUndefined();
    expect(message.files).toBeUndefined();
  });
});
