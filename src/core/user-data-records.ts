/**
 * The user's notes and names as stored records, one storage key each — every decision the
 * storage adapter (platform/user-data-storage.ts) makes, as pure functions: the keys, which
 * stored records load and which are moved aside (quarantined), what a write stores, what a
 * change event means, what an export holds, and how a storage failure is worded.
 *
 * A record that fails validation is never deleted: it is moved under a quarantine key with
 * the reason, so nothing a user wrote is ever lost silently.
 */
import type { ParseResult } from "./knowledge-schema";
import type { Settings } from "./settings";
import { migrateStoredRecord } from "./user-data-migrations";
import {
  EXPORT_FORMAT,
  type ExportFile,
  type Note,
  parseNote,
  parseUserName,
  USER_DATA_VERSION,
  type UserName,
} from "./user-data-schema";

/** Prefix of a note's key; the note's id follows. */
export const NOTE_KEY_PREFIX = "context-cards:note:";
/** Prefix of a user name's key; the name's id follows. */
export const NAME_KEY_PREFIX = "context-cards:name:";
/** Prefix of a quarantined record's key; the record's original key follows. */
export const QUARANTINE_KEY_PREFIX = "context-cards:quarantine:";
/** The key holding the version of the stored records (absent: version 1, the first). */
export const USER_DATA_VERSION_KEY = "context-cards:user-data-version";

/** The storage key of the note with id `id`. */
export function makeNoteKey(id: string): string {
  return `${NOTE_KEY_PREFIX}${id}`;
}

/** The storage key of the user name with id `id`. */
export function makeNameKey(id: string): string {
  return `${NAME_KEY_PREFIX}${id}`;
}

/** True for every key this module owns (notes, names, quarantine, version). */
export function isUserDataKey(key: string): boolean {
  return (
    key.startsWith(NOTE_KEY_PREFIX) ||
    key.startsWith(NAME_KEY_PREFIX) ||
    key.startsWith(QUARANTINE_KEY_PREFIX) ||
    key === USER_DATA_VERSION_KEY
  );
}

/** A stored record that could not be read, kept aside with why and when. */
export interface QuarantineEntry {
  /** The key it was stored under. */
  key: string;
  /** What was stored, untouched. */
  raw: unknown;
  /** Why it was moved, in plain words. */
  reason: string;
  /** When it was moved (ms epoch). */
  at: number;
}

/** What storage holds, sorted into what loads, what is moved aside, and what to write for that. */
export interface SortedRecords {
  /** Valid notes, oldest first. */
  notes: Note[];
  /** Valid names, oldest first. */
  names: UserName[];
  /** Every quarantine entry: those already stored and those moved now. */
  quarantined: QuarantineEntry[];
  /** One line per record moved aside or left unread. */
  problems: string[];
  /** To write first: new quarantine entries, and the version key when it is missing. */
  patch: Record<string, unknown>;
  /** To remove after `patch` is written: the original keys of the records moved aside. */
  removals: string[];
}

/**
 * Sorts everything in `storage.local` (`all`, as `get(null)` returns it). Notes and names
 * are migrated from the stored version and validated; one that fails, or whose id differs
 * from its key, is moved to `context-cards:quarantine:<key>` (numbered `#2`, `#3`… when that
 * is taken). When the store was written by a newer version, records that do not read are
 * left where they are (that version can still read them) and only reported. Keys that are
 * not ours are ignored. Pure; `now` stamps the moves.
 */
