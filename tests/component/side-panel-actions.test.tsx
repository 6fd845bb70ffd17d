/**
 * The side panel's actions, by keyboard and mouse, through the real background handler (the one
 * writer: validation, sender check, store) into a fake-indexeddb store that the panel reads live.
 */
import '@testing-library/jest-dom/vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { MunicipalityCombobox } from '@/components/side-panel/municipality-combobox';
import { SidePanelApp } from '@/components/side-panel/side-panel-app';
import { setLocale } from '@/lib/i18n';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import type { ObservationBatch } from '@/lib/messaging/observations';
import { reason } from '@/lib/vocabulary/reasons';
import type { RuntimeMessage } from '@/lib/messaging/runtime';
import { tabContextFromBatch, tabContextItem } from '@/lib/messaging/tab-context';
import type { GemeenteradarDb } from '@/lib/store/db';
import { contactIdFor, ingestBatches } from '@/lib/store/ingest';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { ACCOUNT, batch, message, person, T0 } from '../fixtures/observations';
import { withFreshDb } from '../fixtures/fresh-db';
import { textContent } from '../fixtures/text-content';

const DAY = 86_400_000;
const NOW = T0 + 10 * DAY;
const ME = person('me', ACCOUNT);
const PETER = person('Peter Snijders', 'p.snijders@zwolle.nl');
const ERIK = person('Erik Bosman', 'e.bosman@zwolle.nl');
const MONIQUE_PRIVATE = person('Monique van Dijk', 'monique.vandijk@gmail.com');
const MONIQUE_WORK = person('M. van Dijk', 'm.van.dijk@zwolle.nl');
const MARK = person('Mark Visser', 'm.visser@wijkwelzijnzwolle.nl');

const shown: ObservationBatch = batch({
  health: { view: 'conversation', status: 'ok', itemsSeen: 3, itemsRead: 3, problems: {} },
  messages: [
    message({
      messageKey: 'gmail:msg-f:1',
      threadKey: 'gmail:thread-f:1',
      subject: 'Werkbezoek',
      from: PETER,
      to: [ME],
      cc: [ERIK],
      signature: 'Peter Snijders\nWethouder Sociaal Domein\nGemeente Zwolle\nT 038 498 1234',
    }),
    message({
      messageKey: 'gmail:msg-f:2',
      threadKey: 'gmail:thread-f:1',
      subject: 'Werkbezoek',
      from: ERIK,
      to: [ME, MONIQUE_PRIVATE],
      at: T0 + 1000,
      signature: 'Erik Bosman\nBeleidsadviseur Wmo',
    }),
    message({
      messageKey: 'gmail:msg-f:3',
      threadKey: 'gmail:thread-f:1',
      subject: 'Werkbezoek',
      from: MONIQUE_WORK,
      to: [ME],
      at: T0 + 2000,
    }),
  ],
});

const EXTENSION_ID = fakeBrowser.runtime.id;
let db: GemeenteradarDb;
let sent: RuntimeMessage[];
let tabId: number;

withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  setLocale('nl');
  await ingestBatches(db, [shown], NOW);
  tabId = ((await fakeBrowser.tabs.create({ url: 'https://mail.google.com/mail/u/0/#inbox/x' })) as { id: number }).id;
  await tabContextItem(tabId).setValue(tabContextFromBatch(shown, NOW));
  sent = [];
});

