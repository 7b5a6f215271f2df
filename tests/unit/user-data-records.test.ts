import { describe, expect, it } from "vitest";
import { readImportFile } from "../../src/core/import-plan";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import {
  buildExportFile,
  findNoteKeysFor,
  isQuotaError,
  isUserDataKey,
  makeNameKey,
  makeNoteKey,
  makeRecordsPatch,
  readUserDataChanges,
  sortStoredRecords,
  toUserDataError,
  USER_DATA_VERSION_KEY,
  UserDataError,
} from "../../src/core/user-data-records";
import { makeTestName, makeTestNote, T0 } from "./user-data-fixture";

const NOW = T0 + 5000;
const note = makeTestNote({ id: "n1" });
const older = makeTestNote({ id: "n0", createdAt: T0 - 10, updatedAt: T0 - 10 });
const name = makeTestName();

describe("keys", () => {
  it("prefixes every record's key and recognises only its own keys", () => {
    expect(makeNoteKey("n1")).toBe("context-cards:note:n1");
    expect(makeNameKey("user:a")).toBe("context-cards:name:user:a");
    expect(isUserDataKey("context-cards:note:n1")).toBe(true);
    expect(isUserDataKey("context-cards:quarantine:context-cards:note:n1")).toBe(true);
    expect(isUserDataKey(USER_DATA_VERSION_KEY)).toBe(true);
    expect(isUserDataKey("context-cards:settings")).toBe(false);
    expect(isUserDataKey("note:n1")).toBe(false);
  });
});

describe("sortStoredRecords", () => {
  it("loads valid records oldest first and ignores keys that are not ours", () => {
    const sorted = sortStoredRecords(
      {
        [USER_DATA_VERSION_KEY]: 1,
        [makeNoteKey("n1")]: note,
        [makeNoteKey("n0")]: older,
        [makeNameKey(name.id)]: name,
        "context-cards:settings": { enabled: false },
        "someone-else": 42,
      },
      NOW,
    );
    expect(sorted).toEqual({
      notes: [older, note],
      names: [name],
      quarantined: [],
      problems: [],
      patch: {},
      removals: [],
    });
  });

  it("writes the version key when it is missing", () => {
    expect(sortStoredRecords({}, NOW).patch).toEqual({ [USER_DATA_VERSION_KEY]: 1 });
  });

  it("moves records that do not read to quarantine keys, with the reason, and loads the rest", () => {
    const broken = { ...note, id: "n2", createdAt: "yesterday" };
    const sorted = sortStoredRecords(
      {
        [USER_DATA_VERSION_KEY]: 1,
        [makeNoteKey("n1")]: note,
        [makeNoteKey("n2")]: broken,
        [makeNoteKey("wrong")]: note,
        [makeNameKey("user:x")]: "just text",
      },
      NOW,
    );
    expect(sorted.notes).toEqual([note]);
    expect(sorted.removals).toEqual([makeNoteKey("n2"), makeNoteKey("wrong"), makeNameKey("user:x")]);
    expect(sorted.patch).toEqual({
      "context-cards:quarantine:context-cards:note:n2": {
        key: makeNoteKey("n2"),
        raw: broken,
        reason: "createdAt: expected number",
        at: NOW,
      },
      "context-cards:quarantine:context-cards:note:wrong": {
        key: makeNoteKey("wrong"),
        raw: note,
        reason: "id: does not match the key it is stored under",
        at: NOW,
      },
      "context-cards:quarantine:context-cards:name:user:x": {
        key: makeNameKey("user:x"),
        raw: "just text",
        reason: "(root): is not an object",
        at: NOW,
      },
    });
    expect(sorted.quarantined).toEqual(Object.values(sorted.patch));
    expect(sorted.problems).toEqual([
      "context-cards:note:n2: could not be read (createdAt: expected number); moved aside to context-cards:quarantine:context-cards:note:n2, not deleted",
      "context-cards:note:wrong: could not be read (id: does not match the key it is stored under); moved aside to context-cards:quarantine:context-cards:note:wrong, not deleted",
      "context-cards:name:user:x: could not be read ((root): is not an object); moved aside to context-cards:quarantine:context-cards:name:user:x, not deleted",
    ]);
  });

  it("never overwrites an earlier quarantine entry, and lists it", () => {
    const earlier = { key: makeNoteKey("n2"), raw: 1, reason: "old", at: T0 };
    const sorted = sortStoredRecords(
      {
        [USER_DATA_VERSION_KEY]: 1,
        [makeNoteKey("n2")]: 2,
        "context-cards:quarantine:context-cards:note:n2": earlier,
        "context-cards:quarantine:context-cards:note:n2#2": earlier,
        "context-cards:quarantine:odd": "not an entry",
      },
      NOW,
    );
    expect(Object.keys(sorted.patch)).toEqual(["context-cards:quarantine:context-cards:note:n2#3"]);
    expect(sorted.quarantined).toEqual([
      { key: makeNoteKey("n2"), raw: 2, reason: "(root): is not an object", at: NOW },
      earlier,
      earlier,
      {
        key: "context-cards:quarantine:odd",
        raw: "not an entry",
        reason: "a quarantine entry in an unknown shape",
        at: 0,
      },
    ]);
  });

  it("leaves records of a newer version where they are, and still loads what reads", () => {
    const future = { ...note, id: "n9", mood: "happy" };
    const sorted = sortStoredRecords(
      { [USER_DATA_VERSION_KEY]: 2, [makeNoteKey("n1")]: note, [makeNoteKey("n9")]: future },
      NOW,
    );
    expect(sorted.notes).toEqual([note]);
    expect(sorted.patch).toEqual({});
    expect(sorted.removals).toEqual([]);
    expect(sorted.problems).toEqual([
      "context-cards:note:n9: left as it is (written by a newer version of Context Cards): mood: is not a known field",
    ]);
  });

  it("reads records as version 1 when the version key is junk, and says so", () => {
    const sorted = sortStoredRecords({ [USER_DATA_VERSION_KEY]: "two", [makeNoteKey("n1")]: note }, NOW);
    expect(sorted.notes).toEqual([note]);
    expect(sorted.problems).toEqual([
      "context-cards:user-data-version: not a version number; reading records as version 1",
    ]);
  });
});

