/**
 * Pages of shapes the cleaner had never met (tests/fixtures/articles/40–49, written before the
 * product was run on them): an agency correction note above the headline, a site's or section's
 * name above it, an e-mail export, readers' comments, a paywall cut mid-sentence, a list of
 * related links, footnotes, a genre label in capitals before the lead, an interview's byline, a
 * file in ISO-8859-15. Each rule is also shown to leave the close case alone.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { classifyLines, cleanArticle, dropNoteCalls } from '../../src/services/corpus/boilerplate.js';
import { decodeArticleBytes } from '../../src/services/corpus/decode.js';
import { parseMetadataLine } from '../../src/services/corpus/metadata.js';

const bytes = (name: string) => readFileSync(new URL(`../fixtures/articles/${name}.txt`, import.meta.url));
const page = (name: string) => {
  const decoded = decodeArticleBytes(bytes(name));
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.text;
};
const clean = (name: string) => cleanArticle(name, page(name));
const all = (paragraphs: string[]) => paragraphs.join('\n');

describe('the headline is not whatever the page prints first', () => {
  it('skips an agency correction note, and a site or section name above the headline', () => {
    expect(clean('40_afp_depeche_armenie_azerbaidjan').title).toMatch(/^Arménie-Azerbaïdjan: Erevan et Bakou signent/);
    expect(all(clean('40_afp_depeche_armenie_azerbaidjan').paragraphs)).not.toMatch(/CORRIGE/);
    expect(clean('41_lefigaro_armenie_accord').title).toMatch(/^Caucase : l'Arménie et l'Azerbaïdjan signent la paix/);
    expect(clean('48_liberation_soudan_chronologie').title).toMatch(/^Soudan : après la chute d'El-Obeid/);
    // Under the site's name, its motto too: the headline is the longer line.
    expect(clean('47_mediapart_armes_armenie').title).toMatch(/^Ventes d'armes : comment Paris/);
  });

  it('keeps a first line of four words or more, and a short first line when nothing else looks like a headline', () => {
    expect(cleanArticle('a', 'Sanctions : l’UE frappe fort\n\nLes Vingt-Sept ont adopté jeudi un nouveau paquet de sanctions contre la Russie, le vingtième depuis 2022.').title).toBe('Sanctions : l’UE frappe fort');
    expect(cleanArticle('b', 'Ukraine\n\nLes Vingt-Sept ont adopté jeudi un nouveau paquet de sanctions contre la Russie, le vingtième depuis 2022.').title).toBe('Ukraine');
    // A short sentence under a short title is the body, not a headline (it ends on a full stop).
    const tiny = cleanArticle('c', 'Un titre\n\nLa Chine a parlé de Taïwan ce mardi.\n');
    expect(tiny.title).toBe('Un titre');
    expect(tiny.paragraphs).toEqual(['La Chine a parlé de Taïwan ce mardi.']);
  });

  it('reads an e-mail export: the subject is the headline, the sending date the date, the header is not body', () => {
    const article = clean('46_newsletter_peche_brexit');
    expect(article.title).toBe('Pêche : Paris demande à Bruxelles de saisir le conseil de partenariat avec Londres');
    expect(article.date).toBe('2026-11-30');
    expect(all(article.paragraphs)).not.toMatch(/s'affiche pas|Vous recevez|désinscrire|abonne@/);
  });
});

describe('where the author’s text ends', () => {
  it('stops at readers’ comments', () => {
    const article = clean('41_lefigaro_armenie_accord');
    expect(article.paragraphs.at(-1)).toMatch(/ne resterait pas les bras croisés/);
    expect(article.paragraphs.length).toBe(7);
  });

  it('stops at a paywall, and drops the sentence it cut', () => {
    const article = clean('47_mediapart_armes_armenie');
    expect(article.paragraphs.at(-1)).toMatch(/saboter les négociations de paix\.$/);
    expect(all(article.paragraphs)).not.toMatch(/Il vous reste|journal indépendant/);
  });

  it('does not take a byline and its date for a reader’s comment', () => {
    const article = clean('48_liberation_soudan_chronologie');
    expect(article.author).toBe('Hugo Lemaire');
    expect(all(article.paragraphs)).toMatch(/25 novembre 2026 : chute d'El-Obeid/);
    expect(all(article.paragraphs)).toMatch(/Le Conseil de sécurité de l'ONU doit se réunir lundi/);
  });

  it('drops the list under a related-links heading and links marked « (lire) », keeps a signed quotation', () => {
    const rfi = clean('42_rfi_armenie_audio');
    expect(all(rfi.paragraphs)).not.toMatch(/ce que contient le traité|grande perdante/);
    const letter = clean('46_newsletter_peche_brexit');
    expect(all(letter.paragraphs)).not.toMatch(/\(lire\)|\(voir\)/);
    expect(all(letter.paragraphs)).toMatch(/variable d'ajustement du Brexit\. » — Gaëlle Riou, ministre de la Mer/);
    const notes = clean('49_touteleurope_avoirs_russes_latin9');
    expect(all(notes.paragraphs)).not.toMatch(/quelles sanctions l'UE/);
  });
});

describe('footnotes', () => {
  it('drops the notes and the calls glued to the text', () => {
    const article = clean('49_touteleurope_avoirs_russes_latin9');
    expect(all(article.paragraphs)).not.toMatch(/\[\d\]/);
    expect(all(article.paragraphs)).toMatch(/immobilisés dans l'Union\. Le texte doit encore/);
    expect(classifyLines(page('49_touteleurope_avoirs_russes_latin9')).find((d) => d.text.startsWith('[1] Règlement'))?.reason).toBe('note de bas de page');
  });

  it('leaves brackets that are not note calls', () => {
    expect(dropNoteCalls('La loi [de 2019] reste en vigueur.')).toBe('La loi [de 2019] reste en vigueur.');
    expect(dropNoteCalls('selon le rapport[12], puis')).toBe('selon le rapport, puis');
  });
});

describe('metadata of unseen shapes', () => {
  it('a genre label in capitals before the lead is stripped but is no place; a city is', () => {
    const figaro = clean('41_lefigaro_armenie_accord');
    expect(figaro.place).toBeUndefined();
    expect(figaro.paragraphs[0]).toMatch(/^Nikol Pachinian et Ilham Aliev ont signé/);
    expect(clean('43_entretien_armenie_qr').place).toBeUndefined();
    expect(clean('40_afp_depeche_armenie_azerbaidjan').place).toBe('Genève');
  });

  it('reads an interview’s byline and a lone name ending on a full stop', () => {
    expect(clean('43_entretien_armenie_qr').author).toBe('Clément Vasseur');
    expect(clean('45_ouestfrance_peche_saint_malo').author).toBe('Loïc Tanguy');
    expect(parseMetadataLine('Propos recueillis par Anne Martin')).toEqual({ author: 'Anne Martin' });
  });
});

describe('ISO-8859-15', () => {
  it('reads œ and € of a Latin-9 file, not ½ and ¤', () => {
    const text = page('49_touteleurope_avoirs_russes_latin9');
    expect(text).toMatch(/au cœur des discussions/);
    expect(text).toMatch(/140 milliards € adossés/);
    expect(text).not.toMatch(/[½¤]/);
  });

  it('keeps Windows-1252 when the file has its own characters (€ at 0x80)', () => {
    const cp1252 = iconv.encode('Un prêt de 140 milliards € au cœur du débat, a précisé la Commission européenne.', 'windows-1252');
    const decoded = decodeArticleBytes(cp1252);
    expect(decoded.ok && decoded.text).toMatch(/140 milliards € au cœur/);
    const latin9 = iconv.encode('Un prêt de 140 milliards € au cœur du débat, a précisé la Commission européenne.', 'iso-8859-15');
    const again = decodeArticleBytes(latin9);
    expect(again.ok && again.text).toMatch(/140 milliards € au cœur/);
  });
});
