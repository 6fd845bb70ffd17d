/**
 * The table registry (lib/store/table-registry.ts) is what backup, restore, forget and the "what
 * is held" view work from: a table or a storage item it does not declare would be left out of
 * backups and keep a forgotten person. These tests fail when the newest schema and the registry
 * drift apart.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createDb, TABLE_SCHEMAS } from '@/lib/store/db';
import { SCHEMA_VERSIONS } from '@/lib/store/schema-history';
import { STORAGE_ITEMS, storageItemOf, SUBJECT_TYPES, TABLE_NAMES, TABLES, type PersonFields } from '@/lib/store/table-registry';

/** The tables of the newest schema, from the version history (a table declared `null` is gone). */
function latestTables(): string[] {
  const tables = new Map<string, string | null>();
  for (const { stores } of SCHEMA_VERSIONS) for (const [name, spec] of Object.entries(stores)) tables.set(name, spec);
  return [...tables].filter(([, spec]) => spec !== null).map(([name]) => name);
}

type Zod = z.ZodType & {
  def: { type: string; options?: Zod[] };
  shape?: Record<string, Zod>;
  element?: Zod;
  unwrap?: () => Zod;
  in?: Zod;
};

/** The schema at a field path of the registry (`a`, `a.b`, `a[]`, `a[].b`), or undefined. */
function schemaAt(schema: Zod, path: string): Zod | undefined {
  let current: Zod | undefined = schema;
  const unwrap = (value: Zod | undefined): Zod | undefined => {
    let inner = value;
    while (inner && ['optional', 'nullable', 'default', 'pipe'].includes(inner.def.type))
      inner = inner.def.type === 'pipe' ? inner.in : inner.unwrap!();
    return inner;
  };
  const parts = path.split('.');
  for (const [index, part] of parts.entries()) {
    const name = part.replace(/\[\]$/, '');
    current = unwrap(current);
    // a union of records (decisions): the field must exist in every one of its shapes
    if (current?.def.type === 'union') {
      const rest = parts.slice(index).join('.');
      const found = current.def.options!.map((option) => schemaAt(option, rest));
      return found.every((inner) => inner !== undefined) ? found[0] : undefined;
    }
    if (!current || current.def.type !== 'object') return undefined;
    current = current.shape![name];
    if (part.endsWith('[]')) {
      current = unwrap(current);
      if (!current || current.def.type !== 'array') return undefined;
      current = current.element;
    }
  }
  return current;
}

function pathsOf(fields: PersonFields): string[] {
  return [
    ...(fields.ownedBy ?? []),
    ...(fields.keptAsRead ?? []),
    ...(fields.mentions ?? []),
    ...(fields.text ?? []),
    ...(fields.goneWhenEmptied ?? []),
    ...(fields.subject ? [fields.subject.type, fields.subject.id] : []),
    ...(fields.parent ? [fields.parent.field] : []),
  ];
}

describe('the table registry', () => {
  it('declares every table of the newest schema, and no other', () => {
    expect([...TABLE_NAMES].sort()).toEqual(latestTables().sort());
  });

  it('knows each table by its primary key, and finds people by indexes the schema has', async () => {
    const db = createDb('test-registry');
    await db.open();
    for (const name of TABLE_NAMES) {
      const schema = db.table(name).schema;
      expect(schema.primKey.keyPath, name).toBe(TABLES[name].key);
      const find = TABLES[name].person?.find;
      if (!find || find === 'scan') continue;
      const indexes = [':id', ...schema.indexes.map((index) => index.name)];
      for (const { index } of find) expect(indexes, `${name}: index ${index}`).toContain(index);
    }
    db.close();
    await db.delete();
  });

  it('has a zod schema for every table, and every declared field exists in it', () => {
    for (const name of TABLE_NAMES) {
      const schema = TABLE_SCHEMAS[name] as Zod | undefined;
      expect(schema, `${name} has no schema in TABLE_SCHEMAS`).toBeDefined();
      expect(schemaAt(schema!, TABLES[name].key), `${name}: key ${TABLES[name].key}`).toBeDefined();
      const fields = TABLES[name].person;
      if (!fields) continue;
      for (const path of pathsOf(fields)) expect(schemaAt(schema!, path), `${name}: ${path}`).toBeDefined();
      for (const related of [fields.children, fields.parent]) {
        if (!related) continue;
        expect(TABLE_NAMES, `${name}: related table ${related.table}`).toContain(related.table);
      }
      if (fields.children)
        expect(
          schemaAt(TABLE_SCHEMAS[fields.children.table as keyof typeof TABLE_SCHEMAS] as Zod, fields.children.field),
        ).toBeDefined();
    }
    for (const refers of Object.values(SUBJECT_TYPES))
      if (refers && 'table' in refers) expect(TABLE_NAMES).toContain(refers.table);
  });

  it('would notice a field that does not exist', () => {
    expect(schemaAt(TABLE_SCHEMAS.messages as Zod, 'toAddresses[]')).toBeDefined();
    expect(schemaAt(TABLE_SCHEMAS.messages as Zod, 'recipients[]')).toBeUndefined();
    expect(schemaAt(TABLE_SCHEMAS.contacts as Zod, 'ruleTags[].evidence[]')).toBeDefined();
    expect(schemaAt(TABLE_SCHEMAS.contacts as Zod, 'name[]')).toBeUndefined();
  });

  it('declares every extension-storage item the code defines', () => {
    const root = resolve(import.meta.dirname, '../..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry)) files.push(path);
      }
    };
    for (const dir of ['lib', 'components', 'entrypoints']) walk(join(root, dir));
    const sources = files.map((file) => readFileSync(file, 'utf8'));
    // constants a key is built from (`local:${OWED_WORK_KEY}`)
    const constants = new Map<string, string>();
    for (const source of sources)
      for (const [, name, value] of source.matchAll(/export const (\w+) = '([^']+)'/g)) constants.set(name!, value!);
    const keys = sources.flatMap((source) =>
      [...source.matchAll(/defineItem(?:<[^(]*>)?\(\s*[`'"]([^`'"]+)[`'"]/g)].map(
        ([, key]) =>
          // a part that varies at run time (`${tabId}`) makes the key a prefix
          key!.replace(/\$\{(\w+)\}/g, (whole, name: string) => constants.get(name) ?? '\u0000').split('\u0000')[0]!,
      ),
    );
    expect(keys.length).toBeGreaterThanOrEqual(STORAGE_ITEMS.length);
    for (const key of keys)
      expect(storageItemOf(key) ?? storageItemOf(`${key}1`), `storage item ${key} is not declared`).toBeDefined();
  });
});
