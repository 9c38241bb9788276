/** What the bot says on its own (not a command's answer): French, short, polite. */
import { notice, type Reply } from '../replies/reply.js';

export const MESSAGES = {
  error: () =>
    notice('error', 'Une erreur est survenue', 'La commande n’a pas pu aboutir. Réessayez dans un instant ; si cela persiste, prévenez un administrateur.'),
  unknownCommand: () => notice('error', 'Commande inconnue', 'Cette commande n’existe plus. Tapez / pour voir celles qui sont disponibles.'),
  notYourPages: (command: string) =>
    notice('warning', 'Ces boutons ne sont pas pour vous', `Seule la personne qui a lancé la commande peut tourner ces pages. Lancez /${command} vous-même pour obtenir votre propre réponse.`),
  expired: () =>
    notice('warning', 'Ces boutons ont expiré', 'Cette réponse est trop ancienne pour changer de page. Relancez la commande pour obtenir une réponse à jour.'),
  unknownButton: () => notice('warning', 'Bouton inconnu', 'Ce bouton ne correspond plus à rien. Relancez la commande.'),
} satisfies Record<string, (...args: never[]) => Reply>;
