import { getLocale } from '@/lib/i18n';

/**
 * The page's `lang` follows the UI language (lib/i18n), so screen readers pronounce it, and the
 * browser hyphenates and spell-checks it, as the language it is. Every extension page calls it
 * before it renders.
 */
export function applyPageLanguage(root: HTMLElement = document.documentElement): void {
  root.lang = getLocale();
}
