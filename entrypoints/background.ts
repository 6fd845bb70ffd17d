import { createImportLedger } from '@/lib/background/import-ledger';
import { owedAfterIngest } from '@/lib/background/owed-work';
import { reinjectAfterInstall } from '@/lib/background/reinject';
import { createPipeline } from '@/lib/background/pipeline';
import { watchForFullRefresh } from '@/lib/background/refresh-triggers';
import { backgroundSteps } from '@/lib/background/steps';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import { calendarContextItem, rememberCalendarTab } from '@/lib/messaging/calendar-tab-context';
import { reloadNeededItem, rememberTab, tabContextItem } from '@/lib/messaging/tab-context';
import { getDb } from '@/lib/store/db';
import { batchWithoutNotTracked } from '@/lib/store/forget';
import { createIngestQueue } from '@/lib/store/ingest-queue';

export default defineBackground(() => {
  const db = getDb();
  // what every write owes (latency, badge, signal, summaries) runs here, in order and once;
  // what a stopped service worker still owed runs first
  const pipeline = createPipeline({ steps: backgroundSteps({ db, action: browser.action }) });
  const queue = createIngestQueue(db, { onIngested: (summary) => void pipeline.afterWrite(owedAfterIngest(summary)) });
  // a mailbox import owes the pipeline once, at its end; one nobody ended is settled here
  const imports = createImportLedger({ afterWrite: pipeline.afterWrite });
  void imports.settleIfIdle(Date.now()).catch(console.error);
  const handleMessage = createMessageHandler({
    db,
    queue,
    imports,
    extensionId: browser.runtime.id,
    afterWrite: pipeline.afterWrite,
    // what the tab shows, without the people the user asked to forget
    onObservations: (batch, tabId) =>
      void batchWithoutNotTracked(db, batch)
        .then((shown) => rememberTab(shown, tabId, browser.sidePanel))
        .catch(console.error),
    // the event a calendar tab has open, for the side panel beside it
    onMeetings: (batch, tabId) => void rememberCalendarTab(batch, tabId, browser.sidePanel).catch(console.error),
  });
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void handleMessage(message, sender).then(sendResponse);
    return true; // keeps the channel open for the asynchronous reply
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void tabContextItem(tabId).removeValue();
    void calendarContextItem(tabId).removeValue();
    void reloadNeededItem(tabId).removeValue();
  });
  // after an install or update, webmail tabs already open get the new content scripts (or a reload hint)
  browser.runtime.onInstalled.addListener(({ reason }) => void reinjectAfterInstall(reason)?.catch(console.error));
  void browser.sidePanel?.setOptions({ enabled: false });
  void watchForFullRefresh(pipeline.afterWrite).catch(console.error);
});
