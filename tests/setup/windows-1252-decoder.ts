/**
 * Node 20's TextDecoder('windows-1252') (and its labels iso-8859-1, latin1, us-ascii) decodes as
 * ISO-8859-1: bytes 0x80-0x9F come out as C1 controls instead of € “ ” – and the rest. Browsers
 * decode them as the Encoding Standard says, and the mailbox import runs in a browser. Tests that
 * check windows-1252 text import this first; it changes nothing where the runtime is right.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const runtimeIsRight = new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) === '€';

if (!runtimeIsRight) {
  class StandardTextDecoder extends TextDecoder {
    override decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string {
      const text = super.decode(input, options);
      if (this.encoding !== 'windows-1252') return text;
      return text.replace(/[\u0080-\u009f]/g, (control) => WINDOWS_1252_HIGH[control.charCodeAt(0) - 0x80]!);
    }
  }
  globalThis.TextDecoder = StandardTextDecoder;
}

export {};
