/**
 * Judge rules added after running the product on pages it had never seen (fixtures 40–49): the
 * outlet speaking to its audience (a newsletter's greeting, a TV anchor), « autre » opposing the
 * subject to one named before, « aussi » after the subject, a definite « cérémonie » or « prêt »
 * presented earlier. Sentences of my own, each rule both ways.
 */
import { describe, expect, it } from 'vitest';
import { judgeSentence } from '../../src/services/briefing/standalone.js';

const rules = (s: string) => judgeSentence(s).reasons.map((r) => r.rule);

describe('the outlet speaking to its audience', () => {
  it('is not news', () => {
    expect(rules('Ce soir, on s’intéresse aux élections en Roumanie, qui inquiètent Bruxelles.')).toContain('voice');
    expect(rules('On retrouve tout de suite notre envoyée spéciale à Bucarest, Claire Martin.')).toContain('voice');
    expect(rules('Aujourd’hui, nous revenons sur la crise entre Belgrade et Pristina.')).toContain('voice');
    expect(rules('Cette semaine, on vous explique pourquoi le gaz remonte.')).toContain('voice');
  });

  it('leaves an impersonal « on » and a quoted « nous » alone', () => {
    expect(rules('On dénombre au moins trente morts après le séisme de vendredi au Maroc.')).not.toContain('voice');
    expect(rules('« Nous ne céderons pas », a déclaré mardi le Premier ministre roumain.')).not.toContain('voice');
    expect(judgeSentence('On dénombre au moins trente morts après le séisme de vendredi au Maroc.').standsAlone).toBe(true);
    expect(rules('« Nous ne laisserons pas nos villages sans protection », a déclaré mardi le ministre arménien de la Défense.')).not.toContain('voice');
  });
});

describe('« autre » points back', () => {
  it('does not stand alone', () => {
    expect(rules('D’autres habitants, plus jeunes, disent vouloir rester à Kharkiv.')).toContain('anaphora');
    expect(rules('Une autre frappe a touché le port d’Odessa mardi.')).toContain('anaphora');
  });

  it('stands alone when « aussi » compares or adds inside « aussi bien »', () => {
    expect(rules('La Pologne est aussi peuplée que l’Espagne, selon Eurostat.')).not.toContain('connector');
    expect(rules('Les sanctions visent aussi bien les banques que les armateurs russes, a annoncé Bruxelles.')).not.toContain('connector');
    expect(rules('L’Égypte a autorisé d’autres vols vers Beyrouth mardi.')).not.toContain('anaphora');
  });
});

describe('label nouns presented before', () => {
  it('« la cérémonie », « le prêt », « le traité » alone point back', () => {
    expect(rules('Le président turc n’a pas assisté à la cérémonie.')).toContain('anaphora');
    expect(rules('Le traité doit encore être ratifié par les deux parlements.')).toContain('anaphora');
  });

  it('but not when a complement defines them', () => {
    expect(rules('Le traité de paix entre Erevan et Bakou a été signé samedi à Genève.')).not.toContain('anaphora');
  });
});
