/**
 * Boilerplate removal on the real seeds and on fixture pages written in the style of other
 * French news sites (other furniture, other actors). Every furniture item must stay out of
 * `paragraphs`; every body sentence listed must survive.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CleanArticle } from '../../src/services/types.js';
import { classifyLines, cleanArticle, repairSentenceSpacing } from '../../src/services/corpus/boilerplate.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const seed = (name: string) => read(`../../seeds/${name}.txt`);
const fixture = (name: string) => read(`../fixtures/articles/${name}.txt`);

/** Furniture must not be a paragraph, nor be inside one (short items are compared whole). */
function expectAbsent(article: CleanArticle, items: string[]): void {
  for (const item of items) {
    for (const paragraph of article.paragraphs) {
      if (item.length >= 12) expect(paragraph, `« ${item} » dans un paragraphe`).not.toContain(item);
      else expect(paragraph.trim(), `« ${item} » gardé comme paragraphe`).not.toBe(item);
    }
  }
}

/** Each body text must start one paragraph or be contained in one. */
function expectKept(article: CleanArticle, sentences: string[]): void {
  for (const sentence of sentences) {
    expect(article.paragraphs.some((p) => p.includes(sentence)), `phrase perdue : « ${sentence} »`).toBe(true);
  }
}

function verdictOf(text: string, line: string): string | undefined {
  return classifyLines(text).find((d) => d.text === line)?.verdict;
}

describe('seed 000 — sub-headings and an English promo paragraph', () => {
  const text = seed('000_9b88139a494bd2c4');
  const article = cleanArticle('000', text);

  it('keeps the body from first to last paragraph, without the headline', () => {
    expect(article.title).toBe('Géopolitique sous tension : Moscou prêt à sacrifier son alliance militaire avec la Chine pour un accord de paix en Ukraine');
    expectKept(article, [
      'Selon un récent rapport du Wall Street Journal (WSJ), la Russie envisagerait',
      'Rompre ou affaiblir ses liens avec la Chine serait toutefois un choix risqué',
      'Une chose est certaine : cette proposition, si elle est confirmée,',
    ]);
    expect(article.paragraphs).toHaveLength(11);
    expect(article.paragraphs[0]).toMatch(/^Selon un récent rapport/);
    expect(article.paragraphs.at(-1)).toMatch(/^Une chose est certaine/);
    expect(article.paragraphs).not.toContain(article.title);
    expect(article.language).toBe('fra');
  });

  it('drops the English promo paragraph at the end', () => {
    expectAbsent(article, ['The platform not only delivers breaking news', 'Iraq Business News']);
  });

  it('marks section sub-headings as headings, out of the paragraphs', () => {
    for (const heading of ['Un compromis géopolitique audacieux', 'Les enjeux pour la Russie']) {
      expect(verdictOf(text, heading)).toBe('heading');
      expectAbsent(article, [heading]);
    }
  });
});

describe('seed 001 — byline, reading time, English disclosure, comment form', () => {
  const text = seed('001_0118ebd96f1f2ec0');
  const article = cleanArticle('001', text);

  it('extracts the author and the reading time', () => {
    expect(article.author).toBe('Olivia Carter');
    expect(article.readingMinutes).toBe(5);
    expect(article.date).toBeUndefined();
  });

  it('drops metadata lines, the affiliate disclosure and the comment widgets', () => {
    expectAbsent(article, [
      'Olivia Carter',
      '5 Min Read',
      'Disclosure: This website may contain affiliate links',
      'Partager cet article',
      'Laisser un commentaire',
      'Leave a Reply',
      'Your email address will not be published. Required fields are marked *',
    ]);
  });

  it('keeps the body, quotes included', () => {
    expectKept(article, [
      'Dans une révélation diplomatique surprenante, le président russe Vladimir Poutine',
      '“Cela représente un changement significatif dans la position auparavant rigide',
      'Dmitri Peskov, porte-parole de Poutine, a rejeté ces allégations',
      'Alors que les canaux diplomatiques explorent prudemment cette ouverture potentielle',
    ]);
    expect(article.paragraphs).toHaveLength(12);
  });
});

