/**
 * What makes the pipeline recompute everyone: statuses change with time (working days pass), so
 * an hourly alarm; a new browser session or an update starts without a toolbar badge (the badge
 * is the browser's and outlives a restarted service worker, not a restarted browser); new
 * thresholds (the options page) change every status at once.
 */
import { thresholdsItem } from '../settings';
import { FULL_REFRESH, type Owes } from './owed-work';

export const LATENCY_ALARM = 'latency-refresh';

export async function watchForFullRefresh(afterWrite: (owes: Owes) => unknown): Promise<void> {
  const refreshAll = () => void afterWrite(FULL_REFRESH);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === LATENCY_ALARM) refreshAll();
  });
  browser.runtime.onStartup.addListener(refreshAll);
  browser.runtime.onInstalled.addListener(refreshAll);
  thresholdsItem.watch(refreshAll);
  // created once: re-creating it at every service-worker wake would restart its countdown
  if (!(await browser.alarms.get(LATENCY_ALARM))) await browser.alarms.create(LATENCY_ALARM, { periodInMinutes: 60 });
}
