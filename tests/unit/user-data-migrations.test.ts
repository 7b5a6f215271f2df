import { describe, expect, it } from "vitest";
import {
  EXPORT_MIGRATIONS,
  type Migration,
  migrateExport,
  migrateStoredRecord,
  runMigrations,
  STORED_RECORD_MIGRATIONS,
} from "../../src/core/user-data-migrations";
import { USER_DATA_VERSION } from "../../src/core/user-data-schema";

/** Three synthetic steps (1→2, 2→3, 3→4) that log their calls and append to `trail`. */
function makeSteps(calls: number[]): Migration[] {
  return [1, 2, 3].map((from) => (old: Record<string, unknown>) => {
    calls.push(from);
    return { ...old, trail: `${String(old.trail ?? "")}${from}` };
  });
}

describe("runMigrations", () => {
  it("applies every step from the given version once, in order", () => {
    const calls: number[] = [];
    const result = runMigrations({ trail: "" }, 1, makeSteps(calls));
    expect(result).toEqual({ ok: true, value: { trail: "123" } });
    expect(calls).toEqual([1, 2, 3]);
  });

  it("starts in the middle for a middle version, and does nothing at the current one", () => {
    const calls: number[] = [];
    expect(runMigrations({}, 3, makeSteps(calls))).toEqual({ ok: true, value: { trail: "3" } });
    expect(runMigrations({ a: 1 }, 4, makeSteps(calls))).toEqual({ ok: true, value: { a: 1 } });
    expect(calls).toEqual([3]);
  });

  it("writes each new version into versionKey, and honours firstVersion", () => {
    const steps: Migration[] = [(old) => ({ ...old, seen: old.v })];
    expect(runMigrations({ v: 5 }, 5, steps, { firstVersion: 5, versionKey: "v" })).toEqual({
      ok: true,
      value: { v: 6, seen: 5 },
    });
  });

  it("does not change the record it was given", () => {
    const record = { trail: "" };
    runMigrations(record, 1, makeSteps([]), { versionKey: "schemaVersion" });
    expect(record).toEqual({ trail: "" });
  });

  it("refuses a newer version in plain words", () => {
    expect(runMigrations({}, 3, [])).toEqual({
      ok: false,
      problems: ["made by a newer version of Context Cards (schema 3); this version reads up to 1"],
    });
  });

  it.each([
    [undefined, "does not say which version of Context Cards made it (schemaVersion is missing)"],
    [null, "does not say which version of Context Cards made it (schemaVersion is missing)"],
    [0, "schema 0 was never written by Context Cards (the first is 1)"],
    [-2, "schema -2 was never written by Context Cards (the first is 1)"],
    [1.5, "schemaVersion must be a whole number, not 1.5"],
    [Number.NaN, "schemaVersion must be a whole number, not a non-finite number"],
    [Number.POSITIVE_INFINITY, "schemaVersion must be a whole number, not a non-finite number"],
    ["1", "schemaVersion must be a whole number, not a string"],
    [[1], "schemaVersion must be a whole number, not a list"],
    [{ v: 1 }, "schemaVersion must be a whole number, not an object"],
  ])("refuses the version %j without running a step", (version, problem) => {
    const calls: number[] = [];
    expect(runMigrations({}, version, makeSteps(calls))).toEqual({ ok: false, problems: [problem] });
    expect(calls).toEqual([]);
  });

  it("reports a step that throws instead of throwing", () => {
    const steps: Migration[] = [
      (old) => old,
      () => {
        throw new Error("bad shape");
      },
    ];
    expect(runMigrations({}, 1, steps)).toEqual({
      ok: false,
      problems: ["could not be upgraded from schema 2: Error: bad shape"],
    });
  });
});

describe("the user-data migrations", () => {
  it("have one step per earlier version (none yet: version 1 is the first)", () => {
    expect(USER_DATA_VERSION).toBe(1);
    expect(EXPORT_MIGRATIONS.length).toBe(USER_DATA_VERSION - 1);
    expect(STORED_RECORD_MIGRATIONS.note.length).toBe(USER_DATA_VERSION - 1);
    expect(STORED_RECORD_MIGRATIONS.name.length).toBe(USER_DATA_VERSION - 1);
  });

  it("read a current export file as it is, and refuse a missing or newer version", () => {
    const file = { format: "context-cards-export", schemaVersion: 1, notes: [] };
    expect(migrateExport(file)).toEqual({ ok: true, value: file });
    expect(migrateExport({ format: "context-cards-export" })).toEqual({
      ok: false,
      problems: ["does not say which version of Context Cards made it (schemaVersion is missing)"],
    });
    expect(migrateExport({ schemaVersion: 3 })).toEqual({
      ok: false,
      problems: ["made by a newer version of Context Cards (schema 3); this version reads up to 1"],
    });
  });

  it("read a current stored record as it is", () => {
    expect(migrateStoredRecord("note", { id: "a" }, 1)).toEqual({ ok: true, value: { id: "a" } });
    expect(migrateStoredRecord("name", { id: "b" }, 2).ok).toBe(false);
  });
});