describe('seed 002 — date, share counters, comment widget, unrelated English teaser', () => {
  const text = seed('002_a660fae045bc850a');
  const article = cleanArticle('002', text);

  it('extracts the date as ISO', () => {
    expect(article.date).toBe('2025-04-05');
    expect(article.title).toBe('Les Alliés De La Russie Se Détournent Un À Un');
  });

  it('drops every widget line and the teaser with its byline', () => {
    expectAbsent(article, [
      'Apr 5, 2025',
      'Share',
      '24 Commentaires',
      'Commentaires',
      '0',
      'Actif : 0',
      'Loader',
      'George Stephanopoulos throws a fit after Trump',
      'Par',
      'Ariela Tomson',
      'No items found.',
    ]);
    // The teaser's byline must not become the article's author.
    expect(article.author).toBeUndefined();
  });

  it('keeps the body, short paragraphs included', () => {
    expectKept(article, [
      "Aujourd'hui, nous discuterons de l'effondrement du réseau d'alliés de la Russie",
      "Cependant, les tensions entre l'Iran et les États-Unis se sont récemment intensifiées",
      "Dans l'ensemble, les alliances géopolitiques de la Russie se détériorent",
      "En raison de cette instabilité, d'anciens alliés se tournent lentement vers d'autres puissances",
    ]);
    expect(article.paragraphs).toHaveLength(17);
  });
});

describe('seed 003 — a quoted sub-heading and a lone “Plus” link', () => {
  const text = seed('003_9f70dd34e1ce68a4');
  const article = cleanArticle('003', text);

  it('keeps the body and drops the link', () => {
    expectKept(article, [
      'La Russie a demandé à la Chine des équipements militaires',
      'Jusqu’à présent, la Chine refuse de condamner la Russie',
      'Le partenariat entre Pékin et Moscou y est décrit comme « illimité ».',
    ]);
    expectAbsent(article, ['Plus']);
    expect(article.paragraphs).toHaveLength(5);
  });

  it('keeps the quoted sub-heading out of the paragraphs', () => {
    const heading = 'La relation entre Pékin et Moscou « ne connaît pas de frontières »';
    expect(verdictOf(text, heading)).toBe('heading');
    expect(article.paragraphs).not.toContain(heading);
  });
});

describe('seed 004 — no blank lines, short body sentences, missing spaces after full stops', () => {
  const text = seed('004_b7ff4d106508452a');
  const article = cleanArticle('004', text);

  it('keeps every body line, short ones included', () => {
    expect(article.paragraphs).toHaveLength(9);
    expectKept(article, [
      'Dans un contexte de tensions croissantes',
      'Cela constituerait une suspension partielle des hostilités sans déclaration officielle de fin de guerre.',
      'Toutefois, les perspectives de succès semblent faibles.',
      'pourraient renforcer la pression sur Poutine afin de le contraindre à mettre fin aux hostilités.',
    ]);
  });

  it('restores the space lost after a full stop', () => {
    expectKept(article, ['la scène mondiale. Des sources indiquent', 'inacceptable pour Kyiv et ses alliés. Dmitry Peskov']);
    expect(repairSentenceSpacing('Les U.S.A. et M.Sullivan.')).toBe('Les U.S.A. et M.Sullivan.');
  });
});

