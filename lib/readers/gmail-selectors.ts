/**
 * Every Gmail selector the reader uses, in one place. Each entry lists its fallbacks in order of
 * trust (docs/CONVENTIONS.md): app attributes > ARIA > obfuscated classes > localized text.
 * When Gmail changes its markup, this is the one file to update; tests/unit/gmail-reader.test.ts
 * checks every entry and every fallback against a fixture.
 *
 * Dates say when the markup was known to be in use and where that knowledge comes from:
 * "reference" = docs on webmail markup collected from InboxSDK, gmail.js, Mailvelope and
 * FlowCrypt (late 2026); "2014 capture" = a real Gmail inbox saved in December 2014.
 */

export const GMAIL_SELECTORS = {
  /**
   * The app's view container. Gmail keeps earlier views in the DOM, hidden, and moves
   * `role=main` between containers: always pick the rendered one. (2014 capture .. 2026)
   */
  main: ['[role="main"]'],

  // ----- thread list ---------------------------------------------------------------------
  /** The thread list: `gh="tl"` is an app attribute (2014 capture .. 2026); `table.F` the rows' table. */
  threadList: ['[gh="tl"]', 'table.F', '[role="grid"]'],
  /** A list row. `tr.zA` (2014 capture .. 2026); rows also carry `role=row` + `jscontroller` (reference, 2024-2026). */
  listRow: ['tr.zA', 'tr[role="row"][jscontroller]'],
  /**
   * Anything that looks like a row inside the thread list; when these exist but no `listRow`
   * matches, the list is markup we do not know (status 'unrecognised', not "0 rows").
   */
  anyListRow: ['tr', '[role="row"]', '[role="option"]', '[role="listitem"]'],
  /** Gmail's "no conversations" cell in an empty folder (reference; class only, no attribute known). */
  emptyList: ['td.TC'],
  /** Vertical-split layout: a thread spans `tr.zA.apv` + the next `tr` + optionally `tr.apw` (reference, 2019-2026). */
  verticalSplitRowClass: 'apv',
  verticalSplitExtraRowClass: 'apw',
  /** Row state classes: `zE` unread, `yO` read (2014 capture .. 2026). */
  unreadRowClass: 'zE',
  readRowClass: 'yO',
  /** Bold (unread) participant span, when the row classes are gone (2014 capture .. 2026). */
  unreadParticipant: ['span.zF'],
  /** Hidden one-line accessible summary of a row; it repeats participants, so never read them from it (2014 capture). */
  rowSummary: '.afn',
  /** Thread ids on the subject span: `data-thread-id="#thread-f:<dec>"`, `data-legacy-*` hex (reference, 2019-2026). */
  rowIds: ['[data-thread-id]', '[data-legacy-thread-id]'],
  /** Participants: `span[email][name]` in the senders cell `td.yX div.yW` (2014 capture .. 2026). */
  rowParticipants: ['.yW [email]', '.yX [email]', '[email]'],
  /** Participants without an address attribute (another extension stripped it): name only. */
  rowParticipantsNameOnly: ['.yW [name]', '.yX [name]'],
  /** Message count "(3)" beside the participants (reference, 2019-2026). */
  rowMessageCount: ['.bx0'],
  /** Subject: modern `span.bog > span.bqe` (reference, 2019-2026); 2014: first span of `div.y6` (2014 capture). */
  rowSubject: ['.bqe', '.bog', '.y6 > span:not(.y2)'],
  /** Snippet after the subject, starting " - " (2014 capture .. 2026). */
  rowSnippet: ['.y2'],
  /** Date cell: full localized date in `title`/`aria-label`, short text visible (2014 capture .. 2026). */
  rowDate: ['.xW [title]', '.xW [aria-label]', 'td.xW'],

  // ----- opened conversation ---------------------------------------------------------------
  /** Conversation container: `.a98.iY` (since Nov 2023), earlier `.PeIF1d`, `.if` (reference). */
  conversation: ['.a98.iY', '.PeIF1d', '.if'],
  /**
   * Subject heading `h2.hP` with `data-thread-perm-id="thread-f:<dec>"` (sometimes the literal
   * "undefined", Nov 2025) and `data-legacy-thread-id` (reference, 2019-2026).
   */
  conversationSubject: ['h2[data-thread-perm-id]', 'h2[data-legacy-thread-id]', 'h2.hP'],
  /** The messages: `div[role=list] > div[role=listitem]` (reference, 2023-2026), else the `div.adn` message elements. */
  messageItems: ['[role="list"] > [role="listitem"]', 'div.adn', '[data-message-id]'],
  /** Message ids: `data-message-id="#msg-f:<dec>"` or `"#msg-a:r<digits>"`, `data-legacy-message-id` hex (reference). */
  messageIds: ['[data-message-id]', '[data-legacy-message-id]'],
  /** Collapsed message element class (InboxSDK's view states: `kv` collapsed, `h7` expanded, `kQ` hidden). */
  collapsedMessageClass: 'kv',
  /** The "N older messages" bar: it stands for messages that are not in the DOM; never a message. */
  hiddenMessagesClass: 'kQ',
  /** Sender `span.gD[email][name]` in the header `h3.iw` (reference, 2014-2026). */
  messageSender: ['.gD[email]', 'h3.iw [email]', '.gF [email]'],
  /** Recipients in the header line "aan mij, Jan": `span.hb span.g2[email][name]` (reference). */
  messageRecipients: ['.hb [email]', '.g2[email]'],
  /** Date `span.g3[title]` ("20 Aug 2025, 13:19"; visible text adds "(3 days ago)") (reference). */
  messageDate: ['.g3[title]', '.g3[alt]', '.g3'],
  /** Body `div.ii.gt > div.a3s` (reference, 2014-2026). */
  messageBody: ['.a3s', '.ii.gt'],
  /** Snippet of a collapsed message (gmail.js and others, 2020-2026). */
  collapsedSnippet: ['.iA.g6', '.y2'],
  /** Signature block: `data-smartmail` is an app attribute, `.gmail_signature` its class (2016-2026). */
  signature: ['[data-smartmail="gmail_signature"]', '.gmail_signature'],
  /**
   * Quoted history and other text that is not this message's own: Gmail's quote, generic
   * `blockquote`s (Apple Mail, Thunderbird), hidden parts. Left out of excerpts and signatures.
   */
  notOwnText: ['.gmail_quote', '.gmail_quote_container', '.gmail_attr', 'blockquote', '[hidden]', '[aria-hidden="true"]'],
  /** Gmail writes "-- " before a signature as `span.gmail_signature_prefix` (2020-2026). */
  signaturePrefix: ['.gmail_signature_prefix'],

  // ----- account -----------------------------------------------------------------------------
  /** The account button (Google bar): its `aria-label` holds name and address (reference, 2018-2026). */
  accountButton: [
    'a[href*="SignOutOptions"][aria-label*="@"]',
    'header [aria-label*="@"][role="button"]',
    '[aria-label*="@"][href*="accounts.google.com"]',
  ],
} as const;

/** Hash routes that show a thread list; `#<route>/<id>` opens a conversation (reference). */
export const GMAIL_LIST_ROUTE =
  /^#(inbox|starred|snoozed|imp|sent|scheduled|drafts|all|spam|trash|label\/[^/]+|category\/[^/]+|search\/[^/]+|advanced-search\/[^/]+|section_query\/[^/]+)(\/p\d+)?$/;
export const GMAIL_CONVERSATION_ROUTE =
  /^#(?:inbox|starred|snoozed|imp|sent|scheduled|drafts|all|spam|trash|label\/[^/]+|category\/[^/]+|search\/[^/]+|advanced-search\/[^/]+|section_query\/[^/]+)\/[A-Za-z0-9_-]{12,}$/;

/** Unread markers in a row's accessible summary, per language: last-resort fallback. */
export const GMAIL_UNREAD_SUMMARY = /^(unread|ongelezen|ungelesen)\b/i;
