import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorCommand, articleCommand, briefingCommand, commands, searchCommand, sourcesCommand } from '../../src/commands/index.js';
import type { CommandContext, CommandOptions } from '../../src/commands/command.js';
import type { Reply } from '../../src/replies/reply.js';
import { foldText } from '../../src/services/text/normalize.js';
import { contextFor, openSeedEngine, withOverrides } from './helpers.js';

let context: CommandContext;
beforeAll(async () => {
  context = contextFor(await openSeedEngine());
});
afterAll(async () => {
  await context?.engine.close();
});

const opts = (values: CommandOptions['values']): CommandOptions => ({ values });
const texts = (reply: Reply) => reply.items.map((i) => i.body.text);
const highlighted = (reply: Reply) =>
  reply.items.flatMap((i) => (i.body.highlights ?? []).map((h) => i.body.text.slice(h.start, h.end)));

describe('/actor', () => {
  it('resolves an alias and says so in the intro, with highlighted mentions and related actors', async () => {
    const reply = await actorCommand.execute(context, opts({ nom: 'Moscou' }), 0);
    expect(reply.tone).toBe('info');
    expect(reply.ephemeral).toBeFalsy();
    expect(reply.title).toBe('Russie');
    expect(reply.intro).toContain('Moscou → Russie');
    expect(reply.items).toHaveLength(5);
    for (const item of reply.items) {
      expect(item.source?.articleId).toMatch(/^\d{3}_[0-9a-f]+$/);
      expect(item.source?.title.length).toBeGreaterThan(10);
      expect(item.body.highlights?.length).toBeGreaterThan(0);
    }
    // Every highlight is a form of Russia, as written in the sentence.
    for (const form of highlighted(reply)) expect(foldText(form)).toMatch(/^(russ|moscou|kremlin)/);
    expect(reply.items[0]?.label).toMatch(/^Extrait 1\/\d+$/);
    const related = reply.fields?.find((f) => f.name.startsWith('Acteurs associés'));
    expect(related?.lines.some((l) => /^Chine \(\d+\)$/.test(l))).toBe(true);
  });

  it('does not announce an alias when the name itself was asked', async () => {
    const reply = await actorCommand.execute(context, opts({ nom: 'Russie' }), 0);
    expect(reply.intro).not.toContain('→');
  });

  it('pages five excerpts at a time with a correct page count', async () => {
    const first = await actorCommand.execute(context, opts({ nom: 'Russie' }), 0);
    const second = await actorCommand.execute(context, opts({ nom: 'Russie' }), 1);
    const total = Number(/\/(\d+)$/.exec(first.items[0]?.label ?? '')?.[1]);
    expect(total).toBeGreaterThan(10);
    expect(first.page).toEqual({ index: 0, count: Math.ceil(total / 5) });
    expect(second.page).toEqual({ index: 1, count: Math.ceil(total / 5) });
    expect(second.items[0]?.label).toBe(`Extrait 6/${total}`);
    expect(texts(second)).not.toEqual(texts(first));
    for (const text of texts(second)) expect(texts(first)).not.toContain(text);
  });

  it('shows the last page for a page past the end', async () => {
    const reply = await actorCommand.execute(context, opts({ nom: 'Russie' }), 999);
    expect(reply.page!.index).toBe(reply.page!.count - 1);
    expect(reply.items.length).toBeGreaterThan(0);
  });

  it('answers an unknown actor privately with at most three suggestions that re-run /actor', async () => {
    const reply = await actorCommand.execute(context, opts({ nom: 'Narnia' }), 0);
    expect(reply.tone).toBe('error');
    expect(reply.ephemeral).toBe(true);
    expect(reply.intro).toContain('Narnia');
    expect(reply.suggestions?.length).toBeGreaterThan(0);
    expect(reply.suggestions!.length).toBeLessThanOrEqual(3);
    for (const s of reply.suggestions!) {
      expect(s.command).toBe('actor');
      expect(s.options.nom).toBe(s.label);
    }
  });

  it('offers actor names while the user types', async () => {
    const choices = await actorCommand.autocomplete!(context, 'nom', 'Pou');
    expect(choices.map((c) => c.value)).toContain('Vladimir Poutine');
  });
});

