/**
 * Inline warning badges in the mail list (Gmail and Outlook alike): one small badge on each
 * visible row whose contact is slow (amber) or unresponsive (red), right before the first person
 * the row shows. Pure DOM, no React, no zod, no HTML strings: content scripts run this.
 *
 * - A badge is a `<gemeenteradar-badge data-gemeenteradar="badge">` host with a closed shadow
 *   root holding one `<span role="img" aria-label=… title=…>` with the short text: the page's
 *   styles do not reach it, the readers' selectors (`span`, `[email]`, `[title]` in list cells)
 *   never match it, its text is not part of the row's `textContent`, and what we know about the
 *   contact (status, label) is in the closed root only, for assistive technology and the user,
 *   not in attributes the page's own scripts could read.
 * - Idempotent: the host app re-renders rows (Gmail replaces the row nodes, Outlook recycles them
 *   in its virtualized list), so every pass looks for a badge already in the row and updates it in
 *   place, removes extra ones (a cloned row, a badge left by an earlier copy of this script), and
 *   removes badges whose row is gone or whose contact no longer needs attention.
 * - Writes only what changed: a pass over unchanged rows touches no DOM, so it causes no
 *   mutations (and the observe runtime ignores the badges' own mutations anyway).
 *
 * The statuses come from the background (`contact-statuses` message): only for the addresses of
 * the visible rows, and again only when those change or the latency cache did.
 */
import type { ContactStatusReplyEntry } from '../messaging/contact-statuses';
import { CONTACT_STATUSES_MAX_ADDRESSES } from '../messaging/contact-statuses';
import { readToEnd, type ListRow, type OnListRow, type ReaderResult, type ReadSteps } from '../readers/types';
import { statusColor, statusSeverity } from '../vocabulary/statuses';
import { OWN_ELEMENT_ATTRIBUTE } from './observe';
import { reportSafely } from './report-safely';
import { runInSlices } from './slices';

/** Rows a badge pass handles between two steps; a list this long or shorter is done in one go. */
const BADGE_ROWS_PER_STEP = 250;

export const BADGE_TAG = 'gemeenteradar-badge';
export const BADGE_MARK = 'badge';
/** The badge's thread key: which conversation the row showed when the badge was made for it. */
export const BADGE_THREAD_ATTRIBUTE = 'data-gemeenteradar-thread';

/**
 * The host sits in the row's text flow; everything the page could cascade into it is reset, and
 * `contain` keeps its inside out of the row's layout (it halves the layout of a 100-row list).
 * Styles are set through the CSSOM (never blocked by a page's CSP), no <style> text.
 */
const HOST_STYLE =
  'all: initial; display: inline-block; vertical-align: middle; margin: 0 4px 0 0; line-height: 0; contain: content;';
const PILL_STYLE =
  'display: inline-block; box-sizing: border-box; min-width: 18px; padding: 0 5px; border-radius: 8px; ' +
  'font: 600 11px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #fff; ' +
  'text-align: center; white-space: nowrap; cursor: default;';
/** One constructed sheet shared by every badge of a document: parsed once, not per badge. */
const SHEET_TEXT = `span { ${PILL_STYLE} } .unresponsive { background-color: ${statusColor('unresponsive')}; } .slow { background-color: ${statusColor('slow')}; }`;
const sheets = new WeakMap<Document, CSSStyleSheet | null>();

function sharedSheet(document: Document): CSSStyleSheet | null {
  if (sheets.has(document)) return sheets.get(document)!;
  let sheet: CSSStyleSheet | null = null;
  try {
    const View = document.defaultView?.CSSStyleSheet;
    if (View && typeof View.prototype.replaceSync === 'function') {
      sheet = new View();
      sheet.replaceSync(SHEET_TEXT);
    }
  } catch {
    sheet = null; // no constructable sheets here: inline styles instead
  }
  sheets.set(document, sheet);
  return sheet;
}

/** Adopts the shared sheet; false where that is not possible (then the pill gets inline styles). */
function adoptSheet(shadow: ShadowRoot, sheet: CSSStyleSheet | null): boolean {
  if (!sheet) return false;
  try {
    shadow.adoptedStyleSheets = [sheet];
    return shadow.adoptedStyleSheets.length === 1;
  } catch {
    return false; // e.g. Firefox content scripts (Xray wrappers)
  }
}

