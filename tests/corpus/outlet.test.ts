/**
 * Who published an article and who signed it, as readers see them: the `site` header, else the
 * address's host (never a file name); a byline without its words (`Par Avec AFP` → `AFP`).
 */
import { describe, expect, it } from 'vitest';
import { cleanAuthor, hostName, outletName } from '../../src/services/corpus/outlet.js';
import { cleanArticleFile } from '../../src/services/corpus/header.js';

describe('outletName', () => {
  it('takes the site the page named, else the host of its address without www', () => {
    expect(outletName('Armenpress', 'https://armenpress.am/fr/article/1227415')).toBe('Armenpress');
    expect(outletName(undefined, 'https://www.rferl.org/a/ue-sanctions/33216540.html')).toBe('rferl.org');
    expect(outletName('  ', 'https://fr.euronews.com/2026/12/07/x')).toBe('fr.euronews.com');
    // A slogan is not a name; a site name that is only digits or signs neither.
    expect(outletName(`Le Journal — ${'toute l’actualité '.repeat(5)}`, 'https://journal.example/a')).toBe('journal.example');
    expect(outletName('2026', 'https://journal.example/a')).toBe('journal.example');
  });

  it('has no outlet for a file with neither (a hand-written file), nor for an address that is not the web', () => {
    expect(outletName(undefined, undefined)).toBeUndefined();
    expect(hostName('file:///home/corpus/a.txt')).toBeUndefined();
    expect(hostName('pas une adresse')).toBeUndefined();
  });
});

describe('cleanAuthor', () => {
  it('keeps who signed, without the words of the byline', () => {
    expect(cleanAuthor('Par Avec AFP')).toBe('AFP');
    expect(cleanAuthor('By Jane Doe')).toBe('Jane Doe');
    expect(cleanAuthor('Par Jean Dupont avec AFP')).toBe('Jean Dupont avec AFP');
    expect(cleanAuthor('Dominique de Villepin')).toBe('Dominique de Villepin');
    expect(cleanAuthor('Par')).toBeUndefined();
  });

  it('is what the article file header gives as its author', () => {
    const article = cleanArticleFile(
      '20261206-x',
      '---\ntitle: L’UE élargit ses sanctions\nurl: https://www.rferl.org/a/1.html\nauthor: Par Avec AFP\n---\nL’Union européenne a adopté vendredi de nouvelles sanctions contre les médias d’État russes.\n',
    );
    expect(article.author).toBe('AFP');
  });
});
