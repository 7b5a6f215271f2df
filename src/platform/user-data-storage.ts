/**
 * The user's notes and names in `storage.local` (they can outgrow `storage.sync`), one key
 * per record (`context-cards:note:<id>`, `context-cards:name:<id>`), so a save touches one
 * key and two tabs never overwrite each other's records. Every decision — validation,
 * quarantine, keys, wording of failures — is in core/user-data-records.ts; this file only
 * talks to the browser. Failures reject with a `UserDataError` in plain words.
 */
import { isNameIndexCurrent, NAME_INDEX_KEY, toIndexedName, updateNameIndex } from "../core/name-index";
import type { Settings } from "../core/settings";
import {
  buildExportFile,
  findNoteKeysFor,
  makeNameKey,
  makeNoteKey,
  makeRecordsPatch,
  type QuarantineEntry,
  readUserDataChanges,
  sortStoredRecords,
  toUserDataError,
  type UserDataChanges,
  UserDataError,
} from "../core/user-data-records";
import type { ExportFile, Note, UserName } from "../core/user-data-schema";
import { browser } from "./browser";

/** Everything stored, read and sorted. */
export interface LoadedUserData {
  notes: Note[];
  names: UserName[];
  /** Records that could not be read, kept aside (older ones and any moved by this load). */
  quarantined: QuarantineEntry[];
  /** One line per record moved aside or left unread, and any failure to move one. */
  problems: string[];
}

/**
 * Reads every note and name (one `get(null)`). Records that do not validate are moved to
 * quarantine keys (written first, then the originals removed) and reported; the rest load.
 * If the move fails the records stay where they are and that is reported too. Rejects with
 * a `UserDataError` only when storage cannot be read at all.
 */
export async function loadUserData(): Promise<LoadedUserData> {
  const all = await run(() => browser.storage.local.get(null), "your notes and names could not be read");
  const sorted = sortStoredRecords(all, Date.now());
  const problems = [...sorted.problems];
  try {
    // The pages' copy of the names follows the records (after an import by an older version,
    // a failed write, or a record moved aside).
    if (!isNameIndexCurrent(all[NAME_INDEX_KEY], sorted.names))
      sorted.patch[NAME_INDEX_KEY] = sorted.names.map(toIndexedName);
    if (Object.keys(sorted.patch).length > 0) await browser.storage.local.set(sorted.patch);
    if (sorted.removals.length > 0) await browser.storage.local.remove(sorted.removals);
  } catch (error) {
    problems.push(
      `unreadable records could not be moved aside, so they stay where they are: ${String(error)}`,
    );
  }
  return { notes: sorted.notes, names: sorted.names, quarantined: sorted.quarantined, problems };
}

/**
 * Writes many notes and names in one `storage.local.set` call (an import, a merge). Rejects
 * without writing anything if any record is invalid, and with a quota message when full.
 */
export async function writeRecords(records: {
  notes?: readonly Note[];
  names?: readonly UserName[];
}): Promise<void> {
  const patch = makeRecordsPatch(records);
  if (!patch.ok) {
    throw new UserDataError(
      `Nothing was saved, because some records are invalid: ${patch.problems.join("; ")}`,
      "failed",
    );
  }
  if (records.names && records.names.length > 0) {
    const stored = await run(() => browser.storage.local.get(NAME_INDEX_KEY), "nothing was saved");
    patch.value[NAME_INDEX_KEY] = updateNameIndex(stored[NAME_INDEX_KEY], records.names);
  }
  await run(() => browser.storage.local.set(patch.value), "nothing was saved");
}

/** Saves (adds or replaces) one note. */
export function saveNote(note: Note): Promise<void> {
  return writeRecords({ notes: [note] });
}

/** Deletes one note; deleting a note that does not exist does nothing. */
export function deleteNote(id: string): Promise<void> {
  return run(() => browser.storage.local.remove(makeNoteKey(id)), "the note was not deleted");
}

/** Saves (adds or replaces) one user name. */
export function saveUserName(name: UserName): Promise<void> {
  return writeRecords({ names: [name] });
}

/**
 * Deletes one user name. Its notes are kept (they stay attached to the id, and come back if
 * a name with that id is imported again) unless `deleteNotes` is true; then the name and its
 * notes go in one `remove` call.
 */
export async function deleteUserName(id: string, options: { deleteNotes?: boolean } = {}): Promise<void> {
  const keys = [makeNameKey(id)];
  if (options.deleteNotes) {
    const all = await run(() => browser.storage.local.get(null), "the name was not deleted");
    keys.push(...findNoteKeysFor(all, id));
  }
  // The record first: a repair of the index running elsewhere meanwhile then cannot bring it back.
  await run(() => browser.storage.local.remove(keys), "the name was not deleted");
  const stored = await run(() => browser.storage.local.get(NAME_INDEX_KEY), "the name was not deleted");
  await run(
    () => browser.storage.local.set({ [NAME_INDEX_KEY]: updateNameIndex(stored[NAME_INDEX_KEY], [], [id]) }),
    "the name was not deleted",
  );
}

/**
 * Calls `listener` whenever a note or name is saved or deleted, from any tab or context;
 * other storage changes are ignored. Returns a function that stops listening.
 */
export function watchUserData(listener: (changes: UserDataChanges) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== "local") return;
    const read = readUserDataChanges(changes);
    if (read) listener(read);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

/** Everything the user keeps, as one export file; `settings` are included when given. */
export async function exportUserData(settings?: Settings): Promise<ExportFile> {
  const { notes, names } = await loadUserData();
  return buildExportFile({ notes, names }, settings, Date.now());
}

async function run<T>(action: () => Promise<T>, what: string): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw toUserDataError(error, what);
  }
}
