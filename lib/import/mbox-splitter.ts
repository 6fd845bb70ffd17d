/**
 * Splits a mailbox file into raw messages as it streams past (`File.stream()` chunks), holding at
 * most one message, and that one at most `maxMessageBytes`.
 *
 * Variants handled:
 * - mboxrd (Takeout, mutt, recent Thunderbird): body lines matching `>+From ` lose one `>`;
 * - mboxo (old Thunderbird, Apple Mail): only "From " was quoted, as ">From "; the same un-quoting
 *   is applied, so a body line that really began with ">From " loses its `>` (mboxo cannot tell);
 * - mboxcl/mboxcl2: Content-Length is ignored (it is wrong after any edit); an unquoted "From "
 *   line in a body is not taken for a separator unless it follows a blank line and carries a
 *   separator's date (see SEPARATOR_DATE), which ordinary text does not;
 * - a single .eml (no "From " line; the file starts with headers): one message, never split.
 * LF and CRLF, mixed too. A separator is a "From " line at the start of the file or after a blank
 * line; that blank line belongs to the mbox, not to the message before it.
 *
 * Offsets are absolute byte offsets in the file: a message's `offset` is where its "From " line
 * starts, so an import can resume with `file.slice(offset).stream()` and `startOffset: offset`.
 * A message larger than `maxMessageBytes` is kept from its start up to the limit (headers and the
 * first text part come first) and marked `clipped`; the rest is passed over, never buffered.
 */
import { CR, LF, latin1, startsWithBytes, withoutLineBreak } from './bytes';
import { MailboxFileError } from './problems';

export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export interface MboxSplitterOptions {
  /** absolute offset of the first byte pushed, when resuming with `file.slice(offset)` (default 0) */
  startOffset?: number;
  /** bytes kept per message; more is passed over and the message marked `clipped` (default 4 MiB) */
  maxMessageBytes?: number;
}

export type MailboxFormat = 'mbox' | 'eml';

export interface RawMessage {
  /** 0-based position among the messages of this run */
  index: number;
  /** absolute offset of the message's first byte in the file (its "From " line in an mbox) */
  offset: number;
  /** absolute offset just past the message: the next message's offset, or the file's end */
  end: number;
  /** the message (un-quoted, without its "From " line and the blank line that ends it) */
  bytes: Uint8Array;
  /** the message was larger than `maxMessageBytes`: `bytes` holds its start only */
  clipped: boolean;
  /** the "From " line's text after "From " (latin-1, at most 300 chars), null for an .eml */
  separator: string | null;
  /** the last message of the file (known only when the stream has ended) */
  last: boolean;
  /** for the last message: whether the file ends with a line break (a cut-off file often does not) */
  endsWithNewline: boolean;
}

const GT = 0x3e;
/** "From " */
const FROM_ = [0x46, 0x72, 0x6f, 0x6d, 0x20];
/** an incomplete line shorter than this waits for the next chunk before it is judged */
const CARRY_LIMIT = 1024;
/** bytes looked at before deciding what kind of file this is */
const SNIFF_BYTES = 8192;
const SEPARATOR_CHARS = 300;

/**
 * The date part of a separator line: asctime ("Mon Nov 06 04:42:58 +0000 2017", Takeout's with a
 * zone before the year, "Fri Jul  8 12:08:34 2011") or RFC 2822 ("Sat, 01 Jan 2024 10:00:00").
 */
const SEPARATOR_DATE =
  /^\S+\s+(?:(?:[A-Z][a-z]{2},?\s+)?[A-Z][a-z]{2}\s+\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}\s+|[A-Z]{1,5}\s+)?\d{4}|(?:[A-Z][a-z]{2},?\s+)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d{1,2}:\d{2})/;

/** Magic numbers of files people pick by mistake. */
const MAGIC: Array<{ bytes: number[]; code: MailboxFileError['code'] }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], code: 'zip-archive' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], code: 'zip-archive' },
  { bytes: [0x25, 0x50, 0x44, 0x46], code: 'pdf-document' },
  { bytes: [0x21, 0x42, 0x44, 0x4e], code: 'outlook-data-file' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], code: 'outlook-msg-file' },
  { bytes: [0x1f, 0x8b], code: 'compressed-archive' },
  { bytes: [0x42, 0x5a, 0x68], code: 'compressed-archive' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], code: 'compressed-archive' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], code: 'compressed-archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], code: 'compressed-archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], code: 'compressed-archive' },
];

