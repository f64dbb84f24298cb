/**
 * What a facilitator or a team types during a run, parsed once for both front ends (terminal and
 * web): a reply that names its inject (`/reply 3 text`) and a live inject (`/inject ...`).
 */
import { CHANNELS, type Channel } from './schema.js';

export type ReplyCommand = { kind: 'reply'; to?: number; text: string };

/** `/reply 3 text`, `/reply text` (choose the inject), or plain text (choose, the latest waiting by default). */
export function parseReply(line: string): ReplyCommand | { kind: 'problem'; message: string } {
  const match = /^\/reply(?:\s+(.*))?$/s.exec(line.trim());
  if (!match) return { kind: 'reply', text: line.trim() };
  const rest = (match[1] ?? '').trim();
  const numbered = /^#?(\d+)(?:\s+(.*))?$/s.exec(rest);
  if (numbered) {
    const text = (numbered[2] ?? '').trim();
    if (text === '') return { kind: 'problem', message: `add the reply after the number: /reply ${numbered[1]} We are aware of reports and ...` };
    return { kind: 'reply', to: Number(numbered[1]), text };
  }
  if (rest === '') return { kind: 'problem', message: 'add the reply: /reply 3 We are aware of reports ... (3 is the inject number shown as #3)' };
  return { kind: 'reply', text: rest };
}

export type LiveInject =
  | { kind: 'list' }
  | { kind: 'reserve'; reserveId: string }
  | { kind: 'new'; channel: Channel; from: string; text: string };

/**
 * `/inject` lists the reserve; `/inject ID` releases a reserve inject; `/inject [channel:] text` adds
 * a new one (social media unless a channel is named), from the facilitator.
 */
export function parseInject(line: string, reserveIds: readonly string[]): LiveInject {
  const rest = line.trim().replace(/^\/inject\b/, '').trim();
  if (rest === '') return { kind: 'list' };
  if (reserveIds.includes(rest)) return { kind: 'reserve', reserveId: rest };
  const channel = /^([a-z]+):\s*(.*)$/s.exec(rest);
  if (channel && (CHANNELS as readonly string[]).includes(channel[1]!) && channel[2]!.trim() !== '') {
    return { kind: 'new', channel: channel[1] as Channel, from: 'Facilitator', text: channel[2]!.trim() };
  }
  return { kind: 'new', channel: 'social', from: 'Facilitator', text: rest };
}
