/**
 * The text of a mail body as the readers see it: the writer's own words (quoted history and
 * forwarded mail left out), split into excerpt and signature with the readers' rule
 * (lib/readers/signature.ts), so the same mail gives the classifiers the same text whichever
 * way it arrived. Plain text only: mail is hostile, and HTML is turned into text without a DOM.
 */
import { foldWhitespace } from '../readers/dom';
import { EXCERPT_CHARS, SIGNATURE_CHARS, splitSignature } from '../readers/signature';

/** As much of a body as the readers look at (lib/readers/gmail.ts reads 20,000 chars). */
const BODY_CHARS = 20_000;

// ---------------------------------------------------------------------------------------------
// HTML -> text

/**
 * Where the quoted history of an HTML reply starts: Gmail's quote, a blockquote, Outlook's
 * reply header (divRplyFwdMsg, appendonsend, the border-top header div), Thunderbird's cite
 * prefix, Apple Mail's blockquote type=cite.
 */
const HTML_QUOTE_START =
  /<div[^>]*\bclass=["']?[^"'>]*\bgmail_quote\b|<blockquote\b|<div[^>]*\bid=["']?(?:divRplyFwdMsg|appendonsend)\b|<div[^>]*\bclass=["']?[^"'>]*\bmoz-cite-prefix\b|<hr[^>]*\bid=["']?stopSpelling\b|<div[^>]*style=["'][^"']*border-top:\s*solid\s+#[0-9a-f]{6}[^"']*padding:\s*3\.0pt/i;

const BLOCK_TAG = /^(?:p|div|br|tr|li|ul|ol|table|h[1-6]|blockquote|pre|hr|section|article|header|footer|address|dd|dt)$/i;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  euro: '€',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  deg: '°',
  shy: '',
  zwnj: '',
  zwj: '',
};
/** &eacute;, &Ouml;, &ccedil;, ...: a letter and an accent name, composed. */
const ACCENT_MARKS: Record<string, string> = {
  acute: '\u0301',
  grave: '\u0300',
  circ: '\u0302',
  uml: '\u0308',
  tilde: '\u0303',
  ring: '\u030a',
  cedil: '\u0327',
};
for (const letter of 'aeiouycnAEIOUYCN') {
  for (const [name, mark] of Object.entries(ACCENT_MARKS)) {
    const composed = (letter + mark).normalize('NFC');
    if (composed.length === 1) NAMED_ENTITIES[letter + name] = composed;
  }
}
Object.assign(NAMED_ENTITIES, { oslash: 'ø', Oslash: 'Ø', szlig: 'ß', aelig: 'æ', AElig: 'Æ' });

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});?/gi, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[entity] ?? NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/**
 * Plain text of an HTML body, one line per block, the quoted history cut off: no DOM, so it runs
 * in a Worker. Never used to render anything.
 */
export function htmlToText(html: string): string {
  let source = html.length > 400_000 ? html.slice(0, 400_000) : html;
  const quote = HTML_QUOTE_START.exec(source);
  if (quote) source = source.slice(0, quote.index);
  source = source
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(head|style|script|title|xml)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ');
  const out: string[] = [];
  let at = 0;
  for (const match of source.matchAll(/<\/?([a-z][a-z0-9:-]*)\b[^>]*>/gi)) {
    out.push(source.slice(at, match.index), BLOCK_TAG.test(match[1]!) ? '\n' : '');
    at = match.index + match[0].length;
  }
  out.push(source.slice(at));
  // text in HTML folds its own line breaks; the blocks above made the real ones
  return out
    .join('')
    .split('\n')
    .map((line) => decodeEntities(line.replace(/[\r\t ]+/g, ' ')))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// own text, excerpt, signature

/** "On Mon, 1 Jan 2024 at 10:00, Jan <jan@x.nl> wrote:", in nl/en/de/fr, possibly over two lines. */
const ATTRIBUTION_START = /^(?:on|op|am|le|el)\s.{4,}/i;
const ATTRIBUTION_END = /(?:wrote|schreef|schrieb|geschreven|a écrit|escribió)\s*(?:[^:]{0,60})?:\s*$/i;
/** Separators clients put above quoted or forwarded mail. */
const HISTORY_LINE =
  /^(?:-{2,}\s*(?:original message|oorspronkelijk bericht|origineel bericht|ursprüngliche nachricht|forwarded message|doorgestuurd bericht|weitergeleitete nachricht)\s*-{2,}|begin forwarded message:|_{10,})$/i;
/** Outlook's plain-text header of a quoted mail: "Van: ..." then "Verzonden: ..." / "Date: ...". */
const OUTLOOK_FROM = /^(?:from|van|von|de):\s/i;
const OUTLOOK_SENT = /^(?:sent|verzonden|gesendet|date|datum|envoyé):\s/i;

/** The lines of a plain body up to where quoted history starts, folded and without empty lines. */
export function ownLines(text: string): string[] {
  const raw = (text.length > BODY_CHARS ? text.slice(0, BODY_CHARS) : text).split(/\r?\n/);
  const lines: string[] = [];
  for (let index = 0; index < raw.length; index++) {
    const original = raw[index]!;
    const trimmed = original.trim();
    if (trimmed.startsWith('>')) break;
    if (HISTORY_LINE.test(trimmed)) break;
    if (ATTRIBUTION_START.test(trimmed)) {
      if (ATTRIBUTION_END.test(trimmed)) break;
      const next = raw[index + 1]?.trim() ?? '';
      if (ATTRIBUTION_END.test(next) && `${trimmed} ${next}`.length < 300) break;
    }
    if (OUTLOOK_FROM.test(trimmed) && raw.slice(index + 1, index + 4).some((line) => OUTLOOK_SENT.test(line.trim()))) break;
    // the signature delimiter "-- " folds to "--", which is what splitSignature looks for
    const line = foldWhitespace(original);
    if (line) lines.push(line);
  }
  return lines;
}

export interface BodyText {
  /** the writer's own text before the signature, lines joined by spaces, at most EXCERPT_CHARS */
  excerpt: string;
  signature: string | null;
}

/** Excerpt and signature of a plain body, as the readers make them. */
export function bodyText(text: string): BodyText {
  const { own, signature } = splitSignature(ownLines(text));
  const signatureText = signature.join('\n').slice(0, SIGNATURE_CHARS);
  return { excerpt: own.join(' ').slice(0, EXCERPT_CHARS), signature: signatureText || null };
}
