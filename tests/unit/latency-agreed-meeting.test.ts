/**
 * Meetings agreed in mail (lib/latency/agreed-meeting.ts): only an agreement with a moment counts,
 * dated against the mail's own date; proposals, alternatives, refusals and bare weekdays do not.
 */
import { describe, expect, it } from 'vitest';
import { findAgreedMeeting } from '@/lib/latency/agreed-meeting';

/** Thursday 19 November 2026, 08:45 local time. */
const SENT = new Date(2026, 10, 19, 8, 45).getTime();
const local = (month: number, day: number, hours = 0, minutes = 0, year = 2026) =>
  new Date(year, month - 1, day, hours, minutes).getTime();

const AGREED: ReadonlyArray<readonly [string, number, number, boolean]> = [
  [
    'Goed idee. Dan zien we elkaar maandag 30 november om 11:00 bij ons op het Stadhuis.',
    local(11, 30, 11),
    local(11, 30, 12),
    false,
  ],
  ['Top, dan zien we elkaar dinsdag 24 november om 10:00 in het Stadskantoor.', local(11, 24, 10), local(11, 24, 11), false],
  ['Beste Noor, Prima, 10 december om 13:00 staat in mijn agenda.', local(12, 10, 13), local(12, 10, 14), false],
  ['Akkoord, donderdag om 14:00 bij jullie.', local(11, 26, 14), local(11, 26, 15), false],
  ['Prima. Volgende week dinsdag om 9.30 uur dan.', local(11, 24, 9, 30), local(11, 24, 10, 30), false],
  ['Dat is goed: morgen om 15 uur.', local(11, 20, 15), local(11, 20, 16), false],
  ['Afgesproken, 2-12 van 10:00 tot 11:30 op het gemeentehuis.', local(12, 2, 10), local(12, 2, 11, 30), false],
  ['Dan zien we elkaar op 8 januari.', local(1, 8, 0, 0, 2027), local(1, 9, 0, 0, 2027), true],
  ['Great, see you on Tuesday 24 November at 10am.', local(11, 24, 10), local(11, 24, 11), false],
  ['Works for me: Friday 27 November at 2pm.', local(11, 27, 14), local(11, 27, 15), false],
  ['Staat genoteerd. Tot dinsdag 1 december om 16:00!', local(12, 1, 16), local(12, 1, 17), false],
];

const NOT_AGREED: readonly string[] = [
  'Zullen we op donderdag 10 december om 13:00 bellen over de jeugdaanpak?',
  'Graag. Ik kan dinsdag 24 november om 10:00 of donderdag 26 november in de middag.',
  'Dinsdag past mij ook, ik neem de cijfers van het buurthuis mee.',
  'Fijn, tot maandag! Wil je de cijfers van de wijkteams meenemen?',
  'Kun je 3 december aansluiten bij het partneroverleg?',
  'Graag nodigen wij u uit om op 12 december de nieuwe buurtkamer te openen.',
  'Helaas lukt 10 december om 13:00 niet, prima als we een ander moment zoeken.',
  'Volgende week dinsdag om 11:00?',
  'Ik ben afwezig tot en met vrijdag 20 november.',
  'De personeelskosten betreffen twee opbouwwerkers voor samen 1,4 fte.',
  'Prima, tot dan.',
  '',
];

describe('findAgreedMeeting', () => {
  it.each(AGREED.map(([text, start, end, allDay]) => [text, start, end, allDay] as const))('%s', (text, start, end, allDay) => {
    const meeting = findAgreedMeeting(text, SENT);
    expect(meeting).not.toBeNull();
    expect({ start: meeting!.start, end: meeting!.end, allDay: meeting!.allDay }).toEqual({ start, end, allDay });
    expect(meeting!.evidence[0]).toMatchObject({ code: 'meeting-agreed', values: { start } });
  });

  it.each(NOT_AGREED.map((text) => [text] as const))('no meeting: %s', (text) => {
    expect(findAgreedMeeting(text, SENT)).toBeNull();
  });

  it('says which words agreed and on what moment', () => {
    expect(findAgreedMeeting('Prima, 10 december om 13:00 staat in mijn agenda.', SENT)?.evidence).toEqual([
      { code: 'meeting-agreed', values: { words: 'prima', moment: '10 december om 13:00', start: local(12, 10, 13) } },
    ]);
  });

  it("reads a date without a year against the mail's own date", () => {
    const late = new Date(2026, 11, 28, 9, 0).getTime();
    expect(findAgreedMeeting('Akkoord, 5 januari om 10:00.', late)?.start).toBe(local(1, 5, 10, 0, 2027));
    expect(findAgreedMeeting('Akkoord, 5 januari om 10:00.', SENT)?.start).toBe(local(1, 5, 10, 0, 2027));
  });
});
