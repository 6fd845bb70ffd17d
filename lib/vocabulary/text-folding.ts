/**
 * Folding text so that spellings compare equal. Three foldings, each for its own purpose (they
 * differ on purpose; pick by purpose, never copy one):
 *
 * - `foldForMatching`: the classifiers' matching copy of mail text ("’s-Hertogenbosch",
 *   "Súdwest-Fryslân", "GEMEENTE ZWOLLE"): lower-case, accents removed, every character that is
 *   not a-z or 0-9 a space, and the same length as the input, so a match in the folded copy points
 *   at the same characters in the original (for evidence and for checking capitals). With
 *   `normaliseName` and `compactName`, the keys of the municipality data's name and domain index.
 * - `foldForSearch`: the side panel's search boxes: accents and case folded, punctuation a word
 *   break ("s hertogenbosch" finds "'s-Hertogenbosch"), letters of any script kept, and `@` and
 *   `.` kept so an address is one word.
 * - `foldAccentsAndCase`: the popup's search box and the search text the background stores with
 *   each municipality summary: accents and case only, punctuation kept as typed.
 */

// Zero-width characters Gmail and Outlook insert to break auto-linking ("D\u200cecember").
export const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

const FOLDED_WORD_CHAR = /[a-z0-9]/;

/** Folded form of every non-ASCII character met so far (NFD per character is slow: ingest folds a lot). */
const foldedNonAscii = new Map<string, string>();

function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  // ASCII fast path: digits and letters (capitals lowered), everything else a space
  if (code < 128) {
    if ((code >= 48 && code <= 57) || (code >= 97 && code <= 122)) return char;
    if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
    return ' ';
  }
  let folded = foldedNonAscii.get(char);
  if (folded === undefined) {
    // NFD splits "é" into "e" + combining accent: the first code unit is the base letter.
    const base = char.normalize('NFD').charAt(0).toLowerCase();
    folded = base.length === 1 && FOLDED_WORD_CHAR.test(base) ? base : ' ';
    foldedNonAscii.set(char, folded);
  }
  return folded;
}

/** Lower-case, accents folded, everything but [a-z0-9] turned into a space; same length as the input. */
export function foldForMatching(text: string): string {
  let folded = '';
  for (let index = 0; index < text.length; index += 1) folded += foldChar(text.charAt(index));
  return folded;
}

/** Folded words joined by single spaces: the key of a name ("'s-Gravenhage" -> "s gravenhage"). */
export function normaliseName(text: string): string {
  return foldForMatching(text).trim().split(/ +/).join(' ');
}

/** Folded without any separator: how names appear inside domains ("Den Haag" -> "denhaag"). */
export function compactName(text: string): string {
  return foldForMatching(text).replace(/ /g, '');
}

/** Folds case and accents: "súdwest" finds "Súdwest-Fryslân", "s hertogenbosch" finds "'s-Hertogenbosch". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@.]+/gu, ' ')
    .trim();
}

/** Accents and case folded, nothing else: "Súdwest-Fryslân" -> "sudwest-fryslan". */
export function foldAccentsAndCase(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