describe('fixture: Le Monde-like page on Gaza', () => {
  const text = fixture('10_monde_gaza_treve');
  const article = cleanArticle('10', text);

  it('extracts byline, publication date and reading time', () => {
    expect(article).toMatchObject({ author: 'Camille Lefèvre', date: '2025-03-14', readingMinutes: 6 });
  });

  it('drops navigation, ads, credits, captions, read-also, newsletter and footer', () => {
    expectAbsent(article, [
      'Accueil > International > Proche-Orient',
      'Menu',
      'Rechercher',
      "S'abonner",
      'Par Camille Lefèvre',
      'Publié le 14 mars 2025',
      'Article réservé aux abonnés',
      'MOHAMMED SALEM / REUTERS',
      'Des Palestiniens déplacés marchent le long de la route côtière',
      'PUBLICITÉ',
      'Lire aussi | Au Qatar',
      'Le premier ministre israélien, Benyamin Nétanyahou, à Jérusalem, le 10 mars 2025.',
      'ABIR SULTAN / EPA',
      'Inscrivez-vous à la newsletter',
      'Camille Lefèvre',
      'Contribuer',
      'Réutiliser ce contenu',
      'Mots-clés : Israël',
      'Partager sur Facebook',
      '© Le Monde 2025',
    ]);
  });

  it('keeps the lead, the body and the last paragraph; the duplicated paragraph appears once', () => {
    expectKept(article, [
      'Les médiateurs égyptiens et qataris tentent de rapprocher les positions',
      'Au Caire, les discussions ont repris mardi soir',
      'Rien n’indique pour l’instant qu’un accord soit imminent.',
      'Washington, qui dit vouloir une trêve « dans les prochains jours »',
    ]);
    expect(article.paragraphs.filter((p) => p.startsWith('Une cinquantaine d’otages'))).toHaveLength(1);
    expect(article.paragraphs).toHaveLength(7);
    expect(verdictOf(text, 'Le sort des otages au cœur des discussions')).toBe('heading');
  });
});

describe('fixture: France 24-like page on China and Taiwan', () => {
  const text = fixture('11_france24_taiwan');
  const article = cleanArticle('11', text);

  it('takes the publication date, not the update', () => {
    expect(article).toMatchObject({ date: '2024-05-23', readingMinutes: 3 });
  });

  it('drops dates, follow prompts, the promo block and the cookie notice', () => {
    expectAbsent(article, [
      "Fil d'actualité | Asie-Pacifique | Chine",
      'Publié le : 23/05/2024',
      'Modifié le : 23/05/2024',
      '3 min de lecture',
      'Suivre',
      '© Hector Retamal, AFP',
      'Suivez-nous sur WhatsApp',
      'Le résumé de la semaine',
      'France 24 vous propose de revenir',
      "Je m'abonne",
      'Suivez-nous',
      'Nous utilisons des cookies',
      'Accepter et fermer',
      'Paramétrer les cookies',
    ]);
  });

  it('keeps the body', () => {
    expectKept(article, [
      "L'armée chinoise a lancé jeudi des exercices militaires de grande ampleur autour de Taïwan",
      'Le ministère taïwanais de la Défense a indiqué avoir déployé des navires',
      'Ces exercices sont les plus importants depuis août 2023.',
    ]);
    expect(article.paragraphs).toHaveLength(6);
  });
});

describe('fixture: Euronews-like page on NATO and Turkey with English share widgets', () => {
  const text = fixture('12_euronews_otan_turquie');
  const article = cleanArticle('12', text);

  it('drops share widgets, ads, the twice-printed caption and its credit', () => {
    expectAbsent(article, [
      'Par Euronews avec AFP',
      'Share this article',
      'Comments',
      'Flipboard',
      'Send',
      'Bluesky',
      'Whatsapp',
      'PUBLICITÉ',
      'Le président turc Recep Tayyip Erdogan à Ankara, le 20 janvier 2024',
      'Tous droits réservés AP Photo',
      'Copy/paste the article video embed link below:',
      'Copy',
      'Sujets relatifs',
      'OTAN',
      'Turquie',
    ]);
    expect(article.date).toBe('2024-01-24');
    expect(article.author).toBeUndefined();
  });

  it('keeps the body from first to last paragraph', () => {
    expect(article.paragraphs[0]).toMatch(/^Le Parlement turc a approuvé mardi soir/);
    expect(article.paragraphs.at(-1)).toBe('Le texte doit encore être signé par Recep Tayyip Erdogan avant d\'être publié au Journal officiel.');
    expect(article.paragraphs).toHaveLength(5);
  });
});

