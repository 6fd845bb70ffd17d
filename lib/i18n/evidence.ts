/**
 * Evidence (lib/vocabulary/evidence.ts: a code with values) in the user's language: the message
 * `evidence_<code>` with its values formatted for the page. A value is a fact; how it reads
 * depends on its name:
 *
 * - attempts, workingDays, answers, absenceDays, moments: a count with its noun, singular or
 *   plural ("1 poging", "2,5 werkdagen");
 * - at, since, until: a moment (epoch ms) as a day ("5 december", with the year when it is not
 *   this year's, or `now`'s);
 * - start: when a meeting starts (epoch ms), the day and, when set, the time ("30 nov. 2026 11:00");
 * - date: a calendar day "2022-03-24" ("24-03-2022", "24 March 2022");
 * - source: where a mention was read (name, subject, snippet, signature);
 * - role, roles: role ids as words, a list joined as the language does ("wethouder en ambtenaar");
 * - kind: an organisation kind; interaction: email, call or meeting;
 * - successors, names: names joined as a list; count, total: numbers;
 * - anything else is shown as it is (a domain, an address, a quote of the mail).
 *
 * A code with a singular and a plural message (`evidence_<code>_one` / `_other`) takes the one
 * that fits its `count`, else its first counted value. `legacy` evidence (written as Dutch text
 * before evidence became codes) shows its text; an unknown code shows itself, never nothing.
 */
import { EVIDENCE_LIST_SEPARATOR, LEGACY_EVIDENCE_CODE, type Evidence } from '../vocabulary/evidence';
import { isRoleId } from '../vocabulary/roles';
import { MESSAGES, type Locale, type MessageKey } from './messages';
import { fill, formatCount, formatDate, formatDayMonth, formatIsoDay, getLocale, joinList, plural, translate } from './index';

const COUNTED_VALUES = ['attempts', 'workingDays', 'answers', 'absenceDays', 'moments'] as const;
type CountedValue = (typeof COUNTED_VALUES)[number];
const MOMENT_VALUES = new Set(['at', 'since', 'until']);
const LIST_VALUES = new Set(['successors', 'names']);

export interface EvidenceTextOptions {
  locale?: Locale;
  /** what "this year" is for dates (default: the clock) */
  now?: number;
}

function messageOf(locale: Locale, key: string): string | undefined {
  const messages = MESSAGES[locale] as Record<string, string | undefined>;
  return messages[key] ?? (MESSAGES.nl as Record<string, string | undefined>)[key];
}

function isCounted(name: string): name is CountedValue {
  return (COUNTED_VALUES as readonly string[]).includes(name);
}

function roleWord(value: string, locale: Locale): string {
  return isRoleId(value) ? translate(locale, `role_${value}`).toLowerCase() : value;
}

function keyIfKnown(locale: Locale, key: string): MessageKey | null {
  return messageOf(locale, key) === undefined ? null : (key as MessageKey);
}

/** A meeting's start: its day, and its time unless it is midnight (a day without a time). */
function formatStart(at: number, locale: Locale): string {
  const time = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(at);
  return time === '00:00' ? formatDate(at, locale) : `${formatDate(at, locale)} ${time}`;
}

function formatValue(name: string, value: string | number, locale: Locale, now: number): string {
  if (typeof value === 'number') {
    if (isCounted(name)) return plural(value, `unit_${name}_one`, `unit_${name}_other`, {}, locale);
    if (MOMENT_VALUES.has(name)) return formatDayMonth(value, now, locale);
    if (name === 'start') return formatStart(value, locale);
    return formatCount(value, locale);
  }
  const items = value.split(EVIDENCE_LIST_SEPARATOR);
  if (name === 'date') return formatIsoDay(value, locale);
  if (name === 'role') return roleWord(value, locale);
  if (name === 'roles')
    return joinList(
      items.map((role) => roleWord(role, locale)),
      locale,
    );
  if (LIST_VALUES.has(name)) return joinList(items, locale);
  const known = (prefix: string) => keyIfKnown(locale, `${prefix}${value}`);
  if (name === 'source') return known('evidenceSource_') ? translate(locale, known('evidenceSource_')!) : value;
  if (name === 'kind') return known('orgKind_') ? translate(locale, known('orgKind_')!) : value;
  if (name === 'interaction') return known('interaction_') ? translate(locale, known('interaction_')!) : value;
  return value;
}

/** The count that decides between a code's singular and plural message. */
function decidingCount(values: Readonly<Record<string, string | number>>): number | null {
  if (typeof values.count === 'number') return values.count;
  for (const name of COUNTED_VALUES) if (typeof values[name] === 'number') return values[name];
  return null;
}

function templateOf(evidence: Evidence, locale: Locale): string | undefined {
  const base = `evidence_${evidence.code}`;
  const count = decidingCount(evidence.values ?? {});
  if (count !== null) {
    const variant = messageOf(locale, `${base}_${count === 1 ? 'one' : 'other'}`);
    if (variant !== undefined) return variant;
  }
  return messageOf(locale, base);
}

/** One evidence line as text in the user's language (or `options.locale`). */
export function evidenceText(evidence: Evidence, options: EvidenceTextOptions = {}): string {
  const locale = options.locale ?? getLocale();
  const values = evidence.values ?? {};
  if (evidence.code === LEGACY_EVIDENCE_CODE) return String(values.text ?? '');
  const template = templateOf(evidence, locale);
  const now = options.now ?? Date.now();
  const formatted: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) formatted[name] = formatValue(name, value, locale, now);
  if (template === undefined) {
    // a code this build does not know (written by a newer one): say what it is, never nothing
    const shown = Object.values(formatted);
    return shown.length ? `${evidence.code}: ${shown.join(', ')}` : evidence.code;
  }
  return fill(template, formatted);
}

/** Several lines, each as text. */
export function evidenceTexts(lines: readonly Evidence[], options: EvidenceTextOptions = {}): string[] {
  return lines.map((line) => evidenceText(line, options));
}
