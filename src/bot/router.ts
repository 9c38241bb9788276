/**
 * The one place interactions are dispatched: slash commands, autocomplete, paging and suggestion
 * buttons. Every interaction gets an answer, and nothing a handler does can crash the bot.
 */
import {
  ComponentType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageComponentInteraction,
} from 'discord.js';
import type { Logger } from '../logger.js';
import type { CommandContext, CommandOptions, Invoker, SlashCommand } from '../commands/command.js';
import type { Choice } from '../services/engine.js';
import type { PagingState, StateStore } from '../services/store/types.js';
import type { Reply } from '../replies/reply.js';
import type { Pictures } from '../replies/chart.js';

export type { Pictures };
import { limitViolations, renderDiscord, type DiscordMessage, type RenderControls } from '../replies/discord.js';
import { inertForDisplay, truncate } from '../replies/escape.js';
import { AUTOCOMPLETE_CHOICES_MAX, CHOICE_NAME_MAX, CHOICE_VALUE_MAX, codePointLength } from '../replies/limits.js';
import { MESSAGES } from './messages.js';
import { newStateId, pageCustomId, parseCustomId, suggestionCustomId } from './custom-ids.js';
import { invokerOf, optionsOf, parseStoredOptions } from './interaction-data.js';
import { Responder } from './responder.js';

export interface RouterOptions {
  commands: readonly SlashCommand[];
  /** Builds the handlers' context for one invoker (engine, services). */
  makeContext: (invoker: Invoker) => CommandContext | Promise<CommandContext>;
  stateStore: Pick<StateStore, 'savePaging' | 'getPaging'>;
  logger: Logger;
  /** How long page buttons keep working after the last use. Default 10 minutes (tokens live 15). */
  pagingTtlMs?: number;
  /** A command that does not defer is deferred anyway after this long. Default 2 000 ms (Discord allows 3 s). */
  autoDeferMs?: number;
  /** Autocomplete gives up (answers nothing) after this long. Default 2 500 ms. */
  autocompleteTimeoutMs?: number;
  /** Draws replies' charts (PNG); without it, answers go without their picture. */
  pictures?: Pictures;
  /** Injectable clock. */
  now?: () => Date;
}


export const DEFAULT_PAGING_TTL_MS = 10 * 60_000;

export class InteractionRouter {
  private readonly byName: Map<string, SlashCommand>;
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  private readonly pagingTtlMs: number;
  private readonly autoDeferMs: number;
  private readonly autocompleteTimeoutMs: number;
  private readonly now: () => Date;
  private disposed = false;

  constructor(private readonly options: RouterOptions) {
    this.byName = new Map(options.commands.map((c) => [c.data.name, c]));
    this.pagingTtlMs = options.pagingTtlMs ?? DEFAULT_PAGING_TTL_MS;
    this.autoDeferMs = options.autoDeferMs ?? 2_000;
    this.autocompleteTimeoutMs = options.autocompleteTimeoutMs ?? 2_500;
    this.now = options.now ?? (() => new Date());
  }

  /** Handles one interaction. Never throws. */
  async handle(interaction: Interaction): Promise<void> {
    const log = this.options.logger.child(fieldsOf(interaction));
    const started = Date.now();
    let responder: Responder | undefined;
    try {
      if (interaction.isChatInputCommand()) {
        responder = new Responder(interaction, 'reply');
        await this.chatInput(interaction, responder, log);
      } else if (interaction.isAutocomplete()) {
        await this.autocomplete(interaction, log);
      } else if (interaction.isButton()) {
        const action = parseCustomId(interaction.customId);
        responder = new Responder(interaction, action?.kind === 'page' ? 'update' : 'reply');
        await this.button(interaction, responder, log);
      } else {
        log.debug('interaction ignored');
        return;
      }
      log.info({ ms: Date.now() - started }, 'interaction handled');
    } catch (error) {
      log.error({ err: error, ms: Date.now() - started }, 'interaction failed');
      if (responder) {
        try {
          await responder.notice(renderDiscord(MESSAGES.error()));
        } catch (answerError) {
          log.warn({ err: answerError }, 'could not send the error answer');
        }
      }
    }
  }

  /** Stops the expiry timers (the bot is shutting down). */
  dispose(): void {
    this.disposed = true;
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
  }

  private async chatInput(interaction: ChatInputCommandInteraction, responder: Responder, log: Logger): Promise<void> {
    const command = this.byName.get(interaction.commandName);
    if (!command) {
      log.warn('unknown command');
      await responder.notice(renderDiscord(MESSAGES.unknownCommand()));
      return;
    }
    await this.runCommand(interaction, responder, command, optionsOf(interaction.options.data), log);
  }