describe('fixture: page on Iran and Israel with a “Par …” byline', () => {
  const text = fixture('13_iran_israel_riposte');
  const article = cleanArticle('13', text);

  it('reads the byline without the role, and the update date when it is the only one', () => {
    expect(article).toMatchObject({ author: 'Marie Dupont', date: '2024-10-02', readingMinutes: 4 });
  });

  it('drops the audio widget, read-also, newsletter block and tags; the question heading is not a paragraph', () => {
    expectAbsent(article, [
      'Monde',
      'Écouter cet article',
      'À lire aussi : Le Hezbollah sous pression',
      'Quelle réponse d’Israël ?',
      'Newsletter',
      'Chaque matin, l’essentiel de l’actualité internationale dans votre boîte mail.',
      'Je m’inscris',
      'Tags : Iran',
      'Vous avez aimé cet article ?',
    ]);
  });

  it('keeps the body, the short closing sentence included', () => {
    expectKept(article, [
      'Téhéran a tiré mardi soir près de deux cents missiles balistiques',
      'Le premier ministre israélien a promis que l’Iran « paierait »',
      'La crainte d’un embrasement régional est réelle.',
    ]);
    expect(article.paragraphs).toHaveLength(6);
  });
});

describe('general rules on unseen shapes', () => {
  const body = [
    'Le Kremlin s’est refusé à tout commentaire sur ces informations publiées mardi par la presse américaine.',
    'Les deux pays entendent partager le renseignement militaire, a précisé le ministre polonais de la Défense.',
    'Varsovie réclame depuis des mois un renforcement du flanc est de l’Alliance atlantique face à la Russie.',
  ];

  it('keeps body sentences that merely contain a furniture word', () => {
    const article = cleanArticle('x', ['Pologne : Varsovie se tourne vers Washington', '', ...body].join('\n'));
    expect(article.paragraphs).toEqual(body);
  });

  it('drops unknown labels at the edges of the page by position alone', () => {
    const page = ['Pologne : Varsovie se tourne vers Washington', 'Flux RSS', 'Édition du soir', ...body, 'Dernières dépêches', 'Kiosque'].join('\n');
    expect(cleanArticle('x', page).paragraphs).toEqual(body);
  });

  it('re-joins a hard-wrapped paragraph', () => {
    const page = [
      'Pologne : Varsovie se tourne vers Washington',
      'Le gouvernement polonais a annoncé mercredi la commande de nouveaux',
      'chars américains, une décision saluée par ses alliés baltes.',
    ].join('\n');
    expect(cleanArticle('x', page).paragraphs).toEqual([
      'Le gouvernement polonais a annoncé mercredi la commande de nouveaux chars américains, une décision saluée par ses alliés baltes.',
    ]);
  });

  it('keeps a lead without full stop under the headline, and reads a byline printed after it', () => {
    const lead = 'Le président ukrainien a de nouveau appelé ses alliés occidentaux à lever les restrictions sur l’usage des armes fournies à Kiev';
    const page = ['Ukraine : Zelensky réclame des missiles', lead, 'Par Léa Moreau', 'Publié le 03/09/2024 à 18:20', 'Vidéo', '00:45', ...body].join('\n');
    const article = cleanArticle('x', page);
    expect(article.paragraphs).toEqual([lead, ...body]);
    expect(article).toMatchObject({ author: 'Léa Moreau', date: '2024-09-03' });
  });

  it('keeps a French paragraph that quotes English, drops an English one', () => {
    const quoted = '« We will not back down, and we will defend our allies », a affirmé mardi le porte-parole de la Maison Blanche.';
    const english = 'This article was produced with the support of our partners and reflects the views of the editorial team.';
    const article = cleanArticle('x', ['Washington hausse le ton', quoted, ...body, english].join('\n'));
    expect(article.paragraphs).toEqual([quoted, ...body]);
  });

  it('reads a three-line dispatch as French and keeps all of it', () => {
    const lines = ['Les combats ont repris à l’aube.', 'Des tirs d’artillerie visent le marché central.', 'L’ONU se dit « très inquiète ».'];
    const article = cleanArticle('x', ['Soudan : nouveaux combats à El-Fasher', 'AFP', ...lines, 'Partager'].join('\n'));
    expect(article.language).toBe('fra');
    expect(article.paragraphs).toEqual(lines);
  });

  it('works the same way on an English page', () => {
    const lines = [
      'NATO defence ministers agreed on Thursday to send additional air defence systems to Ukraine, the alliance said.',
      'The package includes Patriot batteries and short-range interceptors, according to two officials familiar with the talks.',
    ];
    const page = ['NATO allies pledge more air defence for Kyiv', 'Home > World > Europe', 'By John Smith', 'Share', lines[0], '« Nous devons agir vite », a déclaré le ministre français.', lines[1], 'Sign up for our newsletter', 'Read more'];
    const article = cleanArticle('x', page.join('\n'));
    expect(article).toMatchObject({ language: 'eng', author: 'John Smith', paragraphs: lines });
  });

  it('drops a closing promo that addresses the reader, but not an opening that does', () => {
    const opening = 'Vous avez sans doute entendu parler du flanc est de l’OTAN, cette ligne qui va de la Baltique à la mer Noire.';
    const promo = 'Retrouvez chaque soir notre sélection des articles les plus lus dans votre boîte mail.';
    const article = cleanArticle('x', ['Pologne : le flanc est', opening, ...body, promo].join('\n'));
    expect(article.paragraphs).toEqual([opening, ...body]);
  });

  it('explains every non-empty line with a verdict and a reason', () => {
    const text = seed('002_a660fae045bc850a');
    const decisions = classifyLines(text);
    expect(decisions).toHaveLength(text.split('\n').filter((l) => l.trim()).length);
    for (const d of decisions) expect(d.reason.length).toBeGreaterThan(0);
    expect(decisions[0]).toMatchObject({ verdict: 'title', line: 0 });
  });
});

