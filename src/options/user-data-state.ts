/**
 * The options page's copy of the user's notes and names, kept current from storage change
 * events. Pure: no extension APIs here (the hook in use-user-data.ts feeds it).
 */
import type { UserDataChanges } from "../core/user-data-records";
import type { Note, UserName } from "../core/user-data-schema";

export interface UserDataState {
  notes: readonly Note[];
  names: readonly UserName[];
}

/** `state` after `changes`: saved records replace (or join) those with their id, deleted ones go. */
export function applyUserDataChanges(state: UserDataState, changes: UserDataChanges): UserDataState {
  return {
    notes: applyTo(state.notes, changes.savedNotes, changes.deletedNoteIds),
    names: applyTo(state.names, changes.savedNames, changes.deletedNameIds),
  };
}

function applyTo<T extends { id: string }>(
  list: readonly T[],
  saved: readonly T[],
  deletedIds: readonly string[],
): readonly T[] {
  if (saved.length === 0 && deletedIds.length === 0) return list;
  const byId = new Map(list.map((item) => [item.id, item]));
  for (const id of deletedIds) byId.delete(id);
  for (const item of saved) byId.set(item.id, item);
  return [...byId.values()];
}

/** How many notes each entity id has. */
export function countNotesByEntity(notes: readonly Note[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const note of notes) counts.set(note.entityId, (counts.get(note.entityId) ?? 0) + 1);
  return counts;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Names in the order the page lists them: by name (ignoring case and accents), then by id. */
export function sortNames(names: readonly UserName[]): UserName[] {
  return [...names].sort(
    (a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
