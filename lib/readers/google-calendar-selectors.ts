/**
 * Every selector and every word the Google Calendar reader uses, in one place, with fallbacks in
 * order of trust (docs/CONVENTIONS.md): app attributes (`data-eventid`, `data-eventchip`,
 * `data-datekey`, `data-viewkey`, `data-email`, field ids of the event dialog) > ARIA >
 * obfuscated classes (dated fallbacks) > localized text.
 *
 * Dates say when a shape was known to be in use, from what open-source readers of
 * calendar.google.com and their issue trackers report (late 2026; ../shared/reference/webmail-dom.md,
 * including its December 2026 section). tests/unit/google-calendar-reader.test.ts proves every
 * entry and fallback on a fixture. When Google renames something, add the new form first and keep
 * the old one until no build serves it.
 */
import type { SelectorList } from './dom';

export const GOOGLE_CALENDAR_SELECTORS = {
  /** The view: `body[data-viewkey]` = DAY, WEEK, MONTH, CUSTOM_DAYS, AGENDA/SCHEDULE, YEAR (2019-2026). */
  viewKey: '[data-viewkey]',
  /**
   * An event chip. `data-eventchip` marks chips in the grid views since February 2025; agenda rows
   * and older builds are `[role=button][data-eventid]` (2019-2026). Read as a union, one query each.
   */
  eventChip: ['[data-eventchip]', '[role="button"][data-eventid]'],
  /** Chips before February 2025: the class `.NlL62b` (broke then); read only when nothing above matches. */
  eventChipBefore2025: ['div.NlL62b'],
  /** The chip's event id attribute (on the chip, or on an ancestor in the old markup). */
  eventIdAttribute: 'data-eventid',
  /**
   * The chip's full text for screen readers: a hidden child `.XuJrye` (2024-2026), else the chip's
   * own `aria-label` (older builds and the agenda view).
   */
  chipLabel: ['.XuJrye'],
  chipLabelAttribute: 'aria-label',
  /** The day a chip sits in: the nearest `[data-datekey]` (week/day columns, month cells, agenda groups). */
  dateKey: '[data-datekey]',
  /** Containers that hide their content from the view: a closed popover, a stale dialog copy. */
  popover: '[role="dialog"]',

  /** The open event dialog (`#xDetDlg`, 2023-2026); its field ids below. */
  dialog: ['#xDetDlg'],
  dialogTitle: ['#rAECCd', '#xDetDlg [role="heading"]'],
  /** "Tuesday, October 6⋅3:00 – 4:00pm"; a second line holds the recurrence ("Weekly on Tuesday"). */
  dialogWhen: ['#xDetDlgWhen'],
  dialogLocation: ['#xDetDlgLoc'],
  /** "Organizer: Name" / "Organisator: Name" (the calendar line). */
  dialogOrganiser: ['#xDetDlgCal'],
  /** The guests block: a count line ("12 guests") and, when shown, the list. */
  dialogGuests: ['#xDetDlgAtt'],
  /**
   * A guest: `[data-email][aria-label]` (label "Name, Attending, Organizer"), else the hovercard
   * id or a `title` holding the address (older builds).
   */
  guest: ['[data-email]', '[data-hovercard-id]', '[title*="@"]'],
  guestAddressAttributes: ['data-email', 'data-hovercard-id', 'title'],

  /** The account button in the Google bar: its `aria-label` holds name and address (2018-2026). */
  accountButton: ['a[href*="SignOutOptions"][aria-label*="@"]', 'header [aria-label*="@"][role="button"]'],
} as const satisfies Record<string, SelectorList>;

/** Decoded event ids with these prefixes are tasks and time blocks, never meetings. */
export const GOOGLE_TASK_ID_PREFIXES = ['tasks_', 'ttb_'] as const;

/**
 * Words of chip labels and the dialog, lower-case, per language (nl first, en). The Dutch forms
 * are our renderings of the English grammar: no public Dutch capture is known.
 */
export const GOOGLE_CALENDAR_TEXT = {
  /** between two times or two dates of a range */
  rangeWords: ['to', 'tot', 'until', '–', '-', '—'],
  /** between a date and its time in a multi-day range: "October 6, 2026 at 3pm" */
  atWords: ['at', 'om'],
  allDay: ['all day', 'hele dag', 'de hele dag', 'all-day'],
  noLocation: ['no location', 'geen locatie'],
  /** the user's own answer on a chip, and a guest's answer in the dialog */
  responses: {
    accepted: ['accepted', 'attending', 'geaccepteerd', 'aanwezig'],
    declined: ['declined', 'not attending', 'afgewezen', 'geweigerd', 'niet aanwezig'],
    tentative: ['tentative', 'maybe', 'tentatively accepted', 'misschien', 'voorlopig', 'onder voorbehoud'],
    'needs-action': [
      'needs rsvp',
      'needs response',
      'awaiting response',
      'awaiting',
      'invited',
      'reactie nodig',
      'wacht op reactie',
      'uitgenodigd',
      'niet gereageerd',
    ],
  },
  /** a guest who organises */
  organiser: ['organizer', 'organiser', 'organisator', 'organisatie'],
  /** prefixes that name what follows */
  organiserPrefix: ['organizer:', 'organiser:', 'organisator:', 'georganiseerd door', 'organized by'],
  locationPrefix: ['location:', 'locatie:', 'waar:', 'where:'],
  /** "12 guests", "12 gasten", "1 guest" */
  guestCount: /^(\d{1,5})\s+(?:guests?|gasten|gast|deelnemers?|personen)\b/i,
} as const;