describe('pull quotes', () => {
  const paragraph = (n: number) =>
    `Les ministres réunis à Bruxelles ont débattu pendant des heures du paquet numéro ${n} de sanctions. ` +
    `Selon un diplomate, « la Hongrie a finalement levé son veto sur le paquet ${n} » après une longue nuit. ` +
    `Le texte doit encore être publié au Journal officiel de l’Union européenne dans les prochains jours.`;

  it('drops a short line quoting the middle of a longer paragraph, wherever that paragraph is, and keeps the paragraph', () => {
    const body = Array.from({ length: 40 }, (_, i) => paragraph(i + 1));
    const quote = 'Selon un diplomate, « la Hongrie a finalement levé son veto sur le paquet 37 » après une longue nuit.';
    const page = ['Sanctions : le veto hongrois levé', '', ...body.slice(0, 3).flatMap((p) => [p, '']), quote, '', ...body.slice(3).flatMap((p) => [p, ''])];
    const lines = classifyLines(page.join('\n'));
    expect(lines.find((l) => l.text === quote)).toMatchObject({ verdict: 'duplicate', reason: expect.stringContaining('exergue') });
    expect(lines.filter((l) => l.verdict === 'body')).toHaveLength(40);
  });

  it('keeps a short line found in no longer paragraph, even when its first words are', () => {
    const body = Array.from({ length: 5 }, (_, i) => paragraph(i + 1));
    const line = 'Selon un diplomate, « la Hongrie a finalement levé son veto sur le gaz russe ».';
    const page = ['Sanctions', '', body[0]!, '', line, '', ...body.slice(1).flatMap((p) => [p, ''])];
    expect(classifyLines(page.join('\n')).find((l) => l.text === line)?.verdict).toBe('body');
  });
});