describe('/search', () => {
  it('refuses a blank query politely', async () => {
    for (const requete of [undefined, '', '   ']) {
      const reply = await searchCommand.execute(context, opts({ requete }), 0);
      expect(reply.tone).toBe('error');
      expect(reply.ephemeral).toBe(true);
      expect(reply.intro).toMatch(/vide/);
    }
  });

  it('finds sentences with the words highlighted', async () => {
    const reply = await searchCommand.execute(context, opts({ requete: 'sanctions' }), 0);
    expect(reply.title).toContain('sanctions');
    expect(reply.intro).toMatch(/^\d+ phrases trouvées\.$/);
    expect(reply.items.length).toBeGreaterThan(0);
    for (const form of highlighted(reply)) expect(foldText(form)).toMatch(/^sanction/);
    expect(reply.page?.index).toBe(0);
  });

  it('says when nothing matches', async () => {
    const reply = await searchCommand.execute(context, opts({ requete: 'photosynthèse' }), 0);
    expect(reply.tone).toBe('warning');
    expect(reply.items).toHaveLength(0);
    expect(reply.intro).toContain('photosynthèse');
  });
});

describe('/briefing', () => {
  it('briefs on a topic with the requested number of excerpts, key actors and cited sources', async () => {
    const reply = await briefingCommand.execute(context, opts({ sujet: 'Pékin', nombre: 3 }), 0);
    expect(reply.title).toBe('Briefing : Chine');
    expect(reply.intro).toContain('Pékin → Chine');
    // At most three excerpts, story by story: a story's further excerpts are listed under its
    // lead; a topic serves fewer rather than a later sentence without evidence (issue #21).
    const shown = reply.items.reduce((n, i) => n + 1 + (i.more?.length ?? 0), 0);
    expect(shown).toBeGreaterThanOrEqual(2);
    expect(shown).toBeLessThanOrEqual(3);
    expect(reply.items.map((i) => i.label)).toEqual(reply.items.map((_, n) => `${n + 1}.`));
    expect(reply.page).toBeUndefined();
    expect(reply.fields?.map((f) => f.name)).toContain('Acteurs clés (mentions)');
  });

  it('briefs on the whole corpus by default', async () => {
    const reply = await briefingCommand.execute(context, opts({}), 0);
    expect(reply.title).toBe('Briefing du corpus');
    // The five seeds report five different events: five stories, eight sentences in all.
    expect(reply.items).toHaveLength(5);
    expect(reply.items.every((i) => i.heading && i.sources?.articles.length === 1)).toBe(true);
    const sentences = reply.items.reduce((n, i) => n + 1 + (i.more?.length ?? 0), 0);
    expect(sentences).toBe(8);
    expect(reply.intro).toBe('5 sujets · 8 phrases tirées de 5 articles.');
    const sources = reply.fields?.find((f) => f.name === 'Sources citées');
    expect(sources?.lines.join(' ')).toMatch(/Wall Street Journal \(\d+\)/);
  });

  it('asks the engine for 1 to 20 excerpts whatever the number given', async () => {
    const asked: Array<number | undefined> = [];
    const spy = contextFor(
      withOverrides(context.engine, {
        briefing: async (request) => {
          asked.push(request?.limit);
          return context.engine.briefing(request);
        },
      }),
    );
    for (const nombre of [50, 0, '7', 'beaucoup', undefined]) await briefingCommand.execute(spy, opts({ nombre }), 0);
    expect(asked).toEqual([20, 1, 7, 8, 8]);
  });

  it('says « N autres sujets ne tiennent pas » only when every slot is used, in correct French plurals', async () => {
    const real = await context.engine.briefing({ limit: 3 });
    const full = contextFor(withOverrides(context.engine, { briefing: async () => ({ ...real, storyCount: real.stories.length + 3 }) }));
    const fullReply = await briefingCommand.execute(full, opts({ nombre: 3 }), 0);
    expect(real.excerpts).toHaveLength(3);
    expect(fullReply.intro).toContain('3 autres sujets parmi ces articles ne tiennent pas dans 3 phrases');
    const one = contextFor(withOverrides(context.engine, { briefing: async () => ({ ...real, storyCount: real.stories.length + 1 }) }));
    expect((await briefingCommand.execute(one, opts({ nombre: 3 }), 0)).intro).toContain('1 autre sujet parmi ces articles ne tient pas dans 3 phrases');
    // Slots left unused: the stories left out had nothing to add, they did not lack room.
    const roomy = contextFor(withOverrides(context.engine, { briefing: async () => ({ ...real, storyCount: real.stories.length + 2 }) }));
    const roomyReply = await briefingCommand.execute(roomy, opts({ nombre: 8 }), 0);
    expect(roomyReply.intro).not.toContain('ne tiennent pas');
    expect(roomyReply.intro).toContain('2 autres sujets parmi ces articles n’ont rien à ajouter qui se lise seul');
  });

  it('counts key actors on the articles the briefing lists', async () => {
    const answer = await context.engine.briefing({ limit: 1 });
    const listed = new Set(answer.stories.flatMap((s) => s.sources.map((a) => a.id)));
    expect(answer.actors.length).toBeGreaterThan(0);
    let fewerThanCorpus = 0;
    for (const counted of answer.actors.slice(0, 3)) {
      const mentions = await context.engine.actor(counted.name);
      if (!mentions.found) throw new Error(counted.name);
      // The sentences naming the actor in the listed articles, not in the whole corpus.
      expect(counted.count).toBe(mentions.excerpts.filter((e) => listed.has(e.articleId)).length);
      if (counted.count < mentions.total) fewerThanCorpus++;
    }
    expect(fewerThanCorpus).toBeGreaterThan(0);
  });

  it('warns when the topic has nothing', async () => {
    const reply = await briefingCommand.execute(context, opts({ sujet: 'photosynthèse' }), 0);
    expect(reply.tone).toBe('warning');
    expect(reply.items).toHaveLength(0);
  });
});

