/**
 * Messages between extension contexts. The background validates every incoming message with
 * these schemas and checks who sent it: observations only from our content scripts on the mail
 * hosts, user actions only from our own extension pages.
 */
import { z } from 'zod';
import { LogCallInputSchema } from '../store/calls';
import { ObservationBatchSchema, type MailHost } from './observations';

export const ObservationsMessageSchema = z.object({
  type: z.literal('observations'),
  batch: ObservationBatchSchema,
});

export const LogCallMessageSchema = z.object({
  type: z.literal('log-call'),
  call: LogCallInputSchema,
});

export const RuntimeMessageSchema = z.discriminatedUnion('type', [ObservationsMessageSchema, LogCallMessageSchema]);
export type RuntimeMessage = z.input<typeof RuntimeMessageSchema>;

/** Message types that only extension pages (popup, side panel, options) may send. */
export const PAGE_ONLY_MESSAGES: ReadonlySet<RuntimeMessage['type']> = new Set(['log-call']);

export type RuntimeReply = { ok: true } | { ok: false; error: string };

/** The page hosts each reader may speak for: a Gmail batch from outlook.com is refused. */
export const HOSTNAMES_BY_MAIL_HOST: Record<MailHost, readonly string[]> = {
  gmail: ['mail.google.com'],
  outlook: ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft'],
};

/** A short, content-free reason for a refused message, for the rejection counters. */
export function describeValidationError(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'ongeldig bericht';
  const path = first.path.filter((part) => typeof part === 'string').join('.');
  return `${path || 'bericht'}: ${first.message}`.slice(0, 200);
}
