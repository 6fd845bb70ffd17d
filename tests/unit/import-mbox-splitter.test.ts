// @vitest-environment node
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MboxSplitter, splitMailbox, type MboxSplitterOptions, type RawMessage } from '../../lib/import/mbox-splitter';
import { MailboxFileError } from '../../lib/import/problems';
import { NOT_MAILBOXES } from '../fixtures/mbox/not-mailboxes';
import { chunkedStream } from '../fixtures/mbox/streams';

const DIR = join(process.cwd(), 'tests/fixtures/mbox');
const FIXTURES = readdirSync(DIR).filter((name) => /\.(mbox|eml)$/.test(name));
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

function split(bytes: Uint8Array, chunkSize: number, options: MboxSplitterOptions = {}): RawMessage[] {
  const splitter = new MboxSplitter(options);
  const out: RawMessage[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) out.push(...splitter.push(bytes.subarray(at, at + chunkSize)));
  out.push(...splitter.end());
  return out;
}

function problemOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof MailboxFileError) return error.code;
    throw error;
  }
}

/** What a message is, comparable across runs (bytes as text). */
const view = (message: RawMessage) => ({ ...message, bytes: decode(message.bytes) });

describe('the mbox splitter on the fixtures', () => {
  it('finds every fixture file', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(10);
  });

  it.each(FIXTURES)('%s: the same messages in chunks of 1, 7 and 64 bytes as whole', (name) => {
    const bytes = fixture(name);
    const whole = split(bytes, bytes.length).map(view);
    expect(whole.length).toBeGreaterThan(0);
    for (const size of [1, 7, 64]) expect(split(bytes, size).map(view)).toEqual(whole);
  });

  it.each(FIXTURES.filter((name) => name.endsWith('.mbox')))(
    '%s: offsets are "From " lines, each message ends where the next starts',
    (name) => {
      const bytes = fixture(name);
      const messages = split(bytes, 4096);
      messages.forEach((message, index) => {
        expect(message.index).toBe(index);
        expect(decode(bytes.subarray(message.offset, message.offset + 5))).toBe('From ');
        expect(message.separator).toBe(
          decode(bytes.subarray(message.offset + 5, bytes.indexOf(0x0a, message.offset))).replace(/\r$/, ''),
        );
        expect(message.end).toBe(messages[index + 1]?.offset ?? bytes.length);
        expect(message.last).toBe(index === messages.length - 1);
      });
    },
  );

  it.each(FIXTURES.filter((name) => name.endsWith('.mbox')))(
    '%s: resuming at any message offset gives the rest of the messages',
    (name) => {
      const bytes = fixture(name);
      const all = split(bytes, 100);
      for (const [index, message] of all.entries()) {
        const rest = split(bytes.subarray(message.offset), 33, { startOffset: message.offset });
        expect(rest.map((each) => ({ ...view(each), index: each.index + index }))).toEqual(all.slice(index).map(view));
      }
    },
  );

  it('a message is its bytes between separator line and the blank line before the next, in LF and CRLF files', () => {
    const [takeoutFirst] = split(fixture('takeout.mbox'), 64);
    expect(decode(takeoutFirst!.bytes)).toMatch(/^X-GM-THRID: 1849183521736372541\n/);
    expect(decode(takeoutFirst!.bytes)).toMatch(/\n--0000000000007a1b2c05f1d2e3f4--\n$/);
    const [thunderbirdFirst] = split(fixture('thunderbird.mbox'), 64);
    expect(decode(thunderbirdFirst!.bytes)).toMatch(/^X-Mozilla-Status: 0001\r\n/);
    expect(decode(thunderbirdFirst!.bytes)).toMatch(/\r\nOverbetuwe voor Elkaar\r\n$/);
    expect(thunderbirdFirst!.separator).toBe('- Wed Nov 11 19:45:00 2026');
  });

  it('a final message without a line break at the end is whole, and says the file ended without one', () => {
    const messages = split(fixture('no-final-newline.mbox'), 7);
    expect(messages).toHaveLength(2);
    expect(decode(messages[1]!.bytes)).toMatch(/\n\nTwee, zonder regeleinde aan het eind\.$/);
    expect(messages[1]).toMatchObject({ last: true, endsWithNewline: false });
    expect(split(fixture('broken.mbox'), 7).at(-1)).toMatchObject({ last: true, endsWithNewline: true });
  });
});

