/**
 * Every selector the Outlook-on-the-web reader uses, in one place, each with its fallbacks in
 * order of trust (docs/CONVENTIONS.md): app attributes (`data-convid`, `data-app-section`,
 * `data-testid`, id prefixes) > ARIA roles and structure > obfuscated classes (dated fallbacks,
 * old and new side by side) > localized text (aria-label prefixes, per locale).
 *
 * Dates in the comments say when a shape was last known to be in use (from what open-source
 * readers of these pages and their issue trackers report; see ../shared/reference/webmail-dom.md).
 * When Microsoft renames a class, add the new one *before* the old one and keep the old one until
 * no build serves it.
 */
import type { SelectorList } from './dom';

export const OUTLOOK_SELECTORS = {
  /** The message list. `data-app-section` since the 2019 redesign (still 2026); `#MailList` older. */
  list: ['[data-app-section="MessageList"]', '#MailList', '[role="listbox"]'],
  /**
   * A row of the list. `data-convid` holds the conversation id and the row `id` an item id
   * (2020-2026). Rows without `data-convid` (old builds; another extension stripping attributes)
   * are still rows: read them with a derived key.
   */
  row: ['div[role="option"][data-convid]', '[role="option"]'],
  /** The row's conversation id attribute. */
  rowConversationIdAttribute: 'data-convid',

  /**
   * Sender names in a row, read with `$$first` (one markup generation at a time). Many builds
   * (2022-2026) put the address in the name span's `title`; others show the name only. `.OZZZK`
   * is the name span (2022-2026); without it, any span of the sender line `.XG5Jd` (2022-2026).
   */
  rowSender: ['span[title*="@"], span.OZZZK', '.XG5Jd span'],
  /** Subject span `.TtcXM` (2022-2026); else the first span of the second line `.IjzWp` (2023-2026). */
  rowSubject: ['span.TtcXM', '.IjzWp > span:first-child'],
  /** Preview line `.FqgPc` (2022-2026); else the third line `.yaYAH` (2023-2026). */
  rowPreview: ['span.FqgPc', '.yaYAH span'],
  /**
   * Time `._rWRU` (2022-2026): short text ("10:32", "ma 2-11"), the full date in `title` in most
   * builds; else the last span of the second line.
   */
  rowTime: ['span._rWRU', '.IjzWp > span:last-child'],

  /** The reading pane. Hidden stale copies may stay in the DOM: read only the visible one. */
  readingPane: [
    '#ConversationReadingPaneContainer',
    '[data-app-section="ConversationContainer"]',
    // a single item opened on its own (`/mail/id/<ItemID>`, pop-out, deeplink)
    '[role="main"][data-app-section="MailReadCompose"]',
  ],
  /** Conversation subject heading (2020-2026). */
  subject: ['[role="heading"][id^="CONV_"][id$="_SUBJECT"]', '[role="heading"][aria-level="2"]'],
  /**
   * One message of the conversation, expanded or collapsed. `.aVla3` wraps each item part
   * (2021-2026); the accessible name "Email message" is localized.
   */
  message: ['div.aVla3', '[aria-label="Email message"]', '[aria-label="E-mailbericht"]', '[aria-label="E-Mail-Nachricht"]'],
  /** Expanded or collapsed: `aria-expanded` on the item part or just inside it (2021-2026). */
  expandedState: '[aria-expanded]',

  /**
   * The sender of a message: a span whose accessible name starts with the localized "From:",
   * the address in the label ("From: Jan de Vries<jan@zwolle.nl>") or in a `title` inside.
   */
  sender: [
    'span[aria-label^="From: "]',
    'span[aria-label^="Van: "]',
    'span[aria-label^="Von: "]',
    'span[aria-label^="From:"]',
    'span[aria-label^="Van:"]',
    'span[aria-label^="Von:"]',
  ],
  /** The sender's display name inside the From span: `.OZZZK` (2022-2026). */
  senderName: ['span.OZZZK', 'span[title]'],
  /** Recipients (To and Cc) of an expanded message (2021-2026). */
  recipientWell: ['[data-testid="RecipientWell"]'],
  /** A To or Cc group inside the recipient well: its aria-label starts with the localized prefix. */
  recipientGroup: '[aria-label]',
  /** One recipient: the address in `title` (most builds) or a name span `.pU1YL` (2023-2026). */
  recipient: ['span[title*="@"]', 'span.pU1YL'],
  /** Sent/received time of a message: localized text, sometimes a fuller `title` (2021-2026). */
  messageTime: ['[data-testid="SentReceivedSavedTime"]'],
  /** The message body: the `UniqueMessageBody_` id prefix survived every redesign since 2017. */
  body: ['[role="document"] [id^="UniqueMessageBody_"]', '[id^="UniqueMessageBody_"]'],
  /** Quoted history inside a body: Outlook's reply header div and forwarded/quoted blocks. */
  bodyQuote:
    '#divRplyFwdMsg, [id$="_divRplyFwdMsg"], #appendonsend, [id$="_appendonsend"], blockquote, .gmail_quote, [class$="gmail_quote"]',
  /** A signature Outlook marks in the sanitized body (`x_Signature` after sanitising). */
  bodySignature: ['[id="Signature"]', '[id$="_Signature"]', '[id="x_Signature"]'],
  /** The account: the folder-tree root of the primary mailbox (2020-2026). */
  mailboxRoot: ['[id^="primaryMailboxRoot_"]'],
} as const satisfies Record<string, SelectorList>;

/**
 * Localized words the reader must recognise, per language Outlook shows to our users
 * (Dutch first, English, German). Lower-case; compared case-insensitively.
 */
export const OUTLOOK_TEXT = {
  /** Prefixes of a row's accessible name that mark it unread. */
  unread: ['unread', 'ongelezen', 'ungelesen'],
  /** Other state words Outlook puts before the sender in a row's accessible name. */
  rowStatePrefixes: [
    'important',
    'belangrijk',
    'wichtig',
    'flagged',
    'gemarkeerd',
    'gekennzeichnet',
    'pinned',
    'vastgemaakt',
    'angeheftet',
  ],
  /** The sender span's aria-label prefix. */
  from: ['from:', 'van:', 'von:'],
  /** Recipient group prefixes. */
  to: ['to:', 'aan:', 'an:'],
  cc: ['cc:'],
  bcc: ['bcc:'],
} as const;

/**
 * `document.title` of a mail view: "<view> - <owner's display name> - Outlook", the view localized
 * ("Mail", "E-mail", "Postvak IN", "Gesendete Elemente"). Three parts exactly: a pop-out's title
 * starts with a subject, which may itself contain " - ".
 */
export const OUTLOOK_TITLE_PATTERN = /^[^]+?\s-\s([^]+?)\s-\sOutlook$/;
export const OUTLOOK_TITLE_PARTS = 3;

/**
 * Mail views by path: `/mail/`, `/mail/inbox`, `/mail/id/<ItemID>`, `/mail/0/...` (live.com),
 * `/mail/deeplink/...`. The calendar (`/calendar/...`) and everything else is not ours.
 */
export const OUTLOOK_MAIL_PATH = /^\/mail(?:\/|$)/;
