/**
 * A stakeholder contact's response-latency status (lib/latency/model.ts decides it), in order of
 * severity, and the colours every surface shows it in: the toolbar badge, the inline row badges of
 * the content scripts and the extension pages' stylesheet (applied as CSS custom properties).
 */

/**
 * From best to worst; the index is the severity (rollups take the maximum). `snoozed`: something
 * is outstanding but the user put it off until a date; it needs no attention before then.
 */
export const LATENCY_STATUSES = ['ok', 'snoozed', 'waiting', 'slow', 'unresponsive'] as const;
export type LatencyStatus = (typeof LATENCY_STATUSES)[number];

/** 0 for ok up to 3 for unresponsive: higher is worse. */
export function statusSeverity(status: LatencyStatus): number {
  return LATENCY_STATUSES.indexOf(status);
}

/** Three tones; red and amber keep AA contrast with white text (the badges) and on white (the pages). */
export const TONE_COLORS = { ok: '#1a7f37', warn: '#8a5a00', bad: '#b42318' } as const;
export type Tone = keyof typeof TONE_COLORS;

/** Waiting is amber like slow: something is outstanding, not yet overdue. */
export const STATUS_TONES: Readonly<Record<LatencyStatus, Tone>> = {
  ok: 'ok',
  snoozed: 'warn',
  waiting: 'warn',
  slow: 'warn',
  unresponsive: 'bad',
};

export function statusColor(status: LatencyStatus): string {
  return TONE_COLORS[STATUS_TONES[status]];
}

/** The tones as the CSS custom properties components/styles.css uses (`var(--bad)`). */
export function toneCustomProperties(): Array<[`--${Tone}`, string]> {
  return (Object.keys(TONE_COLORS) as Tone[]).map((tone) => [`--${tone}`, TONE_COLORS[tone]]);
}
