/**
 * Importing an export file, as pure steps the options page runs in order:
 * {@link readImportFile} (text → a valid, current-version file, or one plain-words message),
 * {@link planImport} (what the file would add, given what is stored), {@link summarizePlan}
 * (the counts the preview shows), {@link applyPlan} (the records to write) and
 * {@link mergeSettings}.
 *
 * The rule throughout: an import never loses anything. A stored record is never replaced by
 * an imported one; where both differ, both are kept.
 */
import { DEFAULT_SETTINGS, type LoadedSettings, parseSettings, type Settings } from "./settings";
import { migrateExport } from "./user-data-migrations";
import {
  cryptoRandom,
  EXPORT_FORMAT,
  type ExportFile,
  MAX_IMPORT_BYTES,
  makeNoteId,
  makeUserNameId,
  type Note,
  parseExportFile,
  type RandomSource,
  USER_DATA_LIMITS,
  type UserName,
} from "./user-data-schema";

/** The outcome of reading an import file: the file and its settings (if any), or why not. */
export type ImportFileResult =
  | { ok: true; file: ExportFile; settings: LoadedSettings | null }
  | { ok: false; message: string };

const NOT_AN_EXPORT = "this is not a Context Cards export";

/**
 * Reads the text of an import file. Refuses, with one message in plain words: text longer
 * than {@link MAX_IMPORT_BYTES} (checked before parsing; every UTF-16 unit is at least one
 * byte, so this never refuses a file within the limit), an empty file, invalid JSON (with
 * the parser's own words), anything but a JSON object with `format: "context-cards-export"`,
 * a missing or newer `schemaVersion`, and records that fail validation (the first few,
 * with their paths). Older versions are migrated. The settings, when present, are read by
 * `parseSettings` (bad values fall back and are listed in `settings.problems`). Never throws.
 */
export function readImportFile(text: string): ImportFileResult {
  try {
    return readUnsafely(text);
  } catch (error) {
    // Every step is meant not to throw; this is the guarantee should one ever do so.
    return { ok: false, message: `the file could not be read: ${String(error).slice(0, 200)}` };
  }
}

function readUnsafely(text: string): ImportFileResult {
  // Callers in plain JavaScript (a message from another context) may pass anything.
  if (typeof text !== "string") return { ok: false, message: "the file could not be read as text" };
  if (text.length > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      message: `the file is too large (over ${formatMegabytes(text.length)}); the limit is ${formatMegabytes(MAX_IMPORT_BYTES)}`,
    };
  }
  const body = text.startsWith("\ufeff") ? text.slice(1) : text;
  if (body.trim() === "") return { ok: false, message: "the file is empty" };
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `not JSON: ${reason.slice(0, 200)}` };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return { ok: false, message: NOT_AN_EXPORT };
  const record = raw as Record<string, unknown>;
  if (record.format !== EXPORT_FORMAT) return { ok: false, message: NOT_AN_EXPORT };
  const migrated = migrateExport(record);
  if (!migrated.ok)
    return { ok: false, message: `this file cannot be imported: ${migrated.problems.join("; ")}` };
  const parsed = parseExportFile(migrated.value);
  if (!parsed.ok) return { ok: false, message: `this file has problems: ${parsed.problems.join("; ")}` };
  const settings = parsed.value.settings === undefined ? null : parseSettings(parsed.value.settings);
  return { ok: true, file: parsed.value, settings };
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}

/** An imported record whose id was taken by a different one: both are kept. */
export interface Conflict<T> {
  /** The stored record (or an earlier one in the same file), left as it is. */
  current: T;
  /** The record as the file has it. */
  incoming: T;
  /** What is written: the incoming record under a fresh id, marked `imported`. */
  copy: T;
}

/** An imported name folded into a stored (or earlier imported) name of the same spelling. */
export interface NameMerge {
  incoming: UserName;
  /** The name it was folded into, before the merge. */
  into: UserName;
  /** `into` with the incoming aliases (and summary, if it had none). */
  result: UserName;
  /** False when the incoming name added nothing; then nothing is written for it. */
  changed: boolean;
}

/** What an import would do. Built by {@link planImport}; nothing is written until {@link applyPlan}. */
export interface ImportPlan {
  notes: {
    /** New notes (with `entityId` re-pointed where their name got another id). */
    added: Note[];
    /** Notes already stored exactly so. */
    unchanged: Note[];
    conflicts: Conflict<Note>[];
    /** How many added or copied notes had their `entityId` re-pointed. */
    repointed: number;
  };
  names: {
    /** New names, each in its final form (grown by later merges from the same file). */
    added: UserName[];
    unchanged: UserName[];
    conflicts: Conflict<UserName>[];
    /** One entry per incoming name folded into another; the last result per id is written. */
    merged: NameMerge[];
  };
}

