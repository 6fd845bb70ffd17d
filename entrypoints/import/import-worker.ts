// The import page's Worker: reads the mailbox files the page hands it (lib/import/import-worker.ts).
import { serveImportWorker, type WorkerScope } from '@/lib/import/import-worker';

serveImportWorker(self as unknown as WorkerScope);
