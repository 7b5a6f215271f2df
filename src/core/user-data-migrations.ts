/**
 * Ordered migrations for the user's data, in the style of the settings' `MIGRATIONS`: each
 * step turns a plain record of version n into version n+1, so steps never depend on the
 * current types, and old data is upgraded step by step before it is validated.
 *
 * Honest status: version 1 is the first version ever written, so there is no older on-disk
 * or exported shape yet and every list of steps below is empty. The runner is real and
 * tested with synthetic steps; the first shape change adds its step here.
 */
import type { ParseResult } from "./knowledge-schema";

/** One step: a version-n record in, its version-(n+1) form out. Must not mutate its input. */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** Knobs for {@link runMigrations}. */
export interface MigrationOptions {
  /** The oldest version `steps` start from: `steps[i]` upgrades `firstVersion + i`. Default 1. */
  firstVersion?: number;
  /** When given, the runner writes each step's new version number into this field. */
  versionKey?: string;
}

/**
 * Upgrades `record` from `fromVersion` to the current version (`firstVersion + steps.length`),
 * applying each needed step once, in order. Refuses, in plain words and without echoing the
 * input, a missing version, one that is not a whole number, one older than `firstVersion`,
 * one newer than the current version, and a step that throws. Never throws.
 */
export function runMigrations(
  record: Record<string, unknown>,
  fromVersion: unknown,
  steps: readonly Migration[],
  options: MigrationOptions = {},
): ParseResult<Record<string, unknown>> {
  const first = options.firstVersion ?? 1;
  const current = first + steps.length;
  const refuse = (problem: string): ParseResult<Record<string, unknown>> => ({
    ok: false,
    problems: [problem],
  });
  if (fromVersion === undefined || fromVersion === null) {
    return refuse("does not say which version of Context Cards made it (schemaVersion is missing)");
  }
  if (typeof fromVersion !== "number" || !Number.isInteger(fromVersion)) {
    return refuse(`schemaVersion must be a whole number, not ${describeValue(fromVersion)}`);
  }
  if (fromVersion > current) {
    return refuse(
      `made by a newer version of Context Cards (schema ${fromVersion}); this version reads up to ${current}`,
    );
  }
  if (fromVersion < first) {
    return refuse(`schema ${fromVersion} was never written by Context Cards (the first is ${first})`);
  }
  let value = record;
  for (let version = fromVersion; version < current; version++) {
    const step = steps[version - first];
    if (!step) continue;
    try {
      value = step(value);
    } catch (error) {
      return refuse(`could not be upgraded from schema ${version}: ${String(error)}`);
    }
    if (options.versionKey !== undefined) value = { ...value, [options.versionKey]: version + 1 };
  }
  return { ok: true, value };
}

/** A short, safe description of a value's type, never its content (e.g. `a string`). */
function describeValue(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "a non-finite number";
  if (Array.isArray(value)) return "a list";
  return `${typeof value === "object" ? "an" : "a"} ${typeof value}`;
}

/** Steps for export files: `EXPORT_MIGRATIONS[i]` upgrades schema `i + 1`. None yet (see the module comment). */
export const EXPORT_MIGRATIONS: readonly Migration[] = [];

/** Steps for stored notes and names, keyed by the stored user-data version. None yet. */
export const STORED_RECORD_MIGRATIONS: {
  readonly note: readonly Migration[];
  readonly name: readonly Migration[];
} = { note: [], name: [] };

/**
 * Upgrades a parsed export file (any JSON object) to `USER_DATA_VERSION` (user-data-schema.ts) by its
 * `schemaVersion`. Refuses files without one and files from newer versions. Never throws.
 */
export function migrateExport(raw: Record<string, unknown>): ParseResult<Record<string, unknown>> {
  return runMigrations(raw, raw.schemaVersion, EXPORT_MIGRATIONS, { versionKey: "schemaVersion" });
}

/**
 * Upgrades one stored note or name written when the store was at `fromVersion` (the value
 * of the store's version key). Never throws.
 */
export function migrateStoredRecord(
  kind: "note" | "name",
  raw: Record<string, unknown>,
  fromVersion: number,
): ParseResult<Record<string, unknown>> {
  return runMigrations(raw, fromVersion, STORED_RECORD_MIGRATIONS[kind]);
}
