/**
 * Names, addresses and subjects from mail are isolated wherever a page shows them: a U+202E
 * (RIGHT-TO-LEFT OVERRIDE) in one must not reverse the text after it. Checked structurally here
 * (every piece of text holding the override sits in an isolating element, `<bdi>` or `dir`, that
 * holds that value and nothing else of the sentence); tests/e2e/robustness.test.ts checks the
 * visual order in Chromium.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ActionsContext } from '@/components/actions';
import { PopupApp } from '@/components/popup-app';
import { SidePanelApp } from '@/components/side-panel/side-panel-app';
import { setLocale } from '@/lib/i18n';
import { tabContextFromBatch, tabContextItem } from '@/lib/messaging/tab-context';
import type { GemeenteradarDb } from '@/lib/store/db';
import { ingestBatches } from '@/lib/store/ingest';
import { recomputeLatency } from '@/lib/store/latency';
import { refreshSummaries } from '@/lib/store/summary-service';
import { ACCOUNT, batch, message, person, T0 } from '../fixtures/observations';
import { withFreshDb } from '../fixtures/fresh-db';
import { stubPageActions } from '../fixtures/page-actions';

const RLO = '\u202E';
const DAY = 86_400_000;
const NOW = T0 + 30 * DAY;
const ME = person('Sanne', ACCOUNT);
// a wethouder who does not answer (three mails), so the popup names him under "losing touch" too
const PETER = person(`Peter ${RLO}sredjinS`, 'p.snijders@zwolle.nl');
const JAN = person(`Jan ${RLO}artskjiD`, 'j.dijkstra@zwolle.nl');
const SUBJECT = `Werkbezoek ${RLO}keorbnetloH`;

const mails = batch({
  health: { view: 'conversation', status: 'ok', itemsSeen: 5, itemsRead: 5, problems: {} },
  messages: [
    message({ messageKey: 'gmail:msg-f:1', threadKey: 'gmail:thread-f:1', subject: SUBJECT, from: ME, to: [PETER], at: T0 }),
    message({
      messageKey: 'gmail:msg-f:2',
      threadKey: 'gmail:thread-f:1',
      subject: SUBJECT,
      from: ME,
      to: [PETER],
      at: T0 + 2 * DAY,
    }),
    message({
      messageKey: 'gmail:msg-f:3',
      threadKey: 'gmail:thread-f:1',
      subject: SUBJECT,
      from: ME,
      to: [PETER],
      at: T0 + 4 * DAY,
    }),
    // a colleague of his who does answer: named in the advice beside him
    message({
      messageKey: 'gmail:msg-f:4',
      threadKey: 'gmail:thread-f:2',
      subject: 'Vraag',
      from: ME,
      to: [JAN],
      at: T0 + 5 * DAY,
    }),
    message({
      messageKey: 'gmail:msg-f:5',
      threadKey: 'gmail:thread-f:2',
      subject: 'Re: Vraag',
      from: JAN,
      to: [ME],
      at: T0 + 6 * DAY,
    }),
  ],
});

const actions = stubPageActions();

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  setLocale('nl');
  await ingestBatches(db, [mails], NOW);
  await recomputeLatency(db, { now: NOW });
  await refreshSummaries(db, NOW);
});

/** Every text node holding the override, and the isolating element around it (or null). */
function overrides(root: Element): { text: string; isolate: Element | null }[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const found: { text: string; isolate: Element | null }[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.includes(RLO)) continue;
    found.push({ text: node.textContent, isolate: node.parentElement?.closest('bdi, [dir]') ?? null });
  }
  return found;
}

/** Each override is in an isolate that holds one value: the name (or subject) itself, no sentence around it. */
function expectIsolated(root: Element) {
  const found = overrides(root);
  expect(found.length).toBeGreaterThan(0);
  for (const { text, isolate } of found) {
    expect(isolate, `"${text}" is not isolated`).not.toBeNull();
    expect([PETER.name, JAN.name, SUBJECT]).toContain(isolate!.textContent);
  }
}

describe('bidi isolation', () => {
  it('the popup list, "losing touch" and a municipality in detail with its timeline', async () => {
    render(
      <ActionsContext.Provider value={actions}>
        <PopupApp db={db} now={() => NOW} snapshot={Promise.resolve(null)} />
      </ActionsContext.Provider>,
    );
    await waitFor(() => expect(document.querySelector('.attention-people')?.textContent).toContain(PETER.name));
    expectIsolated(document.body);
    await userEvent.click(within(screen.getByText('Zwolle').closest('li')!).getByRole('button'));
    const detail = await screen.findByRole('region', { name: /Zwolle/ });
    await waitFor(() => expect(detail.querySelector('ol.timeline')?.textContent).toContain(PETER.name));
    await waitFor(() => expect(detail.querySelector('.thread-list')?.textContent).toContain(SUBJECT));
    expectIsolated(detail);
  });

  it('the side panel: subject, cards, timeline', async () => {
    const tab = (await fakeBrowser.tabs.create({ url: 'https://mail.google.com/mail/u/0/#inbox/FMfcg' })) as { id: number };
    await tabContextItem(tab.id).setValue(tabContextFromBatch(mails, NOW));
    render(<SidePanelApp db={db} tabId={tab.id} now={() => NOW} />);
    await waitFor(() =>
      expect(document.querySelector('article.participant--known ol.timeline')?.textContent).toContain(PETER.name),
    );
    expectIsolated(document.body);
  });
});
