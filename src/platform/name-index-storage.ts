/**
 * The user's tracked names for the content script: one `storage.local` key read at start-up
 * and followed live (see core/name-index.ts for why it is one key).
 */
import { type IndexedName, NAME_INDEX_KEY, readNameIndex } from "../core/name-index";
import { browser } from "./browser";

/** The tracked names; none when storage cannot be read (spotting goes on with the packs). */
export async function loadTrackedNames(): Promise<IndexedName[]> {
  try {
    const stored = await browser.storage.local.get(NAME_INDEX_KEY);
    return readNameIndex(stored[NAME_INDEX_KEY]);
  } catch {
    return [];
  }
}

/** Calls `listener` with the new list whenever the tracked names change; returns a stop function. */
export function watchTrackedNames(listener: (names: IndexedName[]) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === "local" && NAME_INDEX_KEY in changes)
      listener(readNameIndex(changes[NAME_INDEX_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
