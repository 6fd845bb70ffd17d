import { formatDate, getLocale, t, type MessageKey } from '@/lib/i18n';
import { MESSAGES } from '@/lib/i18n/messages';
import type { Evidence } from '@/lib/vocabulary/evidence';

/** A moment stored in evidence (epoch ms) as the user reads it: the date and, if set, the time. */
function moment(at: number): string {
  const time = new Intl.DateTimeFormat(getLocale() === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(
    at,
  );
  return time === '00:00' ? formatDate(at) : `${formatDate(at)} ${time}`;
}

/**
 * One reason in the UI language (key `evidence_<code>`, lib/vocabulary/evidence.ts): values are
 * facts filled in as text; a code this build has no words for shows as the code.
 */
export function evidenceText(evidence: Evidence): string {
  const key = `evidence_${evidence.code}`;
  if (!(key in MESSAGES.nl)) return evidence.code;
  const values: Record<string, string | number> = { ...evidence.values };
  if (typeof values.start === 'number') values.moment = moment(values.start);
  return t(key as MessageKey, values);
}
