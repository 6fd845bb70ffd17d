/**
 * A mail's own words, as the intent classifier (lib/classify/intent.ts) and the agreed-meeting
 * extractor (lib/latency/agreed-meeting.ts) read them: case and accents folded, the salutation,
 * the sign-off and whatever was forwarded or quoted left out, cut into sentences. The readers
 * already leave quoted history out of an excerpt; a collapsed message's snippet and a forward
 * written above the forwarded mail still carry text that is not the writer's own request.
 */
import { ZERO_WIDTH } from './text-folding';

/** Where the writer's own text ends: a forwarded or quoted mail follows. */
const FORWARD_OR_QUOTE = new RegExp(
  [
    '-{2,}\\s*(?:doorgestuurd bericht|oorspronkelijk bericht|forwarded message|original message|weitergeleitete nachricht)',
    'begin (?:doorgestuurd bericht|forwarded message)',
    '\\bop (?:[^.!?]{4,80}) (?:schreef|heeft [^.!?]{0,60} geschreven)[^:]{0,80}:',
    '\\bon (?:[^.!?]{4,80}) wrote:',
    '\\bvan: [^\\n]{1,200}?\\b(?:verzonden|datum|sent|date):',
    '\\bfrom: [^\\n]{1,200}?\\b(?:sent|date|verzonden):',
  ].join('|'),
);

/** "Beste Ruud," / "Geachte wethouder Oosterhof," / "Hoi Noor," / "Dear Ms Vos,": the first words. */
const SALUTATION =
  /^(?:beste|geachte|hoi|hallo|hai|hey|hi|dear|hello|goedemorgen|goedemiddag|goedenavond|good (?:morning|afternoon|evening))\b[^,!.?:\n]{0,80}[,!:]\s*/;

/**
 * A sign-off at the start of a sentence ("Met vriendelijke groet,", "Groet, Kees", "Kind
 * regards"), with at most SIGN_OFF_TAIL characters after it (a name, a title, a phone number):
 * it and its tail go, nobody's question lives there. Elsewhere the words stay ("doe de groeten").
 */
const SIGN_OFF =
  /(?:^|[.!?] )((?:met (?:vriendelijke|hartelijke|beste) groet(?:en)?|vriendelijke groet(?:en)?|hartelijke groet(?:en)?|(?:veel |lieve |beste )?groet(?:jes|en)?|mvg|kind regards|best regards|warm regards|regards|best wishes|cheers|all the best)\b)/g;
const SIGN_OFF_TAIL = 160;

function withoutSignOff(text: string): string {
  for (const match of text.matchAll(SIGN_OFF)) {
    const start = match.index + match[0].length - (match[1] as string).length;
    if (text.length - start <= SIGN_OFF_TAIL) return text.slice(0, start);
  }
  return text;
}

/**
 * Lower-case, accents folded (é -> e), zero-width characters gone, typographic quotes and dashes
 * plain, every run of white space one space. Punctuation stays: it ends sentences and questions.
 */
export function normaliseMailText(text: string): string {
  return text
    .replace(ZERO_WIDTH, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[\u00a0\u2007\u202f\s]+/g, ' ')
    .trim();
}

/** The writer's own words of a normalised text: without salutation, forwarded or quoted mail, sign-off. */
export function ownWords(normalised: string): string {
  const forward = FORWARD_OR_QUOTE.exec(normalised);
  let own = forward ? normalised.slice(0, forward.index) : normalised;
  own = own.replace(SALUTATION, '');
  return withoutSignOff(own).trim();
}

/**
 * Sentences, each with its closing punctuation: split after . ! ? (and after "…"), not inside a
 * number ("10.00", "1,4"), nor after a one-letter abbreviation ("t.a.v.", "o.a.").
 */
export function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char !== '.' && char !== '!' && char !== '?' && char !== '\u2026') continue;
    const next = text.charAt(index + 1);
    if (char === '.' && /\d/.test(text.charAt(index - 1)) && /\d/.test(next)) continue;
    if (char === '.' && /(?:^|[\s.])[a-z]$/.test(text.slice(Math.max(0, index - 2), index))) continue;
    if (next !== '' && next !== ' ' && !/[.!?"')\u2026]/.test(next)) continue;
    // a run of punctuation ("?!", "...") belongs to the sentence it ends
    let end = index + 1;
    while (end < text.length && /[.!?"')\u2026]/.test(text.charAt(end))) end += 1;
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
    index = end - 1;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/** Whether a text ends a sentence (a snippet that does not may have been cut off by the app). */
export function endsLikeASentence(text: string): boolean {
  return /[.!?\u2026)"']\s*$/.test(text.trim());
}
