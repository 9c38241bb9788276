/**
 * Cleaning gaps met on pages of other sites: a photo caption under the headline, live-blog
 * furniture, list bullets, datelines, truncated paragraphs. On fixture pages written in the style
 * of a wire agency, a live blog, an analysis, a page with captions, a list and a cut page; each
 * rule also shown not to fire on the close case that must be kept.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyLines, cleanArticle } from '../../src/services/corpus/boilerplate.js';
import { parseDateline } from '../../src/services/corpus/metadata.js';
import { looksLikeCaption } from '../../src/services/corpus/caption.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/articles/${name}.txt`, import.meta.url), 'utf8');
const decisionOf = (text: string, start: string) => classifyLines(text).find((d) => d.text.startsWith(start));

describe('a photo caption is not the lead', () => {
  const text = fixture('23_photo_legende_georgie');
  const article = cleanArticle('23', text);

  it('drops the caption right under the headline, and one between paragraphs', () => {
    expect(decisionOf(text, 'Des manifestants brandissent')).toMatchObject({ verdict: 'boilerplate', reason: 'légende de photo' });
    expect(decisionOf(text, 'Le chef de la diplomatie européenne, Josep Borrell, à Bruxelles')?.verdict).toBe('boilerplate');
    expect(article.paragraphs[0]).toMatch(/^Le Parlement géorgien a adopté mardi/);
  });

  it('keeps a sentence that reports an event, even when it ends on a place and a date', () => {
    expect(looksLikeCaption('Le Parlement géorgien a adopté la loi en troisième lecture, à Tbilissi, le 14 mai 2024.')).toBe(false);
    expect(looksLikeCaption('Des policiers face aux manifestants devant le Parlement, à Tbilissi, mardi 14 mai.')).toBe(true);
    expect(looksLikeCaption('Photo : la présidente Salomé Zourabichvili à Tbilissi.')).toBe(true);
    // « Photo prise le … montrant … », maybe behind a layout bar; not a sentence about a photo.
    expect(looksLikeCaption('|Photo prise le 2 mars 2025 montrant la salle du Parlement géorgien avant le vote.')).toBe(true);
    expect(looksLikeCaption('Photos prises par un habitant montrant la fumée au-dessus de Batoumi.')).toBe(true);
    expect(looksLikeCaption('La photo prise le 2 mars a fait le tour des réseaux sociaux géorgiens.')).toBe(false);
    expect(article.paragraphs.some((p) => p.startsWith('Josep Borrell a estimé'))).toBe(true);
  });
});

describe('a live blog', () => {
  const text = fixture('21_direct_serbie_manifestations');
  const article = cleanArticle('21', text);

  it('drops its furniture: opening and closing words, « voir plus » links, times, promotion', () => {
    for (const line of ['Ce direct est désormais terminé', 'Suivre ce direct', 'Voir plus de posts', 'Lire la suite', 'Retrouvez l\'ensemble', 'Bonjour et bienvenue', '23:41']) {
      expect(decisionOf(text, line)?.verdict, line).toBe('boilerplate');
      expect(article.paragraphs.join('\n')).not.toContain(line);
    }
  });

  it('drops a greeting that opens on its time stamp, and keeps a post that opens on one', () => {
    const page =
      'DIRECT. Inondations en Slovénie\n\n10h05. Les secours ont évacué 300 habitants de Celje dans la nuit, selon la protection civile.\n\n' +
      '06h30. Bonjour et bienvenue dans ce direct consacré aux inondations en Europe centrale.\n';
    const paragraphs = cleanArticle('x', page).paragraphs.join('\n');
    expect(paragraphs).not.toContain('bienvenue');
    expect(paragraphs).toContain('Les secours ont évacué 300 habitants de Celje');
  });

  it('keeps every post, including one that says « direct » in passing', () => {
    expect(article.paragraphs).toHaveLength(5);
    expect(article.paragraphs[0]).toMatch(/^Des dizaines de milliers de personnes ont manifesté samedi/);
    const page = 'Serbie : la mobilisation continue\n\nLes étudiants ont retransmis en direct leur assemblée générale, qui s’est terminée tard dans la nuit à Novi Sad.\n\nLe gouvernement a promis une enquête indépendante sur l’effondrement de la gare.\n';
    expect(cleanArticle('x', page).paragraphs).toHaveLength(2);
  });
});

describe('list bullets', () => {
  const text = fixture('24_liste_sanctions_ue');
  const article = cleanArticle('24', text);

  it('strips the bullet and keeps the content of a real item', () => {
    expect(article.paragraphs).toContain('116 personnes et entités ajoutées à la liste des sanctions');
    expect(article.paragraphs.some((p) => p.startsWith('des mesures contre la « flotte fantôme »'))).toBe(true);
    for (const p of article.paragraphs) expect(p).not.toMatch(/^[-–•]\s/);
  });

  it('drops a one-word item and a bulleted navigation menu', () => {
    expect(article.paragraphs).not.toContain('Hongrie');
    const page = 'Titre\n\n- Accueil\n- Monde\n- Europe\n\nLes Vingt-Sept ont approuvé lundi un nouveau paquet de sanctions contre la Russie, le quatorzième depuis 2022.\n';
    expect(cleanArticle('x', page).paragraphs).toEqual(['Les Vingt-Sept ont approuvé lundi un nouveau paquet de sanctions contre la Russie, le quatorzième depuis 2022.']);
  });
});

describe('datelines', () => {
  it('moves « KIEV, 12 mars (Reuters) — » out of the lead and into the metadata', () => {
    const article = cleanArticle('20', fixture('20_reuters_kiev_frappes'));
    expect(article.place).toBe('Kiev');
    expect(article.paragraphs[0]).toMatch(/^Des frappes russes de missiles et de drones ont visé/);
    expect(article.date).toBe('2025-03-12');
  });

  it('reads « (Bruxelles) » and a dated dateline, whose date stands in for a missing page date', () => {
    const article = cleanArticle('24', fixture('24_liste_sanctions_ue'));
    expect(article.place).toBe('Bruxelles');
    expect(article.paragraphs[0]).toMatch(/^Les ambassadeurs des Vingt-Sept/);
    const wire = cleanArticle('w', 'Le Kremlin rejette l’offre\n\nMoscou, 5 avril 2025 (AFP) – Le Kremlin a rejeté samedi la proposition de cessez-le-feu de trente jours présentée par Washington.\n\nLe porte-parole Dmitri Peskov a évoqué des « questions sans réponse ».\n');
    expect(wire).toMatchObject({ place: 'Moscou', date: '2025-04-05' });
    expect(wire.paragraphs[0]).toMatch(/^Le Kremlin a rejeté samedi/);
  });

  it('never cuts a sentence that merely starts with a place or an acronym', () => {
    for (const sentence of ['Kiev a subi mardi sa plus importante attaque de drones.', 'OTAN - Les alliés se réunissent à Vilnius.', 'La Russie — qui dément — a été accusée par Londres.']) {
      expect(parseDateline(sentence), sentence).toBeUndefined();
    }
    expect(parseDateline('WASHINGTON — Le Congrès a adopté mardi le budget.')).toMatchObject({ place: 'Washington' });
  });
});

describe('truncated paragraphs', () => {
  const text = fixture('25_tronque_otan_sommet');
  const article = cleanArticle('25', text);

  it('drops a copy of an earlier paragraph cut short, and the unfinished end of a page cut mid-word', () => {
    expect(article.paragraphs.filter((p) => p.startsWith('Les dirigeants des 32 pays'))).toHaveLength(1);
    const last = article.paragraphs.at(-1)!;
    expect(last).toBe('La Chine, qualifiée de « soutien décisif » à l\'effort de guerre russe, a dénoncé des accusations « sans fondement ».');
    expect(article.paragraphs.join(' ')).not.toContain('guerre fro');
  });

  it('drops a long truncated copy too, and keeps a last paragraph that ends properly', () => {
    const long = 'Les ministres des Affaires étrangères de l’Union européenne se sont réunis lundi à Bruxelles pour discuter du financement de la reconstruction de l’Ukraine, des garanties de sécurité promises à Kiev et de l’usage des avoirs russes gelés dans les banques européennes depuis le début de la guerre en février 2022.';
    const page = `Conseil des affaires étrangères\n\n${long}\n\nLa Hongrie a de nouveau bloqué une enveloppe de 6,6 milliards d’euros destinée à l’armée ukrainienne, selon plusieurs diplomates.\n\n${long.slice(0, 200)}…\n\nLa prochaine réunion est prévue en juin à Luxembourg.\n`;
    const cleaned = cleanArticle('x', page);
    expect(cleaned.paragraphs).toHaveLength(3);
    expect(cleaned.paragraphs.at(-1)).toBe('La prochaine réunion est prévue en juin à Luxembourg.');
    expect(decisionOf(page, long.slice(0, 100))?.verdict).toBe('body');
  });
});
