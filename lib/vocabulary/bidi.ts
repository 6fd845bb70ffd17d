/**
 * Bidirectional text: a name, address or subject from mail may hold right-to-left text or a
 * U+202E override, which would reorder the rest of a line on screen. Pages isolate such values in
 * `<bdi>` (components/message.tsx); where only plain text goes (an attribute such as `title`, the
 * toolbar badge's title, the inline row badge's label) they are wrapped in Unicode's isolate marks.
 */

/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (Unicode 6.3): `<bdi>` as characters. */
export const FIRST_STRONG_ISOLATE = '\u2068';
export const POP_DIRECTIONAL_ISOLATE = '\u2069';

/** `text` isolated from what stands around it, for plain-text places. */
export function isolateText(text: string): string {
  return `${FIRST_STRONG_ISOLATE}${text}${POP_DIRECTIONAL_ISOLATE}`;
}