/** Knobs for {@link planImport}: the clock and the random source for fresh ids. */
export interface PlanOptions {
  now?: number;
  random?: RandomSource;
}

/**
 * Plans an import of `incoming` into the stored `current` records. Nothing is lost:
 *
 * - A record whose id is not stored is added; one stored exactly so is unchanged.
 * - Same id, different content: a conflict. The stored record is untouched; the incoming one
 *   is added under a fresh id with `imported: { originalId, at }`.
 * - Names: an incoming name spelled exactly like a stored one (or one added earlier from the
 *   file) is merged into it when that loses nothing — same `kind` and `caseSensitive`, the
 *   incoming summary empty, equal, or filling an empty one, and the aliases together within
 *   the limit: the stored name gains the aliases it lacks. Otherwise the rule above applies
 *   (so two names may end up with the same spelling; the user can merge them by hand).
 * - Notes on an incoming name that got another id (a copy, or the name it merged into) are
 *   re-pointed to it, unless the very same note is already stored.
 *
 * Several records with one id in the file are treated in order, each against what came before.
 * Ids of copies are fresh: unused by `current`, by `incoming` and by each other.
 */
export function planImport(
  current: { notes: readonly Note[]; names: readonly UserName[] },
  incoming: ExportFile,
  options: PlanOptions = {},
): ImportPlan {
  const now = options.now ?? Date.now();
  const random = options.random ?? cryptoRandom;
  const takenIds = new Set<string>([
    ...current.notes.map((note) => note.id),
    ...incoming.notes.map((note) => note.id),
    ...current.names.map((name) => name.id),
    ...incoming.names.map((name) => name.id),
  ]);
  const names = planNames(current.names, incoming.names, now, random, takenIds);
  const notes = planNotes(current.notes, incoming.notes, names.repointTo, now, random, takenIds);
  return { notes, names: names.plan };
}

function planNames(
  current: readonly UserName[],
  incoming: readonly UserName[],
  now: number,
  random: RandomSource,
  takenIds: Set<string>,
): { plan: ImportPlan["names"]; repointTo: Map<string, string> } {
  const plan: ImportPlan["names"] = { added: [], unchanged: [], conflicts: [], merged: [] };
  const known = new Map<string, UserName>(current.map((name) => [name.id, name]));
  // Names that later incoming names may merge into: stored ones, then added ones, by spelling.
  const bySpelling = new Map<string, string>();
  for (const name of current) if (!bySpelling.has(name.name)) bySpelling.set(name.name, name.id);
  const addedIndex = new Map<string, number>();
  const repointTo = new Map<string, string>();
  for (const name of incoming) {
    const existing = known.get(name.id);
    if (existing && isSameRecord(existing, name)) {
      plan.unchanged.push(name);
      continue;
    }
    const twinId = bySpelling.get(name.name);
    const twin = twinId === undefined ? undefined : known.get(twinId);
    const result = twin && mergeNames(twin, name, now);
    if (twin && result) {
      if (twin.id !== name.id) repointTo.set(name.id, twin.id);
      known.set(twin.id, result);
      // Merged into a name this file adds: that added record grows too.
      const index = addedIndex.get(twin.id);
      if (index !== undefined) plan.added[index] = result;
      plan.merged.push({ incoming: name, into: twin, result, changed: !isSameRecord(result, twin) });
      continue;
    }
    if (!existing) {
      addedIndex.set(name.id, plan.added.length);
      plan.added.push(name);
      known.set(name.id, name);
      if (!bySpelling.has(name.name)) bySpelling.set(name.name, name.id);
      continue;
    }
    const id = makeUserNameId(name.name, random, takenIds);
    takenIds.add(id);
    const copy: UserName = { ...name, id, imported: { originalId: name.id, at: now } };
    repointTo.set(name.id, id);
    known.set(id, copy);
    plan.conflicts.push({ current: existing, incoming: name, copy });
  }
  return { plan, repointTo };
}

