/**
 * One raw message -> the headers and first text of a mail, decoded by postal-mime (RFC 2047
 * words, addresses, quoted-printable and base64, charsets, format=flowed).
 *
 * postal-mime decodes every part it is given, attachments too (a base64 decode and a Blob per
 * part). We need the headers and the first text part only, so a light structure pass over the
 * raw bytes finds that part first (walking the multipart boundaries without decoding anything)
 * and postal-mime gets a small message: the top-level headers with the text part's content
 * headers, and that part's body. When the structure cannot be followed (no boundary line), the
 * message keeps its headers and gets no text, counted as 'broken-mime'.
 */
import PostalMime, { decodeWords, type Address, type Email } from 'postal-mime';
import { htmlToText } from './body-text';
import { CR, LF, latin1, withoutLineBreak } from './bytes';
import type { MessageProblem, SkipReason } from './problems';

/** Encoded bytes of the text part handed to the parser: far more than an excerpt needs. */
export const TEXT_PART_LIMIT = 256 * 1024;

export interface MailAddress {
  /** decoded display name ('' when none) */
  name: string;
  /** the address as written (not yet validated or lower-cased) */
  address: string;
}

export type AutoSubmitted = 'auto-replied' | 'auto-generated';

export interface ParsedMail {
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** decoded, whitespace as written */
  subject: string;
  /** the Date header as written, null when missing */
  dateRaw: string | null;
  /** Message-ID without angle brackets, null when missing */
  messageId: string | null;
  inReplyTo: string | null;
  /** References, oldest first */
  references: string[];
  /** X-GM-THRID: Gmail's thread id, decimal */
  gmailThreadId: string | null;
  /** X-Gmail-Labels, decoded */
  labels: string[];
  autoSubmitted: AutoSubmitted | null;
  /** List-Unsubscribe, or Precedence bulk/junk: sent to a list */
  bulkHeaders: boolean;
  /** Outlook's Thread-Index (base64), null when missing */
  threadIndex: string | null;
  deliveredTo: string | null;
  /** the first text part as plain text (text/html converted), '' when none */
  text: string;
  textSource: 'plain' | 'html' | null;
  problems: MessageProblem[];
}

export interface RawMessageContext {
  /** the message was cut at the splitter's limit */
  clipped: boolean;
  /** the last message of the file, and whether the file ended with a line break */
  last: boolean;
  endsWithNewline: boolean;
}

export type ParseResult = { ok: true; mail: ParsedMail } | { ok: false; reason: SkipReason };

const DASH = 0x2d;

// ---------------------------------------------------------------------------------------------
// raw structure

interface HeaderField {
  /** lower-case field name */
  name: string;
  /** offset of the field's first byte */
  start: number;
  /** offset just past the field's last line (folded lines included) */
  end: number;
  /** offset just past the colon */
  valueStart: number;
}

interface HeaderBlock {
  fields: HeaderField[];
  /** offset of the body (after the blank line); the block's end when there is no blank line */
  bodyStart: number;
  /** whether a blank line ended the block */
  complete: boolean;
  /** whether the first line is a header line at all */
  startsWithHeader: boolean;
}

function isBlankLine(bytes: Uint8Array, start: number, end: number): boolean {
  return (
    end - start === 0 ||
    (end - start === 1 && (bytes[start] === LF || bytes[start] === CR)) ||
    (end - start === 2 && bytes[start] === CR && bytes[start + 1] === LF)
  );
}

function readHeaderBlock(bytes: Uint8Array, start: number, limit: number): HeaderBlock {
  const fields: HeaderField[] = [];
  let lineStart = start;
  let startsWithHeader = false;
  while (lineStart < limit) {
    const newline = bytes.indexOf(LF, lineStart);
    const lineEnd = newline < 0 || newline >= limit ? limit : newline + 1;
    if (isBlankLine(bytes, lineStart, lineEnd)) return { fields, bodyStart: lineEnd, complete: true, startsWithHeader };
    const first = bytes[lineStart]!;
    if ((first === 0x20 || first === 0x09) && fields.length > 0) {
      fields[fields.length - 1]!.end = lineEnd;
    } else {
      let colon = lineStart;
      while (colon < lineEnd && bytes[colon] !== 0x3a && bytes[colon]! > 0x20 && bytes[colon]! < 0x7f) colon++;
      if (colon < lineEnd && bytes[colon] === 0x3a && colon > lineStart) {
        if (lineStart === start) startsWithHeader = true;
        fields.push({
          name: latin1(bytes, lineStart, colon).toLowerCase(),
          start: lineStart,
          end: lineEnd,
          valueStart: colon + 1,
        });
      } else if (fields.length > 0) {
        // a line that is no header inside the block (broken folding): it belongs to the field above
        fields[fields.length - 1]!.end = lineEnd;
      }
    }
    lineStart = lineEnd;
  }
  return { fields, bodyStart: limit, complete: false, startsWithHeader };
}

