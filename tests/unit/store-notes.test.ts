import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import { InvalidRecordError, type GemeenteradarDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { addNextStep, saveNote, UnknownSubjectError, updateNextStep } from '@/lib/store/notes';
import { sortNextSteps } from '@/lib/read-models/side-panel';
import type { NextStep } from '@/lib/store/schemas';
import { withFreshDb } from '../fixtures/fresh-db';
import { contactRecord, organisationRecord } from '../fixtures/records';

const NOW = Date.UTC(2026, 10, 20, 10);
const DAY = 86_400_000;
const CONTACT = contactRecord({
  id: 'c:e.bosman@zwolle.nl',
  name: 'Erik Bosman',
  organisationId: 'org:gemeente:GM0193',
  firstSeenAt: NOW - 10 * DAY,
  lastSeenAt: NOW - 5 * DAY,
  updatedAt: NOW,
});
const ORGANISATION = organisationRecord({
  id: 'org:gemeente:GM0193',
  name: 'Gemeente Zwolle',
  kind: 'gemeente',
  domains: ['zwolle.nl'],
  municipalityCodes: ['GM0193'],
  updatedAt: NOW,
});

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  await db.contacts.put(CONTACT);
  await db.organisations.put(ORGANISATION);
});

describe('notes', () => {
  it('keeps one note per contact and per organisation, edited in place', async () => {
    await saveNote(db, { subjectType: 'contact', subjectId: CONTACT.id, text: 'Enthousiast, houdt afspraken.' }, NOW);
    await saveNote(
      db,
      { subjectType: 'contact', subjectId: CONTACT.id, text: 'Enthousiast, houdt afspraken. Leest mail laat.' },
      NOW + 1,
    );
    await saveNote(db, { subjectType: 'organisation', subjectId: ORGANISATION.id, text: 'Bezuinigt op welzijn in 2027.' }, NOW);
    expect(await db.notes.toArray()).toEqual([
      {
        id: `contact:${CONTACT.id}`,
        subjectType: 'contact',
        subjectId: CONTACT.id,
        text: 'Enthousiast, houdt afspraken. Leest mail laat.',
        updatedAt: NOW + 1,
      },
      {
        id: `organisation:${ORGANISATION.id}`,
        subjectType: 'organisation',
        subjectId: ORGANISATION.id,
        text: 'Bezuinigt op welzijn in 2027.',
        updatedAt: NOW,
      },
    ]);
  });

  it('deletes a note saved blank', async () => {
    await saveNote(db, { subjectType: 'contact', subjectId: CONTACT.id, text: 'x' }, NOW);
    expect(await saveNote(db, { subjectType: 'contact', subjectId: CONTACT.id, text: '  \n ' }, NOW)).toBeNull();
    expect(await db.notes.count()).toBe(0);
  });

  it('stores hostile text as text, unchanged', async () => {
    const text = '<img src=x onerror=alert(1)> & "quotes"';
    await saveNote(db, { subjectType: 'contact', subjectId: CONTACT.id, text }, NOW);
    expect((await db.notes.get(`contact:${CONTACT.id}`))?.text).toBe(text);
  });

  it.each([
    ['a text over 10,000 characters', { subjectType: 'contact', subjectId: CONTACT.id, text: 'x'.repeat(10_001) }, ZodError],
    ['an unknown subject type', { subjectType: 'thread', subjectId: 'gmail:thread-f:1', text: 'x' }, ZodError],
    [
      'a contact that does not exist',
      { subjectType: 'contact', subjectId: 'c:nobody@zwolle.nl', text: 'x' },
      UnknownSubjectError,
    ],
    [
      'an organisation that does not exist',
      { subjectType: 'organisation', subjectId: 'org:nowhere.nl', text: 'x' },
      UnknownSubjectError,
    ],
    [
      'a municipality code that does not exist',
      { subjectType: 'municipality', subjectId: 'GM9999', text: 'x' },
      UnknownSubjectError,
    ],
  ])('refuses %s', async (_label, input, error) => {
    await expect(saveNote(db, input as never, NOW)).rejects.toBeInstanceOf(error);
    expect(await db.notes.count()).toBe(0);
  });
});

