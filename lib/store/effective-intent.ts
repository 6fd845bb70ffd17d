/**
 * What an outgoing mail does for the latency model, the user's say first: a decision on the mail,
 * else on its thread ("geen antwoord nodig" / "wacht op antwoord", lib/store/decisions.ts), else
 * the rule's intent (lib/classify/intent.ts), a mail whose text was not seen counting as asking.
 * Free of zod and of the writers: the latency service and the side panel's timeline both use it.
 */
import type { Interaction } from '../latency/types';
import { decisionIdFor } from './record-ids';
import type { Decision, Message } from './schemas';

export type ReplyDecisionValue = Extract<Decision, { kind: 'reply' }>['value'];

const DECIDED_INTENT = { 'not-needed': 'closing', awaited: 'asking' } as const;

/** The user's reply decisions that bear on a mail: on the mail itself and on its thread. */
export function replyDecisionsOf(
  message: Pick<Message, 'id' | 'threadId'>,
  decisions: ReadonlyMap<string, Decision>,
): { message: ReplyDecisionValue | null; thread: ReplyDecisionValue | null } {
  const own = decisions.get(decisionIdFor('reply', 'message', message.id));
  const thread = decisions.get(decisionIdFor('reply', 'thread', message.threadId));
  return { message: own?.kind === 'reply' ? own.value : null, thread: thread?.kind === 'reply' ? thread.value : null };
}

export function effectiveIntent(message: Message, decisions?: ReadonlyMap<string, Decision>): Interaction['intent'] {
  if (decisions && decisions.size > 0) {
    const decided = replyDecisionsOf(message, decisions);
    const value = decided.message ?? decided.thread;
    if (value !== null) return DECIDED_INTENT[value];
  }
  const rule = message.intent?.value;
  return rule === undefined ? undefined : rule === 'unseen' ? 'asking' : rule;
}