export function sortStoredRecords(all: Record<string, unknown>, now: number): SortedRecords {
  const sorted: SortedRecords = {
    notes: [],
    names: [],
    quarantined: [],
    problems: [],
    patch: {},
    removals: [],
  };
  const storedVersion = all[USER_DATA_VERSION_KEY];
  let version = USER_DATA_VERSION;
  if (storedVersion === undefined) sorted.patch[USER_DATA_VERSION_KEY] = USER_DATA_VERSION;
  else if (typeof storedVersion === "number" && Number.isInteger(storedVersion) && storedVersion >= 1)
    version = storedVersion;
  else sorted.problems.push(`${USER_DATA_VERSION_KEY}: not a version number; reading records as version 1`);
  const newerStore = version > USER_DATA_VERSION;
  const claimed = new Set(Object.keys(all));
  for (const [key, raw] of Object.entries(all)) {
    if (key.startsWith(QUARANTINE_KEY_PREFIX)) {
      sorted.quarantined.push(readQuarantineEntry(key, raw));
      continue;
    }
    const kind = key.startsWith(NOTE_KEY_PREFIX) ? "note" : key.startsWith(NAME_KEY_PREFIX) ? "name" : null;
    if (kind === null) continue;
    const read = readStoredRecord(kind, key, raw, newerStore ? USER_DATA_VERSION : version);
    if (read.ok) {
      if (kind === "note") sorted.notes.push(read.value as Note);
      else sorted.names.push(read.value as UserName);
      continue;
    }
    const reason = read.problems.slice(0, 5).join("; ");
    if (newerStore) {
      sorted.problems.push(`${key}: left as it is (written by a newer version of Context Cards): ${reason}`);
      continue;
    }
    const target = findFreeKey(`${QUARANTINE_KEY_PREFIX}${key}`, claimed);
    claimed.add(target);
    const entry: QuarantineEntry = { key, raw, reason, at: now };
    sorted.patch[target] = entry;
    sorted.removals.push(key);
    sorted.quarantined.push(entry);
    sorted.problems.push(`${key}: could not be read (${reason}); moved aside to ${target}, not deleted`);
  }
  const byAge = (a: Note | UserName, b: Note | UserName) =>
    a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  sorted.notes.sort(byAge);
  sorted.names.sort(byAge);
  return sorted;
}

function readStoredRecord(
  kind: "note" | "name",
  key: string,
  raw: unknown,
  version: number,
): ParseResult<Note | UserName> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: ["(root): is not an object"] };
  }
  const migrated = migrateStoredRecord(kind, raw as Record<string, unknown>, version);
  if (!migrated.ok) return migrated;
  const parsed = kind === "note" ? parseNote(migrated.value) : parseUserName(migrated.value);
  if (!parsed.ok) return parsed;
  const expected = kind === "note" ? makeNoteKey(parsed.value.id) : makeNameKey(parsed.value.id);
  return expected === key
    ? parsed
    : { ok: false, problems: ["id: does not match the key it is stored under"] };
}

function readQuarantineEntry(storageKey: string, raw: unknown): QuarantineEntry {
  const entry = (typeof raw === "object" && raw !== null ? raw : {}) as Partial<
    Record<keyof QuarantineEntry, unknown>
  >;
  if (typeof entry.key === "string" && typeof entry.reason === "string" && typeof entry.at === "number") {
    return { key: entry.key, raw: entry.raw, reason: entry.reason, at: entry.at };
  }
  return { key: storageKey, raw, reason: "a quarantine entry in an unknown shape", at: 0 };
}

function findFreeKey(base: string, claimed: ReadonlySet<string>): string {
  if (!claimed.has(base)) return base;
  let counter = 2;
  while (claimed.has(`${base}#${counter}`)) counter++;
  return `${base}#${counter}`;
}

/**
 * What to `storage.local.set` for `records`: one key per record. Validates every record
 * first and refuses the whole write, naming the problems, if any is invalid, so nothing is
 * ever stored that would be quarantined on the next load.
 */
export function makeRecordsPatch(records: {
  notes?: readonly Note[];
  names?: readonly UserName[];
}): ParseResult<Record<string, unknown>> {
  const patch: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const note of records.notes ?? []) {
    const parsed = parseNote(note);
    if (parsed.ok) patch[makeNoteKey(parsed.value.id)] = parsed.value;
    else problems.push(...parsed.problems.map((problem) => `note ${String(note?.id)}: ${problem}`));
  }
  for (const name of records.names ?? []) {
    const parsed = parseUserName(name);
    if (parsed.ok) patch[makeNameKey(parsed.value.id)] = parsed.value;
    else problems.push(...parsed.problems.map((problem) => `name ${String(name?.id)}: ${problem}`));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: patch };
}