function fieldValue(bytes: Uint8Array, field: HeaderField): string {
  return latin1(bytes, field.valueStart, field.end)
    .replace(/\r?\n[ \t]*/g, ' ')
    .trim();
}

interface ContentType {
  type: string;
  params: Record<string, string>;
}

const PARAMETER = /;\s*([\w.*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;

function parseContentType(value: string | null): ContentType {
  if (!value) return { type: 'text/plain', params: {} };
  const type = (value.split(';', 1)[0] ?? '').trim().toLowerCase() || 'text/plain';
  const params: Record<string, string> = {};
  for (const match of value.matchAll(PARAMETER)) {
    let parameter = match[2]!.trim();
    if (parameter.startsWith('"')) parameter = parameter.slice(1, -1).replace(/\\(.)/g, '$1');
    params[match[1]!.toLowerCase()] ??= parameter;
  }
  return { type, params };
}

interface Part {
  header: HeaderBlock;
  contentType: ContentType;
  attachment: boolean;
  bodyStart: number;
  bodyEnd: number;
}

function partOf(bytes: Uint8Array, header: HeaderBlock, bodyEnd: number): Part {
  const value = (name: string) => {
    const field = header.fields.find((candidate) => candidate.name === name);
    return field ? fieldValue(bytes, field) : null;
  };
  const contentType = parseContentType(value('content-type'));
  const disposition = parseContentType(value('content-disposition'));
  const attachment = disposition.type === 'attachment' || 'filename' in disposition.params || 'name' in contentType.params;
  return { header, contentType, attachment, bodyStart: header.bodyStart, bodyEnd };
}

interface Structure {
  text: Part | null;
  /** a multipart whose boundary never appears */
  boundaryMissing: boolean;
  /** a multipart whose closing boundary never appears */
  unclosed: boolean;
}

function boundaryAt(bytes: Uint8Array, lineStart: number, lineEnd: number, boundary: Uint8Array): 'part' | 'end' | null {
  if (lineStart + 2 + boundary.length > lineEnd) return null;
  for (let index = 0; index < boundary.length; index++) if (bytes[lineStart + 2 + index] !== boundary[index]) return null;
  let at = lineStart + 2 + boundary.length;
  let kind: 'part' | 'end' = 'part';
  if (bytes[at] === DASH && bytes[at + 1] === DASH) {
    kind = 'end';
    at += 2;
  }
  for (; at < lineEnd; at++) {
    const byte = bytes[at]!;
    if (byte !== 0x20 && byte !== 0x09 && byte !== CR && byte !== LF) return null;
  }
  return kind;
}

/**
 * Walks a multipart body: the first inline text/plain part, else the first inline text/html
 * part; message/rfc822 parts are not entered (a forwarded mail is not this mail's text).
 */
function findTextPart(bytes: Uint8Array, top: Part): Structure {
  const encoder = new TextEncoder();
  const stack: Uint8Array[] = [encoder.encode(top.contentType.params.boundary ?? '')];
  let plain: Part | null = null;
  let html: Part | null = null;
  let open: HeaderBlock | null = null;
  let found = false;
  let closed = false;
  const close = (end: number) => {
    if (!open) return;
    const part = partOf(bytes, open, Math.max(open.bodyStart, end));
    open = null;
    if (part.attachment) return;
    if (part.contentType.type === 'text/plain' && !plain) plain = part;
    else if (part.contentType.type === 'text/html' && !html) html = part;
  };
  let lineStart = top.bodyStart;
  const limit = bytes.length;
  while (lineStart < limit && !closed) {
    const newline = bytes.indexOf(LF, lineStart);
    const lineEnd = newline < 0 ? limit : newline + 1;
    if (bytes[lineStart] === DASH && bytes[lineStart + 1] === DASH) {
      let matched = -1;
      let kind: 'part' | 'end' | null = null;
      for (let level = stack.length - 1; level >= 0; level--) {
        kind = boundaryAt(bytes, lineStart, lineEnd, stack[level]!);
        if (kind) {
          matched = level;
          break;
        }
      }
      if (kind) {
        found = true;
        // the line break before a boundary belongs to the boundary
        close(withoutLineBreak(bytes, top.bodyStart, lineStart));
        if (kind === 'end') {
          stack.length = matched;
          if (matched === 0) closed = true;
          lineStart = lineEnd;
          continue;
        }
        stack.length = matched + 1;
        const header = readHeaderBlock(bytes, lineEnd, limit);
        const contentType = parseContentType(
          (() => {
            const field = header.fields.find((candidate) => candidate.name === 'content-type');
            return field ? fieldValue(bytes, field) : null;
          })(),
        );
        if (contentType.type.startsWith('multipart/') && contentType.params.boundary) {
          stack.push(encoder.encode(contentType.params.boundary));
        } else {
          open = header;
        }
        lineStart = header.bodyStart;
        continue;
      }
    }
    lineStart = lineEnd;
  }
  close(limit);
  return { text: plain ?? html, boundaryMissing: !found, unclosed: found && !closed };
}

// ---------------------------------------------------------------------------------------------
// the small message postal-mime gets

/** Content headers of the top level: replaced by the text part's own. */
const CONTENT_FIELDS = new Set(['content-type', 'content-transfer-encoding', 'content-disposition']);

function cutAtLine(bytes: Uint8Array, start: number, end: number, limit: number): number {
  if (end - start <= limit) return end;
  const newline = bytes.lastIndexOf(LF, start + limit);
  return newline > start ? newline + 1 : start + limit;
}

function slimMessage(bytes: Uint8Array, top: HeaderBlock, part: Part | null): Uint8Array {
  const pieces: Array<[number, number]> = [];
  for (const field of top.fields) if (!CONTENT_FIELDS.has(field.name)) pieces.push([field.start, field.end]);
  if (part) {
    for (const field of part.header.fields)
      if (CONTENT_FIELDS.has(field.name) && field.name !== 'content-disposition') pieces.push([field.start, field.end]);
  }
  let size = 2;
  for (const [start, end] of pieces) size += end - start + 2;
  const bodyEnd = part ? cutAtLine(bytes, part.bodyStart, part.bodyEnd, TEXT_PART_LIMIT) : 0;
  if (part) size += bodyEnd - part.bodyStart;
  const slim = new Uint8Array(size);
  let at = 0;
  for (const [start, end] of pieces) {
    slim.set(bytes.subarray(start, end), at);
    at += end - start;
    // a field at the very end of a header block may lack its line break
    if (bytes[end - 1] !== LF) {
      slim[at++] = CR;
      slim[at++] = LF;
    }
  }
  slim[at++] = CR;
  slim[at++] = LF;
  if (part) {
    slim.set(bytes.subarray(part.bodyStart, bodyEnd), at);
    at += bodyEnd - part.bodyStart;
  }
  return slim.subarray(0, at);
}

// ---------------------------------------------------------------------------------------------
// decoded fields

const charsetVerdicts = new Map<string, boolean>();

/** Whether TextDecoder (as postal-mime tries it: as written, without "x-", without separators) knows the label. */
function knownCharset(label: string): boolean {
  const key = label.trim().toLowerCase();
  let verdict = charsetVerdicts.get(key);
  if (verdict === undefined) {
    verdict = [key, key.replace(/^x-/, ''), key.replace(/[-_\s]/g, '')].some((candidate) => {
      try {
        new TextDecoder(candidate);
        return true;
      } catch {
        return false;
      }
    });
    if (charsetVerdicts.size < 200) charsetVerdicts.set(key, verdict);
  }
  return verdict;
}

function flatten(addresses: Address[] | Address | undefined): MailAddress[] {
  if (!addresses) return [];
  const list = Array.isArray(addresses) ? addresses : [addresses];
  const out: MailAddress[] = [];
  for (const entry of list) {
    if (entry.group) for (const member of entry.group) out.push({ name: member.name ?? '', address: member.address ?? '' });
    else out.push({ name: entry.name ?? '', address: entry.address ?? '' });
  }
  return out;
}

/** `<id@host>` tokens of a header, without brackets; a bare id when there are no brackets. */
export function messageIdsIn(value: string | null | undefined): string[] {
  if (!value) return [];
  const ids = [...value.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]!);
  if (ids.length > 0) return ids;
  const bare = value.trim();
  return /^[^\s<>]+@[^\s<>]+$/.test(bare) ? [bare] : [];
}

/** X-Gmail-Labels: comma-separated, quoted when a label holds a comma. */
function parseLabels(value: string | null): string[] {
  if (!value) return [];
  const labels: string[] = [];
  for (const match of decodeWords(value).matchAll(/\s*(?:"((?:[^"\\]|\\.)*)"|([^,]*))\s*(?:,|$)/g)) {
    const label = (match[1] ?? match[2] ?? '').trim();
    if (label) labels.push(label);
    if (labels.length >= 50) break;
  }
  return labels;
}

