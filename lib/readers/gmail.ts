/**
 * Gmail reader: the visible view of mail.google.com -> thread and message observations.
 * A pure function of a Document: reads attributes and text only (never innerHTML), never
 * throws on unknown markup (it says so in `health`), never guesses a time.
 */
import type { MessageObservation, Participant, ThreadObservation } from '../messaging/observations';
import { parseLocalizedDate } from './dates';
import { fnv1a } from '../fnv1a';
import {
  $$,
  $$first,
  $optional,
  addressesIn,
  closestOf,
  foldWhitespace,
  isRendered,
  joinSelectors,
  textLines,
  textOf,
} from './dom';
import { GMAIL_CONVERSATION_ROUTE, GMAIL_LIST_ROUTE, GMAIL_SELECTORS as S, GMAIL_UNREAD_SUMMARY } from './gmail-selectors';
import { EXCERPT_CHARS, SIGNATURE_CHARS, splitSignature } from './signature';
import { capRecipients, countProblem, readToEnd, type OnListRow, type ProblemCounts, type ReaderResult } from './types';
import { normaliseAddress } from '../vocabulary/address';
import { isOwnerPlaceholderName } from '../vocabulary/owner-names';
import { subjectTopic } from '../vocabulary/subjects';

export interface GmailReadOptions {
  /** "now" for relative dates ("Gisteren") and for rejecting impossible id times */
  now: Date;
  /** IANA zone of the dates shown; default the browser's own (what Gmail renders in) */
  timeZone?: string;
  /** language of the page; default `<html lang>` */
  localeHint?: string;
  /** told about each list row read (for inline badges); the result stays the same */
  onRow?: OnListRow;
}

/** Gmail launched in 2004; an id "time" before that, or days ahead of now, is not a time. */
const EARLIEST_ID_TIME = Date.UTC(2004, 0, 1);
interface Context {
  account: string | null;
  options: GmailReadOptions;
  locale: string | undefined;
  nowMs: number;
  problems: ProblemCounts;
}

export function readGmail(root: Document, options: GmailReadOptions): ReaderResult {
  return readToEnd(readGmailInSteps(root, options));
}

/**
 * The same read, in steps: it pauses (yields) between stretches of a long list's rows, so the
 * content script can give the page its turn between them (lib/content/slices.ts). The result is
 * readGmail's, whatever is done between the steps.
 */
export function* readGmailInSteps(root: Document, options: GmailReadOptions): Generator<void, ReaderResult, void> {
  const account = readAccount(root);
  const context: Context = {
    account,
    options,
    locale: options.localeHint ?? (root.documentElement?.getAttribute('lang') || undefined),
    nowMs: options.now.getTime(),
    problems: {},
  };
  const route = routeOf(root);
  const main = visibleMain(root);
  if (!main) {
    return {
      account,
      threads: [],
      messages: [],
      health: { view: 'other', status: 'unrecognised', itemsSeen: 0, itemsRead: 0, problems: { 'unknown-markup': 1 } },
    };
  }

  const list = yield* readList(main, context);
  const conversation = readConversation(main, context);
  const itemsSeen = list.seen + conversation.seen;
  const itemsRead = list.read + conversation.read;

  const view =
    conversation.found || route === 'conversation' ? 'conversation' : list.found || route === 'list' ? 'list' : 'other';
  let status: 'ok' | 'partial' | 'unrecognised' = 'ok';
  const recognised = (view === 'conversation' && conversation.found) || (view === 'list' && list.found) || view === 'other';
  if (!recognised || list.unknownRows || (itemsSeen > 0 && itemsRead === 0)) {
    status = 'unrecognised';
    if (!recognised || list.unknownRows) countProblem(context.problems, 'unknown-markup');
  } else if (view === 'conversation' && conversation.seen === 0) {
    // a conversation's heading without a single message we can find: its markup changed (the
    // container class did, twice since 2018), never an "ok" read of nothing
    status = 'partial';
    countProblem(context.problems, 'unknown-markup');
  } else if (itemsRead < itemsSeen || Object.keys(context.problems).length > 0) {
    status = 'partial';
  }
  return {
    account,
    threads: list.threads,
    messages: conversation.messages,
    health: { view, status, itemsSeen, itemsRead, problems: context.problems },
  };
}

