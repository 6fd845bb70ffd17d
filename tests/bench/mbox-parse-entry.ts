// Runs inside Chromium (bundled by tests/bench/mbox-parse.ts): the import's parsing half on the
// File the page was given through <input type=file>, as the import page will have it.
import { endToEnd, parserAlone, splitAll, splitterAlone } from './mbox-parse-measure';

interface MemoryInfo {
  usedJSHeapSize: number;
}

const file = () => document.querySelector<HTMLInputElement>('#mailbox')!.files![0]!;
const heap = () => (performance as unknown as { memory?: MemoryInfo }).memory?.usedJSHeapSize ?? null;

/** The import alone, so the page's memory during it can be watched from outside. */
async function runMboxImport() {
  return { heapBefore: heap(), endToEnd: await endToEnd(file().stream(), file().size, heap) };
}

/** The splitter alone, then postal-mime alone on every message (all of them in memory). */
async function runMboxParserAlone() {
  const splitter = await splitterAlone(file().stream());
  const parser = await parserAlone(splitAll(new Uint8Array(await file().arrayBuffer())));
  return { splitter, parser };
}

Object.assign(globalThis, { runMboxImport, runMboxParserAlone });