/** The status of an address, when its contact needs attention. */
export type StatusLookup = (address: string) => ContactStatusReplyEntry | null | undefined;

interface BadgeParts {
  pill: HTMLElement;
  /** styled inline (no shared sheet could be adopted) */
  inline: boolean;
  status: string;
  short: string;
  label: string;
  thread: string;
}

/** The one status a row's badge shows: unresponsive before slow, then the longest wait. */
export function worstStatus(row: ListRow, lookup: StatusLookup): ContactStatusReplyEntry | null {
  let worst: ContactStatusReplyEntry | null = null;
  for (const participant of row.thread.participants) {
    const status = participant.address ? lookup(participant.address) : null;
    if (!status) continue;
    if (
      !worst ||
      statusSeverity(status.status) > statusSeverity(worst.status) ||
      (status.status === worst.status &&
        (status.attempts > worst.attempts ||
          (status.attempts === worst.attempts && (status.workingDaysWaiting ?? 0) > (worst.workingDaysWaiting ?? 0))))
    ) {
      worst = status;
    }
  }
  return worst;
}

/** The badges this script placed, and the DOM work of placing, updating and removing them. */
export class RowBadges {
  private readonly parts = new WeakMap<Element, BadgeParts>();
  private placed = new Set<Element>();

  /** Shows the badges for these rows (the rows visible now) and removes every other badge of ours. */
  apply(rows: readonly ListRow[], lookup: StatusLookup): void {
    readToEnd(this.applyInSteps(rows, lookup));
  }

  /**
   * The same, pausing (yielding) every BADGE_ROWS_PER_STEP rows. Dropped halfway (a newer pass
   * replaced it), it leaves every badge it placed known, and the next pass removes what is not wanted.
   */
  *applyInSteps(rows: readonly ListRow[], lookup: StatusLookup): ReadSteps<void> {
    const kept = new Set<Element>();
    const seenRows = new Set<Element>();
    let done = 0;
    for (const row of rows) {
      if (++done % BADGE_ROWS_PER_STEP === 0) yield;
      const { element, anchor } = row;
      if (seenRows.has(element) || !element.isConnected) continue;
      seenRows.add(element);
      const status = worstStatus(row, lookup);
      const parent = status && anchor?.isConnected && element.contains(anchor) ? anchor.parentNode : null;
      let badge: Element | null = null;
      const existing = element.getElementsByTagName(BADGE_TAG);
      if (existing.length > 0) {
        for (const candidate of Array.from(existing)) {
          // keep one of ours; a copy (cloned row), a second one, or one an earlier instance of this
          // script left behind (its shadow root is not ours to update) goes
          if (!badge && parent && this.parts.has(candidate) && !kept.has(candidate)) badge = candidate;
          else this.remove(candidate);
        }
      }
      if (!status || !parent || !anchor) continue;
      if (!badge) {
        badge = this.create(element.ownerDocument);
        this.placed.add(badge);
      }
      this.update(badge, status, row.thread.threadKey);
      if (badge.parentNode !== parent || badge.nextSibling !== anchor) parent.insertBefore(badge, anchor);
      kept.add(badge);
    }
    // rows that went, or are no longer read as rows: their badges go with them
    for (const badge of this.placed) if (!kept.has(badge)) this.remove(badge);
    this.placed = kept;
  }

  /** Removes every badge this script placed. */
  clear(): void {
    for (const badge of this.placed) this.remove(badge);
    this.placed = new Set();
  }

  private create(document: Document): Element {
    const badge = document.createElement(BADGE_TAG);
    badge.setAttribute(OWN_ELEMENT_ATTRIBUTE, BADGE_MARK);
    badge.style.cssText = HOST_STYLE;
    // closed: the page cannot reach into it; we keep the one reference we need
    const shadow = badge.attachShadow({ mode: 'closed' });
    const pill = document.createElement('span');
    pill.setAttribute('role', 'img');
    const inline = !adoptSheet(shadow, sharedSheet(document));
    if (inline) pill.style.cssText = PILL_STYLE;
    shadow.append(pill);
    this.parts.set(badge, { pill, inline, status: '', short: '', label: '', thread: '' });
    return badge;
  }

