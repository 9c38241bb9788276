/**
 * The cleaner on pages' main text as the feeds extract it: quotation marks of other conventions
 * (German „ … “, » … «) close a sentence, and a one-word section heading between two paragraphs
 * of an extracted text is a heading, not a stray fragment. Each rule with the close case it must
 * leave alone.
 */
import { describe, expect, it } from 'vitest';
import { classifyLines, cleanArticle } from '../../src/services/corpus/boilerplate.js';
import { looksLikeCaption } from '../../src/services/corpus/caption.js';

const decisionOf = (text: string, start: string, extracted = false) =>
  (extracted ? undefined : classifyLines(text))?.find((d) => d.text.startsWith(start));

const GERMAN =
  'Streit um die Streamingerlöse\n\n' +
  'Die Manager von vierzehn Musikstars fordern von den Plattenfirmen einen größeren Anteil an den Erlösen aus dem Streaming.\n\n' +
  'Die Plattenfirmen halten dagegen, das heutige Modell sei das einzige, das sich mit vertretbarem Aufwand abrechnen lasse.\n\n';

describe('a sentence closed by a quotation mark of another convention', () => {
  it('keeps a last paragraph that ends inside German quotes („ … “)', () => {
    const page = `${GERMAN}Es gehe um „Transparenz und Fairness“, heißt es: „Der Nachwuchs hat kaum mehr eine Chance, mit Musik Geld zu verdienen.“\n`;
    expect(cleanArticle('de', page).paragraphs.at(-1)).toMatch(/Geld zu verdienen\.“$/);
  });

  it('keeps one that ends inside reversed guillemets (» … «)', () => {
    const page = `${GERMAN}Der Aktivist sagt: »Wir kriegen trotzdem keinen Mietenstopp hin.«\n`;
    expect(cleanArticle('de', page).paragraphs.at(-1)).toBe('Der Aktivist sagt: »Wir kriegen trotzdem keinen Mietenstopp hin.«');
  });

  it('still drops the unfinished sentence of a page cut inside a quotation', () => {
    const page = `${GERMAN}Die Künstler sind mit dem heutigen Modell seit Jahren unzufrieden. Es gehe um „Transparenz und Fairness“, heißt es in der gemeinsamen Mitteil\n`;
    const last = cleanArticle('de', page).paragraphs.at(-1);
    expect(last).toBe('Die Künstler sind mit dem heutigen Modell seit Jahren unzufrieden.');
  });
});

describe('a one-word section heading in an extracted main text', () => {
  const body =
    'Titre de l’article\n\n' +
    'Au moins, avec les guillemets, on sait qui parle et on identifie une source, écrit le chroniqueur dans sa dernière livraison.\n\n' +
    '%HEADING%\n\n' +
    'Les éditions Allia viennent de rééditer l’ouvrage d’Éric Chauvier, augmenté d’un chapitre sur les réseaux sociaux et leur langue.\n\n' +
    'Le livre dénonce le caractère intimidant de certains mots que l’on prononce pour décourager toute tentative de compréhension.\n';

  it('is kept with the paragraphs of an extracted page', () => {
    const article = cleanArticle('x', body.replace('%HEADING%', 'Performativité'), { extracted: true });
    expect(article.paragraphs).toContain('Performativité');
  });

  it('is not kept from a page read whole, nor when it is a lower-case word, a number or a label ending in a colon', () => {
    expect(cleanArticle('x', body.replace('%HEADING%', 'Performativité')).paragraphs).not.toContain('Performativité');
    // An advertisement's label is furniture whatever its language.
    for (const word of ['performativité', '2025', 'Sommaire :', 'X', 'Anzeige', 'Publicité', 'Advertisement']) {
      expect(cleanArticle('x', body.replace('%HEADING%', word), { extracted: true }).paragraphs, word).not.toContain(word);
    }
  });

  it('is not kept at the edge of the text (a label above or under the article)', () => {
    const atEnd = `${body.replace('%HEADING%\n\n', '')}\nPartenaires\n`;
    expect(cleanArticle('x', atEnd, { extracted: true }).paragraphs).not.toContain('Partenaires');
    expect(decisionOf(atEnd, 'Partenaires')?.verdict).toBe('boilerplate');
  });
});

