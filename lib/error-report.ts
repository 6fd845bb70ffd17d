/**
 * The report "Meld het probleem" copies to the clipboard when a surface could not be shown
 * (components/error-boundary.tsx): enough to find the bug (the error's name and message, where in
 * the code, which surface, extension version and browser), and NEVER mail content. An error's
 * message can carry what the code was handling (a key with an address in it, a quoted name or
 * subject), so every address and every quoted text in it is replaced, of the stack only the
 * function names and code positions are kept, and a thrown value that is no Error (a string: any
 * text) is reported by its type alone.
 */

export interface ErrorReportInput {
  error: unknown;
  /** React's component stack, when a render failed */
  componentStack?: string | null;
  /** which surface: popup, popup-detail, side-panel, side-panel-card, options */
  surface: string;
  extensionVersion: string;
  userAgent: string;
  at: number;
}

const MAX_MESSAGE = 300;
const MAX_FRAMES = 12;

/** Anything shaped like an e-mail address, also inside ids (`c:p.snijders@zwolle.nl`). */
const ADDRESS = /<?[^\s@<>()[\]{}"'`,;:]+@[^\s@<>()[\]{}"'`,;]+>?/g;
/** Text in any kind of quotes: names, subjects and values end up there. */
const QUOTED = /"[^"\n]*"|'[^'\n]*'|`[^`\n]*`|“[^”\n]*”|‘[^’\n]*’|«[^»\n]*»|„[^“”\n]*[“”]/g;

/** A message without addresses or quoted text, one line, bounded. */
export function redactMessage(message: string): string {
  return message.replace(ADDRESS, '<adres>').replace(QUOTED, '"…"').replace(/\s+/g, ' ').trim().slice(0, MAX_MESSAGE);
}

/** `at fn (url:line:col)` (Chromium) or `fn@url:line:col` (Firefox) -> `fn (file.js:line:col)`; else nothing. */
function frameOf(line: string): string | null {
  const chromium = /^\s*at\s+(?:(.*?)\s+\()?(.*?):(\d+):(\d+)\)?\s*$/.exec(line);
  const firefox = chromium ? null : /^\s*(.*?)@(.*?):(\d+):(\d+)\s*$/.exec(line);
  const match = chromium ?? firefox;
  if (!match) {
    // a component without a place in the code (`at div`): its name alone
    const bare = /^\s*at\s+([\w$.]{1,80})\s*$/.exec(line);
    return bare ? bare[1]! : null;
  }
  const [, name, url = '', row, column] = match;
  const file = url.split(/[/\\]/).at(-1) ?? '';
  // a function name is code, but keep only what looks like one
  const fn = /^[\w$.<>[\] ]{1,80}$/.test(name ?? '') ? name!.trim() : '?';
  return `${fn || '?'} (${file.replace(ADDRESS, '<adres>')}:${row}:${column})`;
}

export function redactStack(stack: string | null | undefined): string[] {
  return (stack ?? '')
    .split('\n')
    .map(frameOf)
    .filter((frame): frame is string => frame !== null)
    .slice(0, MAX_FRAMES);
}

function describe(error: unknown): { name: string; message: string; stack: string | undefined } {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  if (typeof error === 'object' && error !== null) {
    const { name, message, stack } = error as { name?: unknown; message?: unknown; stack?: unknown };
    return {
      name: typeof name === 'string' ? name : 'Error',
      message: typeof message === 'string' ? message : '',
      stack: typeof stack === 'string' ? stack : undefined,
    };
  }
  // a thrown string or number is no error our code made: its text may be anything, so none of it
  return { name: `thrown ${typeof error}`, message: '(content not reported)', stack: undefined };
}

export function buildErrorReport(input: ErrorReportInput): string {
  const { name, message, stack } = describe(input.error);
  const lines = [
    'Gemeenteradar: foutmelding / error report',
    `surface: ${input.surface}`,
    `version: ${input.extensionVersion}`,
    `browser: ${input.userAgent}`,
    `time: ${new Date(Number.isFinite(input.at) ? input.at : 0).toISOString()}`,
    `error: ${redactMessage(name).slice(0, 80)}: ${redactMessage(message)}`,
  ];
  const frames = redactStack(stack);
  if (frames.length > 0) lines.push('stack:', ...frames.map((frame) => `  ${frame}`));
  const components = redactStack(input.componentStack);
  if (components.length > 0) lines.push('components:', ...components.map((frame) => `  ${frame}`));
  return lines.join('\n');
}