  /** Writes only what differs, so an unchanged badge causes no mutation. */
  private update(badge: Element, status: ContactStatusReplyEntry, thread: string): void {
    const parts = this.parts.get(badge)!;
    if (parts.status !== status.status) {
      parts.status = status.status;
      if (parts.inline) parts.pill.style.backgroundColor = statusColor(status.status);
      else parts.pill.className = status.status;
      parts.pill.setAttribute('data-status', status.status);
    }
    if (parts.short !== status.short) {
      parts.short = status.short;
      parts.pill.textContent = status.short;
    }
    if (parts.label !== status.label) {
      parts.label = status.label;
      parts.pill.setAttribute('aria-label', status.label);
      parts.pill.setAttribute('title', status.label);
    }
    if (parts.thread !== thread) {
      parts.thread = thread;
      badge.setAttribute(BADGE_THREAD_ATTRIBUTE, thread);
    }
  }

  private remove(badge: Element): void {
    badge.remove();
    this.parts.delete(badge);
  }
}

// ---------------------------------------------------------------------------------------------
// The content-script side: which addresses to ask about, when, and applying the answers.

export interface InlineBadgeOptions {
  /**
   * Asks the background about these addresses (a `contact-statuses` message) and resolves with
   * its reply; at most CONTACT_STATUSES_MAX_ADDRESSES per call.
   */
  query: (addresses: string[]) => unknown;
  /** told about failed queries and badge errors (never rethrown into the page) */
  onError?: (error: unknown) => void;
}

export interface InlineBadges {
  /**
   * Runs a reader with a row collector, shows the badges for the rows it read, returns the
   * reader's result unchanged. A reader that throws throws; the badge part never does.
   */
  read(run: (onRow: OnListRow) => ReaderResult): ReaderResult;
  /** The same for a read in steps; the badges of a long list are placed in slices after it. */
  readInSteps(run: (onRow: OnListRow) => ReadSteps<ReaderResult>): ReadSteps<ReaderResult>;
  /** The latency cache changed: ask again about the visible rows (the badges stay until the answer). */
  invalidate(): void;
  /** Removes every badge; no more queries or DOM work after this. */
  stop(): void;
}

const STATUSES = new Set(['slow', 'unresponsive']);

/** The background is trusted, but a reply that is not what we expect must not break the page. */
function statusesOf(reply: unknown): Record<string, unknown> | null {
  if (typeof reply !== 'object' || reply === null) return null;
  const { ok, statuses } = reply as { ok?: unknown; statuses?: unknown };
  return ok === true && typeof statuses === 'object' && statuses !== null ? (statuses as Record<string, unknown>) : null;
}

function entryOf(value: unknown): ContactStatusReplyEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as Partial<ContactStatusReplyEntry>;
  return STATUSES.has(entry.status as string) &&
    typeof entry.short === 'string' &&
    typeof entry.label === 'string' &&
    typeof entry.attempts === 'number'
    ? {
        status: entry.status!,
        attempts: entry.attempts,
        workingDaysWaiting: typeof entry.workingDaysWaiting === 'number' ? entry.workingDaysWaiting : null,
        short: entry.short.slice(0, 20),
        label: entry.label.slice(0, 500),
      }
    : null;
}

/** The reply's entry per asked address (null: not slow or unresponsive); null when the reply is refused. */
function entriesOf(part: readonly string[], reply: unknown): Map<string, ContactStatusReplyEntry | null> | null {
  const statuses = statusesOf(reply);
  if (!statuses) return null;
  return new Map(part.map((address) => [address, entryOf(Object.hasOwn(statuses, address) ? statuses[address] : null)]));
}

/** What is known about the addresses these rows show; the rest is forgotten. */
function shownIn<Value>(rows: readonly ListRow[], known: ReadonlyMap<string, Value>): Map<string, Value> {
  const visible = new Set(rows.flatMap((row) => row.thread.participants.map((participant) => participant.address)));
  return new Map([...known].filter(([address]) => visible.has(address)));
}

