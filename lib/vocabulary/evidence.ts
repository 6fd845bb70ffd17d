/**
 * A reason shown to the user ("domein zwolle.nl", "3 pogingen zonder antwoord", "vraagt: kunt u"),
 * as a code with values. lib/ never builds sentences: pages render evidence with t() in the user's
 * language (lib/i18n, key `evidence_<code>`), so the English UI shows English evidence and Dutch
 * plurals come out right. Values are facts (a domain, a count, a date in epoch ms, a role id),
 * never text in a language.
 */
export interface Evidence {
  /** kebab-case, stable: stored in records and used as the i18n key suffix */
  code: string;
  values?: Readonly<Record<string, string | number>>;
}

export function evidence(code: string, values?: Record<string, string | number>): Evidence {
  return values ? { code, values } : { code };
}