describe('next steps', () => {
  it('adds a dated step, marks it done and back, edits and deletes it', async () => {
    const step = await addNextStep(
      db,
      { subjectType: 'contact', subjectId: CONTACT.id, text: '  Bellen over de evaluatie ', dueAt: NOW + 3 * DAY },
      NOW,
    );
    expect(step).toMatchObject({ text: 'Bellen over de evaluatie', dueAt: NOW + 3 * DAY, done: false });
    expect(await updateNextStep(db, { id: step.id, done: true }, NOW + 1)).toMatchObject({ done: true, updatedAt: NOW + 1 });
    expect(await updateNextStep(db, { id: step.id, done: false, dueAt: null }, NOW + 2)).toMatchObject({
      done: false,
      dueAt: null,
    });
    expect(await updateNextStep(db, { id: step.id, remove: true })).toBeNull();
    expect(await db.nextSteps.count()).toBe(0);
  });

  it.each([
    ['an empty text', { subjectType: 'contact', subjectId: CONTACT.id, text: '   ', dueAt: null }, ZodError],
    [
      'a text over 500 characters',
      { subjectType: 'contact', subjectId: CONTACT.id, text: 'x'.repeat(501), dueAt: null },
      ZodError,
    ],
    ['a date that is not a time', { subjectType: 'contact', subjectId: CONTACT.id, text: 'x', dueAt: 1.5 }, ZodError],
    [
      'an unknown contact',
      { subjectType: 'contact', subjectId: 'c:nobody@zwolle.nl', text: 'x', dueAt: null },
      UnknownSubjectError,
    ],
  ])('refuses %s', async (_label, input, error) => {
    await expect(addNextStep(db, input as never, NOW)).rejects.toBeInstanceOf(error);
    expect(await db.nextSteps.count()).toBe(0);
  });

  it('refuses an update with nothing to change, or of a step that does not exist', async () => {
    const step = await addNextStep(db, { subjectType: 'contact', subjectId: CONTACT.id, text: 'x', dueAt: null }, NOW);
    await expect(updateNextStep(db, { id: step.id })).rejects.toBeInstanceOf(ZodError);
    await expect(updateNextStep(db, { id: 'step:none', done: true })).rejects.toBeInstanceOf(UnknownSubjectError);
  });

  it('is validated by the store too: a step written past the input schema is refused', async () => {
    await expect(
      db.nextSteps.put({
        id: 'step:raw',
        subjectType: 'contact',
        subjectId: CONTACT.id,
        text: '',
        dueAt: null,
        done: false,
        updatedAt: NOW,
      }),
    ).rejects.toBeInstanceOf(InvalidRecordError);
  });

  it('sorts open steps by due date (undated last), then done ones, newest first', () => {
    const step = (id: string, dueAt: number | null, done: boolean, updatedAt = NOW): NextStep => ({
      id,
      subjectType: 'contact',
      subjectId: CONTACT.id,
      text: id,
      dueAt,
      done,
      updatedAt,
    });
    const sorted = sortNextSteps([
      step('done-old', NOW, true, NOW),
      step('undated', null, false),
      step('later', NOW + 5 * DAY, false),
      step('done-new', NOW, true, NOW + 9),
      step('soon', NOW + DAY, false),
    ]);
    expect(sorted.map((entry) => entry.id)).toEqual(['soon', 'later', 'undated', 'done-new', 'done-old']);
  });
});

describe('through the background', () => {
  const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
  const PANEL = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/sidepanel.html` };

  it('saves notes and steps from an extension page, refuses them from a mail page', async () => {
    const onContactsChanged = vi.fn();
    const handle = createMessageHandler({
      db,
      queue: createIngestQueue(db),
      extensionId: EXTENSION_ID,
      afterWrite: (owes) => onContactsChanged(owes.contactIds),
      now: () => NOW,
    });
    expect(
      await handle({ type: 'save-note', note: { subjectType: 'contact', subjectId: CONTACT.id, text: 'Notitie' } }, PANEL),
    ).toEqual({ ok: true });
    expect(
      await handle(
        { type: 'add-next-step', step: { subjectType: 'contact', subjectId: CONTACT.id, text: 'Mailen', dueAt: NOW } },
        PANEL,
      ),
    ).toEqual({ ok: true });
    const [step] = await db.nextSteps.toArray();
    expect(await handle({ type: 'update-next-step', step: { id: step!.id, done: true } }, PANEL)).toEqual({ ok: true });
    expect(onContactsChanged).toHaveBeenCalledWith([CONTACT.id]);
    expect(await db.nextSteps.get(step!.id)).toMatchObject({ done: true });
    expect(
      await handle(
        { type: 'save-note', note: { subjectType: 'contact', subjectId: CONTACT.id, text: 'Gehackt' } },
        { id: EXTENSION_ID, url: 'https://mail.google.com/' },
      ),
    ).toMatchObject({ ok: false });
    expect((await db.notes.get(`contact:${CONTACT.id}`))?.text).toBe('Notitie');
  });
});