// ---------------------------------------------------------------------------------------------
// page

function routeOf(root: Document): 'list' | 'conversation' | 'other' {
  const url = root.URL ?? '';
  const hashAt = url.indexOf('#');
  if (!url.startsWith('https://mail.google.com/') || hashAt < 0) return 'other';
  const hash = decodeURIComponentSafe(url.slice(hashAt));
  if (GMAIL_CONVERSATION_ROUTE.test(hash)) return 'conversation';
  if (GMAIL_LIST_ROUTE.test(hash)) return 'list';
  return 'other';
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The `[role=main]` that is shown. Gmail keeps earlier views in the DOM and hides them with an
 * inline `style="display: none"` on the view's container (a child of `div.aeF > div.nH`: the
 * attribute InboxSDK watches to follow view changes) or on `[role=main]` itself, or with `hidden`
 * / `aria-hidden`: attributes tell, without asking the browser. Asking it (`checkVisibility`)
 * forces a style recalculation whenever the page changed since the last frame, which is exactly
 * when a read runs. Only when attributes leave more than one candidate (a view hidden by a
 * stylesheet rule, which Gmail is not known to do) is the browser asked, in document order.
 */
function visibleMain(root: Document): Element | null {
  const shown = $$(S.main, root).filter((candidate) => isRendered(candidate));
  if (shown.length < 2) return shown[0] ?? null;
  return shown.find((candidate) => isRendered(candidate, { deep: true })) ?? null;
}

/** "Postvak IN (3) - sanne@buurtkracht.nl - Gmail", else the account button's label. */
function readAccount(root: Document): string | null {
  const parts = (root.title ?? '').split(' - ');
  for (let index = parts.length - 1; index >= 0; index--) {
    const address = normaliseAddress(parts[index]);
    if (address) return address;
  }
  const button = $optional(S.accountButton, root);
  return addressesIn(button?.getAttribute('aria-label')).at(-1) ?? null;
}

function participantOf(element: Element, context: Context): Participant {
  const name = foldWhitespace(element.getAttribute('name') ?? element.textContent ?? '').slice(0, 300);
  let address = normaliseAddress(element.getAttribute('email'));
  if (context.account && isOwnerPlaceholderName(name)) address = context.account;
  if (!address) countProblem(context.problems, 'no-address');
  return { address, name };
}

function addParticipant(into: Participant[], participant: Participant): void {
  const duplicate = into.some((known) =>
    participant.address ? known.address === participant.address : !known.address && known.name === participant.name,
  );
  if (!duplicate) into.push(participant);
}

/** ms since the epoch from a legacy hex id (the top bits are the send time), or null. */
function timeFromLegacyId(hex: string | null, context: Context): number | null {
  if (!hex || !/^[0-9a-f]{9,16}$/i.test(hex)) return null;
  const at = Number(BigInt(`0x${hex}`) >> 20n);
  return at >= EARLIEST_ID_TIME && at <= context.nowMs + 2 * 86_400_000 ? at : null;
}

function decimalFromLegacyId(hex: string | null): string | null {
  if (!hex || !/^[0-9a-f]{1,16}$/i.test(hex)) return null;
  return BigInt(`0x${hex}`).toString();
}

interface TimeRead {
  at: number | null;
  atRaw: string | null;
}

/** The time from a legacy id when there is one, else the date element's title or text, parsed. */
function readTime(legacyHex: string | null, dateElement: Element | null, context: Context): TimeRead {
  const atRaw = dateElement
    ? foldWhitespace(
        dateElement.getAttribute('title') ||
          dateElement.getAttribute('aria-label') ||
          dateElement.getAttribute('alt') ||
          dateElement.textContent ||
          '',
      ).slice(0, 200) || null
    : null;
  const fromId = timeFromLegacyId(legacyHex, context);
  if (fromId !== null) return { at: fromId, atRaw };
  if (!atRaw) {
    countProblem(context.problems, 'no-date');
    return { at: null, atRaw: null };
  }
  const parsed = parseLocalizedDate(atRaw, {
    now: context.options.now,
    localeHint: context.locale,
    timeZone: context.options.timeZone,
  });
  if (parsed.at === null) countProblem(context.problems, 'unparsable-date');
  return { at: parsed.at, atRaw };
}

