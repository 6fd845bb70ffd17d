import { describe, expect, it } from 'vitest';
import { createDb } from '@/lib/store/db';
import { SCHEMA_VERSIONS } from '@/lib/store/schema-history';
import { ContactSchema, type Tag } from '@/lib/store/schemas';
import { evidence } from '@/lib/vocabulary/evidence';

describe('store schema', () => {
  it('declares versions in increasing order without duplicates', () => {
    const versions = SCHEMA_VERSIONS.map((entry) => entry.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('opens at the newest version with every table validated on write', async () => {
    const db = createDb('test-schema-open');
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    for (const table of ['contacts', 'organisations', 'threads', 'messages', 'tags', 'accounts', 'readerStatus', 'rejections']) {
      expect(db.tables.map((t) => t.name)).toContain(table);
    }
    await expect(db.contacts.put({ id: 'c:x', name: 'x' } as never)).rejects.toThrow(/invalid contacts record/);
    await expect(
      db.contacts.add(
        ContactSchema.parse({
          id: 'c:a@zwolle.nl',
          name: 'A',
          addresses: ['a@zwolle.nl'],
          kind: 'stakeholder',
          organisationId: null,
          municipalityCode: 'GM0193',
          role: 'ambtenaar',
          firstSeenAt: null,
          lastSeenAt: null,
          updatedAt: 1,
        }),
      ),
    ).resolves.toBe('c:a@zwolle.nl');
    await expect(
      // confidence above 1: refused by the store itself, whoever the caller
      db.tags.put({
        id: 't',
        subjectType: 'contact',
        subjectId: 'c:a',
        dimension: 'role',
        value: 'ambtenaar',
        source: 'user',
        evidence: [],
        confidence: 2,
        updatedAt: 1,
      }),
    ).rejects.toThrow(/invalid tags record: confidence/);
    const ruleTag: Tag = {
      id: 'rule:contact:c:a@zwolle.nl:role',
      subjectType: 'contact',
      subjectId: 'c:a@zwolle.nl',
      dimension: 'role',
      value: 'ambtenaar',
      source: 'rule',
      evidence: [evidence('municipality-domain', { domain: 'zwolle.nl' })],
      confidence: 0.8,
      updatedAt: 1,
    };
    // a rule's tag belongs on its contact, once per dimension; the tags table holds corrections
    await expect(db.tags.put(ruleTag)).rejects.toThrow(/rule tags live on their contact/);
    const contact = (await db.contacts.get('c:a@zwolle.nl'))!;
    await expect(db.contacts.put({ ...contact, ruleTags: [ruleTag, ruleTag] })).rejects.toThrow(
      /one rule tag of the contact per dimension/,
    );
    await expect(db.contacts.put({ ...contact, ruleTags: [{ ...ruleTag, source: 'user' }] })).rejects.toThrow(/one rule tag/);
    await expect(db.contacts.put({ ...contact, ruleTags: [ruleTag] })).resolves.toBe(contact.id);
    expect(await db.tags.count()).toBe(0);
    db.close();
    await db.delete();
  });
});
