/**
 * The Outlook-on-the-web reader: a pure function of a DOM root that turns what the page shows
 * (list rows, the open conversation, the signed-in mailbox) into observations. It never scrolls,
 * clicks, expands or writes anything: the list is virtualized, so it reads the rows that are
 * rendered, and the content script reads again when the DOM changes.
 *
 * Keys: a row's `data-convid` gives `outlook:conv:<id>`; without it, and for every message of the
 * reading pane (the known markup carries no item id per message, and the URL's ItemID names only
 * the selected item), keys are derived from visible content: `outlook:derived:<hash>`,
 * idSource 'derived'. A derived thread key, or a message key without a time to make it unique,
 * counts as a 'no-id' problem; a message key from thread, sender and time is Outlook's normal case.
 */
import type { Participant, ReaderHealth, ThreadObservation, MessageObservation } from '../messaging/observations';
import { fnv1a } from '../fnv1a';
import {
  $$,
  $$first,
  $optional,
  addressesIn,
  foldWhitespace,
  isRendered,
  joinSelectors,
  textLines,
  textOf,
  type SelectorList,
} from './dom';
import type { DateParseOptions } from './dates';
import { parseOutlookDate } from './outlook-dates';
import {
  OUTLOOK_MAIL_PATH,
  OUTLOOK_SELECTORS as S,
  OUTLOOK_TEXT,
  OUTLOOK_TITLE_PARTS,
  OUTLOOK_TITLE_PATTERN,
} from './outlook-selectors';
import { EXCERPT_CHARS, SIGNATURE_CHARS, splitSignature } from './signature';
import { capRecipients, countProblem, type OnListRow, type ProblemCounts, type ReaderResult } from './types';
import { normaliseAddress } from '../vocabulary/address';
import { subjectTopic } from '../vocabulary/subjects';

export interface OutlookReadOptions {
  /** the page's "now": relative dates ("Gisteren", "wo 14:03", "10:32") are read against it */
  now: Date;
  /** IANA zone of the wall-clock text; default the browser's own (tests pin Europe/Amsterdam) */
  timeZone?: string;
  /** language of the page; default `<html lang>` (decides 03/04/2026 when nothing else does) */
  localeHint?: string;
  /** told about each list row read (for inline badges); the result stays the same */
  onRow?: OnListRow;
  /**
   * The conversation id last seen selected for a topic (see createOutlookReader): the open
   * conversation keeps its id when the virtualized list has scrolled its row out.
   */
  conversationOfTopic?: (topic: string) => string | undefined;
}

/** As the Gmail reader: the start of the own text is enough for the classifiers and the popup. */
const SUBJECT_MAX = 1000;
const NAME_MAX = 300;

interface ReadContext {
  root: Document;
  problems: ProblemCounts;
  dates: DateParseOptions;
  account: string | null;
  /** the owner's display name from the page title, to recognise the owner shown without address */
  ownerName: string | null;
  onRow?: OnListRow;
  conversationOfTopic?: (topic: string) => string | undefined;
}

const CONVERSATION_KEY_PREFIX = 'outlook:conv:';

/** How many opened conversations the content script's reader remembers (a working day's worth). */
const REMEMBERED_CONVERSATIONS = 500;

/**
 * readOutlook with a memory, for the content script: the conversation id of each topic that was
 * open while its row was selected. Outlook's list is virtualized: scroll it, and the selected row
 * is gone while the conversation stays open; without the memory, the next read would key that
 * conversation from its subject and store it a second time. Two conversations with one topic,
 * the second opened without its row ever rendered (from search), would share the first one's id:
 * the same grouping Outlook's own topic-based conversation view makes.
 */
export function createOutlookReader(): (root: Document, options: OutlookReadOptions) => ReaderResult {
  const conversations = new Map<string, string>();
  return (root, options) => {
    const result = readOutlook(root, { ...options, conversationOfTopic: (topic) => conversations.get(topic) });
    const opened = result.messages.find((message) => message.threadKey.startsWith(CONVERSATION_KEY_PREFIX));
    const topic = opened ? subjectTopic(opened.subject) : '';
    // a conversation without a subject is no topic: nothing to recognise it by later
    if (opened && topic) {
      conversations.delete(topic); // most recently opened last
      conversations.set(topic, opened.threadKey.slice(CONVERSATION_KEY_PREFIX.length));
      if (conversations.size > REMEMBERED_CONVERSATIONS) conversations.delete(conversations.keys().next().value!);
    }
    return result;
  };
}

