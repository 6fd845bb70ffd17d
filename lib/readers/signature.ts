/**
 * Where a mail body's own words end and the sender's signature starts, the same for every host
 * (so both readers hand the classifiers the same signature for the same mail). Used when the
 * client marks no signature: the lines after a "--" line, else after a closing line ("Met
 * vriendelijke groet", "Kind regards", "Mit freundlichen Grüßen"), when what follows is short.
 */

export const EXCERPT_CHARS = 500;
export const SIGNATURE_CHARS = 1000;
const SIGNATURE_MAX_LINES = 8;
const SIGNATURE_LINE_CHARS = 100;

/** Closing lines a signature follows (nl, en, de), compared without trailing punctuation. */
export const CLOSING_LINE =
  /^(?:(?:met )?(?:vriendelijke|hartelijke|warme|zonnige|beste) groet(?:en)?|groet(?:en|jes)?|m\.?v\.?g\.?|gr\.?|(?:(?:kind|best|warm) )?regards|best(?: wishes)?|cheers|(?:many )?thanks|thank you|(?:yours )?sincerely|yours|(?:mit )?(?:freundlichen|besten|lieben|herzlichen|viele) gr(?:ü|ue)(?:ß|ss)en|(?:viele|liebe|beste) gr(?:ü|ue)(?:ß|ss)e|mfg)[,.!]?$/i;

/** Index of the "--" or closing line that starts a short tail (the signature), or null. */
export function signatureStart(lines: readonly string[]): number | null {
  const shortTail = (from: number) => {
    const tail = lines.slice(from);
    return tail.length > 0 && tail.length <= SIGNATURE_MAX_LINES && tail.every((line) => line.length <= SIGNATURE_LINE_CHARS);
  };
  for (const isDelimiter of [(line: string) => line === '--', (line: string) => CLOSING_LINE.test(line)]) {
    for (let index = lines.length - 1; index >= 0; index--) {
      if (isDelimiter(lines[index]!) && shortTail(index + 1)) return index;
    }
  }
  return null;
}

/** The body's lines split at the signature, when one is found. */
export function splitSignature(lines: readonly string[]): { own: readonly string[]; signature: readonly string[] } {
  const start = signatureStart(lines);
  return start === null ? { own: lines, signature: [] } : { own: lines.slice(0, start), signature: lines.slice(start + 1) };
}
