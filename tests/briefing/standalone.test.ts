/**
 * The stand-alone judge, rule by rule, on French sentences written for these tests (not the
 * seeds'): each rule fires on a sentence that leans on a neighbour, and stays quiet on a close
 * sentence that reads alone.
 */
import { describe, expect, it } from 'vitest';
import { deniedClaim, judgeSentence, type StandaloneRule } from '../../src/services/briefing/standalone.js';

function rulesOf(text: string): StandaloneRule[] {
  return judgeSentence(text).reasons.map((r) => r.rule);
}

/** `fires` sentences trigger `rule`; `quiet` sentences do not (and, unless said, stand alone). */
function pin(rule: StandaloneRule, fires: string[], quiet: string[], quietStandsAlone = true): void {
  for (const text of fires) {
    it(`« ${text.slice(0, 60)}… » → ${rule}`, () => {
      const verdict = judgeSentence(text);
      expect(verdict.reasons.map((r) => r.rule)).toContain(rule);
      expect(verdict.standsAlone).toBe(false);
      // Every reason says why in French.
      for (const reason of verdict.reasons) expect(reason.detail.length).toBeGreaterThan(5);
    });
  }
  for (const text of quiet) {
    it(`« ${text.slice(0, 60)}… » → pas ${rule}`, () => {
      expect(rulesOf(text)).not.toContain(rule);
      if (quietStandsAlone) expect(judgeSentence(text).reasons).toEqual([]);
    });
  }
}

describe('demonstratives: ce/cette/ces + nom, cela, ceci, un tel, y', () => {
  pin(
    'demonstrative',
    [
      'Cette décision a provoqué la colère des agriculteurs polonais.',
      'Ces frappes ont visé des dépôts de carburant dans la région de Koursk.',
      'Le gouvernement de Varsovie a jugé cet accord inacceptable.',
      'Pour la Moldavie, cela pourrait signifier une adhésion accélérée.',
      'Ceci ne change rien à la position de Budapest sur les sanctions.',
      'Une telle mesure priverait Belgrade de ses principaux débouchés.',
      'Ce dernier a refusé de commenter les informations du quotidien israélien.',
      'La Géorgie pourrait y trouver un moyen de relancer sa candidature européenne.',
    ],
    [
      'Le Parlement moldave a adopté mercredi une loi sur la neutralité du pays.',
      'Le ministre polonais de l’Agriculture a promis ce mardi une réponse rapide aux demandes des syndicats.',
      'Les combats se sont intensifiés ces derniers jours autour de la ville de Pokrovsk.',
      'Ce que réclame Ankara depuis 2022 tient en une ligne : l’extradition de militants kurdes réfugiés en Suède.',
      'Les pêcheurs dénoncent cette zone qui longe la côte et que la marine interdit depuis mars.',
      'La tempête a frappé avec une telle violence que trois ponts se sont effondrés mardi.',
      'Il y a désormais plus de trois mille casques bleus déployés au Liban, selon l’ONU.',
    ],
  );
});

describe('subject pronouns without an antecedent', () => {
  pin(
    'pronoun',
    [
      'Il a annoncé sa démission devant le Parlement de Tbilissi.',
      'Elles ont été libérées dans la nuit après six jours de détention.',
      'Lundi, elle a rencontré le président finlandais à Helsinki.',
      '« Ils ne céderont pas », a déclaré le porte-parole du ministère.',
    ],
    [
      'Lorsque le chancelier est arrivé à Kiev, il a promis de nouveaux systèmes antiaériens.',
      'Il faut remonter à 1999 pour trouver une crise comparable entre Athènes et Ankara.',
      'Il est peu probable que le Sénat examine le projet de loi sur l’immigration avant l’été, selon son président.',
      'Le président sénégalais a dissous l’Assemblée nationale jeudi soir.',
    ],
  );
});

describe('possessives without an antecedent', () => {
  pin(
    'possessive',
    ['Son état de santé s’est dégradé au cours du week-end.', 'Leurs revendications portent sur les salaires et la durée du service.'],
    [
      'Bien que le Liban soit au bord de la faillite, son gouverneur de la banque centrale a exclu toute dévaluation.',
      'Le Premier ministre libanais a présenté son plan de redressement au Parlement mardi.',
    ],
  );
});

