import { createMessageHandler } from '@/lib/messaging/background-handler';
import { getDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';

export default defineBackground(() => {
  const db = getDb();
  const queue = createIngestQueue(db);
  const handleMessage = createMessageHandler({ db, queue, extensionId: browser.runtime.id });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void handleMessage(message, sender).then(sendResponse);
    return true; // keeps the channel open for the asynchronous reply
  });
});
