/**
 * Content-script code never throws into the page: errors go to an optional `onError`, and a
 * logger that throws itself is ignored too.
 */
export function reportSafely(onError: ((error: unknown) => void) | undefined): (error: unknown) => void {
  return (error) => {
    try {
      onError?.(error);
    } catch {
      // a failing logger must not break the page
    }
  };
}
