import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containment, groupStories, minhash, storySimilarities, type StoryArticle } from '../../src/services/briefing/stories.js';
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

describe('stories that mean events', () => {
  const article = (id: string, title: string, lead: string, date?: string): StoryArticle => ({
    id,
    ...(date ? { date } : {}),
    titleTerms: termsOf(title),
    sentenceTerms: lead.split(/(?<=\.) /).map(termsOf),
    actors: new Map(),
    text: `${title}. ${lead}`,
  });
  // One visit told by a wire the day before and by a paper on the day (written for the test).
  const wire = article(
    'wire',
    'Trump enverra son émissaire Steve Witkoff à Moscou mercredi',
    'Donald Trump enverrait son émissaire Steve Witkoff à Moscou ce mercredi, marquant sa cinquième visite en Russie depuis janvier. Il doit y rencontrer Vladimir Poutine avant l’expiration de l’ultimatum américain.',
    '2025-08-05',
  );
  const paper = article(
    'paper',
    'Steve Witkoff reçu par Vladimir Poutine au Kremlin',
    'L’émissaire américain Steve Witkoff est arrivé mercredi à Moscou pour sa cinquième visite depuis janvier, et a été reçu par Vladimir Poutine au Kremlin. La rencontre a duré trois heures, selon le conseiller du Kremlin.',
    '2025-08-06',
  );
  // The same two leaders at two events months apart.
  const may = article(
    'may',
    'Xi Jinping et Vladimir Poutine au défilé de la Victoire à Moscou',
    'Le président chinois Xi Jinping a assisté vendredi aux côtés de Vladimir Poutine au défilé militaire de la place Rouge, à Moscou. Les deux dirigeants ont signé la veille une déclaration sur leur partenariat stratégique.',
    '2025-05-09',
  );
  const august = article(
    'august',
    'Vladimir Poutine retrouve Xi Jinping à Tianjin pour le sommet de l’OCS',
    'Le président russe Vladimir Poutine est arrivé dimanche à Tianjin, où Xi Jinping accueille le sommet de l’Organisation de coopération de Shanghai. Les deux dirigeants doivent s’entretenir mardi à Pékin.',
    '2025-08-31',
  );
  const others = [
    article('budget', 'Le Japon adopte un budget de défense record', 'Le gouvernement japonais a adopté vendredi un budget de défense record pour l’année prochaine.', '2025-08-06'),
    article('climat', 'Belém : la COP s’achève sans accord', 'Les négociations sur le climat se sont achevées samedi à Belém sans accord sur les énergies fossiles.', '2025-08-05'),
    article('kyiv', 'Frappes russes massives sur Kiev', 'La Russie a lancé dans la nuit de mardi à mercredi plus de 400 drones et missiles sur Kiev, tuant au moins six personnes.', '2025-08-06'),
    article('visit', 'Vladimir Poutine reçoit le président indonésien à Moscou', 'Le président indonésien a été reçu mercredi au Kremlin par Vladimir Poutine pour parler de coopération militaire.', '2025-08-06'),
  ];
  const together = (stories: ReturnType<typeof groupStories>, a: string, b: string) =>
    stories.some((s) => s.articleIds.includes(a) && s.articleIds.includes(b));

  it('groups one event told by a wire and a paper', () => {
    expect(together(groupStories([wire, paper]), 'wire', 'paper')).toBe(true);
  });

  it('keeps two events of the same two leaders apart', () => {
    expect(together(groupStories([may, august]), 'may', 'august')).toBe(false);
  });

  it('gives the same answer for a pair alone and inside a larger corpus', () => {
    const large = groupStories([...others, may, wire, august, paper]);
    expect(together(large, 'wire', 'paper')).toBe(true);
    expect(together(large, 'may', 'august')).toBe(false);
    // Each pair's similarity is the same whatever else is given.
    const alone = storySimilarities([wire, paper]).similarity[0]![1]!;
    const inside = storySimilarities([...others, wire, paper]).similarity[others.length]![others.length + 1]!;
    expect(inside).toBeCloseTo(alone, 12);
  });

  it('discounts similarity with the days between two articles, and ignores it beyond a few days', () => {
    const later = { ...paper, id: 'later', date: '2025-08-08' };
    const far = { ...paper, id: 'far', date: '2025-08-20' };
    const [sim] = storySimilarities([wire, paper, later, far]).similarity;
    expect(sim![2]!).toBeLessThan(sim![1]!);
    expect(sim![3]).toBe(0);
  });
});