describe('quoting and separators', () => {
  const body = (text: string) => decode(split(encode(text), 3)[0]!.bytes);

  it.each([
    ['>From x', 'From x'],
    ['>>From x', '>From x'],
    ['>>>From x', '>>From x'],
    ['> From x', '> From x'],
    ['>Fromage', '>Fromage'],
    ['From: header-like', 'From: header-like'],
  ])('mboxrd un-quoting: %j becomes %j', (line, expected) => {
    expect(body(`From a@b Mon Jan  1 10:00:00 2024\nSubject: q\n\n${line}\nend\n`)).toBe(`Subject: q\n\n${expected}\nend\n`);
  });

  it('un-quotes in CRLF files and across chunk boundaries', () => {
    const text = 'From a@b Mon Jan  1 10:00:00 2024\r\nSubject: q\r\n\r\n>From x\r\n>>From y\r\n';
    for (const size of [1, 2, 5])
      expect(decode(split(encode(text), size)[0]!.bytes)).toBe('Subject: q\r\n\r\nFrom x\r\n>From y\r\n');
  });

  it.each([
    ['not after a blank line', 1, 'text\nFrom a@b Mon Jan  1 10:00:00 2024\n'],
    ['after a blank line, but no separator date (mboxcl2 body text)', 1, 'text\n\nFrom what I heard, it works.\n'],
    ['after a blank line, times but no date', 1, 'text\n\nFrom 10:00 to 12:00 in 2024 we meet.\n'],
    ['after a blank line, with an asctime date', 2, 'text\n\nFrom b@c Tue Jan  2 11:00:00 2024\nSubject: two\n\nx\n'],
    [
      'after a blank line, Takeout style',
      2,
      'text\n\nFrom 1583290388308606088@xxx Mon Nov 06 04:42:58 +0000 2017\nSubject: two\n\nx\n',
    ],
    ['after a blank line, RFC 2822 date', 2, 'text\n\nFrom b@c Sat, 01 Jan 2024 10:00:00 +0100\nSubject: two\n\nx\n'],
    ['after a whitespace-only line (not blank)', 1, 'text\n \nFrom b@c Tue Jan  2 11:00:00 2024\n'],
  ])('a "From " line %s: %i message(s)', (_, count, rest) => {
    for (const size of [1, 64])
      expect(split(encode(`From a@b Mon Jan  1 10:00:00 2024\nSubject: one\n\n${rest}`), size)).toHaveLength(count);
  });

  it('a file that starts with headers is one .eml message: "From " lines in its body never split it', () => {
    const eml = 'Subject: one\r\nFrom: a@b.nl\r\n\r\nbody\r\n\r\nFrom b@c Tue Jan  2 11:00:00 2024\r\n>From kept as written\r\n';
    for (const size of [1, 9, 1000]) {
      const splitter = new MboxSplitter();
      const messages: RawMessage[] = [];
      const bytes = encode(eml);
      for (let at = 0; at < bytes.length; at += size) messages.push(...splitter.push(bytes.subarray(at, at + size)));
      messages.push(...splitter.end());
      expect(splitter.format).toBe('eml');
      expect(messages.map(view)).toEqual([
        {
          index: 0,
          offset: 0,
          end: bytes.length,
          bytes: eml,
          clipped: false,
          separator: null,
          last: true,
          endsWithNewline: true,
        },
      ]);
    }
  });

  it('skips a UTF-8 byte order mark and blank lines before the first message', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('\r\n\nFrom a@b Mon Jan  1 10:00:00 2024\nSubject: x\n\nbody\n')]);
    const messages = split(bytes, 2);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ offset: 6, separator: 'a@b Mon Jan  1 10:00:00 2024' });
    expect(decode(messages[0]!.bytes)).toBe('Subject: x\n\nbody\n');
  });
});

