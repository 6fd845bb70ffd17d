/**
 * Byte streams of the backup file: gzip through the browser's CompressionStream and
 * DecompressionStream (no library), lines out of decompressed text. Free of zod and of the DOM.
 */

/** Collects a stream's bytes; started before anything is written, so the writer never waits on a full queue. */
export async function collect(readable: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

/** A writer of text into gzip, and the compressed bytes once it is closed. */
export function gzipWriter(): { write(text: string): Promise<void>; close(): Promise<Uint8Array[]> } {
  const compressor = new CompressionStream('gzip');
  const writer = compressor.writable.getWriter();
  const bytes = collect(compressor.readable as ReadableStream<Uint8Array>);
  const encoder = new TextEncoder();
  return {
    write: (text) => writer.write(encoder.encode(text)),
    async close() {
      await writer.close();
      return bytes;
    },
  };
}

/**
 * Calls `onLine` for every line of a byte stream of UTF-8 text (awaited: the caller's pace),
 * with its 1-based number; the last line needs no line end.
 */
export async function forEachLine(
  bytes: ReadableStream<Uint8Array>,
  onLine: (line: string, number: number) => Promise<void> | void,
): Promise<void> {
  const reader = bytes.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let number = 0;
  for (;;) {
    const { done, value } = await reader.read();
    pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
    const lines = pending.split('\n');
    pending = done ? '' : lines.pop()!;
    for (const line of lines) {
      number++;
      if (line.trim() !== '' || !done) await onLine(line.replace(/\r$/, ''), number);
    }
    if (done) return;
  }
}

/** A stream that counts the bytes passing through it (for progress by bytes of the file). */
export function byteCounter(onBytes: (total: number) => void): TransformStream<Uint8Array, Uint8Array> {
  let total = 0;
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.byteLength;
      onBytes(total);
      controller.enqueue(chunk);
    },
  });
}