describe('discourse connectors', () => {
  pin(
    'connector',
    [
      'Toutefois, la Commission européenne n’a pas encore tranché.',
      'Autrement dit, Bruxelles renonce à sanctionner Budapest.',
      'En revanche, le Danemark maintient son veto sur le texte.',
      'Reste à savoir si les Vingt-Sept suivront la recommandation.',
      'Par ailleurs, l’armée tchadienne a repris le contrôle de la frontière.',
      'Le Kenya refuse pourtant de retirer ses policiers d’Haïti.',
    ],
    [
      'Alors que les pluies redoublent, la Croix-Rouge a ouvert trois camps au nord du Mozambique.',
      'Les prix du blé augmentent de plus en plus vite depuis la fermeture des ports ukrainiens.',
      'Ainsi que l’avait promis le gouvernement, les élections auront lieu le 4 mai au Togo.',
    ],
  );
});

describe('connectors inside the sentence: sequence and comparison', () => {
  pin(
    'connector',
    [
      'Le chancelier a ensuite reçu les représentants des syndicats de la métallurgie.',
      'Pékin a aussitôt convoqué l’ambassadeur des Philippines.',
      'Rome entend ainsi peser sur les négociations budgétaires.',
      'En 2024, la Banque centrale a été encore plus prudente, relevant à peine ses taux.',
    ],
    [
      'La Grèce ainsi que Chypre ont condamné mardi la décision d’Ankara sur Varosha.',
      'Les combats au Soudan ont fait encore plus de 300 morts en une semaine, selon l’ONU.',
      'Le Chili est encore plus exposé que le Pérou à la baisse du prix du cuivre, selon le FMI.',
    ],
  );
});

describe('definite noun phrases that only an earlier sentence defines', () => {
  pin(
    'anaphora',
    [
      'Le texte doit encore être promulgué par le chef de l’État.',
      'L’accord prévoit un retrait progressif des troupes d’ici à l’été.',
      'La mesure, annoncée dans la soirée, entrera en vigueur lundi.',
      'Les deux dirigeants se sont entretenus pendant plus de deux heures.',
      'Le président a ensuite quitté la salle sans répondre aux questions.',
      'Les enquêteurs privilégient la piste criminelle.',
      'Au lendemain du scrutin, l’opposition a dénoncé des fraudes massives.',
      'Depuis le début du conflit, Ankara se pose en médiateur entre les deux camps.',
      'Varsovie a menacé de bloquer le projet, avant de se raviser.',
      'Le gouvernement justifie la décision par la hausse des prix de l’énergie.',
      'Le nombre exact de victimes n’est pas encore connu.',
      'La défense antiaérienne a abattu la plupart des drones avant l’aube.',
    ],
    [
      'Le projet de loi sur la fin de vie a été adopté mardi par l’Assemblée nationale.',
      'L’accord conclu à Doha prévoit la libération de trente otages.',
      'Le président brésilien Lula a reçu mercredi son homologue argentin à Brasilia.',
      'La présidente sortante, Sandra Vidal, a été réélue dimanche avec 52 % des voix.',
      'Le ministre japonais de la Défense a annoncé l’achat de 400 missiles Tomahawk.',
      'Le Parlement slovaque a adopté jeudi une loi sur les ONG étrangères dans le pays.',
      'La Banque mondiale a abaissé sa prévision de croissance pour l’Afrique subsaharienne, selon le texte publié lundi.',
      'La junte a nationalisé jeudi la dernière raffinerie d’or du pays exploitée par un groupe canadien au Mali.',
      'La plupart des pays européens ont rappelé leur ambassadeur à Minsk.',
      'Plus de deux millions de Soudanais ont fui leur pays depuis le début de la guerre, selon le HCR.',
    ],
  );
});

describe('presentative « c’est » without a cleft', () => {
  pin(
    'demonstrative',
    ['C’est un revers majeur pour la coalition au pouvoir.', '« C’est une honte pour l’Europe », a lancé le député polonais Tomasz Nowak.'],
    ['C’est à Genève que les deux délégations se retrouveront jeudi.', 'C’est la première fois depuis 1989 que la Bulgarie vote quatre fois en un an.'],
  );
});