describe("makeRecordsPatch", () => {
  it("stores each record under its own key", () => {
    expect(makeRecordsPatch({ notes: [note], names: [name] })).toEqual({
      ok: true,
      value: { [makeNoteKey("n1")]: note, [makeNameKey(name.id)]: name },
    });
  });

  it("refuses the whole write when one record is invalid", () => {
    expect(makeRecordsPatch({ notes: [note, { ...note, id: "bad id" }] })).toEqual({
      ok: false,
      problems: ["note bad id: id: must be 1 to 64 letters, digits, '_' or '-'"],
    });
  });
});

describe("findNoteKeysFor", () => {
  it("finds the notes on an entity, readable or not", () => {
    const all = {
      [makeNoteKey("n1")]: makeTestNote({ id: "n1", entityId: "user:a" }),
      [makeNoteKey("n2")]: { entityId: "user:a", broken: true },
      [makeNoteKey("n3")]: makeTestNote({ id: "n3", entityId: "user:b" }),
      [makeNameKey("user:a")]: { entityId: "user:a" },
    };
    expect(findNoteKeysFor(all, "user:a")).toEqual([makeNoteKey("n1"), makeNoteKey("n2")]);
  });
});

describe("readUserDataChanges", () => {
  it("reads saves and deletions of notes and names, and ignores other keys", () => {
    const changes = readUserDataChanges({
      [makeNoteKey("n1")]: { newValue: note },
      [makeNoteKey("gone")]: {},
      [makeNameKey(name.id)]: { newValue: name },
      [makeNameKey("user:old")]: { newValue: undefined },
      [makeNoteKey("bad")]: { newValue: { id: "bad" } },
      "context-cards:settings": { newValue: {} },
    });
    expect(changes).toEqual({
      savedNotes: [note],
      deletedNoteIds: ["gone"],
      savedNames: [name],
      deletedNameIds: ["user:old"],
      problems: [
        "context-cards:note:bad: entityId: is missing; text: is missing; createdAt: is missing; updatedAt: is missing",
      ],
    });
  });

  it("says nothing when none of the user's data changed", () => {
    expect(
      readUserDataChanges({ "context-cards:settings": { newValue: {} }, [USER_DATA_VERSION_KEY]: {} }),
    ).toBeNull();
  });
});

describe("buildExportFile", () => {
  it("builds a file that imports back to the same records and settings", () => {
    const file = buildExportFile({ notes: [note], names: [name] }, DEFAULT_SETTINGS, NOW);
    expect(file).toMatchObject({ format: "context-cards-export", schemaVersion: 1, exportedAt: NOW });
    const read = readImportFile(JSON.stringify(file));
    expect(read).toEqual({ ok: true, file, settings: { settings: DEFAULT_SETTINGS, problems: [] } });
  });

  it("leaves the settings out when none are given", () => {
    expect("settings" in buildExportFile({ notes: [], names: [] }, undefined, NOW)).toBe(false);
  });
});

describe("storage errors", () => {
  it.each([
    new Error("QUOTA_BYTES quota exceeded"),
    new Error("Resource::kQuotaBytes quota exceeded"),
    new DOMException("The quota has been exceeded.", "QuotaExceededError"),
    Object.assign(new Error("whatever"), { name: "QuotaExceededError" }),
    { message: "QUOTA_BYTES_PER_ITEM quota exceeded" },
  ])("recognises %s as a full store", (error) => {
    expect(isQuotaError(error)).toBe(true);
    const wrapped = toUserDataError(error, "your note was not saved");
    expect(wrapped).toBeInstanceOf(UserDataError);
    expect(wrapped.reason).toBe("quota");
    expect(wrapped.message).toBe(
      "Your browser's storage for Context Cards is full, so your note was not saved. Delete notes you no longer need (export them first to keep a copy) and try again.",
    );
    expect(wrapped.cause).toBe(error);
  });

  it.each([
    [new Error("IO error: disk"), "Something went wrong, so your note was not saved: IO error: disk"],
    ["a string", "Something went wrong, so your note was not saved: a string"],
    [undefined, "Something went wrong, so your note was not saved: undefined"],
  ])("words any other failure plainly: %s", (error, message) => {
    expect(isQuotaError(error)).toBe(false);
    const wrapped = toUserDataError(error, "your note was not saved");
    expect(wrapped.reason).toBe("failed");
    expect(wrapped.message).toBe(message);
  });

  it("passes a UserDataError through unchanged", () => {
    const error = new UserDataError("already worded", "failed");
    expect(toUserDataError(error, "anything")).toBe(error);
  });
});