function renderPanel() {
  const handle = createMessageHandler({ db, queue: createIngestQueue(db), extensionId: EXTENSION_ID, now: () => NOW });
  const send = (request: RuntimeMessage) => {
    sent.push(request);
    return handle(request, { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/sidepanel.html` });
  };
  return render(<SidePanelApp db={db} tabId={tabId} now={() => NOW} send={send} />);
}

const card = (name: string) => screen.findByRole('article', { name });

describe('correcting a municipality or role', () => {
  it('corrects the municipality for the whole domain with the keyboard only, at once for everyone there', async () => {
    const user = userEvent.setup();
    renderPanel();
    const peter = await card('Peter Snijders');
    await user.click(within(peter).getByRole('button', { name: 'Corrigeren…' }));
    const form = within(peter).getByRole('form', { name: 'Gemeente of rol van Peter Snijders corrigeren' });
    const combobox = within(form).getByRole('combobox', { name: 'Gemeente' });
    await user.clear(combobox);
    await user.type(combobox, 'sudwest');
    expect(combobox).toHaveAttribute('aria-expanded', 'true');
    const listbox = within(form).getByRole('listbox', { name: 'Gemeente' });
    // the first option after typing is the first match ("no municipality" stays above it)
    expect(combobox.getAttribute('aria-activedescendant')).toBe(within(listbox).getAllByRole('option')[1]!.id);
    await user.keyboard('{Enter}');
    expect(combobox).toHaveValue('Súdwest-Fryslân');
    await user.click(within(form).getByRole('radio', { name: 'iedereen bij zwolle.nl' }));
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));

    await waitFor(() =>
      expect(screen.getByRole('article', { name: 'Peter Snijders' })).toHaveTextContent('Súdwest-Fryslân (Friesland)'),
    );
    expect(screen.getByRole('article', { name: 'Peter Snijders' })).toHaveTextContent(
      'Door jou gecorrigeerd voor iedereen bij zwolle.nl',
    );
    expect(screen.getByRole('article', { name: 'Peter Snijders' })).toHaveTextContent(/Regel zei: Zwolle/);
    await waitFor(() =>
      expect(screen.getByRole('article', { name: 'Erik Bosman' })).toHaveTextContent('Súdwest-Fryslân (Friesland)'),
    );
    expect(
      within(screen.getByRole('article', { name: 'Peter Snijders' })).getByRole('button', { name: 'Corrigeren…' }),
    ).toHaveFocus();
    expect(sent.at(-1)).toMatchObject({
      type: 'correct-tag',
      correction: { scope: 'domain', dimension: 'municipality', value: 'GM1900' },
    });

    // a re-ingest of the same mail: the rules say Zwolle, the correction holds
    await ingestBatches(db, [shown], NOW + DAY);
    expect(await db.contacts.get(contactIdFor(PETER.address!))).toMatchObject({ municipalityCode: 'GM1900' });
  });

  it('corrects the role for one address; undo lets the rules decide again', async () => {
    const user = userEvent.setup();
    renderPanel();
    const peter = await card('Peter Snijders');
    expect(within(peter).getByText('Wethouder', { selector: '.facts__value' })).toBeVisible();
    await user.click(within(peter).getByRole('button', { name: 'Corrigeren…' }));
    await user.click(within(peter).getByRole('radio', { name: 'Rol' }));
    await user.selectOptions(within(peter).getByRole('combobox', { name: 'Rol' }), 'Ambtenaar');
    expect(within(peter).getByRole('radio', { name: 'alleen dit adres (p.snijders@zwolle.nl)' })).toBeChecked();
    await user.click(within(peter).getByRole('button', { name: 'Opslaan' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('article', { name: 'Peter Snijders' })).getByText('Ambtenaar', { selector: '.facts__value' }),
      ).toBeVisible(),
    );
    expect(
      within(screen.getByRole('article', { name: 'Erik Bosman' })).getByText('Ambtenaar', { selector: '.facts__value' }),
    ).toBeVisible();

    await user.click(
      within(screen.getByRole('article', { name: 'Peter Snijders' })).getByRole('button', {
        name: 'Correctie van rol ongedaan maken',
      }),
    );
    await waitFor(() =>
      expect(
        within(screen.getByRole('article', { name: 'Peter Snijders' })).getByText('Wethouder', { selector: '.facts__value' }),
      ).toBeVisible(),
    );
  });

  it('offers only "this address" for a personal mail domain', async () => {
    const user = userEvent.setup();
    renderPanel();
    const monique = await card('Monique van Dijk');
    await user.click(within(monique).getByRole('button', { name: 'Corrigeren…' }));
    expect(within(monique).getByRole('radio', { name: 'iedereen bij gmail.com' })).toBeDisabled();
    expect(within(monique).getByText(/gmail\.com is een persoonlijk maildomein/)).toBeVisible();
  });

  it('asks for a municipality from the list, and closes on Escape', async () => {
    const user = userEvent.setup();
    renderPanel();
    const peter = await card('Peter Snijders');
    await user.click(within(peter).getByRole('button', { name: 'Corrigeren…' }));
    await user.clear(within(peter).getByRole('combobox', { name: 'Gemeente' }));
    await user.type(within(peter).getByRole('combobox', { name: 'Gemeente' }), 'Zwol');
    await user.keyboard('{Escape}');
    await user.click(within(peter).getByRole('button', { name: 'Opslaan' }));
    expect(within(peter).getByRole('alert')).toHaveTextContent('Kies een gemeente uit de lijst.');
    expect(sent).toEqual([]);
    await user.keyboard('{Escape}{Escape}');
    await waitFor(() => expect(within(peter).queryByRole('form')).toBeNull());
  });

  it('shows why an action failed', async () => {
    const user = userEvent.setup();
    const send = vi.fn(async () => ({ ok: false as const, error: reason('unknown-contact') }));
    render(<SidePanelApp db={db} tabId={tabId} now={() => NOW} send={send} />);
    const peter = await card('Peter Snijders');
    await user.click(within(peter).getByRole('button', { name: 'Gebeld…' }));
    await user.click(within(peter).getByRole('button', { name: 'Opgenomen' }));
    expect(await within(peter).findByRole('alert')).toHaveTextContent('Niet gelukt: dit contact bestaat niet (meer)');
  });
});

describe('logging a call, notes and next steps', () => {
  it('logs a call in two clicks, at now, with an optional note', async () => {
    const user = userEvent.setup();
    renderPanel();
    const peter = await card('Peter Snijders');
    await user.click(within(peter).getByRole('button', { name: 'Gebeld…' }));
    await user.click(within(peter).getByRole('button', { name: 'Niet opgenomen' }));
    expect(await within(peter).findByText('Gesprek vastgelegd.')).toBeVisible();
    await user.click(within(peter).getByRole('button', { name: 'Gebeld…' }));
    await user.click(within(peter).getByRole('radio', { name: 'Zij belden' }));
    await user.type(
      within(peter).getByRole('textbox', { name: 'Notitie bij het gesprek (mag leeg)' }),
      'Terugbelverzoek <b>dringend</b>',
    );
    await user.click(within(peter).getByRole('button', { name: 'Opgenomen' }));
    await waitFor(async () => expect(await db.calls.count()).toBe(2));
    const calls = await db.calls
      .orderBy('createdAt')
      .toArray()
      .catch(() => db.calls.toArray());
    expect(
      calls
        .map(({ direction, answered, at, note }) => ({ direction, answered, at, note }))
        .sort((a, b) => a.note.localeCompare(b.note)),
    ).toEqual([
      { direction: 'out', answered: false, at: NOW, note: '' },
      { direction: 'in', answered: true, at: NOW, note: 'Terugbelverzoek <b>dringend</b>' },
    ]);
    // the two calls share one moment, so which is "last contact" is open: the note is in the timeline
    await user.click(within(peter).getByRole('button', { name: /^Tijdlijn \(\d+\)…$/ }));
    await waitFor(() =>
      expect(screen.getByRole('article', { name: 'Peter Snijders' })).toHaveTextContent('Terugbelverzoek <b>dringend</b>'),
    );
  });

  it('saves a note on the contact and on the organisation', async () => {
    const user = userEvent.setup();
    renderPanel();
    const peter = await card('Peter Snijders');
    await user.click(within(peter).getByRole('button', { name: 'Notitie…' }));
    await user.type(within(peter).getByRole('textbox', { name: 'Notitie over Peter Snijders' }), 'Wil eerst de cijfers zien.');
    await user.click(within(peter).getAllByRole('button', { name: 'Notitie opslaan' })[0]!);
    await waitFor(async () =>
      expect((await db.notes.get(`contact:${contactIdFor(PETER.address!)}`))?.text).toBe('Wil eerst de cijfers zien.'),
    );
    // saving closes the notes; they open again for the organisation's
    await user.click(within(peter).getByRole('button', { name: 'Notitie…' }));
    const organisation = within(peter).getByRole('textbox', { name: /^Notitie over Gemeente Zwolle/i });
    await user.type(organisation, 'Bezuinigt in 2027.');
    await user.click(within(peter).getAllByRole('button', { name: 'Notitie opslaan' })[1]!);
    await waitFor(async () =>
      expect((await db.notes.toArray()).map((note) => note.subjectType).sort()).toEqual(['contact', 'organisation']),
    );
  });

  it('adds a next step with a date, marks it done, removes it', async () => {
    const user = userEvent.setup();
    renderPanel();
    const erik = await card('Erik Bosman');
    await user.click(within(erik).getByRole('button', { name: 'Volgende stap…' }));
    expect(within(erik).getByText('Nog geen volgende stap.')).toBeVisible();
    await user.type(within(erik).getByRole('textbox', { name: 'Nieuwe volgende stap' }), 'Evaluatie sturen');
    await user.type(within(erik).getByLabelText('Datum (mag leeg)'), '2026-11-05');
    await user.click(within(erik).getByRole('button', { name: 'Toevoegen' }));
    const done = await within(erik).findByRole('checkbox', { name: 'Klaar: Evaluatie sturen' });
    expect(screen.getByRole('article', { name: 'Erik Bosman' })).toHaveTextContent(/uiterlijk .*2026 \(verlopen\)/);
    await user.click(done);
    await waitFor(() =>
      expect(
        within(screen.getByRole('article', { name: 'Erik Bosman' })).getByRole('checkbox', { name: 'Klaar: Evaluatie sturen' }),
      ).toBeChecked(),
    );
    await user.click(
      within(screen.getByRole('article', { name: 'Erik Bosman' })).getByRole('button', {
        name: 'Verwijder volgende stap: Evaluatie sturen',
      }),
    );
    await waitFor(async () => expect(await db.nextSteps.count()).toBe(0));
  });
});

describe('merging and splitting', () => {
  it('merges two participants that are one person, and splits them again', async () => {
    const user = userEvent.setup();
    renderPanel();
    const work = await card('M. van Dijk');
    await user.click(within(work).getByRole('button', { name: 'Zelfde persoon als…' }));
    await user.click(within(work).getByRole('button', { name: /Monique van Dijk/ }));
    expect(within(work).getByText(textContent('Monique van Dijk samenvoegen met M. van Dijk'))).toBeVisible();
    await user.click(within(work).getByRole('button', { name: 'Samenvoegen' }));

    await waitFor(() => expect(screen.queryAllByRole('article', { name: /van Dijk/ })).toHaveLength(1));
    const merged = screen.getByRole('article', { name: 'M. van Dijk' });
    expect(merged).toHaveTextContent('m.van.dijk@zwolle.nl, monique.vandijk@gmail.com');
    expect(await db.contacts.get(contactIdFor(MONIQUE_PRIVATE.address!))).toBeUndefined();

    await user.click(within(merged).getByRole('button', { name: 'Monique van Dijk weer afsplitsen' }));
    await waitFor(() => expect(screen.queryAllByRole('article', { name: /van Dijk/ })).toHaveLength(2));
    expect(await db.contacts.get(contactIdFor(MONIQUE_PRIVATE.address!))).toMatchObject({ addresses: [MONIQUE_PRIVATE.address] });
  });

  it('finds the other contact by searching, also outside this conversation', async () => {
    const other = person('Monique van Dijk-de Boer', 'mvdijk@wijkwelzijnzwolle.nl');
    await ingestBatches(
      db,
      [
        batch({
          threads: [
            {
              threadKey: 'gmail:thread-f:9',
              idSource: 'app',
              subject: 'x',
              snippet: '',
              participants: [other],
              at: T0,
              atRaw: null,
              unread: false,
              messageCount: 1,
            },
          ],
        }),
      ],
      NOW,
    );
    const user = userEvent.setup();
    renderPanel();
    const work = await card('M. van Dijk');
    await user.click(within(work).getByRole('button', { name: 'Zelfde persoon als…' }));
    await user.type(within(work).getByRole('searchbox', { name: 'Zoek het andere contact (naam of adres)' }), 'wijkwelzijn');
    expect(await within(work).findByRole('button', { name: /Monique van Dijk-de Boer/ })).toBeVisible();
    expect(within(work).queryByRole('button', { name: /monique\.vandijk@gmail\.com/ })).toBeNull();
  });
});

describe('the municipality combobox', () => {
  function Harness({ onChange }: { onChange: (code: string | null | undefined) => void }) {
    return <MunicipalityCombobox label="Gemeente" value={undefined} onChange={onChange} />;
  }

  it.each([
    ['SUDWEST fryslan', 'Súdwest-Fryslân'],
    ['fryslân', 'Noardeast-Fryslân'],
    ['s hertogenbosch', "'s-Hertogenbosch"],
    ['nuenen', 'Nuenen, Gerwen en Nederwetten'],
    ['ede', 'Ede'],
  ])('finds %s (case and accents folded, names starting with it first)', async (query, first) => {
    const user = userEvent.setup();
    render(<Harness onChange={() => undefined} />);
    await user.type(screen.getByRole('combobox', { name: 'Gemeente' }), query);
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options[1]).toHaveTextContent(first);
  });

  it('is used with arrows, Enter and Escape, and by mouse', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const input = screen.getByRole('combobox', { name: 'Gemeente' });
    await user.click(input);
    expect(input).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('status')).toHaveTextContent('342 gemeenten gevonden');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const active = document.getElementById(input.getAttribute('aria-activedescendant')!);
    expect(active).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(onChange).toHaveBeenLastCalledWith(active!.getAttribute('data-code'));
    expect(input).toHaveAttribute('aria-expanded', 'false');

    await user.keyboard('{ArrowDown}');
    expect(input).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{Escape}');
    expect(input).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{Escape}');
    expect(input).toHaveValue('');
    expect(onChange).toHaveBeenLastCalledWith(undefined);

    await user.type(input, 'zwolle');
    await user.click(within(screen.getByRole('listbox')).getByRole('option', { name: /Zwolle/ }));
    expect(onChange).toHaveBeenLastCalledWith('GM0193');
    expect(input).toHaveFocus();
  });

  it('says when nothing matches, and offers "no municipality"', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await user.type(screen.getByRole('combobox', { name: 'Gemeente' }), 'qqqq');
    expect(screen.getByRole('status')).toHaveTextContent('Geen gemeente gevonden');
    await user.click(screen.getByRole('option', { name: 'Geen gemeente (hoort bij geen gemeente)' }));
    expect(onChange).toHaveBeenLastCalledWith(null);
  });
});

describe('following someone, or not', () => {
  const JORIS = person('Joris Bakker', 'joris@buurtkracht.nl');
  const withColleague: ObservationBatch = batch({
    health: { view: 'conversation', status: 'ok', itemsSeen: 2, itemsRead: 2, problems: {} },
    messages: [
      message({
        messageKey: 'gmail:msg-f:20',
        threadKey: 'gmail:thread-f:20',
        subject: 'Pilot buurtkamer',
        from: ME,
        to: [JORIS, PETER],
        at: T0,
      }),
      message({
        messageKey: 'gmail:msg-f:21',
        threadKey: 'gmail:thread-f:20',
        subject: 'Pilot buurtkamer',
        from: JORIS,
        to: [ME],
        at: T0 + DAY,
      }),
    ],
  });

  beforeEach(async () => {
    await ingestBatches(db, [withColleague], NOW);
    await tabContextItem(tabId).setValue(tabContextFromBatch(withColleague, NOW));
  });

  it('follows a colleague after all, and undoes it', async () => {
    const user = userEvent.setup();
    renderPanel();
    const joris = await card('Joris Bakker');
    expect(joris).toHaveTextContent('Collega');
    expect(within(joris).getByRole('button', { name: 'Iedereen van buurtkracht.nl volgen' })).toBeVisible();
    await user.click(within(joris).getByRole('button', { name: 'Toch volgen als stakeholder' }));

    // now a stakeholder: the full card, his earlier mail found
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Joris Bakker' })).toBeVisible());
    const followed = await card('Joris Bakker');
    expect(followed).toHaveTextContent('Gevolgd op jouw aanwijzing (joris@buurtkracht.nl).');
    expect((await db.messages.get('gmail:msg-f:21'))?.contactIds).toEqual([contactIdFor(JORIS.address!)]);
    expect(sent.at(-1)).toMatchObject({
      type: 'correct-tag',
      correction: { dimension: 'kind', value: 'stakeholder', scope: 'address' },
    });

    await user.click(within(followed).getByRole('button', { name: 'Ongedaan maken' }));
    await waitFor(async () => expect(await card('Joris Bakker')).toHaveTextContent('Collega'));
    expect((await db.messages.get('gmail:msg-f:21'))?.contactIds).toEqual([]);
  });

  it('stops following a stakeholder, and follows again', async () => {
    const user = userEvent.setup();
    renderPanel();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Peter Snijders' })).toBeVisible());
    const peter = await card('Peter Snijders');
    await user.click(within(peter).getByRole('button', { name: 'Niet volgen' }));
    await waitFor(async () => expect(await card('Peter Snijders')).toHaveTextContent('Niet gevolgd: op jouw aanwijzing'));
    expect(await db.contacts.get(contactIdFor(PETER.address!))).toMatchObject({ kind: 'ignored' });

    await user.click(within(await card('Peter Snijders')).getByRole('button', { name: 'Weer volgen' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Peter Snijders' })).toBeVisible());
    expect(await db.contacts.get(contactIdFor(PETER.address!))).toMatchObject({ kind: 'stakeholder', role: 'wethouder' });
  });
});

describe('a compact card', () => {
  it("shows the numbers in the sender's signature beside Gebeld, as tel: links that say where they came from", async () => {
    renderPanel();
    const peter = await card('Peter Snijders');
    const call = within(peter).getByRole('button', { name: 'Gebeld…' });
    const link = within(peter).getByRole('link', { name: '038 498 1234' });
    expect(link).toHaveAttribute('href', 'tel:+31384981234');
    expect(link).toHaveAttribute('title', 'Uit de handtekening: T 038 498 1234');
    // beside the call button, in the same group
    expect(call.parentElement).toContainElement(link);
    // a signature without a number gives no link
    expect(within(await card('Erik Bosman')).queryByRole('link', { name: /\d{3}/ })).toBeNull();
  });

  it('opens a form on demand; Escape closes it and puts the focus back on its button', async () => {
    const user = userEvent.setup();
    renderPanel();
    const peter = await card('Peter Snijders');
    const call = within(peter).getByRole('button', { name: 'Gebeld…' });
    expect(within(peter).queryByRole('group', { name: /Gesprek met Peter Snijders|Peter Snijders/ })).toBeNull();
    await user.click(call);
    expect(call).toHaveAttribute('aria-expanded', 'true');
    await user.click(within(peter).getByRole('textbox', { name: 'Notitie bij het gesprek (mag leeg)' }));
    await user.keyboard('{Escape}');
    expect(call).toHaveAttribute('aria-expanded', 'false');
    expect(within(peter).queryByRole('textbox', { name: 'Notitie bij het gesprek (mag leeg)' })).toBeNull();
    expect(call).toHaveFocus();
  });

  it('closes a form after saving, says so on the card, with the focus on its button', async () => {
    const user = userEvent.setup();
    renderPanel();
    const peter = await card('Peter Snijders');
    const step = within(peter).getByRole('button', { name: 'Volgende stap…' });
    await user.click(step);
    await user.type(within(peter).getByRole('textbox', { name: 'Nieuwe volgende stap' }), 'Cijfers sturen');
    await user.click(within(peter).getByRole('button', { name: 'Toevoegen' }));
    await waitFor(() => expect(step).toHaveAttribute('aria-expanded', 'false'));
    expect(step).toHaveFocus();
    expect(within(peter).queryByRole('textbox', { name: 'Nieuwe volgende stap' })).toBeNull();
    expect(within(peter).getByText('Opgeslagen.')).toBeVisible();
    expect(await within(peter).findByRole('checkbox', { name: 'Klaar: Cijfers sturen' })).toBeVisible();
  });

  it("names an organisation's note by its name, and one known only by its domain by the person", async () => {
    const user = userEvent.setup();
    const welfare = batch({
      health: { view: 'conversation', status: 'ok', itemsSeen: 1, itemsRead: 1, problems: {} },
      messages: [
        message({
          messageKey: 'gmail:msg-f:9',
          threadKey: 'gmail:thread-f:9',
          subject: 'Buurthuis',
          from: MARK,
          to: [ME],
          signature: 'Mark Visser\nOpbouwwerker\nStichting Wijkwelzijn Zwolle',
        }),
      ],
    });
    await ingestBatches(db, [welfare], NOW);
    await tabContextItem(tabId).setValue(tabContextFromBatch(welfare, NOW));
    renderPanel();
    const mark = await card('Mark Visser');
    await user.click(within(mark).getByRole('button', { name: 'Notitie…' }));
    expect(
      // (happy-dom's accessible name puts spaces around each isolated value)
      within(mark).getByRole('textbox', {
        name: /^Notitie over de organisatie van Mark Visser \(\s?wijkwelzijnzwolle\.nl\s?\)$/,
      }),
    ).toBeVisible();
    expect(within(mark).queryByRole('textbox', { name: /^Notitie over\s+wijkwelzijnzwolle/ })).toBeNull();
  });
});