/** A header line start: a field name of printable ASCII without colon, then a colon. */
function looksLikeHeaderLine(buffer: Uint8Array, start: number, end: number): boolean {
  let index = start;
  while (index < end && index - start < 80) {
    const byte = buffer[index]!;
    if (byte === 0x3a) return index > start;
    if (byte <= 0x20 || byte >= 0x7f) return false;
    index++;
  }
  return false;
}

/** Growable byte buffer with a hard limit; what does not fit is counted, not kept. */
class MessageBuffer {
  private data = new Uint8Array(64 * 1024);
  length = 0;
  clipped = false;

  constructor(private readonly limit: number) {}

  append(source: Uint8Array, start: number, end: number): void {
    if (end <= start) return;
    const room = this.limit - this.length;
    let take = end - start;
    if (take > room) {
      take = room;
      this.clipped = true;
    }
    if (take <= 0) return;
    if (this.length + take > this.data.length) {
      let size = this.data.length;
      while (size < this.length + take) size *= 2;
      const grown = new Uint8Array(Math.min(size, this.limit));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(source.subarray(start, start + take), this.length);
    this.length += take;
  }

  /** Whether `count` more bytes would still be kept. */
  fits(count: number): boolean {
    return !this.clipped && this.length + count <= this.limit;
  }

  /** Removes the last `count` bytes when they were kept (the blank line before a separator). */
  dropTail(count: number): void {
    this.length = Math.max(0, this.length - count);
  }

  take(): { bytes: Uint8Array; clipped: boolean } {
    const taken = { bytes: this.data.slice(0, this.length), clipped: this.clipped };
    this.length = 0;
    this.clipped = false;
    // a buffer grown for one huge message is not kept for the small ones after it
    if (this.data.length > 1024 * 1024) this.data = new Uint8Array(64 * 1024);
    return taken;
  }
}

/**
 * The splitter as a push parser: `push` each chunk, then `end()`. Both return the messages that
 * became complete. Throws MailboxFileError when the file is not a mailbox.
 */
export class MboxSplitter {
  private mode: 'sniff' | MailboxFormat = 'sniff';
  private readonly startOffset: number;
  private readonly message: MessageBuffer;
  /** absolute offset of the next byte `push` receives */
  private position: number;
  /** bytes of an incomplete short line (or the sniffed start), waiting for more */
  private carry: Uint8Array = new Uint8Array(0);
  /** the next byte continues a line that was already handed to the message */
  private midLine = false;
  /** that line is a separator: its rest is not message content */
  private midLineIsSeparator = false;
  private previousLineBlank = false;
  private previousLineLength = 0;
  /** whether the kept message ends with the previous line (it could be dropped at the limit) */
  private previousLineKept = false;
  private messageOpen = false;
  private messageOffset = 0;
  private messageSeparator: string | null = null;
  private index = 0;
  private lastByte = -1;
  private ended = false;

  constructor(options: MboxSplitterOptions = {}) {
    this.startOffset = options.startOffset ?? 0;
    this.position = this.startOffset;
    this.message = new MessageBuffer(Math.max(1024, options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES));
  }

  /** What the file turned out to be; null before enough bytes were seen. */
  get format(): MailboxFormat | null {
    return this.mode === 'sniff' ? null : this.mode;
  }

  /** Absolute offset of the bytes received so far (for progress). */
  get bytesReceived(): number {
    return this.position;
  }

  push(chunk: Uint8Array): RawMessage[] {
    if (this.ended) throw new Error('MboxSplitter: push after end');
    if (chunk.length === 0) return [];
    const out: RawMessage[] = [];
    const chunkOffset = this.position;
    this.position += chunk.length;
    this.lastByte = chunk[chunk.length - 1]!;
    if (this.mode === 'sniff') {
      this.carry = concat(this.carry, chunk);
      if (this.carry.length < SNIFF_BYTES && this.carry.indexOf(LF) < 0) return out;
      const sniffed = this.carry;
      this.carry = new Uint8Array(0);
      this.sniff(sniffed, this.position - sniffed.length, false, out);
      return out;
    }
    if (this.mode === 'eml') {
      this.message.append(chunk, 0, chunk.length);
      return out;
    }
    if (this.carry.length > 0) {
      const carried = this.carry;
      this.carry = new Uint8Array(0);
      this.scan(concat(carried, chunk), chunkOffset - carried.length, false, out);
    } else {
      this.scan(chunk, chunkOffset, false, out);
    }
    return out;
  }

