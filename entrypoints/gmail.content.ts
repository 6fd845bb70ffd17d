/**
 * Gmail: wiring only (docs/CONVENTIONS.md). The reading is lib/readers/gmail.ts; reading on
 * change, sending and the row badges are lib/content/mail-content-script.ts.
 */
import { runMailContentScript } from '@/lib/content/mail-content-script';
import { readGmail, readGmailInSteps } from '@/lib/readers/gmail';
import { matchPatternsOf } from '@/lib/vocabulary/hosts';

export default defineContentScript({
  matches: matchPatternsOf('gmail'),
  runAt: 'document_idle',
  main(ctx) {
    runMailContentScript({
      host: 'gmail',
      read: readGmail,
      readInSteps: readGmailInSteps,
      onInvalidated: (stop) => ctx.onInvalidated(stop),
    });
  },
});