describe('an undated article needs stronger text evidence to join a story', () => {
  const make = (id: string, title: string, lead: string, date?: string): StoryArticle => ({
    id,
    ...(date ? { date } : {}),
    titleTerms: termsOf(title),
    sentenceTerms: [termsOf(lead)],
    actors: new Map(),
    text: lead,
  });
  const pair = (dated: boolean) => [
    make('rome', 'Le Sénat italien vote la loi sur l’autonomie régionale', 'Le Sénat italien a adopté mercredi la loi sur l’autonomie des régions du nord.', dated ? '2025-06-11' : undefined),
    make('milan', 'Autonomie régionale : la Lombardie salue le vote du Sénat', 'La Lombardie a salué le vote du Sénat sur l’autonomie régionale, que l’opposition conteste.', dated ? '2025-06-11' : undefined),
  ];

  it('the same two texts are less alike when a date is missing than when both are of one day', () => {
    const sameDay = storySimilarities(pair(true)).similarity[0]![1]!;
    const undated = storySimilarities(pair(false)).similarity[0]![1]!;
    expect(sameDay).toBeGreaterThan(0.2);
    expect(undated).toBeCloseTo(sameDay * 0.8, 6);
    // At a threshold between the two, the dated pair is one story and the undated pair two.
    const threshold = (sameDay + undated) / 2;
    expect(groupStories(pair(true), { threshold })).toHaveLength(1);
    expect(groupStories(pair(false), { threshold })).toHaveLength(2);
  });
});

describe('what happened, not who: the actors’ names alone do not make one story', () => {
  // Index terms of the actors' names and aliases, as the engine gives them (`actorTerms`).
  const who = termsOf('Vladimir Poutine Russie russe Kremlin Steve Witkoff Donald Trump américain Europe européen');
  const make = (id: string, title: string, lead: string): StoryArticle => ({
    id,
    date: '2025-12-02',
    title,
    titleTerms: termsOf(title),
    sentenceTerms: lead.split(/(?<=\.) /).map(termsOf),
    actors: new Map([['person:vladimir-poutine', 2]]),
    actorTerms: who,
    text: `${title}. ${lead}`,
  });
  // Two events of one day with the same people (written for the test).
  const threat = make(
    'threat',
    'Vladimir Poutine menace l’Europe avant Steve Witkoff',
    'Vladimir Poutine a menacé l’Europe d’une guerre, avant la venue de Steve Witkoff pour Donald Trump.',
  );
  const talks = make(
    'talks',
    'Steve Witkoff reçu par Vladimir Poutine',
    'Vladimir Poutine a reçu mardi soir Steve Witkoff, l’émissaire de Donald Trump, pour cinq heures de discussions sur le plan de paix.',
  );
  // The talks told by another outlet, with other words around the same event.
  const talks2 = make(
    'talks2',
    'Cinq heures de discussions entre Poutine et Witkoff sur le plan de paix',
    'L’émissaire américain Steve Witkoff et Vladimir Poutine ont discuté cinq heures du plan de paix, a indiqué le Kremlin.',
  );
  const together = (stories: ReturnType<typeof groupStories>, a: string, b: string) =>
    stories.some((s) => s.articleIds.includes(a) && s.articleIds.includes(b));

  it('keeps apart two events of one day that share only their actors', () => {
    const plain = storySimilarities([{ ...threat, actorTerms: [] }, { ...talks, actorTerms: [] }]).similarity[0]![1]!;
    // Without the actors' terms known, the names alone reach the threshold…
    expect(plain).toBeGreaterThanOrEqual(0.27);
    // …with them, the pair is scaled down below it.
    const [row] = storySimilarities([threat, talks]).similarity;
    expect(row![1]!).toBeLessThan(0.27);
    expect(together(groupStories([threat, talks]), 'threat', 'talks')).toBe(false);
  });

  it('still groups one event told by two outlets, which share the event’s words', () => {
    expect(together(groupStories([talks, talks2]), 'talks', 'talks2')).toBe(true);
    expect(together(groupStories([threat, talks, talks2]), 'talks', 'talks2')).toBe(true);
  });
});