export function readOutlook(root: Document, options: OutlookReadOptions): ReaderResult {
  const problems: ProblemCounts = {};
  const { account, ownerName } = readOutlookAccount(root);
  const health = (view: ReaderHealth['view'], status: ReaderHealth['status'], seen = 0, read = 0): ReaderHealth => ({
    view,
    status,
    itemsSeen: seen,
    itemsRead: read,
    problems,
  });

  if (!isMailPath(root)) {
    // The calendar, people, settings: not ours (the calendar has its own reader).
    return { account, threads: [], messages: [], health: health('other', 'ok') };
  }

  const context: ReadContext = {
    root,
    problems,
    account,
    ownerName,
    onRow: options.onRow,
    conversationOfTopic: options.conversationOfTopic,
    dates: {
      now: options.now,
      localeHint: options.localeHint ?? (root.documentElement?.getAttribute('lang') || undefined),
      timeZone: options.timeZone,
    },
  };

  // A listbox inside the reading pane is a message's attachment list, never the message list.
  const lists = visibleContainers(S.list, root).filter((list) => !list.closest(joinSelectors(S.readingPane)));
  const rows = lists.flatMap((list) => listRows(list));
  const threads: ThreadObservation[] = [];
  const threadKeys = new Set<string>();
  let rowsRead = 0;
  for (const row of rows) {
    const thread = readRow(row, context);
    if (thread) rowsRead++;
    // Two rows with one key (derived keys of equal subjects): the first, the newest, wins.
    if (!thread || threadKeys.has(thread.threadKey)) continue;
    threadKeys.add(thread.threadKey);
    threads.push(thread);
  }

  const panes = visibleContainers(S.readingPane, root);
  const messages: MessageObservation[] = [];
  let messagesSeen = 0;
  for (const pane of panes) {
    const items = messageItems(pane);
    messagesSeen += items.length;
    messages.push(...readPane(pane, items, rows, context));
  }

  if (lists.length === 0 && panes.length === 0) {
    // A mail URL, but neither a list nor a reading pane we know: a redesign, or still loading.
    countProblem(problems, 'unknown-markup');
    return { account, threads: [], messages: [], health: health('other', 'unrecognised') };
  }

  const seen = rows.length + messagesSeen;
  const read = rowsRead + messages.length;
  const view: ReaderHealth['view'] = panes.length > 0 ? 'conversation' : 'list';
  // A pane without messages we can find, or items none of which we could read: markup we don't know.
  const unknownPane = panes.length > 0 && messagesSeen === 0;
  if (unknownPane || (seen > 0 && read === 0)) {
    countProblem(problems, 'unknown-markup');
    return { account, threads, messages, health: health(view, 'unrecognised', seen, read) };
  }
  const degraded = read < seen || Object.keys(problems).length > 0;
  return { account, threads, messages, health: health(view, degraded ? 'partial' : 'ok', seen, read) };
}

// ------------------------------------------------------------------------------------------
// Page

function isMailPath(root: Document): boolean {
  let url: URL;
  try {
    url = new URL(root.URL);
  } catch {
    return true;
  }
  // Documents without a web address (parsed fixtures, about:blank) are judged by markup alone.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return true;
  return OUTLOOK_MAIL_PATH.test(url.pathname);
}

