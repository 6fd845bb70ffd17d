/**
 * What each webmail tab shows right now (list or which conversation, with whom), kept by the
 * background in session storage so the side panel can follow the active tab, also after the
 * service worker restarted. Session storage lives in memory only and is gone with the browser.
 */
import { storage } from 'wxt/utils/storage';
import type { MailHost } from '../vocabulary/hosts';
import { phoneNumbersInSignature, type PhoneNumberFound } from '../vocabulary/phone-numbers';
import type { ObservationBatch, Participant } from './observations';

export interface TabContext {
  host: MailHost;
  view: ObservationBatch['health']['view'];
  /** the open conversation, when one is open */
  threadKey: string | null;
  subject: string | null;
  /** everyone in the open conversation (or the selected list rows), in order of appearance */
  participants: Participant[];
  /** people in the conversation beyond the MAX_PARTICIPANTS kept: the panel says how many more there are */
  participantsOmitted?: number;
  /**
   * Phone numbers in the signatures of the open conversation's mail, by sender address (lower
   * case). Read from the page each time and never stored: the panel shows them beside "Gebeld"
   * while the conversation is open.
   */
  phones?: Record<string, PhoneNumberFound[]>;
  account: string | null;
  at: number;
}

const MAX_PARTICIPANTS = 50;

/** The numbers in the signatures of `messages`, by sender address; the latest mail's first. */
function phonesBySender(messages: ObservationBatch['messages'], account: string | null): Record<string, PhoneNumberFound[]> {
  const phones: Record<string, PhoneNumberFound[]> = {};
  for (const message of [...messages].reverse()) {
    const address = message.from.address?.toLowerCase();
    if (!address || address === account?.toLowerCase()) continue; // the user's own numbers are no one's card
    const known = phones[address] ?? [];
    for (const found of phoneNumbersInSignature(message.signature)) {
      if (!known.some((other) => other.tel === found.tel)) known.push(found);
    }
    if (known.length > 0) phones[address] = known;
  }
  return phones;
}

export function tabContextFromBatch(batch: ObservationBatch, at: number): TabContext {
  const seen = new Map<string, Participant>();
  const omitted = new Set<string>();
  const add = (participant: Participant) => {
    const key = participant.address ?? `name:${participant.name}`;
    if (seen.has(key) || (batch.account !== null && participant.address === batch.account)) return;
    if (seen.size < MAX_PARTICIPANTS) seen.set(key, participant);
    else omitted.add(key);
  };
  const open = batch.health.view === 'conversation' ? batch.messages : [];
  for (const message of open) {
    add(message.from);
    for (const recipient of [...message.to, ...message.cc]) add(recipient);
  }
  return {
    host: batch.host,
    view: batch.health.view,
    threadKey: open[0]?.threadKey ?? null,
    subject: open[0]?.subject ?? null,
    participants: [...seen.values()],
    participantsOmitted: omitted.size,
    phones: phonesBySender(open, batch.account),
    account: batch.account,
    at,
  };
}

export function tabContextItem(tabId: number) {
  return storage.defineItem<TabContext | null>(`session:tab-context:${tabId}`, { fallback: null });
}

/**
 * Set after an update when the new content script could not be injected into this tab
 * (lib/background/reinject.ts): the side panel asks the user to reload it. Cleared as soon as a
 * content script in the tab sends again.
 */
export function reloadNeededItem(tabId: number) {
  return storage.defineItem<boolean>(`session:reload-needed:${tabId}`, { fallback: false });
}

/** Only a change of view or conversation is worth a write (batches repeat while the user reads). */
export function sameTabContext(a: TabContext | null, b: TabContext): boolean {
  return (
    a !== null &&
    a.host === b.host &&
    a.view === b.view &&
    a.threadKey === b.threadKey &&
    a.participants.length === b.participants.length &&
    (a.participantsOmitted ?? 0) === (b.participantsOmitted ?? 0) &&
    a.participants.every((participant, index) => participant.address === b.participants[index]?.address) &&
    // a message expanded later shows its signature: its numbers are worth a write
    JSON.stringify(a.phones ?? {}) === JSON.stringify(b.phones ?? {})
  );
}

/** The part of the sidePanel API the background uses (absent in Firefox: it has a sidebar). */
export interface SidePanelLike {
  setOptions(options: { tabId: number; path: string; enabled: boolean }): Promise<void>;
}

/** Remembers what a webmail tab shows, for the side panel, and enables the panel on that tab. */
export async function rememberTab(
  batch: ObservationBatch,
  tabId: number | undefined,
  sidePanel: SidePanelLike | undefined,
  at: number = Date.now(),
): Promise<void> {
  if (tabId === undefined) return;
  const item = tabContextItem(tabId);
  const context = tabContextFromBatch(batch, at);
  // a content script reads this tab again: no reload needed (after an update)
  if (await reloadNeededItem(tabId).getValue()) await reloadNeededItem(tabId).removeValue();
  if (!sameTabContext(await item.getValue(), context)) await item.setValue(context);
  await sidePanel?.setOptions({ tabId, path: 'sidepanel.html', enabled: true });
}
