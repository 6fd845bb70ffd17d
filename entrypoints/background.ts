import { applyBadge } from '@/lib/latency/badge';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import { latencyUpdatedAtItem } from '@/lib/messaging/latency-updated';
import { isUserAction } from '@/lib/messaging/runtime';
import { rememberTab, tabContextItem } from '@/lib/messaging/tab-context';
import { loadThresholds, thresholdsItem } from '@/lib/settings';
import { loadAttention } from '@/lib/store/attention';
import { getDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { createLatencyService } from '@/lib/store/latency-service';
import { createSummaryService } from '@/lib/store/summary-service';

const LATENCY_ALARM = 'latency-refresh';

export default defineBackground(() => {
  const db = getDb();
  const summaries = createSummaryService({ db });
  const refreshSummaries = () => void summaries.schedule().catch(console.error);
  const updateBadge = async () => applyBadge(browser.action, await loadAttention(db));
  const latency = createLatencyService({
    db,
    loadThresholds,
    onUpdated: async () => {
      await updateBadge();
      await latencyUpdatedAtItem.setValue(Date.now()); // content scripts re-ask for their row badges
      refreshSummaries();
    },
  });
  const queue = createIngestQueue(db, {
    onIngested: (summary) => {
      refreshSummaries();
      void latency.contactsChanged(summary.affectedContactIds).catch(console.error);
    },
  });
  const handleMessage = createMessageHandler({
    db,
    queue,
    extensionId: browser.runtime.id,
    onContactsChanged: (ids) => latency.contactsChanged(ids).catch(console.error),
    onObservations: (batch, tabId) => void rememberTab(batch, tabId, browser.sidePanel).catch(console.error),
  });
  browser.tabs.onRemoved.addListener((tabId) => void tabContextItem(tabId).removeValue());
  void browser.sidePanel?.setOptions({ enabled: false });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void handleMessage(message, sender).then((reply) => {
      // a user action (correction, note, next step, merge...) changes what the popup lists
      if (reply.ok && isUserAction(message)) {
        refreshSummaries();
        void updateBadge().catch(console.error); // a next step may have been added or done
      }
      sendResponse(reply);
    });
    return true; // keeps the channel open for the asynchronous reply
  });

  // Statuses change with time (working days pass): refreshed hourly by a persistent alarm. The
  // badge itself is the browser's and outlives a restarted service worker; a new browser session
  // or an update starts without one, so it is derived from the store again then.
  const refreshAll = () => void latency.refresh().catch(console.error);
  // created once: re-creating it at every service-worker wake would restart its countdown
  void browser.alarms.get(LATENCY_ALARM).then(async (alarm) => {
    if (!alarm) await browser.alarms.create(LATENCY_ALARM, { periodInMinutes: 60 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === LATENCY_ALARM) refreshAll();
  });
  browser.runtime.onStartup.addListener(refreshAll);
  // new thresholds (the options page) change every status at once
  thresholdsItem.watch(refreshAll);
  browser.runtime.onInstalled.addListener(refreshAll);
});
