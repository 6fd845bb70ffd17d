/**
 * The toolbar icon: its sizes, and the two drawings (public/icon, rendered from assets/icon by
 * `npm run icons`). The quiet drawing shows when nobody needs attention, so a glance at the
 * toolbar tells whether there is something to do.
 */
export const ICON_SIZES = [16, 32, 48, 128] as const;

export type IconDrawing = 'icon' | 'icon-quiet';

/** `{ 16: 'icon/icon-16.png', ... }`, as the manifest and `action.setIcon({ path })` take it. */
export function iconPaths(drawing: IconDrawing): Record<string, string> {
  return Object.fromEntries(ICON_SIZES.map((size) => [String(size), `icon/${drawing}-${size}.png`]));
}
