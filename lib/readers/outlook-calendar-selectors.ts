/**
 * Every selector and word the Outlook calendar reader uses, in one place, in order of trust
 * (docs/CONVENTIONS.md): app attributes (`data-app-section`) > ARIA (`role=button` with an
 * accessible name, headings, groups) > Fluent UI classes (`.ms-Callout`) > localized text.
 *
 * Dates say when a shape was known in use, from what open-source readers of Outlook on the web
 * report (April-December 2026; ../shared/reference/webmail-dom.md and the live accessible names in
 * ../shared/fixtures/outlook-calendar-aria-labels-2026.json). The event buttons carry no id: the
 * accessible name is the data. tests/unit/outlook-calendar-reader.test.ts proves every entry.
 */
import type { SelectorList } from './dom';

export const OUTLOOK_CALENDAR_SELECTORS = {
  /**
   * The calendar surface: `Surface_Day|WorkWeek|Week|Month` (2023-2026); `CalendarModuleSurface`
   * and `calendar-view*` in other builds (December 2026 notes); the whole module last.
   */
  surface: [
    '[data-app-section^="Surface_"]',
    '[data-app-section="CalendarModuleSurface"]',
    '[data-app-section^="calendar-view"]',
    '[data-app-section="CalendarModule"]',
  ],
  /** The surface's own toolbar (previous/next week, today, view switch): never events. */
  navigation: '[data-app-section="CalendarSurfaceNavigationToolbar"]',
  /** An event: `div[role=button]` whose accessible name is the whole event (April 2026 capture). */
  eventButton: ['div[role="button"][aria-label]', '[role="button"][aria-label]'],

  /**
   * The card that opens on a click ("View event" button inside): a Fluent callout, with or without
   * `role=dialog` (December 2026 notes: "a popup card, not a dialog").
   */
  card: ['.ms-Callout [role="dialog"]', '.ms-Callout', '[role="dialog"]'],
  /** The full event view ("View event"): the main region outside the calendar surface. */
  fullView: ['[data-app-section="CalendarItemReadingPane"]', '[role="main"]'],
  /** The subject of a card or the full view. */
  heading: ['[role="heading"]', 'h1', 'h2'],
  /** A person: a button whose name is the localized "Opens card for <name>". */
  person: ['[role="button"][aria-label]', 'button[aria-label]'],
  /** Attendees grouped by answer in the full view: a group labelled "Accepted", "Organizer" ... */
  personGroup: '[role="group"][aria-label]',
} as const satisfies Record<string, SelectorList>;

/**
 * Words of the accessible names, lower-case. en-US as captured live (April 2026); en-GB and nl are
 * our renderings of the en-US grammar: no public Dutch or British capture is known.
 */
export const OUTLOOK_CALENDAR_TEXT = {
  rangeWords: ['to', 'tot', '-', '–'],
  allDay: ['all day event', 'all-day event', 'evenement voor de hele dag', 'hele dag', 'gebeurtenis die de hele dag duurt'],
  organiserPrefixes: ['by ', 'georganiseerd door ', 'door '],
  showAs: {
    busy: ['busy', 'bezet'],
    tentative: ['tentative', 'voorlopig'],
    free: ['free', 'beschikbaar', 'vrij'],
    oof: ['oof', 'away', 'out of office', 'afwezig', 'niet op kantoor'],
    elsewhere: ['working elsewhere', 'ergens anders aan het werk', 'werkt elders'],
  },
  recurring: ['recurring event', 'terugkerende gebeurtenis', 'terugkerend evenement'],
  exception: ['exception to recurring event', 'uitzondering op terugkerende gebeurtenis', 'uitzondering in reeks'],
  /** a card's line for a recurring event */
  series: ['series', 'reeks'],
  cancelledPrefixes: ['canceled: ', 'cancelled: ', 'geannuleerd: '],
  /** "Opens card for Erik Bosman", "Opent kaart voor Erik Bosman" */
  personPrefixes: ['opens card for ', 'open card for ', 'opent kaart voor ', 'kaart openen voor '],
  /** group labels of the full view */
  groups: {
    organiser: ['organizer', 'organiser', 'organisator'],
    accepted: ['accepted', 'geaccepteerd'],
    tentative: ['tentative', 'tentatively accepted', 'voorlopig', 'voorlopig geaccepteerd'],
    declined: ['declined', 'afgewezen', 'geweigerd'],
    'needs-action': ["didn't respond", 'did not respond', 'no response', 'niet gereageerd', 'geen reactie'],
  },
  /** the card's counts: "Accepted 3, Didn't respond 2" */
  countLine:
    /^(?:(?:accepted|tentative|declined|didn't respond|did not respond|geaccepteerd|voorlopig|afgewezen|niet gereageerd)\s+\d+(?:,\s*|$))+$/i,
  /** buttons on the surface that are never events, when the toolbar is not marked */
  notEvents: [
    'previous week',
    'next week',
    'today',
    'calendar',
    'week',
    'month',
    'day',
    'work week',
    'vorige week',
    'volgende week',
    'vandaag',
    'agenda',
    'maand',
    'dag',
    'werkweek',
    'view event',
    'gebeurtenis weergeven',
  ],
} as const;

/** Calendar paths: `/calendar/view/week`, `/calendar/item/<id>`, `/calendar/0/view/month` (live.com). */
export const OUTLOOK_CALENDAR_PATH = /^\/calendar(?:\/|$)/;