  /** Runs a command for page 0 and answers with a new message (slash command or suggestion). */
  private async runCommand(
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    responder: Responder,
    command: SlashCommand,
    options: CommandOptions,
    log: Logger,
  ): Promise<void> {
    if (command.defer !== 'none') await responder.defer(command.defer);
    const invoker = invokerOf(interaction);
    const { reply, picture } = await this.execute(responder, command, invoker, options, 0, log);
    let controls: RenderControls = { suggestionId: (_i, s) => suggestionCustomId(s) };
    let state: PagingState | undefined;
    if (reply.page && reply.page.count > 1) {
      const createdAt = this.now();
      state = {
        id: newStateId(),
        userId: invoker.userId,
        command: command.data.name,
        // With what the answer pins (a corpus snapshot), so that every page reads the same order.
        options: { ...options, values: { ...options.values, ...reply.pagingOptions } },
        createdAt,
        expiresAt: new Date(createdAt.getTime() + this.pagingTtlMs),
      };
      await this.options.stateStore.savePaging(state);
      const stateId = state.id;
      controls = { ...controls, pageId: (n) => pageCustomId(stateId, n) };
    }
    await responder.answer(this.render(reply, controls, log, picture));
    if (state) this.scheduleExpiry(state.id, interaction, reply, controls, log);
  }

  private async button(interaction: ButtonInteraction, responder: Responder, log: Logger): Promise<void> {
    const action = parseCustomId(interaction.customId);
    if (!action) {
      log.warn('unknown button');
      await responder.notice(renderDiscord(MESSAGES.unknownButton()));
      return;
    }
    if (action.kind === 'run') {
      const command = this.byName.get(action.command);
      if (!command) {
        await responder.notice(renderDiscord(MESSAGES.unknownCommand()));
        return;
      }
      const { subcommand, ...values } = action.options;
      const options: CommandOptions = subcommand ? { subcommand, values } : { values };
      await this.runCommand(interaction, responder, command, options, log);
      return;
    }

    const state = await this.options.stateStore.getPaging(action.stateId, this.now());
    const command = state ? this.byName.get(state.command) : undefined;
    if (!state || !command) {
      log.info({ stateId: action.stateId }, 'expired paging button');
      await this.answerExpired(interaction, responder, log);
      return;
    }
    if (state.userId !== interaction.user.id) {
      await responder.notice(renderDiscord(MESSAGES.notYourPages(state.command)));
      return;
    }
    if (command.defer !== 'none') await responder.defer('public');
    const { reply, picture } = await this.execute(responder, command, invokerOf(interaction), parseStoredOptions(state.options), action.page, log);
    // Each use gives the buttons a new lease of life.
    const refreshed: PagingState = { ...state, expiresAt: new Date(this.now().getTime() + this.pagingTtlMs) };
    await this.options.stateStore.savePaging(refreshed);
    const controls: RenderControls = {
      pageId: (n) => pageCustomId(state.id, n),
      suggestionId: (_i, s) => suggestionCustomId(s),
    };
    await responder.answer(this.render(reply, controls, log, picture));
    this.scheduleExpiry(state.id, interaction, reply, controls, log);
  }

  /** Disables the buttons of the message clicked, then tells the member why, privately. */
  private async answerExpired(interaction: ButtonInteraction, responder: Responder, log: Logger): Promise<void> {
    try {
      await interaction.update({ components: disabledComponents(interaction) });
    } catch (error) {
      log.debug({ err: error }, 'could not disable the expired buttons');
    }
    await responder.notice(renderDiscord(MESSAGES.expired()));
  }

  private async autocomplete(interaction: AutocompleteInteraction, log: Logger): Promise<void> {
    let choices: Choice[] = [];
    try {
      const command = this.byName.get(interaction.commandName);
      const focused = interaction.options.getFocused(true);
      if (command?.autocomplete) {
        const context = await this.options.makeContext(invokerOf(interaction));
        choices = await withTimeout(
          command.autocomplete(context, focused.name, String(focused.value ?? '')),
          this.autocompleteTimeoutMs,
        );
      }
    } catch (error) {
      log.warn({ err: error }, 'autocomplete failed');
      choices = [];
    }
    try {
      await interaction.respond(clampChoices(choices));
    } catch (error) {
      // Usually the user typed on and Discord dropped this request: nothing to answer any more.
      log.debug({ err: error }, 'autocomplete answer not delivered');
    }
  }

