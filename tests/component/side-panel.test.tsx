/**
 * The side panel's views, live from a real (fake-indexeddb) store and WXT's fake browser: it
 * follows the active tab through its tab context in session storage, shows each participant of
 * the open conversation, guides on other tabs, and renders hostile mail text as text.
 */
import '@testing-library/jest-dom/vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SidePanelApp } from '@/components/side-panel/side-panel-app';
import { setLocale } from '@/lib/i18n';
import { sidePanelFocusItem } from '@/lib/messaging/client';
import type { ObservationBatch } from '@/lib/messaging/observations';
import { reloadNeededItem, rememberTab, tabContextFromBatch, tabContextItem } from '@/lib/messaging/tab-context';
import { logCall } from '@/lib/store/calls';
import type { GemeenteradarDb } from '@/lib/store/db';
import { contactIdFor, ingestBatches } from '@/lib/store/ingest';
import { recomputeLatency } from '@/lib/store/latency';
import { ACCOUNT, batch, message, person, T0 } from '../fixtures/observations';
import { withFreshDb } from '../fixtures/fresh-db';

const DAY = 86_400_000;
const NOW = T0 + 20 * DAY;
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const GMAIL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQ';
const ME = person('me', ACCOUNT);
const PETER = person('Peter Snijders', 'p.snijders@zwolle.nl');
const SJOUKJE = person('Sjoukje Hoekstra-van der Wielen-Bergsma', 's.hoekstra@sudwestfryslan.nl');
const KARIN = person('Karin Aerts', 'k.aerts@nuenen.nl');
const ANOUK = person(HOSTILE, 'anouk.b@hotmail.com');
const DAAN = person('Daan Koster', 'daan@buurtkracht.nl');

function conversation(threadKey: string, subject: string, messages: ObservationBatch['messages']): ObservationBatch {
  return batch({
    health: { view: 'conversation', status: 'ok', itemsSeen: messages.length, itemsRead: messages.length, problems: {} },
    messages: messages.map((m) => ({ ...m, threadKey, subject })),
  });
}

const werkbezoek = conversation('gmail:thread-f:1', 'Werkbezoek Holtenbroek', [
  message({ messageKey: 'gmail:msg-f:11', threadKey: '', from: ME, to: [PETER], cc: [DAAN], at: T0 }),
  message({ messageKey: 'gmail:msg-f:12', threadKey: '', from: ME, to: [PETER], at: T0 + 5 * DAY }),
  message({ messageKey: 'gmail:msg-f:13', threadKey: '', from: ME, to: [PETER], at: null, atRaw: 'vorige week' }),
]);
const friesland = conversation('gmail:thread-f:2', 'Kennismaking in Súdwest-Fryslân en Nuenen', [
  message({
    messageKey: 'gmail:msg-f:21',
    threadKey: '',
    from: SJOUKJE,
    to: [ME],
    cc: [KARIN],
    at: T0 + DAY,
    signature: 'Sjoukje Hoekstra\nWethouder Sociaal Domein\nGemeente Súdwest-Fryslân',
  }),
  message({
    messageKey: 'gmail:msg-f:22',
    threadKey: '',
    from: KARIN,
    to: [ME],
    at: T0 + 2 * DAY,
    signature: 'Karin Aerts\nBeleidsmedewerker Jeugd\nGemeente Nuenen, Gerwen en Nederwetten',
  }),
]);
const hostile = conversation('gmail:thread-f:3', HOSTILE, [
  message({ messageKey: 'gmail:msg-f:31', threadKey: '', from: ANOUK, to: [ME], at: T0 }),
]);

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  setLocale('nl');
  await ingestBatches(db, [werkbezoek, friesland, hostile], NOW);
  await recomputeLatency(db, { now: NOW });
});

/** A tab as the panel sees it without the "tabs" permission: a url only on our (mail) hosts. */
async function mailTab(url: string | null = GMAIL) {
  return (await fakeBrowser.tabs.create(url === null ? {} : { url })) as { id: number; windowId: number };
}

async function show(tabId: number, shown: ObservationBatch) {
  await tabContextItem(tabId).setValue(tabContextFromBatch(shown, NOW));
}

function renderPanel(tabId: number | null) {
  return render(<SidePanelApp db={db} tabId={tabId} now={() => NOW} />);
}