function derivedKey(subject: string, addresses: Array<string | null>, extra = ''): string {
  const normalisedSubject = subjectTopic(subject);
  const sorted = addresses.filter((address): address is string => address !== null).sort();
  return `gmail:derived:${fnv1a([normalisedSubject, ...sorted, extra].join('\n'))}`;
}

// ---------------------------------------------------------------------------------------------
// thread list

interface ListRead {
  found: boolean;
  unknownRows: boolean;
  seen: number;
  read: number;
  threads: ThreadObservation[];
}

const ROW_SUMMARY = S.rowSummary;
/** What every list row (and every part of a vertical-split row) is. */
const ROW_MEMBER = 'tr';

/** Rows read between two steps of a long list (a 100-row list reads in one). */
const ROWS_PER_STEP = 250;

function* readList(main: Element, context: Context): Generator<void, ListRead, void> {
  const visibility = new Map<Element, boolean>(); // rows share ancestors: judge each once
  const shownInMain = (element: Element) => isRendered(element, { within: main, cache: visibility });
  const containers = $$first(S.threadList, main, shownInMain);
  const rows = $$first(S.listRow, main, shownInMain);
  const result: ListRead = { found: rows.length > 0 || containers.length > 0, unknownRows: false, seen: 0, read: 0, threads: [] };
  if (rows.length === 0) {
    // A list with rows we cannot parse is 'unrecognised', not "an empty inbox".
    const empty = containers.some((container) => $optional(S.emptyList, container));
    const anyRows = containers.some((container) => $optional(S.anyListRow, container));
    result.unknownRows = containers.length > 0 && anyRows && !empty;
    return result;
  }

  const groups: Element[][] = [];
  const consumed = new Set<Element>();
  for (const row of rows) {
    if (consumed.has(row)) continue;
    const group = rowGroup(row);
    for (const member of group) consumed.add(member);
    groups.push(group);
  }
  const index = new RowIndex(main, groups);
  if (groups.length > ROWS_PER_STEP) {
    // a long list: each of the list-wide queries is a step of its own
    yield;
    for (const selectors of [S.rowParticipants, S.rowSubject, S.rowSnippet, S.rowIds, S.rowDate]) {
      index.prepare(selectors[0]!, selectors === S.rowParticipants ? ROW_SUMMARY : null);
      yield;
    }
  }
  const seenKeys = new Set<string>();
  for (let group = 0; group < groups.length; group++) {
    if (group > 0 && group % ROWS_PER_STEP === 0) yield;
    result.seen++;
    const row = groups[group]![0]!;
    const read = readRow(index, group, row, context);
    if (!read) continue;
    const { thread, anchor } = read;
    result.read++;
    context.options.onRow?.({ element: row, thread, anchor });
    // The same thread twice on one page (an extension cloning rows, or two derived keys that
    // coincide): the first row, the newest, wins.
    if (seenKeys.has(thread.threadKey)) continue;
    seenKeys.add(thread.threadKey);
    result.threads.push(thread);
  }
  return result;
}

/** A row and, in the vertical-split layout, the one or two rows that belong to it. */
function rowGroup(row: Element): Element[] {
  if (!row.classList.contains(S.verticalSplitRowClass)) return [row];
  const group = [row];
  const second = row.nextElementSibling;
  if (second && !second.matches(joinSelectors(S.listRow))) {
    group.push(second);
    const third = second.nextElementSibling;
    if (third?.classList.contains(S.verticalSplitExtraRowClass)) group.push(third);
  }
  return group;
}

/**
 * The list's elements found once per selector for the whole view and assigned to their row
 * group: a dozen queries for a 100-row list instead of a thousand per-row ones (each query has a
 * fixed cost that dominates on small rows). Fallback selectors run only when a row needs them,
 * and per row the first selector with a match wins, as `$optional` would.
 */
class RowIndex {
  private readonly groupOf = new Map<Element, number>();
  private readonly matches = new Map<string, Array<Element[] | undefined>>();

  constructor(
    private readonly main: Element,
    groups: Element[][],
  ) {
    groups.forEach((group, index) => group.forEach((member) => this.groupOf.set(member, index)));
  }

