/**
 * Settings in `storage.sync` (they follow the user across browsers where sync is on), under
 * one prefixed key. Reading always yields valid settings (see parseSettings); a change made
 * anywhere reaches every listener, in every tab, through `storage.onChanged`.
 */
import { type LoadedSettings, parseSettings, type Settings } from "../core/settings";
import { browser } from "./browser";
import { readStoredSettings, SETTINGS_KEY, watchStoredSettings } from "./stored-settings";

export { SETTINGS_KEY };

/** Loads the settings (defaults on first run); never throws for bad stored data. */
export async function loadSettings(): Promise<LoadedSettings> {
  try {
    return parseSettings(await readStoredSettings());
  } catch (error) {
    return {
      ...parseSettings(undefined),
      problems: [`settings: could not be read (${String(error)}); using defaults`],
      unreadable: true,
    };
  }
}

/** Saves `settings`. Rejects with a plain-words message (e.g. over the sync quota). */
export async function saveSettings(settings: Settings): Promise<void> {
  try {
    await browser.storage.sync.set({ [SETTINGS_KEY]: settings });
  } catch (error) {
    throw new Error(`Your settings could not be saved: ${String(error)}`);
  }
}

/** Calls `listener` with the new settings whenever they change; returns a function that stops it. */
export function watchSettings(listener: (loaded: LoadedSettings) => void): () => void {
  return watchStoredSettings((stored) => listener(parseSettings(stored)));
}