function autoSubmittedOf(header: (name: string) => string | null): AutoSubmitted | null {
  const value = header('auto-submitted')?.split(';', 1)[0]?.trim().toLowerCase();
  if (value === 'auto-replied') return 'auto-replied';
  const autoreply = header('x-autoreply')?.trim().toLowerCase();
  if (autoreply === 'yes' || autoreply === 'true' || header('x-autorespond') !== null) return 'auto-replied';
  if (value && value !== 'no') return 'auto-generated';
  return null;
}

function fromEmail(email: Email, textPart: Part | null, problems: MessageProblem[]): ParsedMail {
  const headers = new Map<string, string>();
  for (const entry of email.headers) if (!headers.has(entry.key)) headers.set(entry.key, entry.value);
  const header = (name: string) => headers.get(name) ?? null;
  const thread = header('x-gm-thrid')?.trim() ?? '';
  const precedence = header('precedence')?.trim().toLowerCase() ?? '';
  let text = '';
  let textSource: ParsedMail['textSource'] = null;
  if (email.text) {
    text = email.text;
    textSource = 'plain';
  } else if (email.html) {
    text = htmlToText(email.html);
    textSource = 'html';
  }
  if (textPart?.contentType.params.charset && !knownCharset(textPart.contentType.params.charset))
    problems.push('unknown-charset');
  const deliveredTo = email.deliveredTo ?? null;
  return {
    from: flatten(email.from)[0] ?? null,
    to: flatten(email.to),
    cc: flatten(email.cc),
    subject: email.subject ?? '',
    dateRaw: header('date'),
    messageId: messageIdsIn(email.messageId)[0] ?? null,
    inReplyTo: messageIdsIn(email.inReplyTo).at(-1) ?? null,
    references: messageIdsIn(email.references),
    gmailThreadId: /^\d{1,20}$/.test(thread) ? thread : null,
    labels: parseLabels(header('x-gmail-labels')),
    autoSubmitted: autoSubmittedOf(header),
    bulkHeaders: header('list-unsubscribe') !== null || precedence === 'bulk' || precedence === 'junk',
    threadIndex: header('thread-index')?.trim() || null,
    deliveredTo,
    text,
    textSource,
    problems,
  };
}