/** The rows' participant addresses still to ask about, once each, in row order. */
function addressesToAsk(rows: readonly ListRow[], needed: (address: string) => boolean): string[] {
  const missing = new Set<string>();
  for (const row of rows) {
    for (const { address } of row.thread.participants) if (address && needed(address)) missing.add(address);
  }
  return [...missing];
}

/** Runs `work`; what it throws goes to `report` (a content script never throws into the page). */
function runReporting(work: () => void, report: (error: unknown) => void): void {
  try {
    work();
  } catch (error) {
    report(error);
  }
}

/**
 * Shows the badges for the rows still in the page: a long list's in slices, a newer pass dropping
 * an older one still under way; a short list's at once, as it always was.
 */
function badgePasses(badges: RowBadges, wanted: () => boolean, report: (error: unknown) => void) {
  let passes = 0;
  return (rows: readonly ListRow[], lookup: StatusLookup): void => {
    const [pass, visible] = [++passes, rows.filter((row) => row.element.isConnected)];
    if (visible.length <= BADGE_ROWS_PER_STEP) return badges.apply(visible, lookup);
    void runInSlices(badges.applyInSteps(visible, lookup), { wanted: () => wanted() && pass === passes }).catch(report);
  };
}

export function createInlineBadges(options: InlineBadgeOptions): InlineBadges {
  const badges = new RowBadges();
  /** per address asked about: its status, or null when its contact needs no attention */
  let known = new Map<string, ContactStatusReplyEntry | null>();
  /** known, but from before the latency cache last changed: shown until the new answer is in */
  let stale = new Set<string>();
  let pending = new Set<string>();
  let generation = 0;
  let rows: ListRow[] = [];
  let account: string | null = null;
  let stopped = false;

  const report = reportSafely(options.onError);
  const lookup: StatusLookup = (address) => known.get(address);

  const applyToRows = badgePasses(badges, () => !stopped, report);

  const show = () => {
    if (stopped) return;
    rows = rows.filter((row) => row.element.isConnected);
    applyToRows(rows, lookup);
    const missing = addressesToAsk(
      rows,
      (address) => address !== account && (!known.has(address) || stale.has(address)) && !pending.has(address),
    );
    if (missing.length > 0) ask(missing);
  };
  const showSafely = () => runReporting(show, report);
  /** The rows a read found: their badges shown, the read's result unchanged. */
  const showRowsOf = (collected: ListRow[], result: ReaderResult) => {
    rows = collected;
    account = result.account;
    showSafely();
    return result;
  };

  const ask = (addresses: string[]) => {
    const asked = generation;
    for (let start = 0; start < addresses.length; start += CONTACT_STATUSES_MAX_ADDRESSES) {
      const part = addresses.slice(start, start + CONTACT_STATUSES_MAX_ADDRESSES);
      for (const address of part) pending.add(address);
      const answered = (reply: unknown) => {
        if (stopped || asked !== generation) return;
        for (const address of part) pending.delete(address);
        const entries = entriesOf(part, reply);
        // refused: counted by the background; these addresses wait for the next cache change
        if (!entries) report(new Error(`contact-statuses: ${JSON.stringify(reply)?.slice(0, 200)}`));
        for (const address of part) {
          known.set(address, entries?.get(address) ?? null);
          stale.delete(address);
        }
        applyToRows(rows, lookup);
      };
      const failed = (error: unknown) => {
        // no background (restarting, or the extension was updated): ask again at the next read
        if (asked === generation) for (const address of part) pending.delete(address);
        report(error);
      };
      runReporting(() => void Promise.resolve(options.query(part)).then(answered, failed), failed);
    }
  };

  return {
    read(run) {
      const collected: ListRow[] = [];
      return showRowsOf(
        collected,
        run((row) => void collected.push(row)),
      );
    },
    *readInSteps(run) {
      const collected: ListRow[] = [];
      return showRowsOf(collected, yield* run((row) => void collected.push(row)));
    },
    invalidate() {
      if (stopped) return;
      generation++;
      pending = new Set();
      // keep what the visible rows show until the new answer replaces it; forget the rest
      known = shownIn(rows, known);
      stale = new Set(known.keys());
      showSafely();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      runReporting(() => badges.clear(), report);
    },
  };
}
