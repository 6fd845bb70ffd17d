// IndexedDB for Dexie in Node, and WXT's in-memory fake of the extension APIs, reset per test.
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

beforeEach(() => {
  fakeBrowser.reset();
});
