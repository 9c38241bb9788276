/**
 * The follows from the command line (same service as `/suivre` and `/suivis`):
 *   follow add actor <nom> | follow add subject <mots…>  [--guild G] [--channel C] [--role R]
 *   follow list [--guild G]
 *   follow remove <id> [--guild G]
 *   alerts --since 24h      what the arrivals of that period would have posted (nothing is posted or recorded)
 * `--guild` defaults to DISCORD_GUILD_ID, else the local console's server (`console`); `--channel`
 * to DIGEST_CHANNEL_ID, else `console`. Text by default, one JSON object with --json.
 */
import { UserError } from './json.js';
import type { Follow } from '../services/store/types.js';
import type { FollowService, PlannedAlert } from '../services/follows/service.js';
import { followSubject } from '../services/follows/alert.js';
import { alertReply } from '../replies/alert.js';
import { renderConsole } from '../replies/console.js';
import { countOf } from '../replies/text.js';

export const FOLLOW_USAGE = `  follow add actor <nom> | follow add subject <mots>   suivre un acteur ou un sujet (--guild, --channel, --role)
  follow list | follow remove <id>   les suivis d'un serveur (--guild), en retirer un
  alerts --since 24h                 ce que les suivis auraient publié (rien n'est publié ni enregistré)`;

export interface FollowCliOptions {
  guild?: string;
  channel?: string;
  role?: string;
  since?: string;
  json: boolean;
}

/** `24h`, `90m`, `2d` → milliseconds. */
export function parseSince(text: string | undefined): number {
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*(m|min|h|d|j)\s*$/i.exec(text ?? '');
  if (!match) throw new UserError(`Durée invalide ${JSON.stringify(text ?? '')} : écrivez par exemple --since 24h, 90m ou 2d.`);
  const value = Number(match[1]!.replace(',', '.'));
  const unit = match[2]!.toLowerCase();
  return Math.round(value * (unit.startsWith('m') ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000));
}

function followJson(f: Follow) {
  return {
    id: f.id,
    guildId: f.guildId,
    kind: f.kind,
    ...(f.actorId ? { actorId: f.actorId } : {}),
    query: f.query,
    channelId: f.channelId,
    ...(f.roleId ? { roleId: f.roleId } : {}),
    createdAt: f.createdAt.toISOString(),
    alertsSent: f.alertsSent,
    ...(f.lastAlertAt ? { lastAlertAt: f.lastAlertAt.toISOString() } : {}),
    failures: f.failures,
    paused: f.paused,
    ...(f.lastError ? { lastError: f.lastError } : {}),
  };
}

function followLine(f: Follow): string {
  const state = f.paused ? `en pause${f.lastError ? ` (${f.lastError})` : ''}` : 'actif';
  return `${f.id}  ${followSubject(f)} (${f.kind === 'actor' ? 'acteur' : 'sujet'}) → salon ${f.channelId}${f.roleId ? `, rôle ${f.roleId}` : ''} · ${countOf(f.alertsSent, 'alerte')} · ${state}`;
}

function plannedJson(p: PlannedAlert) {
  return {
    followId: p.follow.id,
    guildId: p.follow.guildId,
    channelId: p.follow.channelId,
    ...(p.follow.roleId ? { roleId: p.follow.roleId } : {}),
    subject: followSubject(p.follow),
    kind: p.kind,
    storyKey: p.storyKey,
    articleIds: p.articleIds,
    ...(p.alert ? { stories: p.alert.stories, articleCount: p.alert.articleCount } : {}),
  };
}

/** Runs `follow …` or `alerts …`; returns what to print. */
export async function runFollowCli(
  service: FollowService,
  command: 'follow' | 'alerts',
  args: readonly string[],
  options: FollowCliOptions,
  defaults: { guildId: string; channelId: string },
  now: Date = new Date(),
): Promise<string> {
  const guildId = options.guild ?? defaults.guildId;
  const out = (value: unknown, text: string) => (options.json ? JSON.stringify(value) : text);
  if (command === 'alerts') {
    const sinceMs = parseSince(options.since ?? '24h');
    const planned = await service.dryRun(now.getTime() - sinceMs, now);
    const text =
      planned.length === 0
        ? `Aucune alerte n’aurait été publiée depuis ${options.since ?? '24h'}.`
        : planned
            .map((p) => {
              const where = `→ serveur ${p.follow.guildId}, salon ${p.follow.channelId}${p.follow.roleId ? `, mention du rôle ${p.follow.roleId}` : ''}`;
              if (!p.alert) return `${where}\n${followSubject(p.follow)} : ${countOf(p.articleIds.length, 'article')} de plus dans l’alerte ${p.storyKey} (message modifié)`;
              return `${where}\n${renderConsole(alertReply(p.alert), { color: false })}`;
            })
            .join('\n\n');
    return out({ since: new Date(now.getTime() - sinceMs).toISOString(), alerts: planned.map(plannedJson) }, text);
  }
  const [action, ...rest] = args;
  if (action === 'list') {
    const follows = await service.list(guildId);
    return out({ guildId, follows: follows.map(followJson) }, follows.length === 0 ? `Aucun suivi sur le serveur ${guildId}.` : follows.map(followLine).join('\n'));
  }
  if (action === 'remove') {
    const id = rest[0];
    if (!id) throw new UserError('Quel suivi retirer ? npm run cli -- follow remove <id> (follow list les donne).');
    if (!(await service.remove(guildId, id))) throw new UserError(`Aucun suivi ${id} sur le serveur ${guildId}.`);
    return out({ removed: id, guildId }, `Suivi ${id} retiré.`);
  }
  if (action === 'add') {
    const [kind, ...words] = rest;
    if ((kind !== 'actor' && kind !== 'subject') || words.length === 0) {
      throw new UserError('Usage : follow add actor <nom> | follow add subject <mots> [--guild G] [--channel C] [--role R]');
    }
    if (options.role && !/^\d{5,20}$/.test(options.role)) throw new UserError('--role attend l’identifiant d’un rôle (jamais @everyone ni @here).');
    const outcome = await service.add({
      guildId,
      kind,
      target: words.join(' '),
      channelId: options.channel ?? defaults.channelId,
      ...(options.role ? { roleId: options.role } : {}),
      createdBy: 'cli',
    });
    if (outcome.status === 'unknown-actor') throw new UserError(`Aucun acteur du corpus ne correspond à « ${outcome.query} ».`, outcome.suggestions);
    if (outcome.status === 'empty-query') throw new UserError('Le sujet doit contenir au moins un mot.');
    if (outcome.status === 'cap') throw new UserError(`Le serveur ${guildId} a déjà ${outcome.count} suivis (maximum ${outcome.max}).`);
    return out({ status: outcome.status, follow: followJson(outcome.follow) }, `${outcome.status === 'created' ? 'Suivi créé' : 'Suivi existant, mis à jour'} : ${followLine(outcome.follow)}`);
  }
  throw new UserError('Usage : follow add|list|remove … (npm run cli -- --help)');
}
