/**
 * Small DOM helpers shared by every reader. Readers only ever *read* text and attributes:
 * nothing here touches innerHTML or changes the page.
 */
import { normaliseAddress } from '../vocabulary/address';
import { ZERO_WIDTH } from '../vocabulary/text-folding';

/** One selector, or fallbacks in order of trust (see lib/readers/gmail-selectors.ts). */
export type SelectorList = string | readonly string[];

type Root = ParentNode;

/** Thrown by `$` when a selector that must match does not: the markup is not what we know. */
export class SelectorNotFoundError extends Error {
  constructor(readonly selectors: SelectorList) {
    super(`no element matches ${typeof selectors === 'string' ? selectors : selectors.join(' | ')}`);
    this.name = 'SelectorNotFoundError';
  }
}

/** The first match of the first selector that matches anything, or null. Fallbacks in order. */
export function $optional<T extends Element = Element>(selectors: SelectorList, root: Root): T | null {
  if (typeof selectors === 'string') return root.querySelector<T>(selectors);
  for (const selector of selectors) {
    const found = root.querySelector<T>(selector);
    if (found) return found;
  }
  return null;
}

/** Like `$optional`, but throws SelectorNotFoundError: for elements a view cannot lack. */
export function $<T extends Element = Element>(selectors: SelectorList, root: Root): T {
  const found = $optional<T>(selectors, root);
  if (!found) throw new SelectorNotFoundError(selectors);
  return found;
}

const joinedCache = new Map<readonly string[], string>();
/** A selector list as one selector string, joined once (selector lists are module constants). */
export function joinSelectors(selectors: SelectorList): string {
  if (typeof selectors === 'string') return selectors;
  let joined = joinedCache.get(selectors);
  if (joined === undefined) {
    joined = selectors.join(',');
    joinedCache.set(selectors, joined);
  }
  return joined;
}

/**
 * Every element matching any of the selectors, once each, in document order. Runs one query per
 * selector: Chromium answers a single simple selector many times faster than a selector list
 * (measured: 4 µs for `.a98.iY` against 116 µs for `.a98.iY,.PeIF1d,.if` on a 2,700-element view).
 */
export function $$<T extends Element = Element>(selectors: SelectorList, root: Root): T[] {
  if (typeof selectors === 'string') return Array.from(root.querySelectorAll<T>(selectors));
  let found: T[] = [];
  let merged = 0;
  for (const selector of selectors) {
    const matches = root.querySelectorAll<T>(selector);
    if (matches.length === 0) continue;
    found = merged === 0 ? Array.from(matches) : found.concat(Array.from(matches));
    merged++;
  }
  if (merged < 2) return found;
  const unique = [...new Set(found)];
  return unique.sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
}

/** The nearest ancestor-or-self matching any of the selectors (one `closest` per selector, see `$$`). */
export function closestOf(element: Element, selectors: SelectorList): Element | null {
  if (typeof selectors === 'string') return element.closest(selectors);
  let nearest: Element | null = null;
  for (const selector of selectors) {
    const found = element.closest(selector);
    if (found && (!nearest || nearest.contains(found))) nearest = found;
  }
  return nearest;
}

/**
 * The matches of the first selector (in order of trust) that matches anything, or anything
 * `accept`ed (e.g. rendered): fallbacks for a collection, so that old and new markup are never
 * mixed in one read, and a hidden stale copy in old markup does not hide visible new markup.
 */
export function $$first<T extends Element = Element>(selectors: SelectorList, root: Root, accept?: (element: T) => boolean): T[] {
  for (const selector of typeof selectors === 'string' ? [selectors] : selectors) {
    let found = Array.from(root.querySelectorAll<T>(selector));
    if (accept) found = found.filter(accept);
    if (found.length > 0) return found;
  }
  return [];
}

const WHITESPACE_RUN = /[\s\u00a0\u202f]+/g;

/** Whitespace folded to single spaces (NBSP and narrow NBSP included), zero-width removed, trimmed. */
export function foldWhitespace(text: string): string {
  // most texts (names, subjects) are already clean: one test instead of two replaces
  if (!NEEDS_FOLDING.test(text)) return text;
  return text.replace(ZERO_WIDTH, '').replace(WHITESPACE_RUN, ' ').trim();
}
const NEEDS_FOLDING = /[^\S ]| {2}|^ | $|[\u00a0\u202f\u200b-\u200d\u2060\ufeff]/;

