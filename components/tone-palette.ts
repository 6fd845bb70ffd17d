import { toneCustomProperties } from '@/lib/vocabulary/statuses';

/**
 * The status tones (lib/vocabulary/statuses.ts) as the CSS custom properties styles.css uses
 * (`var(--ok)`, `var(--warn)`, `var(--bad)`): one definition of the colours for the pages, the
 * toolbar badge and the inline row badges. Each page sets them before its first render.
 */
export function applyTonePalette(root: HTMLElement = document.documentElement): void {
  for (const [name, value] of toneCustomProperties()) root.style.setProperty(name, value);
}