describe('side panel: following the tab', () => {
  it('shows loading, then a short guide on a tab that is not webmail', async () => {
    const tab = await mailTab(null);
    renderPanel(tab.id);
    expect(screen.getByText('Laden…')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Geen mail in dit tabblad' })).toBeVisible();
  });

  it('guides on a webmail tab that has not been read yet, and in a list without a conversation', async () => {
    const tab = await mailTab();
    renderPanel(tab.id);
    expect(await screen.findByRole('heading', { name: 'Nog niets gelezen in dit tabblad' })).toBeVisible();
    await act(() => show(tab.id, batch({ host: 'gmail' })));
    expect(await screen.findByRole('heading', { name: 'Geen gesprek geopend' })).toBeVisible();
    expect(screen.getByText('Open een gesprek in Gmail om hier de deelnemers te zien.')).toBeVisible();
  });

  it('says so when a webmail tab sends no read within the wait, and drops that once one comes', async () => {
    const tab = await mailTab();
    render(<SidePanelApp db={db} tabId={tab.id} now={() => NOW} readWaitMs={30} />);
    expect(await screen.findByRole('heading', { name: 'Nog niets gelezen in dit tabblad' })).toBeVisible();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Er is na 10 seconden nog niets uit dit tabblad gelezen.');
    const reload = vi.spyOn(fakeBrowser.tabs, 'reload').mockResolvedValue(undefined);
    within(alert).getByRole('button', { name: 'Tabblad herladen' }).click();
    expect(reload).toHaveBeenCalledWith(tab.id);
    await act(() => show(tab.id, batch({ host: 'gmail' })));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('asks for a reload at once in a tab the update could not re-inject, until the tab is read again', async () => {
    const tab = await mailTab();
    await show(tab.id, werkbezoek);
    await reloadNeededItem(tab.id).setValue(true);
    renderPanel(tab.id);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Gemeenteradar is bijgewerkt, maar kon dit tabblad niet opnieuw lezen.',
    );
    await act(() => rememberTab(friesland, tab.id, undefined, NOW));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(await screen.findByRole('article', { name: SJOUKJE.name })).toBeVisible();
  });

  it('says how many people of a large conversation it does not show', async () => {
    const tab = await mailTab();
    const crowd = Array.from({ length: 120 }, (_, index) => person(`Raadslid ${index}`, `lid${index}@raad.zwolle.nl`));
    await show(
      tab.id,
      conversation('gmail:thread-f:9', 'Raadsinformatiebrief', [
        message({ messageKey: 'gmail:msg-f:91', threadKey: '', from: ME, to: crowd, at: T0 }),
      ]),
    );
    renderPanel(tab.id);
    expect(
      await screen.findByText('En nog 70 mensen in dit gesprek, niet getoond: het zijpaneel toont de eerste 50.'),
    ).toBeVisible();
    expect(within(screen.getByRole('list', { name: 'Deelnemers' })).getAllByRole('listitem')).toHaveLength(50);
  });

  it('shows the participants of the conversation opened in the tab, and follows it to the next one', async () => {
    const tab = await mailTab();
    await show(tab.id, werkbezoek);
    renderPanel(tab.id);
    expect(await screen.findByRole('heading', { level: 2, name: 'Werkbezoek Holtenbroek' })).toBeVisible();
    expect(await screen.findByRole('article', { name: 'Peter Snijders' })).toBeVisible();
    // Daan is a colleague: shown, but not as a stakeholder
    expect(screen.getByRole('article', { name: 'Daan Koster' })).toHaveTextContent('Collega');

    await act(() => show(tab.id, friesland));
    expect(await screen.findByRole('heading', { level: 2, name: 'Kennismaking in Súdwest-Fryslân en Nuenen' })).toBeVisible();
    expect(await screen.findByRole('article', { name: SJOUKJE.name })).toBeVisible();
    expect(screen.queryByRole('article', { name: 'Peter Snijders' })).toBeNull();
  });

  it('follows the active tab of its window when not pinned', async () => {
    const first = await mailTab();
    const second = await mailTab('https://mail.google.com/mail/u/1/#inbox/abc');
    await show(first.id, werkbezoek);
    await show(second.id, friesland);
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ ...first, active: true } as never]);
    renderPanel(null);
    expect(await screen.findByRole('article', { name: 'Peter Snijders' })).toBeVisible();
    await act(() => fakeBrowser.tabs.onActivated.trigger({ tabId: second.id, windowId: first.windowId }));
    expect(await screen.findByRole('article', { name: 'Karin Aerts' })).toBeVisible();
    // a tab in another window is not ours to follow
    await act(() => fakeBrowser.tabs.onActivated.trigger({ tabId: first.id, windowId: first.windowId + 1 }));
    expect(screen.getByRole('article', { name: 'Karin Aerts' })).toBeVisible();
  });

  it('turns to the guide when the followed tab leaves webmail', async () => {
    const tab = await mailTab();
    await show(tab.id, werkbezoek);
    renderPanel(tab.id);
    expect(await screen.findByRole('article', { name: 'Peter Snijders' })).toBeVisible();
    // without the "tabs" permission a tab outside our hosts has no url
    await act(async () => {
      await fakeBrowser.tabs.update(tab.id, { url: undefined });
      await fakeBrowser.tabs.onUpdated.trigger(tab.id, { status: 'complete' }, (await fakeBrowser.tabs.get(tab.id))!);
    });
    expect(await screen.findByRole('heading', { name: 'Geen mail in dit tabblad' })).toBeVisible();
  });

  it('says so when the tab cannot be read', async () => {
    renderPanel(9999);
    expect(await screen.findByRole('alert')).toHaveTextContent('Het actieve tabblad kon niet worden gelezen');
  });
});

