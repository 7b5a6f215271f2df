/**
 * The user's tracked names for the content script and the popup: one `storage.local` key read
 * and followed live (see core/name-index.ts for why it is one key). The stored value is passed
 * on as it is: the content script's first stage reads only its texts (`readNameTexts`), its
 * app parses it whole (`readNameIndex`), and both take anything; the popup gets it parsed.
 */
import { type IndexedName, NAME_INDEX_KEY, readNameIndex } from "../core/name-index";
import { browser } from "./browser";

/** The stored index, unparsed; undefined when there is none or storage cannot be read. */
export async function loadStoredNameIndex(): Promise<unknown> {
  try {
    return (await browser.storage.local.get(NAME_INDEX_KEY))[NAME_INDEX_KEY];
  } catch {
    return undefined;
  }
}

/** Calls `listener` with the new stored index whenever it changes; returns a stop function. */
export function watchStoredNameIndex(listener: (stored: unknown) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === "local" && NAME_INDEX_KEY in changes) listener(changes[NAME_INDEX_KEY]?.newValue);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

/** The tracked names, parsed; none when storage cannot be read. */
export async function loadTrackedNames(): Promise<IndexedName[]> {
  return readNameIndex(await loadStoredNameIndex());
}

/** Calls `listener` with the parsed names whenever they change; returns a stop function. */
export function watchTrackedNames(listener: (names: IndexedName[]) => void): () => void {
  return watchStoredNameIndex((stored) => listener(readNameIndex(stored)));
}
