/**
 * The settings as stored: one prefixed key in `storage.sync` (it follows the user across
 * browsers where sync is on), read and watched without parsing. The content script's first
 * stage reads only its gist (core/settings-gist.ts); everything else reads it whole through
 * settings-storage.ts.
 */
import { browser } from "./browser";

/** The storage key; prefixed so nothing else in the extension's storage can collide with it. */
export const SETTINGS_KEY = "context-cards:settings";

/** The stored value (undefined before anything was saved); rejects when storage cannot be read. */
export async function readStoredSettings(): Promise<unknown> {
  const stored = await browser.storage.sync.get(SETTINGS_KEY);
  return stored[SETTINGS_KEY];
}

/**
 * Calls `listener` with the newly stored value whenever the settings change, in any tab or
 * extension page; returns a function that stops it.
 */
export function watchStoredSettings(listener: (stored: unknown) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === "sync" && SETTINGS_KEY in changes) listener(changes[SETTINGS_KEY]?.newValue);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