describe('sentences without a main verb', () => {
  pin(
    'verbless',
    [
      'Une annonce qui intervient au lendemain des manifestations de Tbilissi.',
      'Un pas de plus vers la rupture entre Bamako et Alger.',
      'Des accusations rejetées en bloc par le ministère russe des Affaires étrangères.',
    ],
    [
      'Un drone qui visait Odessa s’est écrasé sur un immeuble de Galați, en Roumanie.',
      'Un séisme de magnitude 6,8 frappe le sud du Maroc, selon l’Institut national de géophysique.',
      'Des milliers de manifestants rassemblés devant le Parlement de Bratislava ont réclamé la démission du gouvernement.',
      'Une délégation de l’Union africaine est arrivée lundi à Khartoum.',
      'Une enquête qui vise le ministre de l’Intérieur a été ouverte mardi à Paris.',
      'Des manifestants qui réclamaient la démission du gouvernement ont été dispersés mardi à Erevan.',
    ],
  );
});

describe('quotations: halves and speakers', () => {
  pin(
    'quote-half',
    [
      '« Nous ne reculerons pas devant la pression de Pékin.',
      'Nous défendrons nos eaux territoriales », a averti le ministre philippin de la Défense.',
    ],
    ['« Nous ne reculerons pas devant la pression de Pékin », a averti le ministre philippin de la Défense.'],
  );
  pin(
    'quote-without-speaker',
    ['« Nous avons besoin de munitions maintenant, pas dans six mois. »', '“La frontière restera fermée jusqu’à nouvel ordre.”'],
    [
      '« La frontière restera fermée jusqu’à nouvel ordre », a annoncé le ministre arménien de l’Intérieur.',
      'Selon le chef de la diplomatie turque, « la frontière restera fermée jusqu’à nouvel ordre ».',
      'Le maire de Kharkiv a qualifié l’attaque de « crime de guerre » devant la presse.',
    ],
  );
  pin(
    'quote-pronoun-speaker',
    ['« La frontière restera fermée jusqu’à nouvel ordre », a-t-il ajouté.'],
    ['« La frontière restera fermée jusqu’à nouvel ordre », a déclaré Ararat Mirzoyan.'],
  );
});

describe('questions, captions, datelines, fragments', () => {
  pin(
    'question',
    ['Faut-il craindre une nouvelle escalade en mer de Chine méridionale ?', 'La trêve tiendra-t-elle jusqu’au ramadan ?'],
    [
      'Le ministre français de l’Intérieur a demandé aux députés s’ils voteraient la motion, sans obtenir de réponse.',
      '« Qui paiera la reconstruction ? », s’est interrogé le président ukrainien devant le G7.',
    ],
  );
  pin(
    'caption',
    [
      'Le président kényan William Ruto à Nairobi, le 3 juin 2024.',
      'Photo : des secouristes fouillent les décombres à Antakya.',
      'Des soldats ukrainiens près de Tchassiv Iar, le 12 mars.',
    ],
    [
      'Le président kényan William Ruto a limogé son gouvernement à Nairobi, le 11 juillet 2024.',
      'Les secouristes ont retrouvé mardi trois survivants sous les décombres à Antakya.',
    ],
  );
  pin(
    'dateline',
    [
      'KIEV, 12 mars (Reuters) — Les forces russes ont frappé des installations électriques.',
      '(Bruxelles) Les Vingt-Sept ont adopté un quatorzième paquet de sanctions.',
      'BEYROUTH (AFP) - Des frappes israéliennes ont visé la banlieue sud de la capitale.',
    ],
    ['Kiev a subi mardi sa plus importante attaque de drones depuis le début de l’année.'],
  );
  pin(
    'fragment',
    [
      'et les négociations doivent reprendre à Doha dans les prochains jours.',
      'Le texte doit encore être publié au Journal officiel de la',
      'Un an après.',
      '116 personnes et entités ajoutées à la liste des sanctions',
    ],
    ['Les ministres des Finances du G20 se sont réunis mercredi à São Paulo.'],
  );
});

