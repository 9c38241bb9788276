import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { Interaction } from 'discord.js';
import { InteractionRouter } from '../../src/bot/router.js';
import { createLogger } from '../../src/logger.js';
import type { CommandContext, SlashCommand } from '../../src/commands/command.js';
import type { PagingState } from '../../src/services/store/types.js';
import type { Reply } from '../../src/replies/reply.js';

type Call = { method: string; payload?: Record<string, unknown> };

/** A stand-in for a discord.js interaction that records what the router answers. */
function fakeInteraction(kind: 'command' | 'button' | 'autocomplete', init: Record<string, unknown>) {
  const calls: Call[] = [];
  const record = (method: string, flags: Partial<{ deferred: boolean; replied: boolean }> = {}) =>
    async (payload?: Record<string, unknown>) => {
      calls.push({ method, payload });
      Object.assign(interaction, flags);
    };
  const interaction: Record<string, unknown> = {
    id: '1400000000000000001',
    user: { id: 'user-1' },
    guildId: 'guild-1',
    channelId: 'channel-1',
    locale: 'fr',
    memberPermissions: null,
    deferred: false,
    replied: false,
    commandName: 'test',
    options: { data: [], getFocused: () => ({ name: 'nom', value: 'Rus' }) },
    isChatInputCommand: () => kind === 'command',
    isCommand: () => kind === 'command',
    isAutocomplete: () => kind === 'autocomplete',
    isButton: () => kind === 'button',
    isMessageComponent: () => kind === 'button',
    message: { components: [{ toJSON: () => ({ type: 1, components: [{ type: 2, custom_id: 'page:x:1', style: 2, label: 'Suivant' }] }) }] },
    reply: record('reply', { replied: true }),
    deferReply: record('deferReply', { deferred: true }),
    editReply: record('editReply', { replied: true }),
    followUp: record('followUp'),
    deleteReply: record('deleteReply'),
    update: record('update', { replied: true }),
    deferUpdate: record('deferUpdate', { deferred: true }),
    respond: async (choices: unknown) => void calls.push({ method: 'respond', payload: { choices } }),
    ...init,
  };
  return { interaction: interaction as unknown as Interaction, calls };
}

function memoryStore() {
  const states = new Map<string, PagingState>();
  return {
    states,
    async savePaging(state: PagingState) {
      states.set(state.id, state);
    },
    async getPaging(id: string, now = new Date()) {
      const state = states.get(id);
      return state && state.expiresAt > now ? state : undefined;
    },
  };
}

function setup(command: Partial<SlashCommand> & Pick<SlashCommand, 'execute'>, pagingTtlMs?: number) {
  const lines: string[] = [];
  const logger = createLogger('debug', new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }) as never, { pretty: false });
  const store = memoryStore();
  const full: SlashCommand = { data: { name: 'test', description: 'Test' }, defer: 'none', ...command };
  const router = new InteractionRouter({
    commands: [full],
    makeContext: (invoker) => ({ engine: {} as never, invoker, services: {} }) satisfies CommandContext,
    stateStore: store,
    logger,
    autoDeferMs: 50,
    ...(pagingTtlMs ? { pagingTtlMs } : {}),
  });
  return { router, store, lines };
}

const paged = (page: number): Reply => ({ tone: 'info', title: `Page ${page}`, items: [], page: { index: page, count: 3 } });
const embedOf = (call: Call | undefined) => (call?.payload?.embeds as Array<{ title: string; description?: string }>)[0]!;

