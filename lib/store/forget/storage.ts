/**
 * Forgetting a person in extension storage: every item of the `local` and `session` areas that
 * may hold a person (lib/store/table-registry.ts STORAGE_ITEMS; an item not declared there is
 * looked at too) loses them. Derived state only (what each tab shows, the popup's first screen,
 * the work the background owes): the settings hold nobody. Done by the background right after the
 * store's transaction (extension storage cannot join it).
 */
import { storageItemOf } from '../table-registry';
import { DROP } from './paths';
import type { PersonMatcher } from './person';

type Redacted = unknown | typeof DROP;

/**
 * A JSON value without them: a value that is one of their identifiers goes (dropped from a list,
 * null in an object), a list element that names them (a participant, a contact summary) goes,
 * their names and addresses in text are replaced. The same value when nothing changed.
 */
export function redactValue(value: unknown, match: PersonMatcher): Redacted {
  if (typeof value === 'string') return match.isIdentifier(value) ? DROP : match.redact(value);
  if (Array.isArray(value)) {
    const next = value.map((element) => (match.refersTo(element) ? DROP : redactValue(element, match)));
    return next.some((element, index) => element !== value[index]) ? next.filter((element) => element !== DROP) : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  let changed = false;
  const next: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const redacted = redactValue(field, match);
    changed ||= redacted !== field;
    next[key] = redacted === DROP ? null : redacted;
  }
  return changed ? next : value;
}

export interface StorageAreaLike {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** Takes them out of one storage area; returns how many items changed. */
export async function forgetInStorageArea(
  areaName: 'local' | 'session',
  area: StorageAreaLike,
  match: PersonMatcher,
): Promise<number> {
  const items = await area.get(null);
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [key, value] of Object.entries(items)) {
    if (storageItemOf(`${areaName}:${key}`)?.holdsPerson === false) continue;
    const redacted = redactValue(value, match);
    if (redacted === DROP) remove.push(key);
    else if (redacted !== value) set[key] = redacted;
  }
  if (Object.keys(set).length) await area.set(set);
  if (remove.length) await area.remove(remove);
  return Object.keys(set).length + remove.length;
}

/** Takes them out of the extension's `local` and `session` storage. */
export async function forgetInStorage(match: PersonMatcher): Promise<number> {
  const areas: ['local' | 'session', StorageAreaLike | undefined][] = [
    ['local', browser.storage.local as unknown as StorageAreaLike],
    ['session', browser.storage.session as unknown as StorageAreaLike | undefined],
  ];
  let changed = 0;
  for (const [name, area] of areas) if (area) changed += await forgetInStorageArea(name, area, match);
  return changed;
}