  /**
   * Runs a handler and draws its reply's picture; acknowledges in time if both together are
   * slower than expected (Discord's 3-second window covers the picture too).
   */
  private async execute(
    responder: Responder,
    command: SlashCommand,
    invoker: Invoker,
    options: CommandOptions,
    page: number,
    log: Logger,
  ): Promise<{ reply: Reply; picture?: Buffer }> {
    let deferring: Promise<void> | undefined;
    const timer = setTimeout(() => {
      if (!responder.acknowledged) deferring = responder.defer('public').catch(() => undefined);
    }, this.autoDeferMs);
    try {
      const context = await this.options.makeContext(invoker);
      const reply = await command.execute(context, options, page);
      const picture = await this.draw(reply, log);
      return picture ? { reply, picture } : { reply };
    } finally {
      clearTimeout(timer);
      await deferring;
    }
  }

  /** The reply's picture; the answer matters more: one that cannot be drawn is left out, not the answer. */
  private async draw(reply: Reply, log: Logger): Promise<Buffer | undefined> {
    if (!reply.chart || !this.options.pictures) return undefined;
    return this.options.pictures.render(reply.chart).catch((error: unknown) => {
      log.warn({ err: error, chart: reply.chart?.cacheKey }, 'picture not drawn');
      return undefined;
    });
  }

  private render(reply: Reply, controls: RenderControls, log: Logger, picture?: Buffer): DiscordMessage {
    const message = renderDiscord(reply, controls, picture);
    const problems = limitViolations(message);
    if (problems.length > 0) log.error({ problems }, 'rendered message breaks Discord limits');
    return message;
  }

  /**
   * When the paging state expires, the buttons are shown disabled. The edit goes through the last
   * interaction's token (valid 15 minutes), so it works while the TTL is shorter than that.
   */
  private scheduleExpiry(
    stateId: string,
    interaction: ChatInputCommandInteraction | MessageComponentInteraction,
    reply: Reply,
    controls: RenderControls,
    log: Logger,
  ): void {
    if (this.disposed) return;
    clearTimeout(this.expiryTimers.get(stateId));
    const timer = setTimeout(() => {
      this.expiryTimers.delete(stateId);
      const components = renderDiscord(reply, { ...controls, disabled: true }).components;
      interaction.editReply({ components }).catch((error: unknown) => {
        log.debug({ err: error, stateId }, 'could not disable expired page buttons');
      });
    }, this.pagingTtlMs + 1_000);
    timer.unref();
    this.expiryTimers.set(stateId, timer);
  }
}

/** Choices Discord accepts: at most 25, names and values of 1 to 100 characters, no duplicates. */
export function clampChoices(choices: readonly Choice[]): Choice[] {
  const out: Choice[] = [];
  const seen = new Set<string>();
  for (const choice of choices) {
    if (out.length >= AUTOCOMPLETE_CHOICES_MAX) break;
    const value = String(choice.value ?? '');
    // A cut value would designate something else: such a choice is left out.
    if (!value || codePointLength(value) > CHOICE_VALUE_MAX || seen.has(value)) continue;
    // Names come from the corpus: no control character nor bidi override reaches the picker.
    const name = truncate(inertForDisplay(String(choice.name ?? '').trim() || value), CHOICE_NAME_MAX);
    seen.add(value);
    out.push({ name, value });
  }
  return out;
}

/** The clicked message's rows with every component disabled. */
function disabledComponents(interaction: MessageComponentInteraction) {
  return interaction.message.components.map((row) => {
    const json = row.toJSON() as { type: number; components?: Array<Record<string, unknown>> };
    if (json.type !== ComponentType.ActionRow || !json.components) return json;
    return { ...json, components: json.components.map((c) => ({ ...c, disabled: true })) };
  }) as never;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Structured fields identifying an interaction in the logs (never its token). */
function fieldsOf(interaction: Interaction): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    interactionId: interaction.id,
    userId: interaction.user.id,
    guildId: interaction.guildId ?? undefined,
    channelId: interaction.channelId ?? undefined,
  };
  if (interaction.isCommand() || interaction.isAutocomplete()) fields.command = interaction.commandName;
  if (interaction.isAutocomplete()) fields.kind = 'autocomplete';
  else if (interaction.isChatInputCommand()) fields.kind = 'command';
  else if (interaction.isMessageComponent()) {
    fields.kind = 'component';
    fields.customId = interaction.customId;
  }
  return fields;
}