  private groupIndex(element: Element): number {
    for (let member = element.closest(ROW_MEMBER); member; member = member.parentElement?.closest(ROW_MEMBER) ?? null) {
      const index = this.groupOf.get(member);
      if (index !== undefined) return index;
    }
    return -1;
  }

  private byGroup(selector: string, exclude: string | null): Array<Element[] | undefined> {
    const key = exclude ? `${selector}\n${exclude}` : selector;
    let lists = this.matches.get(key);
    if (!lists) {
      lists = [];
      for (const element of this.main.querySelectorAll(selector)) {
        if (exclude && element.closest(exclude)) continue;
        const index = this.groupIndex(element);
        if (index >= 0) (lists[index] ??= []).push(element);
      }
      this.matches.set(key, lists);
    }
    return lists;
  }

  /** Runs a selector's list-wide query now (it would run at the first row that needs it). */
  prepare(selector: string, exclude: string | null = null): void {
    this.byGroup(selector, exclude);
  }

  /** `exclude`: leave out matches inside such elements */
  all(group: number, selectors: readonly string[], exclude: string | null = null): Element[] {
    for (const selector of selectors) {
      const found = this.byGroup(selector, exclude)[group];
      if (found) return found;
    }
    return [];
  }

  first(group: number, selectors: readonly string[]): Element | null {
    return this.all(group, selectors)[0] ?? null;
  }
}

/** A row read: the thread, and the first participant's element (where inline UI can go). */
interface RowRead {
  thread: ThreadObservation;
  anchor: Element | null;
}

function readRow(index: RowIndex, group: number, row: Element, context: Context): RowRead | null {
  const participants: Participant[] = [];
  // the hidden summary (.afn, inside the senders cell) repeats the participants: never read them from it
  let participantElements = index.all(group, S.rowParticipants, ROW_SUMMARY);
  if (participantElements.length === 0) participantElements = index.all(group, S.rowParticipantsNameOnly, ROW_SUMMARY);
  for (const element of participantElements) addParticipant(participants, participantOf(element, context));
  if (participants.length === 0) {
    countProblem(context.problems, 'no-participants');
    return null;
  }

  const subject = textOf(index.first(group, S.rowSubject)).slice(0, 1000);
  const snippet = textOf(index.first(group, S.rowSnippet))
    .replace(/^[-–—]\s*/, '')
    .slice(0, 2000);

  const idElement = index.first(group, S.rowIds);
  let threadKey = idElement
    ? threadKeyFromAttributes(idElement.getAttribute('data-thread-id'), idElement.getAttribute('data-legacy-thread-id'))
    : null;
  let idSource: 'app' | 'derived' = 'app';
  if (!threadKey) {
    countProblem(context.problems, 'no-id');
    threadKey = derivedKey(
      subject,
      participants.map((participant) => participant.address ?? participant.name.toLowerCase()),
    );
    idSource = 'derived';
  }

  const lastMessageHex =
    idElement?.getAttribute('data-legacy-last-non-draft-message-id') ||
    idElement?.getAttribute('data-legacy-last-message-id') ||
    null;
  const time = readTime(lastMessageHex, index.first(group, S.rowDate), context);

  const thread: ThreadObservation = {
    threadKey,
    idSource,
    subject,
    snippet,
    participants: participants.slice(0, 100),
    at: time.at,
    atRaw: time.atRaw,
    unread: rowUnread(index, group, row),
    messageCount: rowMessageCount(index, group),
  };
  return { thread, anchor: participantElements[0] ?? null };
}

function threadKeyFromAttributes(threadId: string | null, legacyHex: string | null): string | null {
  const match = threadId ? /^#?thread-([af]):(r?-?\d{1,24})$/.exec(threadId.trim()) : null;
  if (match) return `gmail:thread-${match[1]}:${match[2]}`;
  const decimal = decimalFromLegacyId(legacyHex?.trim() ?? null);
  return decimal ? `gmail:thread-f:${decimal}` : null;
}

function rowUnread(index: RowIndex, group: number, row: Element): boolean {
  if (row.classList.contains(S.unreadRowClass)) return true;
  if (row.classList.contains(S.readRowClass)) return false;
  if (index.first(group, S.unreadParticipant)) return true;
  // last resort, localized: the hidden summary starts "ongelezen, ..." (read without RowIndex,
  // which leaves summaries out)
  return GMAIL_UNREAD_SUMMARY.test(textOf(row.querySelector(ROW_SUMMARY)));
}