  end(): RawMessage[] {
    if (this.ended) return [];
    const out: RawMessage[] = [];
    if (this.mode === 'sniff') {
      const sniffed = this.carry;
      this.carry = new Uint8Array(0);
      this.sniff(sniffed, this.position - sniffed.length, true, out);
    } else if (this.mode === 'mbox' && this.carry.length > 0) {
      const carried = this.carry;
      this.carry = new Uint8Array(0);
      this.scan(carried, this.position - carried.length, true, out);
    }
    this.ended = true;
    if (this.mode === 'mbox' && this.messageOpen && this.previousLineBlank && this.previousLineKept) {
      // the blank line that ends the last message of an mbox is the format's, not the message's
      this.message.dropTail(this.previousLineLength);
    }
    if (this.messageOpen) this.finishMessage(this.position, true, out);
    return out;
  }

  private sniff(buffer: Uint8Array, offset: number, final: boolean, out: RawMessage[]): void {
    if (buffer.length === 0) throw new MailboxFileError('empty-file', offset);
    for (const magic of MAGIC) {
      if (startsWithBytes(buffer, 0, magic.bytes)) throw new MailboxFileError(magic.code, offset);
    }
    let start = 0;
    if (startsWithBytes(buffer, 0, [0xef, 0xbb, 0xbf])) start = 3;
    // leading blank lines (some exporters write one) before the first message
    for (;;) {
      let index = start;
      while (index < buffer.length && (buffer[index] === 0x20 || buffer[index] === 0x09 || buffer[index] === CR)) index++;
      if (index < buffer.length && buffer[index] === LF) start = index + 1;
      else break;
    }
    const newline = buffer.indexOf(LF, start);
    if (newline < 0 && !final && buffer.length < SNIFF_BYTES) {
      // only blank lines so far, or a first line still coming: wait for more
      this.carry = buffer;
      return;
    }
    if (start >= buffer.length || buffer.subarray(start).every((byte) => byte <= 0x20)) {
      throw new MailboxFileError(final ? 'empty-file' : 'not-a-mailbox', offset);
    }
    const firstLineEnd = newline < 0 ? buffer.length : newline + 1;
    if (startsWithBytes(buffer, start, FROM_)) {
      this.mode = 'mbox';
      this.scan(buffer.subarray(start), offset + start, final, out);
      return;
    }
    if (this.startOffset > 0) throw new MailboxFileError('bad-resume-offset', offset);
    if (buffer.subarray(0, Math.min(buffer.length, SNIFF_BYTES)).includes(0)) throw new MailboxFileError('not-a-mailbox', offset);
    if (!looksLikeHeaderLine(buffer, start, firstLineEnd)) throw new MailboxFileError('not-a-mailbox', offset);
    this.mode = 'eml';
    this.messageOpen = true;
    this.messageOffset = offset + start;
    this.messageSeparator = null;
    this.message.append(buffer, start, buffer.length);
  }

