/**
 * `web-ext lint` on the Firefox build (.output/firefox-mv3), as `npm test` runs it
 * (`npm run lint:firefox`): Mozilla's addons-linter, the checks addons.mozilla.org runs on upload.
 * Fails on any error and on any warning but one, accepted where it stands and nowhere else:
 *
 * - UNSAFE_VAR_ASSIGNMENT ("Unsafe assignment to innerHTML") in React DOM's code: the handler of
 *   the `dangerouslySetInnerHTML` prop (it reads `.__html`, then assigns `innerHTML`). react-dom
 *   is one module, so the handler ships in every React build; it runs only for elements given that
 *   prop, and we never give it (mail text is hostile: docs/CONVENTIONS.md). Both are checked here:
 *   each such warning must point at an `innerHTML` assignment with `__html` just before it, and no
 *   source file of ours may use the prop. An `innerHTML` of our own still fails.
 *
 * Notices are printed, not fatal (they are information, e.g. about hosting on AMO).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import webExt from 'web-ext';

const REPO_ROOT = resolve(import.meta.dirname, '..');
/** the build to lint: .output/firefox-mv3, or the folder given as the first argument */
const SOURCE_DIR = resolve(process.argv[2] ?? join(REPO_ROOT, '.output/firefox-mv3'));
const OUR_SOURCES = ['entrypoints', 'components', 'lib'];
const REACT_PROP = 'dangerouslySetInnerHTML';

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Whether the warning sits in React DOM's `dangerouslySetInnerHTML` handler (see above). */
function isReactInnerHtmlHandler(warning: LintMessage): boolean {
  if (warning.code !== 'UNSAFE_VAR_ASSIGNMENT' || !warning.file || !warning.line || warning.column === undefined) return false;
  const line = readFileSync(join(SOURCE_DIR, warning.file), 'utf8').split('\n')[warning.line - 1] ?? '';
  // the linter's column points at the assignment's member expression (`t.innerHTML=e` minified)
  const assignment = line.indexOf('.innerHTML=', Math.max(0, warning.column - 40));
  if (assignment < 0 || assignment > warning.column + 40) return false;
  return line.slice(Math.max(0, assignment - 160), assignment).includes('.__html');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const describe = (message: LintMessage) =>
  `${message.code} ${message.file ?? ''}${message.line ? `:${message.line}:${message.column ?? 0}` : ''}: ${message.message}`;

const result = await webExt.cmd.lint(
  { sourceDir: SOURCE_DIR, output: 'none', boring: true, warningsAsErrors: false },
  { shouldExitProgram: false },
);
const accepted = result.warnings.filter(isReactInnerHtmlHandler);
const failures = [...result.errors, ...result.warnings.filter((warning) => !accepted.includes(warning))];
const propUsers = OUR_SOURCES.flatMap((dir) => filesUnder(join(REPO_ROOT, dir)))
  .filter((path) => /\.(tsx?|html)$/.test(path) && readFileSync(path, 'utf8').includes(REACT_PROP))
  .map((path) => relative(REPO_ROOT, path));

for (const notice of result.notices) console.log(`notice: ${describe(notice)}`);
for (const warning of accepted) console.log(`accepted: ${describe(warning)} (React DOM's ${REACT_PROP} handler, never used)`);
if (propUsers.length > 0) {
  failures.push({ code: 'OWN_INNER_HTML', message: `${REACT_PROP} is used in ${propUsers.join(', ')}` });
}
if (failures.length > 0) {
  console.error(`web-ext lint of ${relative(REPO_ROOT, SOURCE_DIR)} failed:\n  ${failures.map(describe).join('\n  ')}`);
  process.exit(1);
}
console.log(
  `web-ext lint of ${relative(REPO_ROOT, SOURCE_DIR)}: ${result.errors.length} errors, ` +
    `${result.warnings.length} warnings (${accepted.length} accepted), ${result.notices.length} notices`,
);