/** Gmail prints "(3)" only for conversations of more than one message. */
function rowMessageCount(index: RowIndex, group: number): number {
  const count = /\d+/.exec(textOf(index.first(group, S.rowMessageCount)))?.[0];
  return count ? Math.max(1, Number(count)) : 1;
}

// ---------------------------------------------------------------------------------------------
// opened conversation

interface ConversationRead {
  found: boolean;
  seen: number;
  read: number;
  messages: MessageObservation[];
}

const CONVERSATION_PROBE = [...S.conversationSubject, ...S.conversation];

function readConversation(main: Element, context: Context): ConversationRead {
  const result: ConversationRead = { found: false, seen: 0, read: 0, messages: [] };
  // One query to learn whether there is any conversation at all (the list view has none), so a
  // list read does not pay for every conversation selector and its fallbacks.
  if (!CONVERSATION_PROBE.some((selector) => main.querySelector(selector))) return result;
  const isShown = (element: Element) => isRendered(element, { within: main });
  const heading = $$(S.conversationSubject, main).find(isShown) ?? null;
  const container =
    (heading && closestOf(heading, S.conversation)) ??
    $$first(S.conversation, main, (element) => isShown(element) && $optional(S.messageIds, element) !== null)[0] ??
    null;
  if (!heading && !container) return result;
  const scope = container ?? heading!.parentElement ?? main;
  result.found = true;

  const subject = textOf(heading).slice(0, 1000);
  const items = $$first(
    S.messageItems,
    scope,
    (item) =>
      !item.classList.contains(S.hiddenMessagesClass) && !closestOf(item, S.messageBody) && isRendered(item, { within: scope }),
  );
  // Messages without app ids get a derived thread key from the subject and the people in it.
  let threadKey = heading
    ? threadKeyFromAttributes(heading.getAttribute('data-thread-perm-id'), heading.getAttribute('data-legacy-thread-id'))
    : null;
  let threadIdSource: 'app' | 'derived' = 'app';
  if (!threadKey) {
    countProblem(context.problems, 'no-id');
    const people = items.flatMap((item) =>
      $$(S.messageSender, item).map((element) => normaliseAddress(element.getAttribute('email'))),
    );
    threadKey = derivedKey(subject, [...new Set(people)]);
    threadIdSource = 'derived';
  }

  const texts = new BodyTexts(scope);
  const seenKeys = new Set<string>();
  for (const item of items) {
    result.seen++;
    const message = readMessage(item, subject, threadKey, threadIdSource, texts, context);
    if (!message) continue;
    result.read++;
    if (seenKeys.has(message.messageKey)) continue;
    seenKeys.add(message.messageKey);
    result.messages.push(message);
  }
  return result;
}

function readMessage(
  item: Element,
  subject: string,
  threadKey: string,
  threadIdSource: 'app' | 'derived',
  texts: BodyTexts,
  context: Context,
): MessageObservation | null {
  // people are read from the header only: a body is mail content, anyone can write in it
  const body = $optional(S.messageBody, item);
  const inBody = (element: Element) => body !== null && body.contains(element);
  const senderElement = $optional(S.messageSender, item);
  if (!senderElement || inBody(senderElement)) {
    countProblem(context.problems, 'no-sender');
    return null;
  }
  const from = participantOf(senderElement, context);
  const to: Participant[] = [];
  for (const element of $$first(S.messageRecipients, item)) {
    if (element === senderElement || inBody(element)) continue;
    addParticipant(to, participantOf(element, context));
  }

  const idElement = item.matches(joinSelectors(S.messageIds)) ? item : $optional(S.messageIds, item);
  const legacyHex = idElement?.getAttribute('data-legacy-message-id') ?? null;
  const time = readTime(legacyHex, $optional(S.messageDate, item), context);

  const expanded = isExpanded(item, body);
  let excerpt: string;
  let signature: string | null = null;
  if (expanded && body) {
    const own = texts.ownText(body);
    excerpt = own.excerpt;
    signature = own.signature;
  } else {
    excerpt = textOf($optional(S.collapsedSnippet, item))
      .replace(/^[-–—]\s*/, '')
      .slice(0, EXCERPT_CHARS);
  }

  let messageKey = messageKeyFromAttributes(idElement?.getAttribute('data-message-id') ?? null, legacyHex);
  let idSource: 'app' | 'derived' = threadIdSource;
  if (!messageKey) {
    countProblem(context.problems, 'no-id');
    messageKey = derivedKey(subject, [from.address ?? from.name], `${threadKey}\n${time.atRaw ?? ''}\n${excerpt.slice(0, 100)}`);
    idSource = 'derived';
  }

  return {
    messageKey,
    threadKey,
    idSource,
    subject,
    from,
    to: capRecipients(to, context.problems),
    cc: [],
    at: time.at,
    atRaw: time.atRaw,
    expanded,
    excerpt,
    signature,
  };
}

