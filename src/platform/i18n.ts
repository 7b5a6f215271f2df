/** Localised UI strings from `_locales`; every string the user reads goes through here. */
import { browser } from "./browser";

/**
 * Returns the localised message `key` with its placeholders filled. When a key is missing
 * (a programming error), returns the key itself so the gap is visible rather than blank.
 */
export function translate(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The UI language the browser uses for this extension (e.g. "en", "zh-CN"). */
export function getUiLanguage(): string {
  return browser.i18n.getUILanguage();
}
