import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefingCommand } from '../../src/commands/briefing.js';
import { runCliCommand } from '../../src/cli/json.js';
import { renderConsole } from '../../src/replies/console.js';
import { renderDiscord } from '../../src/replies/discord.js';
import { contextFor } from '../commands/helpers.js';
import { openStoriesCorpus } from './helpers.js';

describe('a briefing story by story, with true counts', () => {
  let corpus: Awaited<ReturnType<typeof openStoriesCorpus>>;
  beforeAll(async () => {
    corpus = await openStoriesCorpus();
  });
  afterAll(() => corpus.close());

  it('covers every story once before any story gets a second sentence', async () => {
    for (const limit of [4, 9, 12, 20]) {
      const answer = await corpus.engine.briefing({ limit });
      const perStory = answer.stories.map((s) => s.excerpts.length);
      expect(answer.excerpts.length).toBeLessThanOrEqual(limit);
      expect(Math.min(...perStory)).toBeGreaterThanOrEqual(1);
      if (Math.max(...perStory) > 1) expect(answer.stories).toHaveLength(answer.storyCount);
      expect(answer.stories).toHaveLength(Math.min(limit, answer.storyCount));
    }
  });

  it('on a topic, spreads the picks over the stories about it', async () => {
    const answer = await corpus.engine.briefing({ topic: 'Russie', limit: 6 });
    expect(answer.actor?.name).toBe('Russie');
    expect(answer.stories.length).toBe(6);
    expect(answer.stories.every((s) => s.excerpts.length === 1)).toBe(true);
  });

  it('serves the news of a story once: the lead of another outlet is not its second passage', async () => {
    // Three outlets on the EU sanctions (two AFP copies), two on the Niger mine: each has several leads.
    const answer = await corpus.engine.briefing({ limit: 20 });
    for (const story of answer.stories) {
      const leads = story.excerpts.filter((e) => e.kind === 'lead');
      expect(leads.length, story.headline).toBeLessThanOrEqual(new Set(leads.map((e) => e.articleId)).size);
      expect(new Set(leads.map((e) => e.articleId)).size, story.headline).toBeLessThanOrEqual(1);
      // …while each story still opens on a lead, and a story of several outlets gets more than its lead.
      expect(story.excerpts[0]!.kind, story.headline).toBe('lead');
    }
    const sanctions = answer.stories.find((s) => s.sources.length === 3)!;
    expect(sanctions.excerpts.length).toBeGreaterThan(1);
  });

  it('counts what it quotes: articleCount is the number of articles the excerpts come from', async () => {
    for (const request of [{ limit: 3 }, { limit: 12 }, { topic: 'Niger', limit: 4 }, { topic: 'sanctions', limit: 5 }]) {
      const answer = await corpus.engine.briefing(request);
      expect(answer.articleCount).toBe(new Set(answer.excerpts.map((e) => e.articleId)).size);
      expect(answer.stories.flatMap((s) => s.excerpts)).toEqual(answer.excerpts);
      for (const story of answer.stories) {
        const quoted = new Set(story.excerpts.map((e) => e.articleId));
        expect(story.sources.filter((s) => s.quoted).map((s) => s.id).sort()).toEqual([...quoted].sort());
      }
    }
  });

  it('says the same numbers in the console, in Discord and in the CLI JSON', async () => {
    const reply = await briefingCommand.execute(contextFor(corpus.engine), { values: { nombre: 10 } }, 0);
    const json = (await runCliCommand(corpus.engine, 'briefing', [], { limit: '10' })) as {
      articleCount: number;
      storyCount: number;
      excerpts: Array<{ articleId: string; text: string }>;
      stories: Array<{ headline: string; sourceCount: number; articles: Array<{ id: string }>; excerpts: Array<{ text: string }> }>;
    };
    expect(json.articleCount).toBe(new Set(json.excerpts.map((e) => e.articleId)).size);
    expect(json.stories.flatMap((s) => s.excerpts.map((e) => e.text))).toEqual(json.excerpts.map((e) => e.text));
    expect(json.stories.every((s) => s.sourceCount === s.articles.length)).toBe(true);
    const listed = new Set(json.stories.flatMap((s) => s.articles.map((a) => a.id))).size;
    const line = `${json.stories.length} sujets · ${json.excerpts.length} phrases tirées de ${json.articleCount} articles (${listed} articles en tout sur ces sujets).`;
    expect(reply.intro?.split('\n')[0]).toBe(line);

    const text = renderConsole(reply, { width: 200 });
    const discord = renderDiscord(reply).embeds[0]!.description!;
    expect(text).toContain(line);
    expect(discord).toContain(line);
    const sanctions = json.stories.find((s) => s.sourceCount === 3)!;
    expect(text).toContain(sanctions.headline);
    // A hand-written file (no header, no address) is named by its title, never by its file name.
    expect(text.replace(/\s+(?:— )?/g, ' ')).toMatch(/3 sources : .*« Guerre en Ukraine : les Vingt-Sept adoptent un[^»]* » \(27 novembre 2026\)/);
    expect(discord).toMatch(/3 sources : .*« Guerre en Ukraine : les Vingt\\?-Sept adoptent un[^»]* » \(27 novembre 2026\)/);
    expect(`${text}${discord}`).not.toContain('30_lefigaro');
    expect(reply.items).toHaveLength(json.stories.length);
  });
});