/** The element's text (textContent, so never HTML), whitespace folded; '' for null. */
export function textOf(element: Node | null | undefined): string {
  if (!element) return '';
  return foldWhitespace(element.textContent ?? '');
}

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TD',
  'TR',
  'UL',
]);
const NEVER_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

export interface LinesOptions {
  /**
   * subtrees to leave out (quoted history, signatures, hidden trimmed content): a selector, or
   * the elements themselves when the caller has found them once for many bodies
   */
  skip?: string | ReadonlySet<Element>;
  /** stop collecting after about this many characters (bodies can be huge) */
  maxChars?: number;
}

/**
 * The text of an element as lines, the way it is laid out: a new line at every `<br>` and block
 * element, whitespace folded within a line, empty lines dropped. Used for message bodies, where
 * line structure tells us where a signature starts.
 */
export function textLines(element: Element, options: LinesOptions = {}): string[] {
  const maxChars = options.maxChars ?? Number.POSITIVE_INFINITY;
  // one query for the subtrees to leave out, instead of a selector match per element
  const skip = options.skip;
  const skipped = typeof skip === 'string' ? new Set(element.querySelectorAll(skip)) : (skip ?? null);
  const lines: string[] = [];
  let current = '';
  let total = 0;
  const flush = () => {
    const line = foldWhitespace(current);
    if (line) {
      lines.push(line);
      total += line.length;
    }
    current = '';
  };
  const walk = (node: Node): boolean => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (total >= maxChars) return false;
      if (child.nodeType === 3) {
        current += child.nodeValue ?? '';
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      if (NEVER_TEXT.has(el.tagName)) continue;
      if (skipped?.has(el)) continue;
      const block = BLOCK_TAGS.has(el.tagName);
      if (block) flush();
      if (!walk(el)) return false;
      if (block) flush();
    }
    return true;
  };
  walk(element);
  flush();
  return lines;
}

/**
 * Whether an element is shown, judged from attributes only (fast enough for every row):
 * not inside `[hidden]`, `aria-hidden="true"` (Gmail's and Outlook's stale views) or an inline
 * `display: none`. With `within`, only the ancestors below that element are checked (it is known
 * to be shown); with `cache`, verdicts are shared between calls (siblings share ancestors); with
 * `ignoreAriaHidden`, `aria-hidden` does not hide (pages hide everything behind a modal dialog
 * from screen readers while it stays on screen). With `deep`, also asks the browser
 * (`checkVisibility`, where it exists), which sees stylesheet rules too, but forces a style
 * recalculation when the page changed since the last frame (and a reader runs right after a
 * change): only where attributes cannot decide, never per row.
 */
export function isRendered(
  element: Element,
  options: { deep?: boolean; within?: Element; cache?: Map<Element, boolean>; ignoreAriaHidden?: boolean } = {},
): boolean {
  if (!element.isConnected) return false;
  const stop = options.within ?? null;
  const cache = options.cache;
  const visited: Element[] = [];
  let shown = true;
  for (let el: Element | null = element; el && el !== stop; el = el.parentElement) {
    const known = cache?.get(el);
    if (known !== undefined) {
      shown = known;
      break;
    }
    visited.push(el);
    if (el.hasAttribute('hidden') || (!options.ignoreAriaHidden && el.getAttribute('aria-hidden') === 'true')) {
      shown = false;
      break;
    }
    const style = el.getAttribute('style');
    if (style && INLINE_HIDDEN.test(style)) {
      shown = false;
      break;
    }
  }
  // every element walked shares the verdict of the first hidden or known one above it (or "shown")
  if (cache) for (const el of visited) cache.set(el, shown);
  if (!shown) return false;
  if (options.deep) {
    const check = (element as Element & { checkVisibility?: () => boolean }).checkVisibility;
    if (typeof check === 'function') return check.call(element);
  }
  return true;
}
const INLINE_HIDDEN = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

const ADDRESS_IN_TEXT = /[^\s@<>()",;:'\u00a0]+@[^\s@<>()",;:'\u00a0]+\.[a-z]{2,}/gi;
/** The addresses mentioned in a piece of text (titles, aria-labels), normalised (lib/vocabulary/address.ts), in order. */
export function addressesIn(text: string | null | undefined): string[] {
  if (!text) return [];
  const found: string[] = [];
  for (const match of text.matchAll(ADDRESS_IN_TEXT)) {
    const address = normaliseAddress(match[0]);
    if (address && !found.includes(address)) found.push(address);
  }
  return found;
}