describe('/article', () => {
  it('pages the paragraphs about 1500 characters at a time', async () => {
    const id = '002_a660fae045bc850a';
    const first = await articleCommand.execute(context, opts({ id }), 0);
    const article = await context.engine.article(id);
    const body = article!.paragraphs.join('');
    expect(first.title).toBe(article!.title);
    expect(first.page!.count).toBeGreaterThanOrEqual(Math.ceil(body.length / 1500));
    expect(first.items[0]?.label).toBe('§1');
    const pages: string[] = [];
    for (let p = 0; p < first.page!.count; p++) {
      const reply = await articleCommand.execute(context, opts({ id }), p);
      expect(reply.page).toEqual({ index: p, count: first.page!.count });
      const text = texts(reply).join('');
      // One long paragraph may fill a page on its own; otherwise pages stay near the budget.
      expect(text.length <= 1500 || reply.items.length === 1).toBe(true);
      pages.push(...texts(reply));
    }
    // Every paragraph is shown once, in order.
    expect(pages.join('')).toBe(body);
  });

  it('shows author, date and size in the intro', async () => {
    const reply = await articleCommand.execute(context, opts({ id: '001_0118ebd96f1f2ec0' }), 0);
    expect(reply.intro).toContain('Par Olivia Carter');
    expect(reply.intro).toMatch(/\d+ phrases/);
  });

  it('answers an unknown id with suggestions taken from the titles', async () => {
    const reply = await articleCommand.execute(context, opts({ id: 'alliés Russie' }), 0);
    expect(reply.tone).toBe('error');
    expect(reply.ephemeral).toBe(true);
    expect(reply.suggestions!.length).toBeGreaterThan(0);
    expect(reply.suggestions!.length).toBeLessThanOrEqual(3);
    expect(reply.suggestions!.map((s) => s.options.id)).toContain('002_a660fae045bc850a');
    for (const s of reply.suggestions!) expect(s.command).toBe('article');
  });
});

describe('/sources', () => {
  it('lists every article with its id, title, author, date and size', async () => {
    const reply = await sourcesCommand.execute(context, opts({}), 0);
    const articles = await context.engine.sources();
    expect(reply.items.map((i) => i.label)).toEqual(articles.map((a) => a.id));
    expect(reply.page).toEqual({ index: 0, count: 1 });
    const carter = reply.items.find((i) => i.label === '001_0118ebd96f1f2ec0');
    expect(carter?.body.text).toMatch(/^Le titre Poutine Ukraine OTAN.*\nOlivia Carter · date inconnue · \d+ phrases · [\d\s\u202f]+ caractères$/);
    expect(reply.items.find((i) => i.label === '002_a660fae045bc850a')?.body.text).toContain('5 avril 2025');
  });

  it('pages ten articles at a time', async () => {
    const many = Array.from({ length: 23 }, (_, i) => ({ id: `a${i}`, title: `Article ${i}`, sentences: 3, characters: 300 }));
    const ctx = contextFor(withOverrides(context.engine, { sources: async () => many }));
    const third = await sourcesCommand.execute(ctx, opts({}), 2);
    expect(third.page).toEqual({ index: 2, count: 3 });
    expect(third.items.map((i) => i.label)).toEqual(['a20', 'a21', 'a22']);
  });
});

describe('/help', () => {
  it('lists every command of the registry with its options', async () => {
    const help = commands.find((c) => c.data.name === 'help')!;
    const reply = await help.execute(context, opts({}), 0);
    const text = [reply.intro, ...(reply.fields ?? []).flatMap((f) => [f.name, ...f.lines])].join('\n');
    for (const command of commands) {
      const fr = command.data.name_localizations?.fr ?? command.data.name;
      expect(text).toContain(`/${fr}`);
      for (const option of command.data.options ?? []) expect(text).toContain(option.name_localizations?.fr ?? option.name);
    }
    expect(reply.fields).toHaveLength(commands.length);
    expect(text).toContain('Nom anglais : /actor');
  });
});
