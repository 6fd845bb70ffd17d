/**
 * One mailbox, several spellings: servers compare addresses case-insensitively and ignore a
 * "+tag", and Gmail also ignores dots (jan.jansen+radar@gmail.com is janjansen@gmail.com). A
 * contact is found by its mailboxes, so any spelling of one person's address is that person.
 * Kept free of imports: the database schema (read by every extension page) uses it.
 */
export function mailboxOf(address: string): string {
  const normalised = address.trim().toLowerCase();
  const at = normalised.lastIndexOf('@');
  if (at <= 0) return normalised;
  let local = normalised.slice(0, at).replace(/\+.*$/, '');
  let domain = normalised.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replace(/\./g, '');
  return `${local || normalised.slice(0, at)}@${domain}`;
}

export function mailboxesOf(addresses: readonly string[]): string[] {
  return [...new Set(addresses.map(mailboxOf))];
}
