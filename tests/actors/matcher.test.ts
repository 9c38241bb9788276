import { describe, expect, it } from 'vitest';
import { ActorMatcher } from '../../src/services/actors/matcher.js';
import { idsIn, matcher, seedSentence, seedSentences, seedText } from './seeds.js';

const formsOf = (text: string, id: string): string[] =>
  matcher.findMentions(text).filter((m) => m.actorId === id).map((m) => m.form);

describe('finding actor mentions', () => {
  it('counts Moscou and the Kremlin for Russia', () => {
    const text = seedText('000');
    expect(formsOf(text, 'country:RUS')).toEqual(expect.arrayContaining(['Moscou', 'Kremlin', 'Russie']));
    expect(formsOf(text, 'country:RUS').filter((f) => f === 'Moscou')).toHaveLength(6);
  });

  it('reports offsets into the original text', () => {
    for (const { sentences } of seedSentences()) {
      for (const s of sentences) for (const m of matcher.findMentions(s)) expect(s.slice(m.start, m.end)).toBe(m.form);
    }
  });

  it('reads russo-chinois as both Russia and China', () => {
    const s = seedSentence('russo-chinois');
    const mentions = matcher.findMentions(s).filter((m) => m.form === 'russo' || m.form === 'chinois');
    expect(mentions.map((m) => [m.actorId, m.form])).toEqual([
      ['country:RUS', 'russo'],
      ['country:CHN', 'chinois'],
    ]);
    expect(idsIn('Le partenariat sino-russe se renforce.')).toEqual(['country:CHN', 'country:RUS']);
    expect(idsIn(seedSentence('relations Russie-Ukraine'))).toEqual(expect.arrayContaining(['country:RUS', 'country:UKR']));
  });

  it('knows Vittkoff is Steve Witkoff, and Dmitry and Dmitri Peskov are one person', () => {
    expect(idsIn(seedSentence('Steve Vittkoff'))).toContain('person:steve-witkoff');
    expect(idsIn(seedSentence('Dmitry Peskov'))).toContain('person:dmitri-peskov');
    expect(idsIn(seedSentence('Dmitri Peskov'))).toContain('person:dmitri-peskov');
  });

  it('takes the Washington Post for a medium, not the United States, but Washington alone for the United States', () => {
    const post = seedSentence('Le Washington Post confirme');
    expect(matcher.findMentions(post)).toEqual([
      { actorId: 'medium:washington-post', form: 'Washington Post', start: 3, end: 18 },
    ]);
    expect(idsIn(seedSentence('Washington pourrait y voir'))).toEqual(
      expect.arrayContaining(['country:USA']),
    );
    expect(formsOf(seedSentence('La Maison Blanche'), 'country:USA')).toContain('Maison Blanche');
    expect(idsIn('La Maison-Blanche a réagi.')).toEqual(['country:USA']);
    expect(idsIn('Il habite une maison blanche.')).toEqual([]);
  });

  it('makes Kadyrov a person, not a mention of Russia', () => {
    const s = seedSentence('Ramzan Kadyrov');
    const kadyrov = matcher.findMentions(s).filter((m) => m.form.includes('Kadyrov'));
    expect(kadyrov.map((m) => m.actorId)).toEqual(['person:ramzan-kadyrov']);
  });

  it('reads through elision, plurals and feminine forms', () => {
    expect(idsIn('Le soutien de l’Ukraine, d\'Iran et jusqu’à ce qu’Israël réponde.')).toEqual([
      'country:UKR',
      'country:IRN',
      'country:ISR',
    ]);
    expect(formsOf(seedText('001'), 'country:UKR')).toEqual(expect.arrayContaining(['ukrainiens', 'Ukrainiens', 'ukrainien']));
    expect(idsIn('Les Américains, les diplomates iraniens, les usines chinoises et les forces ukrainiennes.')).toEqual([
      'country:USA',
      'country:IRN',
      'country:CHN',
      'country:UKR',
    ]);
  });

  it('matches multi-word names with the longest match winning', () => {
    expect(idsIn(seedSentence('Wall Street Journal (WSJ)'))).toEqual(
      expect.arrayContaining(['medium:wall-street-journal']),
    );
    expect(idsIn("L'Union européenne et l'Union africaine ont parlé à l'Union.")).toEqual([
      'org:eu',
      'org:african-union',
      'org:eu',
    ]);
    expect(idsIn('Le chef de la diplomatie des États-Unis du Mexique.')).toEqual(['country:MEX']);
  });

  it('does not take common words for actors', () => {
    const paragraph = [
      'Au dîner, la dinde aux marrons et le chili con carne ont précédé une poutine ; le café était servi à la turque.',
      "La réunion s'est tenue dans une salle où une grenade lacrymogène avait été lancée la veille.",
      "Les enfants ont fait trois tours de montagnes russes avant de rêver de l'océan Indien.",
      'Dominique a signalé un mali de caisse de 300 euros ; Maurice Durand, son collègue, a vérifié les comptes.',
      "Le monde entier regarde, mais le figaro de l'opéra chante et le togo n'est pas un mot.",
    ].join(' ');
    expect(matcher.findMentions(paragraph)).toEqual([]);
  });

  it('matches short names and acronyms only as written', () => {
    expect(idsIn("L'UE et l'OTAN, selon l'AP.")).toEqual(['org:eu', 'org:nato', 'medium:associated-press']);
    expect(idsIn('Il ue, un ap, un xi.')).toEqual([]);
    expect(idsIn('Xi Jinping a reçu Kim Jong-un ; Xi a souri.')).toEqual([
      'person:xi-jinping',
      'person:kim-jong-un',
      'person:xi-jinping',
    ]);
  });

  it('finds the actors of news it has never seen', () => {
    expect(
      idsIn(
        "Tsahal a frappé la bande de Gaza après une attaque du Hamas ; Benyamin Netanyahou a reçu l'émissaire qatari à Jérusalem.",
      ),
    ).toEqual(['country:ISR', 'place:gaza', 'org:hamas', 'person:benyamin-netanyahou', 'country:QAT', 'country:ISR']);
    expect(
      idsIn("Pékin a multiplié les manœuvres autour de Taïwan, et des garde-côtes chinois ont approché les îles taïwanaises, selon Reuters."),
    ).toEqual(['country:CHN', 'country:TWN', 'country:CHN', 'country:TWN', 'medium:reuters']);
    expect(
      idsIn(
        "Ankara a levé son veto à l'adhésion de la Suède à l'OTAN, a annoncé Recep Tayyip Erdogan, et le secrétaire général de l'Alliance atlantique, Mark Rutte, a salué la décision turque.",
      ),
    ).toEqual(['country:TUR', 'country:SWE', 'org:nato', 'person:recep-tayyip-erdogan', 'org:nato', 'person:mark-rutte', 'country:TUR']);
  });

  it('treats a longer name of another actor as one thing', () => {
    const m = new ActorMatcher([
      { id: 'country:USA', name: 'États-Unis', kind: 'country', aliases: ['Washington'] },
      { id: 'found:jake-sullivan', name: 'Jake Sullivan', kind: 'person', aliases: ['Sullivan'] },
    ]);
    expect(m.findMentions('Jake Sullivan et M. Sullivan à Washington.').map((x) => x.actorId)).toEqual([
      'found:jake-sullivan',
      'found:jake-sullivan',
      'country:USA',
    ]);
  });
});

describe('words that are both a name and an adjective', () => {
  it('finds les rebelles houthis as well as les Houthis', () => {
    expect(idsIn('Les rebelles houthis ont tiré ; les Houthis ont revendiqué.')).toEqual(['org:houthis', 'org:houthis']);
  });

  it('keeps regions out of compound prefixes and first names out of countries', () => {
    expect(idsIn("La stratégie indo-pacifique de l'Inde.")).toEqual(['country:IND']);
    expect(idsIn("La sécurité de l'Indo-Pacifique.")).toEqual(['place:indo-pacifique']);
    expect(idsIn('Le musée de Vienne expose Salvador Dalí, et Maurice Ravel joue à Vienne.')).toEqual(['country:AUT', 'country:AUT']);
  });
});