/** `into` with what `incoming` adds, or null when merging would lose something of `incoming`. */
function mergeNames(into: UserName, incoming: UserName, now: number): UserName | null {
  if (into.kind !== incoming.kind || into.caseSensitive !== incoming.caseSensitive) return null;
  const incomingSummary = incoming.summary ?? "";
  const intoSummary = into.summary ?? "";
  if (incomingSummary !== "" && intoSummary !== "" && incomingSummary !== intoSummary) return null;
  const seen = new Set([into.name, ...into.aliases].map((text) => text.toLowerCase()));
  const newAliases = incoming.aliases.filter((alias) => {
    const key = alias.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const fillsSummary = intoSummary === "" && incomingSummary !== "";
  if (newAliases.length === 0 && !fillsSummary) return into;
  const aliases = [...into.aliases, ...newAliases];
  if (aliases.length > USER_DATA_LIMITS.aliasesPerName) return null;
  return {
    ...into,
    aliases,
    ...(fillsSummary ? { summary: incomingSummary } : {}),
    updatedAt: Math.max(into.updatedAt, now),
  };
}

function planNotes(
  current: readonly Note[],
  incoming: readonly Note[],
  repointTo: ReadonlyMap<string, string>,
  now: number,
  random: RandomSource,
  takenIds: Set<string>,
): ImportPlan["notes"] {
  const plan: ImportPlan["notes"] = { added: [], unchanged: [], conflicts: [], repointed: 0 };
  const known = new Map<string, Note>(current.map((note) => [note.id, note]));
  for (const note of incoming) {
    const existing = known.get(note.id);
    const target = repointTo.get(note.entityId);
    const placed = target === undefined ? note : { ...note, entityId: target };
    if (existing && (isSameRecord(existing, note) || isSameRecord(existing, placed))) {
      plan.unchanged.push(note);
      continue;
    }
    if (target !== undefined) plan.repointed++;
    if (!existing) {
      plan.added.push(placed);
      known.set(note.id, placed);
      continue;
    }
    const id = makeNoteId(random, takenIds);
    takenIds.add(id);
    const copy: Note = { ...placed, id, imported: { originalId: note.id, at: now } };
    known.set(id, copy);
    plan.conflicts.push({ current: existing, incoming: note, copy });
  }
  return plan;
}

/** True when two records hold the same data, whatever the order of their keys. */
function isSameRecord(a: unknown, b: unknown): boolean {
  return stringifyStably(a) === stringifyStably(b);
}

function stringifyStably(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stringifyStably).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stringifyStably(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** The counts an import preview shows. */
export interface ImportSummary {
  notesAdded: number;
  notesUnchanged: number;
  notesConflicting: number;
  notesRepointed: number;
  namesAdded: number;
  namesUnchanged: number;
  namesConflicting: number;
  namesMerged: number;
}

/** Counts what `plan` would do: each incoming record lands in exactly one count (repointed aside). */
export function summarizePlan(plan: ImportPlan): ImportSummary {
  return {
    notesAdded: plan.notes.added.length,
    notesUnchanged: plan.notes.unchanged.length,
    notesConflicting: plan.notes.conflicts.length,
    notesRepointed: plan.notes.repointed,
    namesAdded: plan.names.added.length,
    namesUnchanged: plan.names.unchanged.length,
    namesConflicting: plan.names.conflicts.length,
    namesMerged: plan.names.merged.length,
  };
}

/**
 * The records to write for `plan`: added records, conflict copies and changed merge results
 * (the last result per id). Unchanged records are never rewritten; no id appears twice.
 */
export function applyPlan(plan: ImportPlan): { notesToWrite: Note[]; namesToWrite: UserName[] } {
  const names = new Map<string, UserName>();
  for (const name of plan.names.added) names.set(name.id, name);
  for (const { copy } of plan.names.conflicts) names.set(copy.id, copy);
  for (const merge of plan.names.merged) if (merge.changed) names.set(merge.result.id, merge.result);
  return {
    notesToWrite: [...plan.notes.added, ...plan.notes.conflicts.map(({ copy }) => copy)],
    namesToWrite: [...names.values()],
  };
}

/** Settings after an import, and which imported values were not taken. */
export interface MergedSettings {
  settings: Settings;
  /** Fields where the user's own (non-default) value was kept over a different imported one. */
  kept: (keyof Settings)[];
}

/**
 * Merges imported settings into the current ones: `pausedSites` is the union (current order
 * first); every other field takes the imported value only while the current one still equals
 * its default, so a fresh profile gets everything back and a user's own choices are never
 * overwritten. Lists are compared as sets. Pure; returns new arrays.
 */
export function mergeSettings(current: Settings, incoming: Settings): MergedSettings {
  const settings: Settings = {
    ...current,
    pausedSites: [...new Set([...current.pausedSites, ...incoming.pausedSites])],
    markedKinds: [...current.markedKinds],
  };
  const kept: (keyof Settings)[] = [];
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (key === "pausedSites" || key === "settingsVersion") continue;
    if (isSameSetting(current[key], incoming[key])) continue;
    if (isSameSetting(current[key], DEFAULT_SETTINGS[key])) {
      const value = incoming[key];
      (settings as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
    } else kept.push(key);
  }
  return { settings, kept };
}

function isSameSetting(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const sorted = (list: unknown[]) => JSON.stringify([...new Set(list)].map(String).sort());
    return sorted(a) === sorted(b);
  }
  return a === b;
}