function messageKeyFromAttributes(messageId: string | null, legacyHex: string | null): string | null {
  const match = messageId ? /^#?msg-(f:\d{1,24}|a:r-?\d{1,24})$/.exec(messageId.trim()) : null;
  if (match) return `gmail:msg-${match[1]}`;
  const decimal = decimalFromLegacyId(legacyHex?.trim() ?? null);
  return decimal ? `gmail:msg-f:${decimal}` : null;
}

/** `aria-expanded` on the list item first, then Gmail's view-state classes, then a shown body. */
function isExpanded(item: Element, body: Element | null): boolean {
  const aria = item.getAttribute('aria-expanded');
  if (aria === 'true' || aria === 'false') return aria === 'true' && body !== null;
  if (item.classList.contains(S.collapsedMessageClass) || item.querySelector(`.${S.collapsedMessageClass}`)) return false;
  return body !== null && isRendered(body, { within: item });
}

/**
 * The bodies' own text. What is not a message's own text (quoted history, hidden parts) and what
 * marks signatures is found once for the whole conversation: one query per selector instead of
 * several per message.
 */
class BodyTexts {
  private notOwnElements: Set<Element> | null = null;
  private skipForExcerpt: Set<Element> | null = null;
  private signaturesByBody: Map<Element, Element[]> | null = null;

  constructor(private readonly scope: Element) {}

  private load(): void {
    this.notOwnElements = new Set($$(S.notOwnText, this.scope));
    const signatures = $$(S.signature, this.scope);
    this.skipForExcerpt = new Set([...this.notOwnElements, ...$$(S.signaturePrefix, this.scope), ...signatures]);
    this.signaturesByBody = new Map();
    for (const signature of signatures) {
      const body = closestOf(signature, S.messageBody);
      if (!body) continue;
      const list = this.signaturesByBody.get(body);
      if (list) list.push(signature);
      else this.signaturesByBody.set(body, [signature]);
    }
  }

  /** Whether the element lies in quoted history or hidden content of `body`. */
  private notOwn(element: Element, body: Element): boolean {
    for (let node: Element | null = element; node && node !== body; node = node.parentElement) {
      if (this.notOwnElements!.has(node)) return true;
    }
    return false;
  }

  /**
   * The body without quoted history, split into the text before the signature (the excerpt)
   * and the signature (marked by Gmail, or after "-- ", or after a closing line such as
   * "Met vriendelijke groet,").
   */
  ownText(body: Element): { excerpt: string; signature: string | null } {
    if (!this.notOwnElements) this.load();
    const lines = textLines(body, { skip: this.skipForExcerpt!, maxChars: 20_000 });
    const marked = this.signaturesByBody!.get(body)?.find((element) => !this.notOwn(element, body)) ?? null;
    let signatureLines: readonly string[] = [];
    let ownLines: readonly string[] = lines;
    if (marked) {
      signatureLines = textLines(marked, { skip: this.notOwnElements!, maxChars: SIGNATURE_CHARS });
      // a plain "--" typed above the marked block belongs to the signature, not to the text
      while (ownLines.at(-1) === '--') ownLines = ownLines.slice(0, -1);
    } else {
      ({ own: ownLines, signature: signatureLines } = splitSignature(lines));
    }
    const excerpt = ownLines.join(' ').slice(0, EXCERPT_CHARS);
    const signature = signatureLines.join('\n').slice(0, SIGNATURE_CHARS);
    return { excerpt, signature: signature || null };
  }
}