describe('the interaction router', () => {
  it('a handler that throws is logged with structured fields and answered with an ephemeral French error', async () => {
    const { router, lines } = setup({ execute: async () => { throw new Error('boom'); } });
    const { interaction, calls } = fakeInteraction('command', {});
    await router.handle(interaction);
    expect(calls.map((c) => c.method)).toEqual(['reply']);
    expect(calls[0]!.payload!.flags).toBe(64);
    expect(embedOf(calls[0]).title).toBe('Une erreur est survenue');
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'interaction failed')!;
    expect(logged).toMatchObject({ command: 'test', userId: 'user-1', guildId: 'guild-1', interactionId: '1400000000000000001' });
    expect((logged.err as { message: string }).message).toBe('boom');
  });

  it('a deferred command answers by editing; an ephemeral answer after a public defer becomes a private follow-up', async () => {
    const { router } = setup({ defer: 'public', execute: async () => ({ tone: 'error', title: 'Introuvable', items: [], ephemeral: true }) });
    const { interaction, calls } = fakeInteraction('command', {});
    await router.handle(interaction);
    expect(calls.map((c) => c.method)).toEqual(['deferReply', 'deleteReply', 'followUp']);
    expect(calls[2]!.payload!.flags).toBe(64);
  });

  it('a slow command that did not ask to defer is deferred before Discord’s 3 s window closes', async () => {
    const { router } = setup({ execute: async () => (await new Promise((r) => setTimeout(r, 150)), paged(0)) });
    const { interaction, calls } = fakeInteraction('command', {});
    await router.handle(interaction);
    expect(calls.map((c) => c.method)).toEqual(['deferReply', 'editReply']);
  });

  it('a paged answer saves its state for the asking member and its buttons turn the page', async () => {
    const { router, store } = setup({ execute: async (_c, _o, page) => paged(page) });
    const first = fakeInteraction('command', {});
    await router.handle(first.interaction);
    const [state] = [...store.states.values()];
    expect(state).toMatchObject({ userId: 'user-1', command: 'test' });
    const rows = first.calls[0]!.payload!.components as Array<{ components: Array<{ custom_id: string }> }>;
    const next = rows[0]!.components[1]!.custom_id;
    expect(next).toBe(`page:${state!.id}:1`);

    const click = fakeInteraction('button', { customId: next });
    await router.handle(click.interaction);
    expect(click.calls.map((c) => c.method)).toEqual(['update']);
    expect(embedOf(click.calls[0]).title).toBe('Page 1');
  });

  it('the options a paged answer pins (its corpus snapshot) are given back at every page turn', async () => {
    const received: Array<Record<string, unknown>> = [];
    const { router, store } = setup({
      execute: async (_c, options, page) => {
        received.push({ ...options.values });
        return { ...paged(page), pagingOptions: { instantane: 41 } };
      },
    });
    const first = fakeInteraction('command', { options: { data: [{ name: 'requete', value: 'drones' }] } });
    await router.handle(first.interaction);
    const [state] = [...store.states.values()];
    await router.handle(fakeInteraction('button', { customId: `page:${state!.id}:1` }).interaction);
    await router.handle(fakeInteraction('button', { customId: `page:${state!.id}:2` }).interaction);
    expect(received).toEqual([{ requete: 'drones' }, { requete: 'drones', instantane: 41 }, { requete: 'drones', instantane: 41 }]);
  });

  it('another member’s click gets a polite private answer and the message is left alone', async () => {
    const { router, store } = setup({ execute: async (_c, _o, page) => paged(page) });
    await router.handle(fakeInteraction('command', {}).interaction);
    const [state] = [...store.states.values()];
    const click = fakeInteraction('button', { customId: `page:${state!.id}:1`, user: { id: 'user-2' } });
    await router.handle(click.interaction);
    expect(click.calls.map((c) => c.method)).toEqual(['reply']);
    expect(click.calls[0]!.payload!.flags).toBe(64);
    expect(embedOf(click.calls[0]).description).toContain('Seule la personne qui a lancé la commande');
  });

  it('an expired (or unknown after a restart) state disables the buttons and explains privately', async () => {
    const { router } = setup({ execute: async (_c, _o, page) => paged(page) });
    const click = fakeInteraction('button', { customId: 'page:gone123:1' });
    await router.handle(click.interaction);
    expect(click.calls.map((c) => c.method)).toEqual(['update', 'followUp']);
    const rows = click.calls[0]!.payload!.components as Array<{ components: Array<{ disabled: boolean }> }>;
    expect(rows[0]!.components.every((b) => b.disabled)).toBe(true);
    expect(click.calls[1]!.payload!.flags).toBe(64);
    expect(embedOf(click.calls[1]).title).toBe('Ces boutons ont expiré');
  });

  it('when the paging state expires, the buttons are disabled by editing the message', async () => {
    vi.useFakeTimers();
    try {
      const { router } = setup({ execute: async (_c, _o, page) => paged(page) }, 60_000);
      const { interaction, calls } = fakeInteraction('command', {});
      await router.handle(interaction);
      expect(calls.map((c) => c.method)).toEqual(['reply']);
      await vi.advanceTimersByTimeAsync(62_000);
      expect(calls.map((c) => c.method)).toEqual(['reply', 'editReply']);
      const rows = calls[1]!.payload!.components as Array<{ components: Array<{ disabled: boolean }> }>;
      expect(rows[0]!.components.map((b) => b.disabled)).toEqual([true, true]);
      router.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('autocomplete never throws: a failing handler answers an empty list', async () => {
    const { router } = setup({
      execute: async () => paged(0),
      autocomplete: async () => { throw new Error('index fermé'); },
    });
    const { interaction, calls } = fakeInteraction('autocomplete', {});
    await router.handle(interaction);
    expect(calls).toEqual([{ method: 'respond', payload: { choices: [] } }]);
  });

  it('a suggestion button runs its command as a new message', async () => {
    let received: unknown;
    const { router } = setup({ execute: async (_c, options) => ((received = options), { tone: 'info', title: 'Russie', items: [] }) });
    const click = fakeInteraction('button', { customId: 'run:test:nom=Russie' });
    await router.handle(click.interaction);
    expect(received).toEqual({ values: { nom: 'Russie' } });
    expect(click.calls.map((c) => c.method)).toEqual(['reply']);
    expect(click.calls[0]!.payload!.flags).toBeUndefined();
  });
});
