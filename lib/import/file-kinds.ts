/**
 * The kinds of file the import page takes, in one place: what the file picker offers and which
 * reader a chosen file goes to. Today mailboxes (mbox, .eml); a calendar (.ics) is one more entry.
 *
 * A file is not refused by its name: Thunderbird's mbox files have no extension, Takeout's is
 * "All mail Including Spam and Trash.mbox", an .eml may come as .txt. Whatever does not say
 * otherwise goes to the mailbox reader, which recognises a zip, a PDF or a .pst by its first bytes
 * and says so (lib/import/problems.ts).
 */

export const IMPORT_FILE_KINDS = [
  {
    kind: 'mailbox',
    /** name endings the file picker offers (the user can still pick any file) */
    extensions: ['.mbox', '.mbx', '.eml'],
    mimeTypes: ['application/mbox', 'message/rfc822'],
  },
] as const;

export type ImportFileKind = (typeof IMPORT_FILE_KINDS)[number]['kind'];

/** The `accept` attribute of the file picker: every kind's endings and types. */
export function acceptedFiles(): string {
  return IMPORT_FILE_KINDS.flatMap((entry) => [...entry.extensions, ...entry.mimeTypes]).join(',');
}

/** Which reader a file goes to: the kind whose ending or type it has, else the mailbox reader. */
export function kindOfFile(file: { name: string; type: string }): ImportFileKind {
  const name = file.name.toLowerCase();
  const match = IMPORT_FILE_KINDS.find(
    (entry) =>
      entry.extensions.some((extension) => name.endsWith(extension)) ||
      (entry.mimeTypes as readonly string[]).includes(file.type),
  );
  return match?.kind ?? 'mailbox';
}
