/**
 * The labelled mailbox's truth was written by hand; this checks it against itself, with
 * arithmetic of its own (not the latency model's): every stakeholder has a truth, every referenced
 * message exists and comes from the user, and each working-day count follows from the dates.
 */
import { describe, expect, it } from 'vitest';
import { LABELLED_MAILBOX, LABELLED_NOT_STAKEHOLDERS, LABELLED_TRUTH, needsAttention } from '../fixtures/labelled-mailbox';

const messages = LABELLED_MAILBOX.threads.flatMap((thread) => thread.messages);
const now = new Date(LABELLED_MAILBOX.now);

/** yyyy-mm-dd of a time in Amsterdam (the dates of the mailbox are all CET or CEST) */
function amsterdamDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(at);
}

/** Weekdays after `from`'s day through `to`'s day; no public holiday falls in October-December 3. */
function weekdaysAfter(from: Date, to: Date, excluded: readonly string[] = []): number {
  let count = 0;
  const day = new Date(`${amsterdamDay(from)}T12:00:00Z`);
  const last = amsterdamDay(to);
  for (;;) {
    day.setUTCDate(day.getUTCDate() + 1);
    const key = day.toISOString().slice(0, 10);
    if (key > last) return count;
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !excluded.includes(key)) count++;
  }
}

/** The one announced absence in the mailbox: Priya Ramdin, through Friday 20 November. */
const ABSENCES: Record<string, string[]> = {
  'alm-ambt': ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'],
};

/** The defaults as the mailbox's header states them (working days: slow after ideal, red after max). */
const DOCUMENTED_THRESHOLDS = {
  ambtenaar: { ideal: 5, max: 10 },
  gemeenteraad: { ideal: 5, max: 10 },
  welzijnsorganisatie: { ideal: 5, max: 10 },
  wethouder: { ideal: 10, max: 20 },
  bewoner: { ideal: 7, max: 14 },
} as const;

describe('the labelled mailbox', () => {
  it('has a truth for every stakeholder and for nobody else', () => {
    const stakeholders = LABELLED_MAILBOX.people
      .map((person) => person.id)
      .filter((id) => !LABELLED_NOT_STAKEHOLDERS.includes(id));
    expect(LABELLED_TRUTH.map((truth) => truth.person).sort()).toEqual(stakeholders.sort());
    expect(LABELLED_TRUTH.length).toBeGreaterThanOrEqual(30);
  });

  it('holds contacts who need attention and contacts who do not, in most roles', () => {
    const attention = LABELLED_TRUTH.filter(needsAttention);
    expect(attention.length).toBeGreaterThanOrEqual(10);
    expect(LABELLED_TRUTH.length - attention.length).toBeGreaterThanOrEqual(15);
    expect(new Set(attention.map((truth) => truth.role)).size).toBe(5);
  });

  it('has unique message ids and valid times, none after "now"', () => {
    const ids = messages.map((message) => message.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const message of messages) {
      expect(Number.isNaN(Date.parse(message.at)), message.id).toBe(false);
      expect(Date.parse(message.at), message.id).toBeLessThan(now.getTime());
    }
  });

  it.each(LABELLED_TRUTH.map((truth) => [truth.person, truth] as const))(
    '%s: the waiting time follows from the first unanswered attempt',
    (_person, truth) => {
      if (truth.waitingSinceMessage === null) {
        expect(truth.workingDaysWaiting).toBeNull();
        expect(truth.attempts).toBe(0);
        expect(truth.status).toBe('ok');
        return;
      }
      const first = messages.find((message) => message.id === truth.waitingSinceMessage);
      expect(first, truth.waitingSinceMessage).toBeDefined();
      expect(first!.from).toBe(LABELLED_MAILBOX.owner);
      expect([...first!.to, ...(first!.cc ?? [])]).toContain(truth.person);
      expect(truth.attempts).toBeGreaterThanOrEqual(1);
      expect(weekdaysAfter(new Date(first!.at), now, ABSENCES[truth.person])).toBe(truth.workingDaysWaiting);
      // the status follows from the documented default thresholds and the three-attempts rule
      const { ideal, max } = DOCUMENTED_THRESHOLDS[truth.role];
      const days = truth.workingDaysWaiting!;
      const expected = truth.attempts >= 3 || days > max ? 'unresponsive' : days > ideal ? 'slow' : 'waiting';
      expect(truth.status).toBe(expected);
    },
  );
});