describe('a preview and the event it announces are two stories (written for the test)', () => {
  const make = (id: string, title: string, lead: string, date?: string): StoryArticle => ({
    id,
    ...(date ? { date } : {}),
    title,
    titleTerms: termsOf(title),
    sentenceTerms: lead.split(/(?<=\.) /).map(termsOf),
    actors: new Map(),
    lead,
    text: lead,
  });
  // An undated announcement a week before, a report of the day, another announcement.
  const announced = make(
    'announced',
    'Kagame et Tshisekedi signeront l’accord de paix le 4 décembre à Washington',
    'Paul Kagame et Félix Tshisekedi signeront le 4 décembre à Washington l’accord de paix entre le Rwanda et la RDC, a annoncé jeudi la Maison Blanche.',
  );
  const signed = make(
    'signed',
    'À Washington, Kagame et Tshisekedi scellent la paix devant Trump',
    'Paul Kagame et Félix Tshisekedi ont signé jeudi à la Maison Blanche un accord qui doit mettre fin à trente ans de conflit dans l’est de la RDC, sous les yeux de Donald Trump.',
    '2025-12-04',
  );
  const alsoAnnounced = make(
    'also',
    'L’accord de paix entre le Rwanda et la RDC sera signé le 4 décembre',
    'Félix Tshisekedi et Paul Kagame doivent signer le 4 décembre à Washington l’accord de paix entre la RDC et le Rwanda.',
    '2025-11-27',
  );

  it('keeps the announcement apart from the signing, though their words are alike', () => {
    const { similarity } = storySimilarities([announced, signed]);
    // Without the preview the two would be one story: the text alone is well above the threshold.
    const plain = storySimilarities([{ ...announced, title: 'Accord de paix', lead: 'Accord de paix.' }, signed]).similarity[0]![1]!;
    expect(plain).toBeGreaterThan(0.27);
    expect(similarity[0]![1]!).toBeCloseTo(plain * 0.5, 6);
    expect(groupStories([announced, signed])).toHaveLength(2);
  });

  it('groups two announcements of the same day, and keeps each answer whatever else is given', () => {
    expect(groupStories([announced, alsoAnnounced])).toHaveLength(1);
    const all = groupStories([signed, alsoAnnounced, announced]).map((s) => [...s.articleIds].sort());
    expect(all).toContainEqual(['signed']);
    expect(all).toContainEqual(['also', 'announced']);
  });
});

describe('a page that tells two events does not join them (written for the test)', () => {
  // Terms given as they are: one shared word pair (the two leaders), six words of each event. The
  // bridge page tells both events; each report shares with the other event's reports only the
  // leaders (cosine 2/8 = 0.25, under the threshold of 0.27).
  const leaders = ['poutin', 'witkoff'];
  const talks = ['kreml', 'recu', 'entretien', 'plan', 'pai', 'amend'];
  const europe = ['europ', 'guerr', 'prêt', 'menac', 'declar', 'forum'];
  const page = (id: string, terms: string[]): StoryArticle => ({
    id,
    date: '2025-12-02',
    titleTerms: [],
    sentenceTerms: [terms],
    actors: new Map(),
    text: `page ${id}`,
  });
  const talksA = page('talks-a', [...leaders, ...talks]);
  const talksB = page('talks-b', [...leaders, ...talks]);
  const bridge = page('bridge', [...leaders, ...talks, ...europe]);
  const europeA = page('europe-a', [...leaders, ...europe]);
  const europeB = page('europe-b', [...leaders, ...europe]);
  const storyOfId = (stories: ReturnType<typeof groupStories>, id: string) => stories.findIndex((s) => s.articleIds.includes(id));

  it('two events stay apart with the page that tells both, as they are without it', () => {
    const { similarity } = storySimilarities([talksA, europeA, bridge]);
    expect(similarity[0]![1]!).toBeLessThan(0.27);
    expect(similarity[0]![2]!).toBeGreaterThan(0.27);
    expect(similarity[1]![2]!).toBeGreaterThan(0.27);
    const without = groupStories([talksA, talksB, europeA, europeB]);
    expect(without).toHaveLength(2);
    for (const order of [
      [talksA, talksB, bridge, europeA, europeB],
      [europeB, bridge, talksB, europeA, talksA],
    ]) {
      const stories = groupStories(order);
      // Average linkage alone would merge them (the bridge lifts the average of the two events to
      // (4 × 0.25 + 2 × 0.76) / 6 ≈ 0.42): only 2 of the 6 pairs are close on their own.
      expect(stories).toHaveLength(2);
      expect(storyOfId(stories, 'talks-a')).toBe(storyOfId(stories, 'talks-b'));
      expect(storyOfId(stories, 'europe-a')).toBe(storyOfId(stories, 'europe-b'));
      expect(storyOfId(stories, 'talks-a')).not.toBe(storyOfId(stories, 'europe-a'));
    }
  });
});