describe('limits and bad input', () => {
  it('keeps at most maxMessageBytes of a message, marks it clipped, and reads the next one whole', () => {
    const big = `From a@b Mon Jan  1 10:00:00 2024\nSubject: big\n\n${'x'.repeat(75)}\n`.padEnd(3 * 1024 * 1024, 'y\n');
    const small = 'From a@b Mon Jan  1 10:01:00 2024\nSubject: small\n\nsmall\n';
    const bytes = encode(`${big}\n${small}`);
    for (const size of [1000, 65536, bytes.length]) {
      const messages = split(bytes, size, { maxMessageBytes: 1024 * 1024 });
      expect(messages).toHaveLength(2);
      expect(messages[0]!.clipped).toBe(true);
      expect(messages[0]!.bytes.length).toBe(1024 * 1024);
      expect(decode(messages[0]!.bytes)).toMatch(/^Subject: big\n\nx{75}\n/);
      expect(messages[0]!.end).toBe(big.length + 1);
      expect(messages[1]).toMatchObject({ clipped: false, offset: big.length + 1 });
      expect(decode(messages[1]!.bytes)).toBe('Subject: small\n\nsmall\n');
    }
  });

  it('a single .eml over the limit is clipped the same way', () => {
    const eml = encode(`Subject: big\n\n${'z'.repeat(5000)}`);
    const [message] = split(eml, 100, { maxMessageBytes: 2048 });
    expect(message).toMatchObject({ clipped: true, end: eml.length });
    expect(message!.bytes.length).toBe(2048);
  });

  it.each(NOT_MAILBOXES.map((entry) => [entry.name, entry.problem, entry.bytes] as const))(
    '%s is refused: %s',
    (_, problem, bytes) => {
      for (const size of [1, 3, 4096]) expect(problemOf(() => split(bytes, size))).toBe(problem);
    },
  );

  it('a resume offset that is not a message start is refused', () => {
    const bytes = fixture('takeout.mbox');
    const second = split(bytes, 4096)[1]!;
    expect(problemOf(() => split(bytes.subarray(second.offset + 3), 64, { startOffset: second.offset + 3 }))).toBe(
      'bad-resume-offset',
    );
    expect(problemOf(() => split(bytes.subarray(second.offset), 64, { startOffset: second.offset }))).toBeNull();
  });
});

describe('splitMailbox over a stream', () => {
  const streamOf = chunkedStream;

  it('yields the same messages as the push splitter, tells the bytes read, and returns the format', async () => {
    const bytes = fixture('thunderbird.mbox');
    const seen: number[] = [];
    const generator = splitMailbox(streamOf(bytes, 500), { onBytes: (offset) => seen.push(offset) });
    const messages: RawMessage[] = [];
    let next = await generator.next();
    while (!next.done) {
      messages.push(next.value);
      next = await generator.next();
    }
    expect(next.value).toBe('mbox');
    expect(messages.map(view)).toEqual(split(bytes, 64).map(view));
    expect(seen.at(-1)).toBe(bytes.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('stops reading the file when the caller stops', async () => {
    let cancelled = false;
    for await (const message of splitMailbox(streamOf(fixture('takeout.mbox'), 200, () => (cancelled = true)))) {
      expect(message.index).toBe(0);
      break;
    }
    expect(cancelled).toBe(true);
  });

  it('throws the file problem from the stream', async () => {
    const zip = NOT_MAILBOXES.find((entry) => entry.problem === 'zip-archive')!;
    await expect(splitMailbox(streamOf(zip.bytes, 3)).next()).rejects.toMatchObject({ code: 'zip-archive', offset: 0 });
  });
});
