/**
 * FNV-1a, 64-bit, over UTF-16 code units, as 16 hex digits. Stable across browsers and runs;
 * used for keys we must derive from visible content and for fingerprints of what was seen.
 * 64 bits because a mailbox holds enough threads for 32-bit collisions to become likely. Not
 * cryptographic.
 */
export function fnv1a(text: string): string {
  // 64-bit state in two 32-bit halves; prime 0x100000001b3 = 2^40 + 0x1b3.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    lo ^= text.charCodeAt(i);
    const loProduct = (lo >>> 0) * 0x1b3;
    const carry = Math.floor(loProduct / 0x100000000);
    const newHi = hi * 0x1b3 + carry + ((lo << 8) >>> 0);
    lo = loProduct >>> 0;
    hi = newHi >>> 0;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}
