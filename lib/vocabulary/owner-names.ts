/**
 * What Gmail and Outlook show in place of the signed-in owner's name: "me" and its translations
 * (Dutch "ik"/"mij"/"mezelf", German "ich"/"mich"/"mir"), and the second person some views use
 * ("you", "jij"). The Gmail reader gives such a participant the account's address, the classifier
 * makes it `self`, and ingest neither keeps it as a contact's name nor counts a message from it
 * as received.
 */
export const OWNER_PLACEHOLDER_NAMES: ReadonlySet<string> = new Set([
  'me',
  'myself',
  'you',
  'ik',
  'mij',
  'mezelf',
  'jij',
  'ich',
  'mich',
  'mir',
]);

/** Whether a display name stands for the owner; compared trimmed and lower-case. */
export function isOwnerPlaceholderName(name: string | null | undefined): boolean {
  return OWNER_PLACEHOLDER_NAMES.has((name ?? '').trim().toLowerCase());
}
