/**
 * Field paths of the table registry (lib/store/table-registry.ts): `name`, `nested.field`,
 * `list[]` (each element), `list[].field`. Reading the values at a path, and changing them
 * without touching the record (a changed copy along the path, the same object when nothing
 * changed, so a plan knows which records to write). Pure.
 */
import { isEvidence } from '../../vocabulary/evidence';

/** Returned by a change function for an element to drop from its list (a single value becomes null). */
export const DROP: unique symbol = Symbol('drop');
export type Change = (value: unknown) => unknown;

interface Segment {
  name: string;
  each: boolean;
}

const parsed = new Map<string, Segment[]>();

export function segmentsOf(path: string): Segment[] {
  let segments = parsed.get(path);
  if (!segments) {
    segments = path
      .split('.')
      .map((part) => (part.endsWith('[]') ? { name: part.slice(0, -2), each: true } : { name: part, each: false }));
    parsed.set(path, segments);
  }
  return segments;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function collect(value: unknown, segments: readonly Segment[], into: unknown[]): void {
  if (segments.length === 0) {
    into.push(value);
    return;
  }
  const [first, ...rest] = segments as [Segment, ...Segment[]];
  if (!isObject(value) || !(first.name in value)) return;
  const child = value[first.name];
  if (!first.each) collect(child, rest, into);
  else if (Array.isArray(child)) for (const element of child) collect(element, rest, into);
}

/** Every value at a path (none when a part of it is missing). */
export function valuesAt(record: unknown, path: string): unknown[] {
  const values: unknown[] = [];
  collect(record, segmentsOf(path), values);
  return values;
}

function changeAt(value: unknown, segments: readonly Segment[], change: Change): unknown {
  if (segments.length === 0) return change(value);
  const [first, ...rest] = segments as [Segment, ...Segment[]];
  if (!isObject(value) || !(first.name in value)) return value;
  const child = value[first.name];
  let next: unknown;
  if (!first.each) {
    next = changeAt(child, rest, change);
    if (next === DROP) next = null;
  } else {
    if (!Array.isArray(child)) return value;
    const elements = child.map((element) => changeAt(element, rest, change));
    next = elements.some((element, index) => element !== child[index]) ? elements.filter((element) => element !== DROP) : child;
  }
  return next === child ? value : { ...value, [first.name]: next };
}

/** The record with `change` applied to every value at a path; the same record when nothing changed. */
export function changedAt<T>(record: T, path: string, change: Change): T {
  return changeAt(record, segmentsOf(path), change) as T;
}

/** Whether the value at a path (a list, a string, a value) is empty: `[]`, `''`, null or missing. */
export function isEmptyAt(record: unknown, path: string): boolean {
  const [value] = valuesAt(record, path);
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The text of a free-text value: a string, or the values of evidence ({ code, values }: an
 * address or a quoted line sits in its values since evidence became codes).
 */
export function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (isEvidence(value)) return Object.values(value.values ?? {}).filter((inner): inner is string => typeof inner === 'string');
  return [];
}
