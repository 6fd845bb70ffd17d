/** Byte helpers shared by the splitter and the MIME structure pass (mail is bytes until decoded). */

export const LF = 0x0a;
export const CR = 0x0d;

/** Bytes as latin-1 text: one char per byte, for ASCII syntax (header names, separators). */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let index = start; index < end; index++) text += String.fromCharCode(bytes[index]!);
  return text;
}

/** Where the line [start, end) ends without its LF or CRLF. */
export function withoutLineBreak(bytes: Uint8Array, start: number, end: number): number {
  let stop = end;
  if (stop > start && bytes[stop - 1] === LF) stop--;
  if (stop > start && bytes[stop - 1] === CR) stop--;
  return stop;
}

export function startsWithBytes(bytes: Uint8Array, at: number, prefix: readonly number[]): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let index = 0; index < prefix.length; index++) if (bytes[at + index] !== prefix[index]) return false;
  return true;
}
