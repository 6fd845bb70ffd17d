/**
 * What the data page asks of the browser and of the background, in one typed place, so its
 * components take a fake in tests: messages to the background (restore, forget), downloads (an
 * anchor on an object URL: no `downloads` permission), the storage manager (persistence and
 * space), the settings a backup carries, and the backup reminder.
 */
import type { DataReply } from '../messaging/data-messages';
import type { RuntimeMessage } from '../messaging/runtime';
import { reason, type Reason } from '../vocabulary/reasons';
import { SETTING_KEYS } from '../store/table-registry';
import type { BackupHeader } from './format';
import { BackupFileError } from './format';
import { loadBackupReminder, saveBackupReminder, type BackupReminder } from './reminder';
import type { RestoreTransport } from './send';

export interface StorageState {
  /** null: the browser does not say */
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

export interface DataServices {
  send(message: RuntimeMessage): Promise<DataReply>;
  download(blob: Blob, fileName: string): void;
  storageState(): Promise<StorageState>;
  /** asks the browser to keep the data for good; whether it does now */
  persist(): Promise<boolean>;
  /** the settings a backup carries, by key without the area */
  readSettings(): Promise<Record<string, unknown>>;
  loadReminder(): Promise<BackupReminder>;
  saveReminder(reminder: BackupReminder): Promise<void>;
  now(): number;
}

async function storageState(): Promise<StorageState> {
  const manager = globalThis.navigator?.storage;
  const [persisted, estimate] = await Promise.all([
    manager?.persisted ? manager.persisted().catch(() => null) : null,
    manager?.estimate ? manager.estimate().catch(() => null) : null,
  ]);
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

export const browserDataServices: DataServices = {
  async send(message) {
    const reply = (await browser.runtime.sendMessage(message)) as DataReply | undefined;
    return reply ?? { ok: false, error: reason('no-reply') };
  },
  download(blob, fileName) {
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = fileName;
    anchor.style.display = 'none';
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    // the download has its own copy by the time the click returns; a minute is generous
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
  storageState,
  persist: async () => (await globalThis.navigator?.storage?.persist?.().catch(() => false)) ?? false,
  async readSettings() {
    const keys = SETTING_KEYS.map((key) => key.replace(/^local:/, ''));
    const stored = await browser.storage.local.get(keys);
    return Object.fromEntries(Object.entries(stored).filter(([, value]) => value !== undefined && value !== null));
  },
  loadReminder: loadBackupReminder,
  saveReminder: saveBackupReminder,
  now: () => Date.now(),
};

/** The background refused a request of the data page: why, as a reason code the page words. */
export class BackgroundRefusedError extends Error {
  constructor(readonly reason: Reason) {
    super(reason.code);
    this.name = 'BackgroundRefusedError';
  }
}

/** The background's refusal as the page's error, with the same codes as the file's own problems. */
function refused(reply: DataReply): never {
  if (!reply.ok && reply.problem) throw new BackupFileError(reply.problem);
  if (!reply.ok) throw new BackgroundRefusedError(reply.error);
  throw new Error('unexpected reply');
}

/** Sending a backup's header and records to the background, through the services. */
export function restoreTransport(services: Pick<DataServices, 'send'>): RestoreTransport {
  return {
    async begin(header: BackupHeader) {
      const reply = await services.send({ type: 'restore-begin', header });
      return reply.ok && reply.restoreId ? reply.restoreId : refused(reply);
    },
    async add(chunk) {
      const reply = await services.send({ type: 'restore-chunk', chunk });
      if (!reply.ok) refused(reply);
    },
  };
}

/** A reply that must be ok: its content, or the problem thrown. */
export function expectOk(reply: DataReply): Extract<DataReply, { ok: true }> {
  return reply.ok ? reply : refused(reply);
}