/** Reads one raw message; a message that cannot be read whole is skipped with a reason. */
export async function parseMail(bytes: Uint8Array, context: RawMessageContext): Promise<ParseResult> {
  const top = readHeaderBlock(bytes, 0, bytes.length);
  if (!top.startsWithHeader || top.fields.length === 0) return { ok: false, reason: 'no-headers' };
  if (!top.complete) {
    if (context.clipped) return { ok: false, reason: 'headers-too-large' };
    if (context.last && !context.endsWithNewline) return { ok: false, reason: 'truncated' };
  }
  const problems: MessageProblem[] = [];
  if (context.clipped) problems.push('clipped');
  const topPart = partOf(bytes, top, bytes.length);
  let textPart: Part | null = null;
  if (topPart.contentType.type.startsWith('multipart/')) {
    const structure = topPart.contentType.params.boundary
      ? findTextPart(bytes, topPart)
      : { text: null, boundaryMissing: true, unclosed: false };
    if (structure.unclosed && context.last && !context.clipped) return { ok: false, reason: 'truncated' };
    if (structure.boundaryMissing || (structure.unclosed && !context.clipped)) problems.push('broken-mime');
    textPart = structure.text;
  } else if (topPart.contentType.type === 'text/plain' || topPart.contentType.type === 'text/html') {
    textPart = topPart;
  }
  if (!textPart) problems.push('no-text');
  let email: Email;
  try {
    // one part, no attachments: nothing for postal-mime to decode but the text we want
    email = await PostalMime.parse(slimMessage(bytes, top, textPart), { maxRfc822NestingDepth: 0 });
  } catch {
    return { ok: false, reason: 'unreadable-mime' };
  }
  return { ok: true, mail: fromEmail(email, textPart, problems) };
}