/** The keys of stored notes (readable or not) whose `entityId` is `entityId`. */
export function findNoteKeysFor(all: Record<string, unknown>, entityId: string): string[] {
  return Object.entries(all)
    .filter(
      ([key, raw]) =>
        key.startsWith(NOTE_KEY_PREFIX) &&
        typeof raw === "object" &&
        raw !== null &&
        (raw as { entityId?: unknown }).entityId === entityId,
    )
    .map(([key]) => key);
}

/** What a `storage.onChanged` event means for the user's data. */
export interface UserDataChanges {
  savedNotes: Note[];
  deletedNoteIds: string[];
  savedNames: UserName[];
  deletedNameIds: string[];
  /** Changed records that do not read (they are quarantined on the next load). */
  problems: string[];
}

/**
 * Reads a `storage.onChanged` change set: saved (valid) and deleted notes and names. Returns
 * null when no note or name changed, so listeners only hear about their own data.
 */
export function readUserDataChanges(changes: Record<string, { newValue?: unknown }>): UserDataChanges | null {
  const out: UserDataChanges = {
    savedNotes: [],
    deletedNoteIds: [],
    savedNames: [],
    deletedNameIds: [],
    problems: [],
  };
  let relevant = false;
  for (const [key, change] of Object.entries(changes)) {
    const kind = key.startsWith(NOTE_KEY_PREFIX) ? "note" : key.startsWith(NAME_KEY_PREFIX) ? "name" : null;
    if (kind === null) continue;
    relevant = true;
    const id = key.slice((kind === "note" ? NOTE_KEY_PREFIX : NAME_KEY_PREFIX).length);
    if (change.newValue === undefined) {
      (kind === "note" ? out.deletedNoteIds : out.deletedNameIds).push(id);
      continue;
    }
    const read = readStoredRecord(kind, key, change.newValue, USER_DATA_VERSION);
    if (!read.ok) out.problems.push(`${key}: ${read.problems.slice(0, 5).join("; ")}`);
    else if (kind === "note") out.savedNotes.push(read.value as Note);
    else out.savedNames.push(read.value as UserName);
  }
  return relevant ? out : null;
}

/**
 * The export file for `data`, stamped `now`; `settings` are included when given. Records
 * are exported as given (the caller passes loaded, valid ones).
 */
export function buildExportFile(
  data: { notes: readonly Note[]; names: readonly UserName[] },
  settings: Settings | undefined,
  now: number,
): ExportFile {
  return {
    format: EXPORT_FORMAT,
    schemaVersion: USER_DATA_VERSION,
    exportedAt: now,
    notes: [...data.notes],
    names: [...data.names],
    ...(settings === undefined ? {} : { settings }),
  };
}

/** A storage failure, worded for the user. `reason` tells a full store from anything else. */
export class UserDataError extends Error {
  readonly reason: "quota" | "failed";

  constructor(message: string, reason: "quota" | "failed", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UserDataError";
    this.reason = reason;
  }
}

/** True when `error` says the storage quota is used up (Chromium: QUOTA_BYTES; Firefox: QuotaExceededError). */
export function isQuotaError(error: unknown): boolean {
  const { name, message } = readError(error);
  return name === "QuotaExceededError" || /QUOTA_BYTES|QuotaExceeded|quota/i.test(message);
}

/** The name and message of anything thrown. */
function readError(error: unknown): { name: string; message: string } {
  // Errors cross the polyfill as Error, DOMException or a plain { message } object.
  const { name, message } = (typeof error === "object" && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
  };
  return {
    name: typeof name === "string" ? name : "",
    message: typeof message === "string" ? message : String(error),
  };
}

/**
 * Wraps a storage failure as a {@link UserDataError}. `what` says what did not happen, in
 * lower case ("your note was not saved").
 */
export function toUserDataError(error: unknown, what: string): UserDataError {
  if (error instanceof UserDataError) return error;
  if (isQuotaError(error)) {
    return new UserDataError(
      `Your browser's storage for Context Cards is full, so ${what}. Delete notes you no longer need (export them first to keep a copy) and try again.`,
      "quota",
      { cause: error },
    );
  }
  return new UserDataError(`Something went wrong, so ${what}: ${readError(error).message}`, "failed", {
    cause: error,
  });
}
