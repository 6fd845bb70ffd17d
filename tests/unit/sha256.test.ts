import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '@/lib/sha256';

describe('sha256Hex', () => {
  it.each([
    '',
    'abc',
    'jan@zwolle.nl',
    // padding edges: 55, 56, 63, 64 and 65 bytes
    'a'.repeat(55),
    'a'.repeat(56),
    'a'.repeat(63),
    'a'.repeat(64),
    'a'.repeat(65),
    'Súdwest-Fryslân ’s-Hertogenbosch ✓ 🚲',
    'x'.repeat(1000),
  ])('matches Node crypto for %j', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
