import { describe, expect, it } from 'vitest';
import { sameTabContext, tabContextFromBatch, tabContextItem } from '@/lib/messaging/tab-context';
import { ACCOUNT, batch, message, person, readFully, T0, threadRow } from '../fixtures/observations';

const ME = person('me', ACCOUNT);
const JAN = person('Jan Dijkstra', 'j.dijkstra@zwolle.nl');
const PETER = person('Peter Snijders', 'p.snijders@zwolle.nl');

describe('tab context', () => {
  it('names the open conversation and its participants, without the user', () => {
    const context = tabContextFromBatch(
      batch({
        health: readFully('conversation', 2),
        messages: [
          message({
            messageKey: 'gmail:msg-f:1',
            threadKey: 'gmail:thread-f:9',
            subject: 'Motie vrijwilligers',
            from: ME,
            to: [JAN],
            cc: [PETER],
          }),
          message({
            messageKey: 'gmail:msg-f:2',
            threadKey: 'gmail:thread-f:9',
            subject: 'Motie vrijwilligers',
            from: JAN,
            to: [ME],
          }),
        ],
      }),
      T0,
    );
    expect(context).toMatchObject({
      host: 'gmail',
      view: 'conversation',
      threadKey: 'gmail:thread-f:9',
      subject: 'Motie vrijwilligers',
      account: ACCOUNT,
    });
    expect(context.participants.map((p) => p.address)).toEqual([JAN.address, PETER.address]);
  });

  it('keeps the first 50 people besides the user and counts the rest, never silently', () => {
    const crowd = Array.from({ length: 200 }, (_, index) => person(`Raadslid ${index}`, `lid${index}@raad.zwolle.nl`));
    const context = tabContextFromBatch(
      batch({
        health: readFully('conversation', 1),
        messages: [message({ messageKey: 'gmail:msg-f:1', threadKey: 'gmail:thread-f:9', from: ME, to: crowd })],
      }),
      T0,
    );
    // 201 people in all: the user is never one of them, 50 shown, 150 counted
    expect(context.participants).toHaveLength(50);
    expect(context.participants.map((p) => p.address)).toEqual(crowd.slice(0, 50).map((p) => p.address));
    expect(context.participantsOmitted).toBe(150);
  });

  it("carries the phone numbers of each sender's signatures, the latest mail's first, and a new one is a change", () => {
    const mail = (key: string, from: typeof JAN, signature: string | null) =>
      message({ messageKey: `gmail:msg-f:${key}`, threadKey: 'gmail:thread-f:9', from, to: [ME], signature });
    const open = (...messages: ReturnType<typeof mail>[]) =>
      tabContextFromBatch(batch({ health: readFully('conversation', messages.length), messages }), T0);
    const older = mail('1', JAN, 'Jan Dijkstra\nT 038 765 4321');
    const newer = mail('2', JAN, 'Jan Dijkstra\nM 06 1234 5678\nT 038-7654321');
    const context = open(older, newer, mail('3', PETER, 'Peter Snijders\nGemeente Zwolle'), mail('4', ME, 'Sanne\n06 9876 5432'));
    expect(context.phones).toEqual({
      [JAN.address!.toLowerCase()]: [
        expect.objectContaining({ tel: '+31612345678', shown: '06 1234 5678', kind: 'mobile' }),
        expect.objectContaining({ tel: '+31387654321', shown: '038-7654321', kind: 'landline' }),
      ],
      // Peter's signature has no number; the user's own is no participant's
    });
    expect(sameTabContext(open(older), open(older))).toBe(true);
    expect(sameTabContext(open(mail('1', JAN, null)), open(older))).toBe(false);
  });

  it('has no conversation in a list view', () => {
    const context = tabContextFromBatch(
      batch({ threads: [threadRow({ threadKey: 'gmail:thread-f:1', participants: [JAN] })] }),
      T0,
    );
    expect(context).toMatchObject({ view: 'list', threadKey: null, participants: [] });
  });

  it('tells a real change from a repeated batch', () => {
    const open = (threadKey: string) =>
      tabContextFromBatch(
        batch({
          health: readFully('conversation', 1),
          messages: [message({ messageKey: `${threadKey}:m`, threadKey, from: JAN, to: [ME] })],
        }),
        T0,
      );
    expect(sameTabContext(open('gmail:thread-f:1'), { ...open('gmail:thread-f:1'), at: T0 + 5 })).toBe(true);
    expect(sameTabContext(open('gmail:thread-f:1'), open('gmail:thread-f:2'))).toBe(false);
    expect(sameTabContext(null, open('gmail:thread-f:1'))).toBe(false);
  });

  it('is kept per tab in session storage', async () => {
    const context = tabContextFromBatch(batch(), T0);
    await tabContextItem(7).setValue(context);
    expect(await tabContextItem(7).getValue()).toEqual(context);
    expect(await tabContextItem(8).getValue()).toBeNull();
  });
});

describe('rememberTab', () => {
  it('keeps the context per tab, writes only on a change, and enables the side panel there', async () => {
    const { rememberTab } = await import('@/lib/messaging/tab-context');
    const calls: unknown[] = [];
    const sidePanel = { setOptions: async (options: unknown) => void calls.push(options) };
    const open = batch({
      health: readFully('conversation', 1),
      messages: [message({ messageKey: 'gmail:msg-f:1', threadKey: 'gmail:thread-f:9', from: JAN, to: [ME] })],
    });
    await rememberTab(open, 12, sidePanel, T0);
    await rememberTab(open, 12, sidePanel, T0 + 500);
    expect(await tabContextItem(12).getValue()).toMatchObject({ threadKey: 'gmail:thread-f:9', at: T0 });
    expect(calls).toEqual([
      { tabId: 12, path: 'sidepanel.html', enabled: true },
      { tabId: 12, path: 'sidepanel.html', enabled: true },
    ]);
    await rememberTab(open, undefined, sidePanel, T0);
    expect(calls).toHaveLength(2);
  });
});