describe('news and commentary', () => {
  it('hears the writer speaking, and counts the signs of reported news', () => {
    expect(judgeSentence('Aujourd’hui, nous allons revenir sur la longue crise entre Pristina et Belgrade.').commentary).toBeDefined();
    expect(judgeSentence('Une chose est sûre : la région ne sera plus jamais la même.').commentary).toBeDefined();
    const news = judgeSentence('Le Premier ministre serbe a démissionné mardi, selon la télévision publique RTS.');
    expect(news.commentary).toBeUndefined();
    expect(news.newsSignals).toBeGreaterThanOrEqual(3);
    // A quoted « nous » is the speaker's, not the writer's.
    expect(judgeSentence('« Nous ne céderons pas », a déclaré mardi le Premier ministre serbe.').commentary).toBeUndefined();
  });

});

describe('later sentences: relative time, speech tails, the headline denied', () => {
  pin(
    'sequence',
    [
      'Plus tôt dans la journée, le ministre de l’Énergie avait assuré que les livraisons étaient suspendues.',
      'Auparavant, la porte-parole du gouvernement avait démenti toute négociation.',
      'Quelques heures plus tard, l’armée a annoncé la reprise du village.',
      'La veille, le Parlement avait voté la levée de l’immunité du député.',
    ],
    [
      'Le Parlement géorgien a voté mardi la levée de l’immunité du député.',
      'Plus de trois cents personnes ont été évacuées dimanche à Valence.',
      'Depuis 2014, la Crimée est administrée par Moscou.',
    ],
  );
  pin(
    'speech-tail',
    [
      'Les négociations reprendront la semaine prochaine à Istanbul, a ajouté Iouri Ouchakov.',
      'La Russie ne participera pas au sommet, a-t-il précisé devant la presse.',
      'Le cessez-le-feu reste fragile, estime-t-elle.',
      'Kiev a reçu les premiers F-16, poursuit le ministre.',
    ],
    [
      'Les pourparlers de paix entre Moscou et Kiev reprendront la semaine prochaine à Istanbul, a annoncé Iouri Ouchakov.',
      'Le ministre letton des Affaires étrangères a ajouté mardi deux noms à la liste des sanctions de l’UE.',
      'Le chef de la diplomatie arménienne a estimé que le traité était équilibré.',
    ],
  );
  it('a later sentence that asserts what a denial headline denies → contradicts-headline', () => {
    const denied = deniedClaim('Le Tadjikistan dément interdire les exportations de coton vers la Russie');
    expect(denied).toBeDefined();
    const claim = judgeSentence('Selon un député, le Tadjikistan va interdire les exportations de coton vers la Russie dès lundi.', { index: 3, deniedClaim: denied! });
    expect(claim.reasons.map((r) => r.rule)).toContain('contradicts-headline');
    // The denial itself, and a sentence on something else, stand.
    const denial = judgeSentence('Le ministère tadjik a démenti mardi toute interdiction des exportations de coton vers la Russie.', { index: 3, deniedClaim: denied! });
    expect(denial.reasons.map((r) => r.rule)).not.toContain('contradicts-headline');
    const other = judgeSentence('Le Tadjikistan a produit 400 000 tonnes de coton cette année.', { index: 3, deniedClaim: denied! });
    expect(other.reasons.map((r) => r.rule)).not.toContain('contradicts-headline');
    // A headline that denies nothing gives no claim.
    expect(deniedClaim('Le Tadjikistan interdit les exportations de coton vers la Russie')).toBeUndefined();
  });
});

describe('the first sentence, read under its headline', () => {
  const first = (text: string) => judgeSentence(text, { index: 0 });
  it('stands even when it leans on the headline (a pronoun, a definite noun, an idiom)', () => {
    for (const text of [
      'Le texte a été adopté jeudi par 312 voix contre 201 à l’Assemblée nationale.',
      'En ce sens, le Kazakhstan a précisé que les exportations se poursuivaient normalement.',
      'Il a annoncé lundi sa démission après douze ans au pouvoir.',
    ]) {
      expect(first(text).reasons, text).toEqual([]);
    }
  });
  it('is held back only when it is provably not the news', () => {
    const cases: Array<[string, StandaloneRule]> = [
      ['Le président chinois et son homologue russe assistent au défilé militaire à Moscou, le 9 mai 2025.', 'caption'],
      ['Qui sont les nouveaux ministres du gouvernement tchèque ?', 'question'],
      ['Cette semaine, on revient sur la grève des dockers du Havre.', 'voice'],
      ['JOURNALISTE (Anne Roy) : Bonsoir et bienvenue dans cette édition spéciale.', 'voice'],
      ['« Nous ne reculerons pas. »', 'quote-without-speaker'],
    ];
    for (const [text, rule] of cases) expect(first(text).reasons.map((r) => r.rule), text).toContain(rule);
  });
  it('later sentences keep the stricter rules', () => {
    expect(judgeSentence('Il a annoncé lundi sa démission après douze ans au pouvoir.', { index: 2 }).standsAlone).toBe(false);
  });
});

