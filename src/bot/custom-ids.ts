/**
 * Button custom ids (at most 100 characters, Discord's limit):
 * - `page:<stateId>:<n>` turns a paged answer to page n (0-based); the state is in the store;
 * - `run:<command>:<url-encoded options>` re-runs a command (a suggestion), carrying everything
 *   it needs so that it still works after a restart.
 */
import { randomBytes } from 'node:crypto';
import type { ReplySuggestion } from '../replies/reply.js';
import { CUSTOM_ID_MAX } from '../replies/limits.js';

export type ButtonAction =
  | { kind: 'page'; stateId: string; page: number }
  | { kind: 'run'; command: string; options: Record<string, string> };

/** A new paging state id: short (fits in custom ids) and unguessable. */
export function newStateId(): string {
  return randomBytes(9).toString('base64url');
}

export function pageCustomId(stateId: string, page: number): string {
  return `page:${stateId}:${page}`;
}

/** The custom id of a suggestion button, or undefined when it would not fit in 100 characters. */
export function suggestionCustomId(suggestion: ReplySuggestion): string | undefined {
  const id = `run:${suggestion.command}:${new URLSearchParams(suggestion.options).toString()}`;
  return id.length <= CUSTOM_ID_MAX ? id : undefined;
}

/** What a button's custom id asks for; undefined for anything not made by this bot. */
export function parseCustomId(customId: string): ButtonAction | undefined {
  const page = /^page:([A-Za-z0-9_-]{1,64}):(\d{1,6})$/.exec(customId);
  if (page) return { kind: 'page', stateId: page[1]!, page: Number(page[2]) };
  const run = /^run:([\w-]{1,32}):(.*)$/s.exec(customId);
  if (run) {
    const options: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(run[2])) options[key] = value;
    return { kind: 'run', command: run[1]!, options };
  }
  return undefined;
}