  /**
   * Walks the lines of `buffer` (absolute offset `offset`): separators end a message and start
   * the next, `>From ` lines lose a `>`, everything else is copied in runs.
   */
  private scan(buffer: Uint8Array, offset: number, final: boolean, out: RawMessage[]): void {
    let runStart = 0;
    let lineStart = 0;
    const length = buffer.length;
    if (this.midLine) {
      // the rest of a long line judged in an earlier chunk
      const newline = buffer.indexOf(LF);
      const restEnd = newline < 0 ? length : newline + 1;
      if (!this.midLineIsSeparator) this.message.append(buffer, 0, restEnd);
      if (newline < 0) return;
      this.midLine = false;
      this.previousLineBlank = false;
      this.previousLineKept = false;
      lineStart = runStart = restEnd;
    }
    while (lineStart < length) {
      const newline = buffer.indexOf(LF, lineStart);
      const complete = newline >= 0;
      const lineEnd = complete ? newline + 1 : length;
      if (!complete && !final && lineEnd - lineStart < CARRY_LIMIT) {
        // too short to judge yet: wait for the rest of the line
        this.message.append(buffer, runStart, lineStart);
        this.carry = buffer.slice(lineStart);
        return;
      }
      const first = buffer[lineStart]!;
      if (first === 0x46 /* F */ && startsWithBytes(buffer, lineStart, FROM_) && this.isSeparator(buffer, lineStart, lineEnd)) {
        this.message.append(buffer, runStart, lineStart);
        if (this.messageOpen) {
          if (this.previousLineBlank && this.previousLineKept) this.message.dropTail(this.previousLineLength);
          this.finishMessage(offset + lineStart, false, out);
        }
        this.messageOpen = true;
        this.messageOffset = offset + lineStart;
        this.messageSeparator = latin1(
          buffer,
          lineStart + FROM_.length,
          Math.min(withoutLineBreak(buffer, lineStart, lineEnd), lineStart + FROM_.length + SEPARATOR_CHARS),
        );
        runStart = lineEnd;
        this.previousLineBlank = false;
        this.previousLineKept = false;
      } else {
        if (!this.messageOpen) {
          // text before the first separator: only possible when resuming at a wrong offset
          throw new MailboxFileError('bad-resume-offset', offset + lineStart);
        }
        if (first === GT && this.isQuotedFrom(buffer, lineStart, lineEnd)) {
          this.message.append(buffer, runStart, lineStart);
          runStart = lineStart + 1;
        }
        const lineLength = lineEnd - lineStart;
        this.previousLineBlank = complete && (lineLength === 1 || (lineLength === 2 && first === CR));
        this.previousLineLength = lineLength;
        // runs are copied later: the line is kept when everything up to its end still fits
        this.previousLineKept = this.message.fits(lineEnd - runStart);
      }
      if (!complete) {
        this.message.append(buffer, runStart, lineEnd);
        this.midLine = !final;
        this.midLineIsSeparator = runStart === lineEnd;
        return;
      }
      lineStart = lineEnd;
    }
    this.message.append(buffer, runStart, length);
  }

  private isSeparator(buffer: Uint8Array, start: number, end: number): boolean {
    const atFileStart = !this.messageOpen;
    if (atFileStart) return true;
    if (!this.previousLineBlank) return false;
    const text = latin1(
      buffer,
      start + FROM_.length,
      Math.min(withoutLineBreak(buffer, start, end), start + FROM_.length + SEPARATOR_CHARS),
    );
    return SEPARATOR_DATE.test(text);
  }

  /** `>From `, `>>From `, ... (mboxrd quoting; mboxo's single `>` is the same case). */
  private isQuotedFrom(buffer: Uint8Array, start: number, end: number): boolean {
    let index = start;
    while (index < end && buffer[index] === GT) index++;
    return startsWithBytes(buffer, index, FROM_);
  }

  private finishMessage(end: number, last: boolean, out: RawMessage[]): void {
    const { bytes, clipped } = this.message.take();
    out.push({
      index: this.index++,
      offset: this.messageOffset,
      end,
      bytes,
      clipped,
      separator: this.messageSeparator,
      last,
      endsWithNewline: last ? this.lastByte === LF : true,
    });
    this.messageOpen = false;
  }
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  if (first.length === 0) return second;
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}

/**
 * The messages of a stream (what `File.stream()` gives), in file order. Throws MailboxFileError
 * for a file that is not a mailbox. `onBytes` is told the absolute offset read so far, per chunk.
 */
export async function* splitMailbox(
  stream: ReadableStream<Uint8Array>,
  options: MboxSplitterOptions & { onBytes?: (offset: number) => void } = {},
): AsyncGenerator<RawMessage, MailboxFormat | null> {
  const splitter = new MboxSplitter(options);
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const message of splitter.push(value)) yield message;
      options.onBytes?.(splitter.bytesReceived);
    }
    finished = true;
    for (const message of splitter.end()) yield message;
    return splitter.format;
  } finally {
    // stopped early (an error, or the caller broke off): stop reading the file too
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