describe('idioms are not anaphora', () => {
  for (const text of [
    'En ce sens, le Kazakhstan a précisé que les exportations se poursuivaient normalement.',
    'À cet égard, la Banque centrale a relevé mardi son taux directeur à 21 %.',
    'Dans ce contexte, l’Union européenne a proposé mercredi un nouveau paquet de sanctions.',
  ]) {
    it(`« ${text.slice(0, 50)}… » stands alone`, () => expect(judgeSentence(text, { index: 4 }).reasons).toEqual([]));
  }
  it('a demonstrative noun that is no idiom still points back', () => {
    expect(judgeSentence('Dans ce dossier, l’Union européenne a proposé mercredi un nouveau paquet de sanctions.', { index: 4 }).standsAlone).toBe(false);
  });
});

describe('layout before the first word, and a long noun phrase with its relative', () => {
  it('reads past a bullet or an emoji: « ▫️Ces informations… » points back', () => {
    expect(rulesOf('▫️Ces informations ont été confirmées par un haut responsable américain.')).toContain('demonstrative');
    expect(rulesOf('• Le Parlement letton a adopté mardi le budget de la défense.')).toEqual([]);
  });
  it('finds the relative a few words on, and does not take « à » for a verb', () => {
    expect(rulesOf('Un revers important pour le gouvernement qui fragilise sa majorité à l’Assemblée.')).toContain('verbless');
    expect(rulesOf('Une enquête sur la mort du journaliste qui enquêtait à Kherson a été ouverte mardi.')).toEqual([]);
  });
});

describe('a demonstrative far into a long sentence finds its antecedent in the sentence itself', () => {
  pin(
    'demonstrative',
    [
      'Cela signifie que les agriculteurs du sud du pays devront attendre la fin du mois pour toucher les aides promises.',
      'Selon le ministre, cette décision sera appliquée dès lundi dans toutes les préfectures de la région.',
    ],
    [
      'Le gouvernement néerlandais a proposé mardi de relever l’âge légal de départ à la retraite de deux ans dès janvier prochain, même si cela signifie que les syndicats appelleront à la grève générale.',
      'La ministre suédoise de l’Énergie a annoncé jeudi la fermeture anticipée de deux centrales à charbon du nord du pays, alors que les industriels avaient averti qu’une telle décision ferait grimper les prix.',
    ],
  );
});

describe('a first sentence whose subject is a demonstrative leaves the news to its headline', () => {
  it('« Ces informations… » as the first body sentence is not the lead', () => {
    const verdict = judgeSentence('Ces informations ont été confirmées mardi par le ministère danois de la Défense.', { index: 0 });
    expect(verdict.standsAlone).toBe(false);
    expect(verdict.reasons.map((r) => r.rule)).toEqual(['demonstrative']);
  });

  it('a demonstrative further in the first sentence is read under the headline', () => {
    const verdict = judgeSentence('Le ministère danois de la Défense a confirmé mardi cette commande de douze avions de patrouille.', { index: 0 });
    expect(verdict.standsAlone).toBe(true);
  });
});

describe('a first sentence that opens on « ce » without pointing back stays the lead', () => {
  for (const text of [
    'Ce sont les agriculteurs du Jutland qui ont lancé mardi cette grève contre la taxe carbone.',
    'Cette semaine, le Parlement danois a voté cette taxe sur les émissions agricoles.',
  ]) {
    it(`« ${text.slice(0, 50)}… »`, () => {
      expect(judgeSentence(text, { index: 0 }).standsAlone).toBe(true);
    });
  }
});
