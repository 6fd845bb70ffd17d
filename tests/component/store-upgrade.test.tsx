/**
 * The popup and the side panel opened first on a store an older build left (after an update):
 * they say "bijwerken…" while the background upgrades it, then show the data; a failed upgrade
 * is a message with a way on, never "ReadOnlyDatabaseError".
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ActionsContext } from '@/components/actions';
import { PopupApp } from '@/components/popup-app';
import { SidePanelApp } from '@/components/side-panel/side-panel-app';
import { setLocale } from '@/lib/i18n';
import { tabContextItem } from '@/lib/messaging/tab-context';
import { createDb } from '@/lib/store/db';
import { createPageDb } from '@/lib/store/page-db';
import { summariseMunicipalities } from '@/lib/read-models/municipality-summaries';
import { contactRecord } from '../fixtures/records';
import { stubPageActions } from '../fixtures/page-actions';
import { openAt } from '../fixtures/schema-versions';

const NAME = 'test-store-upgrade';
const PETER = contactRecord({ id: 'c:p.snijders@zwolle.nl', name: 'Peter Snijders', role: 'wethouder' });

beforeEach(async () => {
  setLocale('nl');
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  // the store as the build before the update left it: version 6, with its summaries
  const old = openAt(NAME, 6);
  await old.open();
  await old.table('contacts').put(PETER);
  await old.table('summaries').bulkPut(summariseMunicipalities({ contacts: [PETER] }, Date.now()));
  old.close();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Dexie.delete(NAME);
});

/** The background's answer to "open the store", held until the test lets it go. */
function heldUpgrade() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const requestUpgrade = vi.fn(async () => {
    await released;
    const background = createDb(NAME);
    await background.open();
    background.close();
  });
  return { requestUpgrade, release };
}

describe('opened first on an older store', () => {
  it('the popup says "bijwerken…", then shows the upgraded store', async () => {
    const { requestUpgrade, release } = heldUpgrade();
    const db = createPageDb(NAME);
    render(
      <ActionsContext.Provider value={stubPageActions()}>
        <PopupApp db={db} snapshot={Promise.resolve(null)} requestUpgrade={requestUpgrade} />
      </ActionsContext.Provider>,
    );
    expect(await screen.findByText('Gegevens bijwerken…')).toBeVisible();
    release();
    expect(await screen.findByText('Zwolle')).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(db.verno).toBeGreaterThan(6);
    db.close();
  });

  it('the popup says so when the upgrade fails, and tries again', async () => {
    let fail = true;
    const requestUpgrade = vi.fn(async () => {
      if (fail) throw new Error('opslag: upgrade mislukt');
      const background = createDb(NAME);
      await background.open();
      background.close();
    });
    const db = createPageDb(NAME);
    render(
      <ActionsContext.Provider value={stubPageActions()}>
        <PopupApp db={db} snapshot={Promise.resolve(null)} requestUpgrade={requestUpgrade} />
      </ActionsContext.Provider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('De gegevens konden niet worden bijgewerkt: opslag: upgrade mislukt');
    expect(alert).not.toHaveTextContent('ReadOnlyDatabaseError');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Opnieuw laden' }));
    expect(await screen.findByText('Zwolle')).toBeVisible();
    db.close();
  });

  it('the side panel shows who is in the conversation at once, and their cards after the upgrade', async () => {
    const { requestUpgrade, release } = heldUpgrade();
    const tab = (await fakeBrowser.tabs.create({ url: 'https://mail.google.com/mail/u/0/#inbox/FMfcg' })) as { id: number };
    await tabContextItem(tab.id).setValue({
      host: 'gmail',
      view: 'conversation',
      threadKey: 'gmail:thread-f:1',
      subject: 'Werkbezoek',
      participants: [{ address: 'p.snijders@zwolle.nl', name: 'Peter Snijders' }],
      account: null,
      at: 1,
    });
    const db = createPageDb(NAME);
    render(<SidePanelApp db={db} tabId={tab.id} requestUpgrade={requestUpgrade} />);
    expect(await screen.findByText('Gegevens bijwerken…')).toBeVisible();
    expect(screen.getByText('Peter Snijders')).toBeVisible();
    release();
    expect(await screen.findByRole('article', { name: 'Peter Snijders' })).toBeVisible();
    expect(screen.queryByText('Gegevens bijwerken…')).toBeNull();
    db.close();
  });
});
