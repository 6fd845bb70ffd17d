/**
 * The background's side of the latency-updated signal (see lib/messaging/contact-statuses.ts):
 * a WXT storage item, kept out of the content-script bundles.
 */
import { storage } from 'wxt/utils/storage';
import { LATENCY_UPDATED_KEY } from './contact-statuses';

/** When the latency cache last changed (epoch ms); 0 before the first recomputation. */
export const latencyUpdatedAtItem = storage.defineItem<number>(`local:${LATENCY_UPDATED_KEY}`, { fallback: 0 });
