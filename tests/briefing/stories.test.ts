import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containment, groupStories, minhash, type StoryArticle } from '../../src/services/briefing/stories.js';
import { termsOf } from '../../src/services/text/stem.js';
import type { BriefingAnswer } from '../../src/services/engine.js';
import { openStoriesCorpus } from './helpers.js';

const storyOf = (answer: BriefingAnswer, articleId: string) =>
  answer.stories.findIndex((s) => s.sources.some((a) => a.id === articleId));

describe('story grouping on articles from several outlets', () => {
  let corpus: Awaited<ReturnType<typeof openStoriesCorpus>>;
  let answer: BriefingAnswer;
  beforeAll(async () => {
    corpus = await openStoriesCorpus();
    answer = await corpus.engine.briefing({ limit: 20 });
  });
  afterAll(() => corpus.close());

  it('groups two outlets reporting one event, and the wire copy of it', () => {
    const sanctions = storyOf(answer, '30_lefigaro_ue_sanctions');
    expect(sanctions).toBeGreaterThanOrEqual(0);
    expect(storyOf(answer, '31_20minutes_afp_ue_sanctions')).toBe(sanctions);
    expect(storyOf(answer, '32_ouestfrance_afp_ue_sanctions')).toBe(sanctions);
    expect(answer.stories[sanctions]!.sources).toHaveLength(3);
    // The two AFP texts are one dispatch; the Figaro article is a rewrite, not a copy.
    expect(answer.stories[sanctions]!.copies).toEqual([['31_20minutes_afp_ue_sanctions', '32_ouestfrance_afp_ue_sanctions']]);
    expect(storyOf(answer, '35_lepoint_niger_uranium')).toBe(storyOf(answer, '36_rfi_niger_uranium'));
  });

  it('keeps two events of the same day apart, though both are about Russia and Ukraine', () => {
    const kharkiv = storyOf(answer, '33_ouestfrance_direct_kharkiv');
    expect(kharkiv).toBeGreaterThanOrEqual(0);
    expect(kharkiv).not.toBe(storyOf(answer, '30_lefigaro_ue_sanctions'));
    expect(answer.stories[kharkiv]!.sources).toHaveLength(1);
    // The seeds are five different events.
    const seeds = ['000_9b88139a494bd2c4', '001_0118ebd96f1f2ec0', '002_a660fae045bc850a', '003_9f70dd34e1ce68a4', '004_b7ff4d106508452a'];
    expect(new Set(seeds.map((id) => storyOf(answer, id))).size).toBe(5);
    expect(answer.storyCount).toBe(9);
  });

  it('puts the story with the most sources first', () => {
    expect(answer.stories[0]!.sources.map((s) => s.id).sort()).toEqual([
      '30_lefigaro_ue_sanctions',
      '31_20minutes_afp_ue_sanctions',
      '32_ouestfrance_afp_ue_sanctions',
    ]);
  });
});

describe('groupStories', () => {
  const article = (id: string, text: string, date?: string): StoryArticle => ({
    id,
    ...(date ? { date } : {}),
    titleTerms: [],
    sentenceTerms: text.split(/(?<=\.) /).map(termsOf),
    actors: new Map(),
    text,
  });
  const dispatch =
    "Le gouvernement japonais a annoncé vendredi un plan de relance de 120 milliards d'euros destiné à soutenir les ménages face à la hausse des prix de l'énergie. Le plan prévoit une baisse des taxes sur l'essence et des aides directes aux familles modestes.";

  it('finds a copy of one dispatch even when it is shortened, whatever the dates', () => {
    const shortened = dispatch.split('. ')[0]! + '.';
    expect(containment(minhash(dispatch), minhash(shortened))).toBeGreaterThan(0.8);
    const stories = groupStories([article('a', dispatch, '2026-01-01'), article('b', shortened, '2026-03-01')]);
    expect(stories).toHaveLength(1);
    expect(stories[0]!.copies).toEqual([['a', 'b']]);
  });

  it('keeps the same words apart when the dates are weeks apart and the texts are not copies', () => {
    const other =
      "Tokyo va consacrer 120 milliards d'euros à un plan de relance pour aider les ménages japonais face aux prix de l'énergie, avec une baisse des taxes sur l'essence.";
    expect(containment(minhash(dispatch), minhash(other))).toBeLessThan(0.5);
    expect(groupStories([article('a', dispatch, '2026-01-01'), article('b', other, '2026-03-01')])).toHaveLength(2);
    expect(groupStories([article('a', dispatch, '2026-01-01'), article('b', other, '2026-01-02')])).toHaveLength(1);
  });

  it('does not count unrelated texts as copies', () => {
    const other = "Les négociations sur le climat se sont achevées samedi à Belém sans accord sur la sortie des énergies fossiles.";
    expect(containment(minhash(dispatch), minhash(other))).toBeLessThan(0.2);
    expect(groupStories([article('a', dispatch), article('b', other)])).toHaveLength(2);
  });
});
