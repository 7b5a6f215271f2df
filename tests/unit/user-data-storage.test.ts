import { beforeEach, describe, expect, it, vi } from "vitest";
import { NAME_INDEX_KEY, toIndexedName } from "../../src/core/name-index";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import {
  makeNameKey,
  makeNoteKey,
  USER_DATA_VERSION_KEY,
  UserDataError,
} from "../../src/core/user-data-records";
import {
  deleteNote,
  deleteUserName,
  exportUserData,
  loadUserData,
  saveNote,
  saveUserName,
  watchUserData,
  writeRecords,
} from "../../src/platform/user-data-storage";
import { makeTestName, makeTestNote } from "./user-data-fixture";

type Listener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

// An in-memory storage.local: set and remove notify listeners as the browser does, and
// `failNext` makes the next call reject with the given error.
const fake = vi.hoisted(() => {
  const state = {
    items: {} as Record<string, unknown>,
    listeners: new Set<Listener>(),
    failNext: null as unknown,
    calls: [] as string[],
  };
  const maybeFail = (call: string) => {
    state.calls.push(call);
    if (state.failNext === null) return;
    const error = state.failNext;
    state.failNext = null;
    throw error;
  };
  const notify = (changes: Record<string, { newValue?: unknown }>) => {
    for (const listener of state.listeners) listener(changes, "local");
  };
  const local = {
    get: async (keys: null) => {
      maybeFail(`get:${String(keys)}`);
      return structuredClone(state.items);
    },
    set: async (patch: Record<string, unknown>) => {
      maybeFail(`set:${Object.keys(patch).join(",")}`);
      Object.assign(state.items, structuredClone(patch));
      notify(Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, { newValue: value }])));
    },
    remove: async (keys: string | string[]) => {
      const list = typeof keys === "string" ? [keys] : keys;
      maybeFail(`remove:${list.join(",")}`);
      for (const key of list) delete state.items[key];
      notify(Object.fromEntries(list.map((key) => [key, {}])));
    },
  };
  const onChanged = {
    addListener: (listener: Listener) => state.listeners.add(listener),
    removeListener: (listener: Listener) => state.listeners.delete(listener),
  };
  return { state, browser: { storage: { local, onChanged } }, notify };
});

vi.mock("../../src/platform/browser", () => ({ browser: fake.browser }));

const note = makeTestNote({ id: "n1", entityId: "user:acme-labs-abc123" });
const name = makeTestName();

beforeEach(() => {
  fake.state.items = { [USER_DATA_VERSION_KEY]: 1 };
  fake.state.listeners.clear();
  fake.state.failNext = null;
  fake.state.calls = [];
});