describe('side panel: a participant', () => {
  it('shows name, address, organisation, municipality and role with evidence, and the latency', async () => {
    const tab = await mailTab();
    await show(tab.id, friesland);
    renderPanel(tab.id);
    const card = await screen.findByRole('article', { name: SJOUKJE.name });
    expect(card).toHaveTextContent('s.hoekstra@sudwestfryslan.nl');
    expect(within(card).getByText('Súdwest-Fryslân (Friesland)')).toBeVisible();
    expect(within(card).getByText('Wethouder')).toBeVisible();
    expect(within(card).getByText(/sudwestfryslan\.nl/, { selector: '.evidence__rule' })).toBeVisible();
    expect(within(card).getByText(/wethouder/i, { selector: '.evidence__rule' })).toBeVisible();
    expect(within(card).getByText('Reageert')).toBeVisible();

    const karin = screen.getByRole('article', { name: 'Karin Aerts' });
    expect(within(karin).getByText('Nuenen, Gerwen en Nederwetten (Noord-Brabant)')).toBeVisible();
  });

  it('shows waiting, attempts and the timeline newest first, unknown times as their text, last', async () => {
    const tab = await mailTab();
    await show(tab.id, werkbezoek);
    await logCall(
      db,
      { contactId: contactIdFor(PETER.address!), direction: 'out', answered: false, note: 'voicemail', at: T0 + 7 * DAY },
      NOW,
    );
    await recomputeLatency(db, { now: NOW });
    renderPanel(tab.id);
    const card = await screen.findByRole('article', { name: 'Peter Snijders' });
    expect(within(card).getByText(/Reageert niet|Traag|Wacht op antwoord/, { selector: '.status-pill' })).toBeVisible();
    expect(card).toHaveTextContent(/\d+ pogingen zonder antwoord, \d+ werkdagen wachten/);
    expect(card).toHaveTextContent('Gebruikelijke reactietijd nog onbekend');
    // the whole timeline opens on demand (the card shows the last contact)
    await act(() =>
      within(card)
        .getByRole('button', { name: /^Tijdlijn \(\d+\)…$/ })
        .click(),
    );
    const timeline = within(card).getByRole('region', { name: /^Tijdlijn/ });
    const items = within(timeline).getAllByRole('listitem');
    const texts = items.map((item) => item.textContent ?? '');
    expect(texts[0]).toMatch(/Gebeld \(niet opgenomen\)/);
    expect(texts[0]).toContain('voicemail');
    expect(texts.at(-1)).toContain('tijd onbekend (vorige week)');
  });

  it('shows a change in the store without reload', async () => {
    const tab = await mailTab();
    await show(tab.id, werkbezoek);
    renderPanel(tab.id);
    const card = await screen.findByRole('article', { name: 'Peter Snijders' });
    expect(card).not.toHaveTextContent('Sprak hem kort');
    await act(() =>
      logCall(db, { contactId: contactIdFor(PETER.address!), direction: 'in', answered: true, note: 'Sprak hem kort' }, NOW),
    );
    await waitFor(() => expect(screen.getByRole('article', { name: 'Peter Snijders' })).toHaveTextContent('Sprak hem kort'));
  });

  it('shows a participant the store does not know yet at once, and fills it in when stored', async () => {
    const NEW = person('Nienke Post', 'n.post@zwolle.nl');
    const fresh = conversation('gmail:thread-f:4', 'Nieuw', [
      message({ messageKey: 'gmail:msg-f:41', threadKey: '', from: NEW, to: [ME], signature: 'Nienke Post\nRaadslid' }),
    ]);
    const tab = await mailTab();
    await show(tab.id, fresh);
    renderPanel(tab.id);
    expect(await screen.findByRole('article', { name: 'Nienke Post' })).toHaveTextContent('Nog niet opgeslagen');
    await act(() => ingestBatches(db, [fresh], NOW));
    await waitFor(() => expect(screen.getByRole('article', { name: 'Nienke Post' })).toHaveTextContent('Zwolle (Overijssel)'));
  });

  it('renders hostile names and subjects as text', async () => {
    const tab = await mailTab();
    await show(tab.id, hostile);
    const { container } = renderPanel(tab.id);
    expect(await screen.findByRole('heading', { level: 2, name: HOSTILE })).toBeVisible();
    expect(await screen.findByRole('heading', { level: 3, name: HOSTILE })).toBeVisible();
    expect(container.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('speaks English when the browser does', async () => {
    setLocale('en');
    const tab = await mailTab();
    await show(tab.id, friesland);
    renderPanel(tab.id);
    const card = await screen.findByRole('article', { name: SJOUKJE.name });
    expect(within(card).getByText('Municipality')).toBeVisible();
    expect(within(card).getByText('Alderman')).toBeVisible();
    expect(within(card).getByRole('button', { name: 'Correct…' })).toBeVisible();
    expect(within(card).getByRole('heading', { name: 'Response time' })).toBeVisible();
  });

  it('shows the verdicts themselves in English: evidence, a guessed role, the reasons of a status', async () => {
    setLocale('en');
    const tab = await mailTab();
    await show(tab.id, friesland);
    renderPanel(tab.id);
    const sjoukje = await screen.findByRole('article', { name: SJOUKJE.name });
    const evidence = within(sjoukje)
      .getAllByRole('listitem')
      .filter((item) => item.classList.contains('evidence__rule'));
    expect(evidence.map((item) => item.textContent)).toEqual(
      expect.arrayContaining(['domain sudwestfryslan.nl', 'signature: wethouder']),
    );
    expect(sjoukje).not.toHaveTextContent(/domein|handtekening/);

    await act(() => show(tab.id, werkbezoek));
    const peter = await screen.findByRole('article', { name: 'Peter Snijders' });
    // a gemeente address and nothing else: a guess, and it says so
    expect(within(peter).getByText('Civil servant (probably)', { selector: '.facts__value' })).toBeVisible();
    expect(within(peter).getByText('works at a municipality: civil servant by default')).toBeInTheDocument();
    const why = within(peter).getByText('Why this status').closest('details')!;
    expect(why).toHaveTextContent('2 attempts without reply');
    expect(why).toHaveTextContent('1 contact moment without a known time: shown, not counted');
    expect(why).not.toHaveTextContent(/poging|werkdag/);
  });

  it('writes Dutch singular and plural right', async () => {
    const tab = await mailTab();
    await show(tab.id, werkbezoek);
    renderPanel(tab.id);
    const peter = await screen.findByRole('article', { name: 'Peter Snijders' });
    expect(within(peter).getByText('Ambtenaar (vermoedelijk)', { selector: '.facts__value' })).toBeVisible();
    const why = within(peter).getByText('Waarom deze status').closest('details')!;
    const lines = within(why)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(lines).toContain('2 pogingen zonder antwoord');
    expect(lines).toContain('1 contactmoment zonder bekende tijd: getoond, niet meegeteld');
    expect(lines.find((line) => line?.endsWith('wachten (sinds 2 november)'))).toMatch(/^\d+ werkdagen wachten/);
  });

  it('names whom a secretariaat works for, with the line that says so', async () => {
    const VOS = person('Hanneke Vos', 'h.vos@tilburg.nl');
    const SMULDERS = person('Marieke Smulders', 'm.smulders@tilburg.nl');
    const namens = conversation('gmail:thread-f:5', 'Verzoek om kennismaking', [
      message({
        messageKey: 'gmail:msg-f:51',
        threadKey: '',
        from: SMULDERS,
        to: [ME, VOS],
        at: T0,
        excerpt: 'Geachte mevrouw Jansen, Namens wethouder Vos dank ik u voor uw bericht.',
      }),
    ]);
    await ingestBatches(db, [namens], NOW);
    const tab = await mailTab();
    await show(tab.id, namens);
    renderPanel(tab.id);
    const marieke = await screen.findByRole('article', { name: SMULDERS.name });
    const worksFor = await within(marieke).findByText('Hanneke Vos', { selector: '.facts__works-for .facts__value' });
    expect(worksFor.closest('dd')).toHaveTextContent('schrijft "Namens wethouder Vos": werkt voor Hanneke Vos');
    expect(within(marieke).getByText('Werkt voor')).toBeVisible();
    expect(
      within(screen.getByRole('article', { name: VOS.name })).getByText('Wethouder', { selector: '.facts__value' }),
    ).toBeVisible();
  });

  it('says so when the store cannot be read', async () => {
    const tab = await mailTab();
    await show(tab.id, werkbezoek);
    // the page opens its store itself (use-page-db.ts): a closed one is opened again, so the
    // store's reads fail instead
    const failing = vi.spyOn(db.contacts, 'where').mockImplementation(() => {
      throw new Error('DatabaseClosedError');
    });
    renderPanel(tab.id);
    expect(await screen.findByRole('alert')).toHaveTextContent('De gegevens konden niet worden gelezen');
    failing.mockRestore();
  });

  it('every control has an accessible name, also inside the opened forms', async () => {
    const tab = await mailTab();
    await show(tab.id, friesland);
    const { container } = renderPanel(tab.id);
    const card = await screen.findByRole('article', { name: SJOUKJE.name });
    for (const name of ['Corrigeren…', 'Gebeld…', 'Volgende stap…', 'Notitie…', 'Snoozen…', 'Zelfde persoon als…'])
      within(card).getByRole('button', { name }).click();
    await within(card).findByRole('combobox', { name: 'Gemeente' });
    // every control with a role has a name (queries with `name` compute the accessible name)
    const roles = ['button', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio'] as const;
    let controls = 0;
    for (const role of roles) {
      const all = screen.queryAllByRole(role);
      controls += all.length;
      expect(screen.queryAllByRole(role, { name: /\S/ }), role).toHaveLength(all.length);
    }
    expect(controls).toBeGreaterThan(20);
    // date and time inputs have no role: they must have a label
    const dateInputs = [...container.querySelectorAll<HTMLInputElement>('input[type="date"], input[type="datetime-local"]')];
    expect(dateInputs.length).toBeGreaterThan(0);
    for (const input of dateInputs) expect(input.labels?.length ?? 0).toBeGreaterThan(0);
  });
});

describe('side panel: a contact opened from the popup', () => {
  it('shows the contact the popup asked for above the conversation, until closed', async () => {
    const tab = await mailTab();
    await show(tab.id, werkbezoek);
    await sidePanelFocusItem.setValue(contactIdFor(KARIN.address!));
    renderPanel(tab.id);
    const focus = await screen.findByRole('region', { name: 'Geopend vanuit het overzicht' });
    expect(await within(focus).findByRole('article', { name: 'Karin Aerts' })).toBeVisible();
    expect(await screen.findByRole('article', { name: 'Peter Snijders' })).toBeVisible();
    within(focus).getByRole('button', { name: 'Sluiten' }).click();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Geopend vanuit het overzicht' })).toBeNull());
    expect(await sidePanelFocusItem.getValue()).toBeNull();
  });
});