/** The signed-in mailbox (folder-tree root, or the page title) and the owner's display name; the calendar reader reads it too. */
export function readOutlookAccount(root: Document): { account: string | null; ownerName: string | null } {
  let account: string | null = null;
  for (const element of $$(S.mailboxRoot, root)) {
    account =
      normaliseAddress(element.getAttribute('title')) ??
      normaliseAddress(element.getAttribute('data-folder-name')) ??
      addressesIn(element.getAttribute('title'))[0] ??
      null;
    if (account) break;
  }
  const title = foldWhitespace(root.title ?? '');
  const titleMatch = title.split(' - ').length === OUTLOOK_TITLE_PARTS ? OUTLOOK_TITLE_PATTERN.exec(title) : null;
  const titleName = titleMatch?.[1] ?? null;
  account ??= addressesIn(titleName)[0] ?? null;
  const ownerName = titleName && !normaliseAddress(titleName) ? titleName : null;
  return { account, ownerName };
}

/**
 * The visible containers of the first selector that has any: fallbacks nest (the MessageList
 * section holds `#MailList`, which holds the listbox), so one level is read, never two.
 */
function visibleContainers(selectors: SelectorList, root: ParentNode): Element[] {
  const list = typeof selectors === 'string' ? [selectors] : selectors;
  for (const selector of list) {
    const visible = Array.from(root.querySelectorAll(selector)).filter((element) => isRendered(element, { deep: true }));
    // Drop containers inside another visible one (a stale copy nested in the live one).
    const outermost = visible.filter((element) => !visible.some((other) => other !== element && other.contains(element)));
    if (outermost.length > 0) return outermost;
  }
  return [];
}

// ------------------------------------------------------------------------------------------
// List rows

function listRows(list: Element): Element[] {
  const rows = $$(S.row, list);
  // Options nested in options (an attachment chip inside a row preview) are not rows.
  return rows.filter((row) => isRendered(row) && !row.parentElement?.closest('[role="option"]'));
}