describe('a sentence after the lead that points to another day weighs less (written for the test)', () => {
  const article = (id: string, title: string, sentences: string[]): StoryArticle => ({
    id,
    date: '2025-12-04',
    titleTerms: termsOf(title),
    sentenceTerms: sentences.map(termsOf),
    actors: new Map(),
    text: sentences.join(' '),
  });
  const talks = (day: string) =>
    article('talks', 'Vladimir Poutine reçoit Steve Witkoff au Kremlin', [
      'Vladimir Poutine a reçu jeudi l’émissaire américain Steve Witkoff au Kremlin pour parler du plan de paix.',
      `${day}, le président russe avait menacé l’Europe d’une guerre si elle attaquait la Russie.`,
    ]);
  const threat = article('threat', 'Vladimir Poutine menace l’Europe', [
    'Vladimir Poutine a menacé l’Europe d’une guerre si elle attaquait la Russie, devant un forum d’investisseurs.',
  ]);

  it('the context of another day brings two events less close than the same sentence of the same day', () => {
    const elsewhere = storySimilarities([talks('Mardi'), threat]).similarity[0]![1]!;
    const sameDay = storySimilarities([talks('Jeudi'), threat]).similarity[0]![1]!;
    expect(elsewhere).toBeLessThan(sameDay);
    // « la veille » points away too.
    const eve = storySimilarities([talks('La veille'), threat]).similarity[0]![1]!;
    expect(eve).toBeLessThan(storySimilarities([talks('Le matin'), threat]).similarity[0]![1]!);
  });
});

describe('a title that is not a headline does not weigh as one (written for the test)', () => {
  const article = (id: string, title: string, lead: string, date = '2025-03-12'): StoryArticle => ({
    id,
    date,
    title,
    titleTerms: termsOf(title),
    sentenceTerms: lead.split(/(?<=\.) /).map(termsOf),
    actors: new Map(),
    text: lead,
  });
  const wire = article(
    'wire',
    'Le Portugal dissout son Parlement et convoque des élections anticipées',
    'Le président portugais a dissous mercredi le Parlement et convoqué des élections législatives anticipées pour le mois de mai. Le Premier ministre avait perdu la veille un vote de confiance.',
  );
  const lead =
    'Le président portugais a annoncé mercredi la dissolution du Parlement et des élections législatives anticipées en mai. Le gouvernement était tombé après un vote de confiance perdu.';
  // The same page under its outlet's name (a page title that names the site, not the event).
  const underName = article('name', 'Le Petit Écho', lead);
  const bare = article('bare', '', lead);

  it('a page titled with its outlet’s name compares with the event as if it had no title', () => {
    const named = storySimilarities([wire, underName]).similarity[0]![1]!;
    const untitled = storySimilarities([wire, bare]).similarity[0]![1]!;
    expect(named).toBeCloseTo(untitled, 9);
    expect(named).toBeGreaterThan(0.27);
  });

  it('a real headline still weighs: sharing a word with the lead keeps it', () => {
    const headed = article('headed', 'Portugal : le Parlement dissous, élections anticipées en mai', lead);
    expect(storySimilarities([wire, headed]).similarity[0]![1]!).toBeGreaterThan(storySimilarities([wire, bare]).similarity[0]![1]!);
  });
});