describe("user-data storage", () => {
  it("saves, loads and deletes notes and names, one key each", async () => {
    await saveNote(note);
    await saveUserName(name);
    expect(fake.state.items).toEqual({
      [USER_DATA_VERSION_KEY]: 1,
      [makeNoteKey("n1")]: note,
      [makeNameKey(name.id)]: name,
      // The pages' copy of the names, written with the name.
      [NAME_INDEX_KEY]: [toIndexedName(name)],
    });
    expect(await loadUserData()).toEqual({ notes: [note], names: [name], quarantined: [], problems: [] });
    await deleteNote("n1");
    expect(Object.keys(fake.state.items).sort()).toEqual(
      [USER_DATA_VERSION_KEY, makeNameKey(name.id), NAME_INDEX_KEY].sort(),
    );
  });

  it("writes many records in one call, and nothing when one is invalid", async () => {
    const other = makeTestNote({ id: "n2" });
    await writeRecords({ notes: [note, other], names: [name] });
    expect(fake.state.calls).toEqual([
      `get:${NAME_INDEX_KEY}`,
      `set:${makeNoteKey("n1")},${makeNoteKey("n2")},${makeNameKey(name.id)},${NAME_INDEX_KEY}`,
    ]);
    fake.state.calls = [];
    await expect(writeRecords({ notes: [{ ...note, id: "n3", text: "" }] })).rejects.toThrow(
      "Nothing was saved, because some records are invalid: note n3: (root): needs text or a quote",
    );
    expect(fake.state.calls).toEqual([]);
  });

  it("moves an unreadable record aside on load, and loads the rest", async () => {
    fake.state.items[makeNoteKey("n1")] = note;
    fake.state.items[makeNoteKey("bad")] = { id: "bad" };
    const loaded = await loadUserData();
    expect(loaded.notes).toEqual([note]);
    expect(loaded.quarantined).toEqual([
      {
        key: makeNoteKey("bad"),
        raw: { id: "bad" },
        reason: expect.stringContaining("entityId"),
        at: expect.any(Number),
      },
    ]);
    expect(loaded.problems).toHaveLength(1);
    expect(makeNoteKey("bad") in fake.state.items).toBe(false);
    expect(fake.state.items[`context-cards:quarantine:${makeNoteKey("bad")}`]).toEqual(loaded.quarantined[0]);
  });

  it("leaves an unreadable record in place when it cannot be moved, and says so", async () => {
    fake.state.items[makeNoteKey("bad")] = 7;
    fake.state.calls = [];
    const get = fake.browser.storage.local.get;
    fake.browser.storage.local.get = async (keys: null) => {
      const all = await get(keys);
      fake.state.failNext = new Error("IO error");
      return all;
    };
    try {
      const loaded = await loadUserData();
      expect(loaded.problems.at(-1)).toBe(
        "unreadable records could not be moved aside, so they stay where they are: Error: IO error",
      );
      expect(fake.state.items[makeNoteKey("bad")]).toBe(7);
    } finally {
      fake.browser.storage.local.get = get;
    }
  });

  it("rewrites the pages' copy of the names when it disagrees with the records", async () => {
    fake.state.items[makeNameKey(name.id)] = name;
    fake.state.items[NAME_INDEX_KEY] = [{ id: "user:gone", name: "Gone", aliases: [], kind: "concept" }];
    await loadUserData();
    expect(fake.state.items[NAME_INDEX_KEY]).toEqual([toIndexedName(name)]);
    fake.state.calls = [];
    await loadUserData();
    expect(fake.state.calls).toEqual(["get:null"]);
  });

  it("adds the version key on the first load", async () => {
    fake.state.items = {};
    await loadUserData();
    expect(fake.state.items).toEqual({ [USER_DATA_VERSION_KEY]: 1 });
  });

  it("rejects with a plain message when storage is full", async () => {
    fake.state.failNext = new Error("QUOTA_BYTES quota exceeded");
    const saving = saveNote(note);
    await expect(saving).rejects.toBeInstanceOf(UserDataError);
    await expect(saving).rejects.toThrow(
      /^Your browser's storage for Context Cards is full, so nothing was saved\./,
    );
  });

  it("rejects when storage cannot be read at all", async () => {
    fake.state.failNext = new Error("gone");
    await expect(loadUserData()).rejects.toThrow(
      "Something went wrong, so your notes and names could not be read: gone",
    );
  });

  it("keeps a deleted name's notes unless asked to delete them too", async () => {
    const elsewhere = makeTestNote({ id: "n2", entityId: "deepseek" });
    await writeRecords({ notes: [note, elsewhere], names: [name] });
    await deleteUserName(name.id);
    expect(Object.keys(fake.state.items).sort()).toEqual(
      [USER_DATA_VERSION_KEY, makeNoteKey("n1"), makeNoteKey("n2"), NAME_INDEX_KEY].sort(),
    );
    expect(fake.state.items[NAME_INDEX_KEY]).toEqual([]);
    await saveUserName(name);
    fake.state.calls = [];
    await deleteUserName(name.id, { deleteNotes: true });
    // The record goes before the index entry, so a repair elsewhere cannot bring it back.
    expect(fake.state.calls).toEqual([
      "get:null",
      `remove:${makeNameKey(name.id)},${makeNoteKey("n1")}`,
      `get:${NAME_INDEX_KEY}`,
      `set:${NAME_INDEX_KEY}`,
    ]);
    expect(Object.keys(fake.state.items).sort()).toEqual(
      [USER_DATA_VERSION_KEY, makeNoteKey("n2"), NAME_INDEX_KEY].sort(),
    );
  });

  it("tells a watcher about its own data only, from the local area, until stopped", async () => {
    const heard = vi.fn();
    const stop = watchUserData(heard);
    await saveNote(note);
    fake.notify({ "context-cards:settings": { newValue: {} } });
    for (const listener of fake.state.listeners) listener({ [makeNoteKey("x")]: {} }, "sync");
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenCalledWith({
      savedNotes: [note],
      deletedNoteIds: [],
      savedNames: [],
      deletedNameIds: [],
      problems: [],
    });
    stop();
    await deleteNote("n1");
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it("exports everything stored, with the settings given", async () => {
    await writeRecords({ notes: [note], names: [name] });
    const file = await exportUserData(DEFAULT_SETTINGS);
    expect(file).toEqual({
      format: "context-cards-export",
      schemaVersion: 1,
      exportedAt: expect.any(Number),
      notes: [note],
      names: [name],
      settings: DEFAULT_SETTINGS,
    });
  });
});