function accessibleName(element: Element, root: Document): string {
  const label = element.getAttribute('aria-label');
  if (label) return foldWhitespace(label);
  const labelledBy = element.getAttribute('aria-labelledby');
  if (!labelledBy) return '';
  return foldWhitespace(
    labelledBy
      .split(/\s+/)
      .map((id) => root.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/** Unread when the accessible name starts with the localized "Unread", possibly after other states. */
function isUnread(name: string): boolean {
  const words = name.toLowerCase().split(' ');
  for (const word of words.slice(0, 4)) {
    if ((OUTLOOK_TEXT.unread as readonly string[]).includes(word)) return true;
    if (!(OUTLOOK_TEXT.rowStatePrefixes as readonly string[]).includes(word)) return false;
  }
  return false;
}

function readRow(row: Element, context: ReadContext): ThreadObservation | null {
  const { problems } = context;
  const subjectElement = $optional(S.rowSubject, row);
  const previewElement = $optional(S.rowPreview, row);
  const timeElement = $optional(S.rowTime, row);
  const subject = (textOf(subjectElement) || foldWhitespace(subjectElement?.getAttribute('title') ?? '')).slice(0, SUBJECT_MAX);
  const snippet = textOf(previewElement).slice(0, EXCERPT_CHARS);

  const notSenders = [subjectElement, previewElement, timeElement].filter((element): element is Element => element !== null);
  const senderElements = $$first(S.rowSender, row).filter(
    (element, index, all) =>
      !notSenders.some((other) => other.contains(element)) &&
      // a title span nested in a name span (or the reverse) is one sender
      !all.some((other, otherIndex) => otherIndex < index && (other.contains(element) || element.contains(other))),
  );
  const participants = uniqueParticipants(senderElements.map((element) => participantFrom(element, context)));
  if (participants.length === 0) countProblem(problems, 'no-participants');

  const time = readTime(timeElement, context);
  const convid = row.getAttribute(S.rowConversationIdAttribute);
  if (!convid && !subject && participants.length === 0) return null; // nothing to key or keep

  let threadKey: string;
  let idSource: ThreadObservation['idSource'] = 'app';
  if (convid) {
    threadKey = `${CONVERSATION_KEY_PREFIX}${convid}`;
  } else {
    threadKey = derivedThreadKey(subject);
    idSource = 'derived';
    countProblem(problems, 'no-id');
  }
  const thread: ThreadObservation = {
    threadKey,
    idSource,
    subject,
    snippet,
    participants,
    at: time.at,
    atRaw: time.atRaw,
    unread: isUnread(accessibleName(row, context.root)),
    messageCount: null,
  };
  context.onRow?.({ element: row, thread, anchor: senderElements[0] ?? null });
  return thread;
}

// ------------------------------------------------------------------------------------------
// People and times

/**
 * A person from a name element: the address from an aria-label ("From: Jan<jan@x.nl>"), a
 * `title` on it or inside it, or its text when the text is an address. Without an address the
 * participant keeps the name and counts a 'no-address' problem, unless it is the signed-in
 * owner's own display name.
 */
function participantFrom(element: Element, context: ReadContext, label = ''): Participant {
  const titled = element.hasAttribute('title') ? element : element.querySelector('[title]');
  const title = titled?.getAttribute('title') ?? '';
  const nameElement = $optional(S.senderName, element);
  let name = textOf(nameElement ?? element);
  const labelAddress = addressesIn(label)[0] ?? null;
  const address = labelAddress ?? normaliseAddress(title) ?? normaliseAddress(name) ?? addressesIn(title)[0] ?? null;
  if (!name && label) name = foldWhitespace(label.replace(/<[^>]*>/g, ''));
  name = name.replace(/^[\s;,]+|[\s;,]+$/g, '').slice(0, NAME_MAX);
  return ownerOrUnknown({ address, name }, context);
}

function ownerOrUnknown(participant: Participant, context: ReadContext): Participant {
  if (participant.address) return participant;
  const { account, ownerName } = context;
  // The page title names the signed-in owner; Outlook often shows the owner without an address.
  if (account && ownerName && participant.name.toLowerCase() === ownerName.toLowerCase()) {
    return { address: account, name: participant.name };
  }
  countProblem(context.problems, 'no-address');
  return participant;
}

function uniqueParticipants(participants: Participant[]): Participant[] {
  const seen = new Set<string>();
  return participants.filter((participant) => {
    const key = participant.address ?? `name:${participant.name.toLowerCase()}`;
    if (!participant.name && !participant.address) return false;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface TimeRead {
  at: number | null;
  atRaw: string | null;
}

/** The `title` (a full date in most builds) first, then the visible text; never a guess. */
function readTime(element: Element | null, context: ReadContext): TimeRead {
  if (!element) {
    countProblem(context.problems, 'no-date');
    return { at: null, atRaw: null };
  }
  const candidates = [element.getAttribute('title'), element.getAttribute('datetime'), element.textContent]
    .map((text) => foldWhitespace(text ?? ''))
    .filter((text) => text.length > 0);
  for (const text of candidates) {
    const parsed = parseOutlookDate(text, context.dates);
    if (parsed.at !== null) return { at: parsed.at, atRaw: parsed.raw };
  }
  if (candidates.length === 0) {
    countProblem(context.problems, 'no-date');
    return { at: null, atRaw: null };
  }
  countProblem(context.problems, 'unparsable-date');
  return { at: null, atRaw: candidates[candidates.length - 1]!.slice(0, 200) };
}

// ------------------------------------------------------------------------------------------
// Reading pane

/** Each message item once, in document order: `.aVla3` parts, or the localized "Email message". */
function messageItems(pane: Element): Element[] {
  const items = new Set<Element>();
  for (const match of $$(S.message, pane)) {
    const item = match.closest('.aVla3') ?? match;
    if (pane.contains(item) && isRendered(item)) items.add(item);
  }
  // An "Email message" inside another item is that item's inner part, not a second message.
  const list = [...items];
  return list.filter((item) => !list.some((other) => other !== item && other.contains(item)));
}

const NOT_A_DISCLOSURE = ':not(button):not([role="button"]):not([aria-haspopup])';

function isExpanded(item: Element): boolean {
  const host = item.matches(S.expandedState)
    ? item
    : (item.querySelector(`${S.expandedState}${NOT_A_DISCLOSURE}`) ?? item.closest(S.expandedState));
  const state = host?.getAttribute('aria-expanded');
  if (state === 'true') return true;
  if (state === 'false') return false;
  return $optional(S.body, item) !== null;
}

function readPane(pane: Element, items: Element[], rows: Element[], context: ReadContext): MessageObservation[] {
  const subject = textOf($optional(S.subject, pane)).slice(0, SUBJECT_MAX);
  const selected = rows.find((row) => row.getAttribute('aria-selected') === 'true');
  const convid = selected?.getAttribute(S.rowConversationIdAttribute) || context.conversationOfTopic?.(subjectTopic(subject));
  const threadKey = convid ? `${CONVERSATION_KEY_PREFIX}${convid}` : derivedThreadKey(subject);
  if (!convid) countProblem(context.problems, 'no-id');

  const messages: MessageObservation[] = [];
  const keyCounts = new Map<string, number>();
  for (const item of items) {
    const message = readMessage(item, threadKey, subject, context);
    if (!message) continue;
    // Two messages from one sender in the same minute: keep both, in order.
    const occurrence = keyCounts.get(message.messageKey) ?? 0;
    keyCounts.set(message.messageKey, occurrence + 1);
    if (occurrence > 0) message.messageKey = `${message.messageKey}-${occurrence}`;
    messages.push(message);
  }
  return messages;
}

function readMessage(item: Element, threadKey: string, subject: string, context: ReadContext): MessageObservation | null {
  const senderElement = $optional(S.sender, item);
  if (!senderElement) {
    countProblem(context.problems, 'no-sender');
    return null;
  }
  const label = senderElement.getAttribute('aria-label') ?? '';
  const from = participantFrom(senderElement, context, stripPrefix(label, OUTLOOK_TEXT.from));
  const expanded = isExpanded(item);
  const recipients = readRecipients(item, context);
  const time = readTime($optional(S.messageTime, item), context);

  const bodyElement = $optional(S.body, item);
  const { excerpt, signature } = bodyElement ? ownText(bodyElement) : { excerpt: collapsedPreview(item), signature: null };

  // Outlook's markup has no per-message id: a key from thread, sender and time is the normal
  // case and stable. Only without a time is it weak (two undated mails could share it): a problem.
  if (time.at === null) countProblem(context.problems, 'no-id');
  const messageKey = derivedMessageKey(threadKey, from, time);
  return {
    messageKey,
    threadKey,
    idSource: 'derived',
    subject,
    from,
    to: capRecipients(recipients.to, context.problems),
    cc: capRecipients(recipients.cc, context.problems),
    at: time.at,
    atRaw: time.atRaw,
    expanded,
    excerpt,
    signature,
  };
}

function stripPrefix(label: string, prefixes: readonly string[]): string {
  const folded = foldWhitespace(label);
  const lower = folded.toLowerCase();
  const prefix = prefixes.find((candidate) => lower.startsWith(candidate));
  return prefix ? folded.slice(prefix.length).trim() : folded;
}

function readRecipients(item: Element, context: ReadContext): { to: Participant[]; cc: Participant[] } {
  const to: Participant[] = [];
  const cc: Participant[] = [];
  const well = $optional(S.recipientWell, item);
  if (!well) return { to, cc };
  const groups = $$(S.recipientGroup, well).filter((group) => prefixKind(group.getAttribute('aria-label') ?? '') !== null);
  const sections: Array<[Element, 'to' | 'cc']> = groups.length
    ? groups.map((group) => [group, prefixKind(group.getAttribute('aria-label') ?? '')!])
    : [[well, 'to']];
  for (const [section, kind] of sections) {
    const target = kind === 'to' ? to : cc;
    const elements = $$(S.recipient, section).filter(
      (element, index, all) => !all.some((other, otherIndex) => otherIndex < index && other.contains(element)),
    );
    if (elements.length > 0) {
      for (const element of elements) target.push(participantFrom(element, context));
    } else {
      // Only a label ("To: Jan de Vries; Piet"): names, with addresses where the label has them.
      const rest = stripPrefix(section.getAttribute('aria-label') ?? textOf(section), [
        ...OUTLOOK_TEXT.to,
        ...OUTLOOK_TEXT.cc,
        ...OUTLOOK_TEXT.bcc,
      ]);
      for (const part of rest.split(';')) {
        const name = foldWhitespace(part.replace(/<[^>]*>/g, ''));
        if (!name && !addressesIn(part)[0]) continue;
        target.push(ownerOrUnknown({ address: addressesIn(part)[0] ?? null, name: name.slice(0, NAME_MAX) }, context));
      }
    }
  }
  return { to: uniqueParticipants(to), cc: uniqueParticipants(cc) };
}

/** 'to' or 'cc' for a group's localized aria-label prefix; Bcc counts as cc (a copy either way). */
function prefixKind(label: string): 'to' | 'cc' | null {
  const lower = foldWhitespace(label).toLowerCase();
  if (OUTLOOK_TEXT.to.some((prefix) => lower.startsWith(prefix))) return 'to';
  if ([...OUTLOOK_TEXT.cc, ...OUTLOOK_TEXT.bcc].some((prefix) => lower.startsWith(prefix))) return 'cc';
  return null;
}

const NOT_PREVIEW = [
  joinSelectors(S.sender),
  joinSelectors(S.messageTime),
  joinSelectors(S.recipientWell),
  'button',
  '[role="button"]',
  '[role="toolbar"]',
  '[aria-hidden="true"]',
].join(', ');

/** A collapsed message shows its sender, time and a line of text: the text is the excerpt. */
function collapsedPreview(item: Element): string {
  return textLines(item, { skip: NOT_PREVIEW, maxChars: EXCERPT_CHARS }).join(' ').slice(0, EXCERPT_CHARS);
}

// ------------------------------------------------------------------------------------------
// A body's own text and signature
//
/** Quoted history and the marked signature: not part of the excerpt. */
const QUOTE_OR_SIGNATURE = [S.bodyQuote, joinSelectors(S.bodySignature)].join(', ');
/** Outlook's reply header: the history follows it, not wrapped in anything. */
const REPLY_HEADERS = ['[id$="appendonsend"]', '[id$="divRplyFwdMsg"]'];

/**
 * The subtrees that are not the sender's own words: quotes, the marked signature, and every
 * sibling after the reply header. The siblings are walked rather than selected with `~ *`:
 * cheaper, and the same in every DOM (happy-dom's `~` returns the first sibling only).
 */
function notOwnText(body: Element): Set<Element> {
  const skipped = new Set(body.querySelectorAll(QUOTE_OR_SIGNATURE));
  for (const selector of REPLY_HEADERS) {
    const header = body.querySelector(selector);
    for (let sibling = header?.nextElementSibling; sibling; sibling = sibling.nextElementSibling) skipped.add(sibling);
  }
  return skipped;
}

function ownText(body: Element): { excerpt: string; signature: string | null } {
  const lines = textLines(body, { skip: notOwnText(body), maxChars: 20_000 });
  const marked = $optional(S.bodySignature, body);
  const { own: ownLines, signature: signatureLines } = marked
    ? { own: lines, signature: textLines(marked, { maxChars: SIGNATURE_CHARS }) }
    : splitSignature(lines);
  return {
    excerpt: ownLines.join(' ').slice(0, EXCERPT_CHARS),
    signature: signatureLines.join('\n').slice(0, SIGNATURE_CHARS) || null,
  };
}

// ------------------------------------------------------------------------------------------
// Derived keys

/** Same subject, same derived thread: Outlook groups a conversation by its topic as well. */
function derivedThreadKey(subject: string): string {
  return `outlook:derived:${fnv1a(`thread\u0001${subjectTopic(subject)}`)}`;
}

/**
 * One message = thread + sender + time: what both the collapsed and the expanded form show, so
 * expanding a message does not make a second one. The parsed time, not its text ("Gisteren" turns
 * into "wo" tomorrow).
 */
function derivedMessageKey(threadKey: string, from: Participant, time: TimeRead): string {
  const who = from.address ?? from.name.toLowerCase();
  const when = time.at !== null ? String(time.at) : (time.atRaw ?? '');
  return `outlook:derived:${fnv1a(`message\u0001${threadKey}\u0001${who}\u0001${when}`)}`;
}