describe('a caption closed by its photo credit', () => {
  const page = (caption: string) =>
    'Tempête de neige sur la côte est\n\n' +
    'Des centaines de vols ont été annulés samedi à Boston en prévision d’une tempête accompagnée de fortes chutes de neige.\n\n' +
    `${caption}\n\n` +
    'Le maire a demandé aux habitants de rester chez eux pendant tout le week-end et de laisser les rues aux chasse-neige.\n';

  it('is dropped wherever it sits, with the credit after « Photo: » or « Crédit : »', () => {
    for (const caption of ['Un ouvrier déblaie le trottoir devant une boutique de Boston, samedi matin. Photo: AP/Michael Dwyer', 'Une habitante achète une pelle dans une quincaillerie du centre. Crédit : Getty Images/J. Prezioso']) {
      expect(cleanArticle('x', page(caption), { extracted: true }).paragraphs.join('\n'), caption).not.toContain(caption.slice(0, 30));
      expect(classifyLines(page(caption)).find((d) => d.text === caption)?.reason).toBe('légende de photo');
    }
  });

  it('is a caption when an agency and its photographer close it, after a sentence or a dash', () => {
    expect(looksLikeCaption('Le secrétaire général estime que « les perspectives de paix se réduisent ». AFP/Ed JONES.')).toBe(true);
    expect(looksLikeCaption('Des soldats ukrainiens près de Bakhmout — AP/Emilio Morenatti')).toBe(true);
    // An agency named in a sentence, or a ratio, is no credit.
    expect(looksLikeCaption('Selon l’AFP/Reuters, les combats ont repris lundi autour de Bakhmout et de Soledar.')).toBe(false);
    expect(looksLikeCaption('Le ministre a cité l’AFP et Reuters, qui publient des chiffres différents pour 24/7.')).toBe(false);
  });

  it('leaves a sentence that names a photo and goes on, or whose words after the colon are a sentence', () => {
    const sentence = 'Le maire a publié une photo : elle montre les rues vides du centre-ville, couvertes de trente centimètres de neige.';
    expect(cleanArticle('x', page(sentence), { extracted: true }).paragraphs).toContain(sentence);
  });
});

describe('an image’s alt text glued to the end of a paragraph', () => {
  const body = (glued: string, caption: string) =>
    'Tempête de neige sur la côte est\n\n' +
    `Le maire a prévenu que trente centimètres de neige étaient attendus sur la ville, la nature faisant ce qu’elle veut.${glued}\n\n` +
    `${caption}\n\n` +
    'Quelque 3 400 vols ont déjà été annulés pour la journée de samedi, selon les sites de suivi des vols.\n';

  it('is cut when the caption under it starts with the same words', () => {
    const paragraphs = cleanArticle('x', body('Un ouvrier déblaie le trottoir à l\'aide d\'une souffleuse.', 'Un ouvrier déblaie le trottoir à l’aide d’une souffleuse, à Boston. Photo: AP/Michael Dwyer'), { extracted: true }).paragraphs;
    expect(paragraphs[0]).toBe('Le maire a prévenu que trente centimètres de neige étaient attendus sur la ville, la nature faisant ce qu’elle veut.');
  });

  it('is left when the next line says something else (a glued sentence of the author)', () => {
    const paragraphs = cleanArticle('x', body('Les écoles resteront fermées lundi.', 'Les transports publics fonctionneront au ralenti jusqu’à mardi, selon la mairie de Boston.')).paragraphs;
    expect(paragraphs[0]).toContain('Les écoles resteront fermées lundi.');
  });
});

describe('a teaser’s label alone', () => {
  it('is furniture (« À VOIR », « À découvrir »), and a sentence that starts with « À voir » is not', () => {
    for (const label of ['A VOIR', 'À découvrir', 'À écouter']) expect(decisionOf(`Titre\n\nUn paragraphe du corps de l’article qui parle de la guerre en Ukraine depuis des mois.\n\n${label}\n\nUn autre paragraphe du corps de l’article, sur les combats de la semaine.\n`, label)?.reason, label).toBe('renvoi vers un autre article');
    const sentence = 'À voir la réaction des marchés, la décision de la banque centrale était attendue.';
    expect(cleanArticle('x', `Titre\n\n${sentence}\n\nUn autre paragraphe du corps de l’article, sur les marchés de la semaine.\n`).paragraphs).toContain(sentence);
  });
});
