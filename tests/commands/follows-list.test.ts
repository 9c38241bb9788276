/**
 * `/suivis` names a follow's role as the server does (`@Rédaction`), says when the server no longer
 * has it, and falls back to its id only where names cannot be known (a console without Discord).
 */
import { describe, expect, it } from 'vitest';
import { followsCommand } from '../../src/commands/follows.js';
import type { CommandContext } from '../../src/commands/command.js';
import type { FollowService } from '../../src/services/follows/service.js';
import { DEFAULT_FOLLOW_LIMITS } from '../../src/services/follows/plan.js';
import type { Follow } from '../../src/services/store/types.js';

const follow: Follow = {
  id: 'f0123456789',
  guildId: '111111111111111111',
  kind: 'actor',
  actorId: 'country:RUS',
  query: 'Russie',
  channelId: '222222222222222222',
  roleId: '333333333333333333',
  createdBy: 'u1',
  createdAt: new Date('2026-12-01T08:00:00Z'),
  createdAfterIndexMark: 0,
  alertsSent: 0,
  failures: 0,
  paused: false,
};

async function listWith(roleName: FollowService['roleName']): Promise<string> {
  const service = {
    limits: DEFAULT_FOLLOW_LIMITS,
    add: async () => ({ status: 'empty-query' }),
    list: async () => [follow],
    remove: async () => false,
    checkChannel: async () => ({ status: 'ok', name: 'alertes' }),
    roleName,
  } as unknown as FollowService;
  const context: CommandContext = { engine: {} as CommandContext['engine'], invoker: { userId: 'u1', guildId: follow.guildId, canManageGuild: true }, services: { follows: service } };
  const reply = await followsCommand.execute(context, { values: {} }, 0);
  return (reply.fields ?? []).flatMap((f) => f.lines).join('\n');
}

describe('/suivis shows the role', () => {
  it('by its name on the server', async () => {
    const text = await listWith(async () => 'Rédaction');
    expect(text).toContain('#alertes · rôle mentionné : @Rédaction');
    expect(text).not.toContain(follow.roleId!);
  });

  it('as gone when the server no longer has it', async () => {
    expect(await listWith(async () => undefined)).toContain('rôle mentionné introuvable sur ce serveur');
  });

  it('by its id, said as such, where names are unknown', async () => {
    expect(await listWith(async () => null)).toContain(`rôle mentionné : identifiant ${follow.roleId}`);
  });
});
