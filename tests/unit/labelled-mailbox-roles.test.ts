/**
 * Every stakeholder of the labelled mailbox (tests/fixtures/labelled-mailbox.ts) gets the role a
 * human reading the mail gives them, read from Gmail only, Outlook only, and both into one store:
 * people known by their own signature, silent people known only from the user's salutations,
 * a subject or a secretariaat's "namens", and welfare workers whose signature names a stichting
 * that their domain does not. And every verdict's evidence reads in both languages.
 */
import { describe, expect, it } from 'vitest';
import { evidenceText } from '@/lib/i18n/evidence';
import { MESSAGES } from '@/lib/i18n/messages';
import type { GemeenteradarDb } from '@/lib/store/db';
import { LEGACY_EVIDENCE_CODE } from '@/lib/vocabulary/evidence';
import { withFreshDb } from '../fixtures/fresh-db';
import { evaluateLabelled, readLabelledMailbox, type LabelledHosts } from '../fixtures/labelled-evaluation';
import { LABELLED_MAILBOX, LABELLED_TRUTH } from '../fixtures/labelled-mailbox';

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));

const addressOf = new Map(LABELLED_MAILBOX.people.map((person) => [person.id, person.address.toLowerCase()]));

describe.each(['gmail', 'outlook', 'both'] as const)('the labelled mailbox read from %s', (hosts: LabelledHosts) => {
  it('gives every stakeholder the right role, with evidence every page can show in Dutch and in English', async () => {
    await readLabelledMailbox(db, hosts);
    const { outcomes, rolesRight, total } = await evaluateLabelled(db);
    const roles = Object.fromEntries(outcomes.map((outcome) => [outcome.truth.person, outcome.role]));
    expect(roles).toEqual(Object.fromEntries(LABELLED_TRUTH.map((truth) => [truth.person, truth.role])));
    expect(rolesRight).toBe(total);

    // the silent wethouder is a wethouder because the user addresses her as one, and it says so
    const contacts = await db.contacts.toArray();
    const oosterhof = contacts.find((contact) => contact.addresses.includes(addressOf.get('dev-wethouder')!))!;
    const roleTag = oosterhof.ruleTags?.find((tag) => tag.dimension === 'role');
    expect(roleTag?.evidence.map((line) => evidenceText(line, { locale: 'en' }))).toContain(
      'salutation of a mail to this person: "Geachte wethouder Oosterhof,"',
    );
    // the secretariaat answering "namens wethouder Vos" works for Vos
    const vos = contacts.find((contact) => contact.addresses.includes(addressOf.get('til-wethouder')!))!;
    const secretariaat = contacts.find((contact) => contact.addresses.includes(addressOf.get('til-secretariaat')!))!;
    expect(secretariaat.worksFor?.contactId).toBe(vos.id);

    // every verdict's evidence, as every page shows it, in Dutch and in English
    const [threads, latency] = await Promise.all([db.threads.toArray(), db.latency.toArray()]);
    const lines = [
      ...contacts.flatMap((contact) => [
        ...(contact.ruleTags ?? []).flatMap((tag) => tag.evidence),
        ...(contact.worksFor?.evidence ?? []),
      ]),
      ...threads.flatMap((thread) => thread.municipalityEvidence ?? []),
      ...latency.flatMap((record) => record.evidence),
    ];
    expect(lines.length).toBeGreaterThan(100);
    const codes = new Set(lines.map((line) => line.code));
    expect(codes.has(LEGACY_EVIDENCE_CODE)).toBe(false);
    for (const code of codes) {
      const keys = Object.keys(MESSAGES.en).filter((key) => key === `evidence_${code}` || key.startsWith(`evidence_${code}_`));
      expect(keys, code).not.toEqual([]);
    }
    for (const line of lines) {
      const english = evidenceText(line, { locale: 'en' });
      expect(english, line.code).not.toMatch(/\{\w+\}/);
      expect(evidenceText(line, { locale: 'nl' }), line.code).not.toMatch(/\{\w+\}/);
    }
  }, 60_000);
});
