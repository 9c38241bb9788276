/**
 * Answers one interaction exactly once, whatever happened before: not yet acknowledged, deferred
 * publicly or privately, or a button whose message is to be updated in place.
 */
import {
  MessageFlags,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type MessageComponentInteraction,
  type RepliableInteraction,
} from 'discord.js';
import type { DiscordMessage } from '../replies/discord.js';

/** `reply`: the answer is a new message; `update`: it replaces the message the button is on. */
export type ResponderMode = 'reply' | 'update';

/** The renderer's payload in discord.js's option shape (it takes `allowedMentions`). */
export function toReplyOptions(message: DiscordMessage): InteractionReplyOptions {
  const options: InteractionReplyOptions = {
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [] },
  };
  if (message.content !== undefined) options.content = message.content;
  if (message.flags) options.flags = MessageFlags.Ephemeral;
  if (message.files) options.files = filesOf(message);
  return options;
}

/** The message's files as discord.js uploads them (multipart, with their descriptions). */
function filesOf(message: DiscordMessage) {
  return (message.files ?? []).map((f) => ({ attachment: f.data, name: f.name, description: f.description }));
}

/** Edits cannot change a message's visibility: no flags. */
export function toEditOptions(message: DiscordMessage): InteractionEditReplyOptions & InteractionUpdateOptions {
  const options: InteractionEditReplyOptions & InteractionUpdateOptions = {
    content: message.content ?? null,
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [] },
  };
  // A new picture replaces the one the message had (another page of the same answer).
  if (message.files) Object.assign(options, { files: filesOf(message), attachments: [] });
  return options;
}

export class Responder {
  private deferredEphemeral = false;

  constructor(
    readonly interaction: RepliableInteraction,
    readonly mode: ResponderMode,
  ) {}

  get acknowledged(): boolean {
    return this.interaction.deferred || this.interaction.replied;
  }

  /** Acknowledges now (Discord's 3 s window); the answer comes later. No-op when already done. */
  async defer(visibility: 'public' | 'ephemeral'): Promise<void> {
    if (this.acknowledged) return;
    if (this.mode === 'update') {
      await (this.interaction as MessageComponentInteraction).deferUpdate();
      return;
    }
    this.deferredEphemeral = visibility === 'ephemeral';
    await this.interaction.deferReply(this.deferredEphemeral ? { flags: MessageFlags.Ephemeral } : {});
  }

  /** The command's answer: a new message, or the button's message updated. */
  async answer(message: DiscordMessage): Promise<void> {
    if (this.mode === 'update') {
      const component = this.interaction as MessageComponentInteraction;
      if (this.acknowledged) await component.editReply(toEditOptions(message));
      else await component.update(toEditOptions(message));
      return;
    }
    await this.send(message);
  }

  /**
   * Something only the member who clicked or asked should see (an error, a refusal): in update
   * mode it never replaces the shared message.
   */
  async notice(message: DiscordMessage): Promise<void> {
    const ephemeral: DiscordMessage = { ...message, flags: MessageFlags.Ephemeral };
    if (this.mode === 'update') {
      if (this.acknowledged) await this.interaction.followUp(toReplyOptions(ephemeral));
      else await this.interaction.reply(toReplyOptions(ephemeral));
      return;
    }
    await this.send(ephemeral);
  }

  private async send(message: DiscordMessage): Promise<void> {
    const interaction = this.interaction;
    if (!this.acknowledged) {
      await interaction.reply(toReplyOptions(message));
      return;
    }
    const wantsEphemeral = message.flags !== undefined && (message.flags & MessageFlags.Ephemeral) !== 0;
    if (wantsEphemeral && !this.deferredEphemeral && !interaction.replied) {
      // Deferred publicly but the answer is private (an error): drop the "thinking…" message.
      await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp(toReplyOptions(message));
      return;
    }
    if (interaction.replied) await interaction.followUp(toReplyOptions(message));
    else await interaction.editReply(toEditOptions(message));
  }
}
