/**
 * The user's tracked names as every page needs them: one storage key holding a compact copy of
 * each name (id, name, aliases, kind, summary, case rule), kept next to the per-record name keys
 * by every write. The content script reads this one key at start-up instead of all of the
 * user's data, and checks it by hand (no schema library on every page). The per-record keys
 * stay the source of truth; `loadUserData` rewrites the index whenever the two disagree.
 *
 * Pure: no DOM, no extension APIs.
 */
import { ENTITY_KINDS, type EntityKind } from "./entity-kinds";

/** The storage key of the index. */
export const NAME_INDEX_KEY = "context-cards:name-index";

/** One tracked name, as spotting and cards need it. */
export interface IndexedName {
  id: string;
  name: string;
  aliases: string[];
  kind: EntityKind;
  summary?: string | undefined;
  caseSensitive: boolean;
}

// Pure: a bundle that never parses the index (the content script's first stage) leaves it out.
const KINDS: ReadonlySet<string> = /* @__PURE__ */ new Set(ENTITY_KINDS);
const MAX_TEXT = 500;

function isShortText(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0 && value.length <= MAX_TEXT;
}

/**
 * The usable entries of a stored index. Never throws; anything malformed (not a list, an
 * entry without an id or name, an unknown kind) is left out, and the rest kept.
 */
export function readNameIndex(raw: unknown): IndexedName[] {
  if (!Array.isArray(raw)) return [];
  const names: IndexedName[] = [];
  const seen = new Set<string>();
  for (const entry of raw) {
    if (typeof entry !== "object" || entry === null) continue;
    const { id, name, aliases, kind, summary, caseSensitive } = entry as Record<string, unknown>;
    if (typeof id !== "string" || !id.startsWith("user:") || seen.has(id) || !isShortText(name)) continue;
    seen.add(id);
    names.push({
      id,
      name: name.trim(),
      aliases: Array.isArray(aliases) ? aliases.filter(isShortText).map((alias) => alias.trim()) : [],
      kind: typeof kind === "string" && KINDS.has(kind) ? (kind as EntityKind) : "concept",
      summary: typeof summary === "string" && summary.length <= MAX_TEXT ? summary : undefined,
      caseSensitive: caseSensitive === true,
    });
  }
  return names;
}

/**
 * What the content script's first stage reads of a stored index: the names and aliases a page
 * filter looks for, every non-blank string of every entry, unchecked otherwise (untrimmed, of
 * any length, whatever the entry's id). A superset of the texts `readNameIndex` keeps, so a
 * filter made from them lets through every page one made from the parsed names would; the app
 * parses the index whole.
 */
export function readNameTexts(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const texts: string[] = [];
  for (const entry of raw) {
    if (typeof entry !== "object" || entry === null) continue;
    const { name, aliases } = entry as Record<string, unknown>;
    for (const text of [name, ...(Array.isArray(aliases) ? aliases : [])]) {
      if (typeof text === "string" && text.trim() !== "") texts.push(text);
    }
  }
  return texts;
}

/** The index entry of a name record. */
export function toIndexedName(name: IndexedName): IndexedName {
  const { id, aliases, kind, summary, caseSensitive } = name;
  const entry: IndexedName = { id, name: name.name, aliases: [...aliases], kind, caseSensitive };
  if (summary !== undefined) entry.summary = summary;
  return entry;
}

/**
 * The index after `saved` names were written (replacing entries with the same id, new ones
 * appended) and `deletedIds` removed, from whatever was stored before.
 */
export function updateNameIndex(
  stored: unknown,
  saved: readonly IndexedName[],
  deletedIds: readonly string[] = [],
): IndexedName[] {
  const byId = new Map(readNameIndex(stored).map((entry) => [entry.id, entry]));
  for (const id of deletedIds) byId.delete(id);
  for (const name of saved) byId.set(name.id, toIndexedName(name));
  return [...byId.values()];
}

/** True when `stored` lists exactly `names` (same ids, same content), in any order. */
export function isNameIndexCurrent(stored: unknown, names: readonly IndexedName[]): boolean {
  const current = readNameIndex(stored);
  if (current.length !== names.length) return false;
  // Both sides through toIndexedName, so key order cannot make equal entries differ.
  const byId = new Map(current.map((entry) => [entry.id, JSON.stringify(toIndexedName(entry))]));
  return names.every((name) => byId.get(name.id) === JSON.stringify(toIndexedName(name)));
}
