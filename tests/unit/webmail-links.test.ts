import { describe, expect, it } from 'vitest';
import { gmailLegacyHex, pickMailTab, webmailLinkOf, webmailUrl } from '@/lib/messaging/webmail-links';

describe('webmail links: where a stored conversation opens', () => {
  it.each([
    // Gmail's permanent thread id, decimal, opens as its legacy hex id
    [
      { id: 'gmail:thread-f:1780000000000000001', host: 'gmail', subject: 'Kennismaking' },
      'https://mail.google.com/mail/u/0/#all/18b3d491b4320001',
    ],
    // a derived key: found by its subject (quotes in it cannot end the search term)
    [
      { id: 'gmail:derived:abc123', host: 'gmail', subject: 'Plan "wijkaanpak" Zwolle' },
      'https://mail.google.com/mail/u/0/#search/subject%3A%22Plan%20%20wijkaanpak%20%20Zwolle%22',
    ],
    [{ id: 'gmail:derived:abc123', host: 'gmail', subject: '  ' }, 'https://mail.google.com/mail/u/0/#inbox'],
    // a draft's or just-sent thread id is no legacy id: by subject
    [
      { id: 'gmail:thread-a:r-123', host: 'gmail', subject: 'Concept' },
      'https://mail.google.com/mail/u/0/#search/subject%3A%22Concept%22',
    ],
    // Outlook opens items, not conversations: the mailbox
    [{ id: 'outlook:conv:AAQkAD=', host: 'outlook', subject: 'Overleg' }, 'https://outlook.office.com/mail/'],
  ])('%o opens at %s', (thread, url) => {
    expect(webmailUrl(webmailLinkOf(thread)!)).toBe(url);
  });

  it('has no webmail home for an imported mail file', () => {
    expect(webmailLinkOf({ id: 'mail:mid:abc@example.org', host: 'mailbox', subject: 'Oud' })).toBeNull();
  });

  it('reads hex ids exactly, beyond the safe integers', () => {
    expect(gmailLegacyHex('18446744073709551615')).toBe('ffffffffffffffff');
    expect(gmailLegacyHex('0')).toBeNull();
  });

  it('opens in the account and on the hostname of an open tab of that mailbox', () => {
    const link = webmailLinkOf({ id: 'gmail:thread-f:255', host: 'gmail', subject: 'x' })!;
    expect(webmailUrl(link, 'https://mail.google.com/mail/u/2/#inbox')).toBe('https://mail.google.com/mail/u/2/#all/ff');
    expect(webmailUrl(link, 'https://mail.google.com/mail/#inbox')).toBe('https://mail.google.com/mail/#all/ff');
    // a tab of another site lends nothing
    expect(webmailUrl(link, 'https://example.org/mail/u/5/')).toBe('https://mail.google.com/mail/u/0/#all/ff');
    const outlook = webmailLinkOf({ id: 'outlook:conv:x', host: 'outlook', subject: 'x' })!;
    expect(webmailUrl(outlook, 'https://outlook.live.com/mail/0/inbox')).toBe('https://outlook.live.com/mail/');
  });

  it('picks the open tab of the mailbox to reuse, the active one first', () => {
    const tabs = [
      { id: 1, url: 'https://example.org/mail/', active: true },
      { id: 2, url: 'https://mail.google.com/mail/u/0/#inbox', active: false },
      { id: 3, url: 'https://mail.google.com/mail/u/1/#inbox', active: true },
      { id: 4, url: 'https://outlook.office.com/mail/inbox', active: false },
      { id: 5, url: 'https://outlook.office.com/calendar/view/week', active: true },
    ];
    expect(pickMailTab(tabs, 'gmail')?.id).toBe(3);
    expect(pickMailTab(tabs, 'outlook')?.id).toBe(4);
    expect(pickMailTab(tabs.slice(0, 1), 'gmail')).toBeNull();
    expect(pickMailTab([{ url: 'https://mail.google.com/mail/' }], 'gmail')).toBeNull();
  });
});
