/** The part of web-ext's programmatic API scripts/lint-firefox.ts uses (the package ships no types). */
declare module 'web-ext' {
  interface LintMessage {
    code: string;
    message: string;
    description?: string;
    file?: string;
    line?: number;
    column?: number;
  }
  interface LintResult {
    count: number;
    summary: { errors: number; notices: number; warnings: number };
    errors: LintMessage[];
    warnings: LintMessage[];
    notices: LintMessage[];
  }
  const webExt: {
    cmd: {
      lint(
        options: { sourceDir: string; output?: 'json' | 'text' | 'none'; boring?: boolean; warningsAsErrors?: boolean },
        runOptions?: { shouldExitProgram?: boolean },
      ): Promise<LintResult>;
    };
  };
  export default webExt;
}
