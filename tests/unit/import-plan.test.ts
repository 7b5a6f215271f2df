import fc from "fast-check";
import * as v from "valibot";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  applyPlan,
  mergeSettings,
  planImport,
  readImportFile,
  summarizePlan,
} from "../../src/core/import-plan";
import { DEFAULT_SETTINGS, parseSettings, type Settings } from "../../src/core/settings";
import {
  type ExportFile,
  ExportFileSchema,
  MAX_IMPORT_BYTES,
  type Note,
  parseNote,
  parseUserName,
  type UserName,
} from "../../src/core/user-data-schema";
import {
  exportArb,
  makeTestExport,
  makeTestName,
  makeTestNote,
  noteArb,
  seededRandom,
  T0,
  userNameArb,
} from "./user-data-fixture";

const validFile = makeTestExport(
  [
    makeTestNote(),
    makeTestNote({ id: "note-2", entityId: "user:acme-labs-abc123", text: "", quote: { exact: "Acme" } }),
  ],
  [makeTestName({ aliases: ["ACME Corp"] })],
  { ...DEFAULT_SETTINGS, hoverDelayMs: 900 },
);

function messageOf(text: string): string {
  const result = readImportFile(text);
  return result.ok ? "(accepted)" : result.message;
}

/** True when `text` is a valid export by the full schema: an oracle independent of readImportFile. */
function isValidExport(text: string): boolean {
  try {
    const parsed = JSON.parse(text.replace(/^\ufeff/, ""));
    return v.safeParse(ExportFileSchema, parsed, { abortEarly: true }).success;
  } catch {
    return false;
  }
}

/**
 * Asserts the import contract for any text: never throws; accepted exactly when valid;
 * otherwise a message and no file. Returns whether it was accepted.
 */
function expectReadContract(text: string): boolean {
  const result = readImportFile(text);
  expect(result.ok).toBe(isValidExport(text));
  if (!result.ok) {
    expect(result.message.length).toBeGreaterThan(0);
    expect("file" in result).toBe(false);
  }
  return result.ok;
}

describe("readImportFile", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reads back an export, with its settings", () => {
    const result = readImportFile(JSON.stringify(validFile, null, 2));
    expect(result).toEqual({
      ok: true,
      file: validFile,
      settings: { settings: { ...DEFAULT_SETTINGS, hoverDelayMs: 900 }, problems: [] },
    });
  });

  it("reads a file without settings, and one with a byte-order mark", () => {
    const { settings: _settings, ...bare } = validFile;
    expect(readImportFile(JSON.stringify(bare))).toEqual({ ok: true, file: bare, settings: null });
    expect(readImportFile(`\ufeff${JSON.stringify(bare)}`).ok).toBe(true);
  });

  it("keeps the file when a setting is bad, and says which", () => {
    const settings = { settingsVersion: 1, hoverDelayMs: "slow" };
    const result = readImportFile(JSON.stringify({ ...validFile, settings }));
    expect(result.ok && result.settings?.problems).toEqual([
      "settings.hoverDelayMs: invalid value; using the default",
    ]);
  });

  it.each([
    ["", "the file is empty"],
    ["  \n ", "the file is empty"],
    ["[]", "this is not a Context Cards export"],
    ["null", "this is not a Context Cards export"],
    ["42", "this is not a Context Cards export"],
    ['"context-cards-export"', "this is not a Context Cards export"],
    ['{"format":"something-else","schemaVersion":1}', "this is not a Context Cards export"],
    [
      '{"format":"context-cards-export","notes":[]}',
      "this file cannot be imported: does not say which version of Context Cards made it (schemaVersion is missing)",
    ],
    [
      '{"format":"context-cards-export","schemaVersion":3}',
      "this file cannot be imported: made by a newer version of Context Cards (schema 3); this version reads up to 1",
    ],
  ])("refuses %j: %s", (text, message) => {
    expect(messageOf(text)).toBe(message);
  });

  it("names a JSON syntax error with the parser's words", () => {
    expect(messageOf('{"format": "context-cards-export",}')).toMatch(/^not JSON: .*position 34/);
    expect(messageOf('{"format": "context-car')).toMatch(/^not JSON: /);
  });

  it("names schema problems with their paths", () => {
    const notes = [0, 1, 2, 3].map((i) => makeTestNote({ id: `n${i}` })) as unknown[];
    notes[3] = { ...makeTestNote({ id: "n3" }), createdAt: "monday" };
    expect(messageOf(JSON.stringify({ ...validFile, notes }))).toBe(
      "this file has problems: notes[3].createdAt: expected number",
    );
    expect(messageOf(JSON.stringify({ ...validFile, names: [{ ...makeTestName(), kind: "planet" }] }))).toBe(
      "this file has problems: names[0].kind: must be one of: company, model, product, person, media, benchmark, concept",
    );
  });

  it("refuses a file over the size limit before parsing it", () => {
    const parse = vi.spyOn(JSON, "parse");
    expect(messageOf(" ".repeat(MAX_IMPORT_BYTES + 1))).toBe(
      "the file is too large (over 10 MB); the limit is 10 MB",
    );
    expect(messageOf("[".repeat(MAX_IMPORT_BYTES * 2))).toBe(
      "the file is too large (over 20 MB); the limit is 10 MB",
    );
    expect(parse).not.toHaveBeenCalled();
  });

  it("accepts a file of exactly the size limit", () => {
    const text = JSON.stringify(validFile);
    expect(readImportFile(text.padEnd(MAX_IMPORT_BYTES, " ")).ok).toBe(true);
  });

  it("refuses hostile keys without polluting any prototype", () => {
    const text = JSON.stringify(validFile).replace("{", '{"__proto__":{"polluted":true},');
    expect(messageOf(text)).toBe("this file has problems: __proto__: is not a known field");
    const inNote = JSON.stringify(validFile).replace(
      '{"id":"note-1"',
      '{"constructor":{"prototype":{"x":1}},"id":"note-1"',
    );
    expect(messageOf(inNote)).toBe("this file has problems: notes[0].constructor: is not a known field");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("survives deep nesting, huge numbers and lone surrogates", () => {
    const frame = JSON.stringify({ ...validFile, settings: undefined }).slice(0, -1);
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    const deepSettings = readImportFile(`${frame},"settings":${deep}}`);
    expect(deepSettings.ok && deepSettings.settings?.problems).toEqual([
      "settings: stored value was not an object; using defaults",
    ]);
    expect(
      messageOf(JSON.stringify({ ...validFile, notes: [] }).replace('"notes":[]', `"notes":${deep}`)),
    ).toMatch(/^this file has problems: notes\[0\]\.id: is missing/);
    const huge = JSON.stringify(validFile).replace(`"createdAt":${T0}`, '"createdAt":1e400');
    expect(messageOf(huge)).toBe(
      "this file has problems: notes[0].createdAt: must be a whole number of milliseconds",
    );
    const lone = readImportFile(JSON.stringify(validFile).replace('"A note"', '"A \\ud800 note"'));
    expect(lone.ok && lone.file.notes[0]?.text).toBe("A \ufffd note");
  });

  it("refuses every truncation of a valid file", () => {
    const text = JSON.stringify(validFile);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length - 1 }), (cut) => {
        expect(messageOf(text.slice(0, cut))).toMatch(/^(not JSON: |the file is empty$)/);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on random JSON, and accepts it only when it is valid", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectReadContract(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on random bytes or text, and accepts none of it", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((bytes) => new TextDecoder().decode(bytes)),
          fc.string({ unit: "binary", maxLength: 300 }),
        ),
        (text) => {
          const result = readImportFile(text);
          expect(result.ok).toBe(false);
          expect(result.ok || result.message.length > 0).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never throws on mutated valid files, and accepts one only when it is still valid", () => {
    const outcomes = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(exportArb, mutationArb, fc.nat(), (file, mutate, at) => {
        outcomes[expectReadContract(mutate(JSON.stringify(file), at)) ? "accepted" : "refused"]++;
      }),
      { numRuns: 1000 },
    );
    // Both sides of the contract were exercised.
    expect(outcomes.accepted).toBeGreaterThan(50);
    expect(outcomes.refused).toBeGreaterThan(300);
  }, 60_000);

  it("refuses oversized lists of notes or names with one message", () => {
    const notes = Array.from({ length: 50_001 }, (_, i) => makeTestNote({ id: `n${i}` }));
    expect(messageOf(JSON.stringify({ ...validFile, notes }))).toBe(
      "this file has problems: notes: must have at most 50000 notes",
    );
    const names = Array.from({ length: 5_001 }, () => 0);
    expect(messageOf(JSON.stringify({ ...validFile, names }))).toBe(
      "this file has problems: names: must have at most 5000 names",
    );
  });
});

type Mutation = (text: string, at: number) => string;

/** Every container and key in a JSON tree, root first. */
function listSlots(root: unknown): [Record<string, unknown>, string][] {
  const slots: [Record<string, unknown>, string][] = [];
  const visit = (node: unknown) => {
    if (typeof node !== "object" || node === null) return;
    for (const key of Object.keys(node)) {
      slots.push([node as Record<string, unknown>, key]);
      visit((node as Record<string, unknown>)[key]);
    }
  };
  visit(root);
  return slots;
}

/** Applies `change` to the slot numbered `at` (modulo their count) of the parsed `text`. */
function atSlot(change: (container: Record<string, unknown>, key: string) => void): Mutation {
  return (text, at) => {
    const tree = JSON.parse(text);
    const slots = listSlots(tree);
    const slot = slots[at % slots.length];
    if (slot) change(...slot);
    return JSON.stringify(tree);
  };
}

const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant(
    atSlot((container, key) => {
      if (Array.isArray(container)) container.splice(Number(key), 1);
      else delete container[key];
    }),
  ),
  fc.jsonValue({ maxDepth: 2 }).map((value) =>
    atSlot((container, key) => {
      container[key] = value;
    }),
  ),
  fc.constantFrom<unknown>(0, -1, 1.5, 1e300, "", "x", true, null, [], {}, "2024-01-01").map((value) =>
    atSlot((container, key) => {
      container[key] = value;
    }),
  ),
  fc.nat().map((cut) =>
    atSlot((container, key) => {
      const value = container[key];
      if (typeof value === "string") container[key] = value.slice(0, cut % (value.length + 1));
    }),
  ),
  fc.tuple(fc.constantFrom(...HOSTILE_KEYS), fc.jsonValue({ maxDepth: 1 })).map(
    ([hostile, value]): Mutation =>
      (text, at) => {
        // Inserted as text: JSON.parse makes "__proto__" an own key, as a real file would.
        const braces = [...text.matchAll(/\{/g)].map((match) => match.index);
        const index = braces[at % braces.length] ?? 0;
        return `${text.slice(0, index + 1)}${JSON.stringify(hostile)}:${JSON.stringify(value)},${text.slice(index + 1)}`;
      },
  ),
  fc.constantFrom("notes", "names").map(
    (field): Mutation =>
      (text, at) => {
        const tree = JSON.parse(text);
        tree[field] = Array.from({ length: 50_001 + (at % 3) }, () => 0);
        return JSON.stringify(tree);
      },
  ),
);

describe("planImport", () => {
  const acme = makeTestName({ id: "user:acme-aaaaaa", name: "Acme", aliases: ["Acme Labs"] });
  const plan = (current: { notes?: Note[]; names?: UserName[] }, incoming: Partial<ExportFile>) =>
    planImport(
      { notes: current.notes ?? [], names: current.names ?? [] },
      { ...makeTestExport([], []), ...incoming },
      { now: T0 + 1000, random: seededRandom(1) },
    );

  it("adds new notes, skips identical ones, and keeps both sides of a conflict", () => {
    const kept = makeTestNote({ id: "same" });
    const mine = makeTestNote({ id: "clash", text: "mine" });
    const theirs = makeTestNote({ id: "clash", text: "theirs" });
    const fresh = makeTestNote({ id: "fresh" });
    const result = plan({ notes: [kept, mine] }, { notes: [kept, theirs, fresh] });
    expect(result.notes.added).toEqual([fresh]);
    expect(result.notes.unchanged).toEqual([kept]);
    expect(result.notes.conflicts).toHaveLength(1);
    const [conflict] = result.notes.conflicts;
    expect(conflict?.current).toBe(mine);
    expect(conflict?.incoming).toBe(theirs);
    expect(conflict?.copy).toEqual({
      ...theirs,
      id: conflict?.copy.id,
      imported: { originalId: "clash", at: T0 + 1000 },
    });
    expect(conflict?.copy.id).not.toBe("clash");
    expect(applyPlan(result)).toEqual({ notesToWrite: [fresh, conflict?.copy], namesToWrite: [] });
    expect(summarizePlan(result)).toMatchObject({ notesAdded: 1, notesUnchanged: 1, notesConflicting: 1 });
  });

  it("treats notes as the same whatever the order of their keys", () => {
    const note = makeTestNote({ quote: { exact: "x", prefix: "a" } });
    const reordered = {
      ...Object.fromEntries(Object.entries(note).reverse()),
      quote: { prefix: "a", exact: "x" },
    };
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(note));
    expect(plan({ notes: [note] }, { notes: [reordered as Note] }).notes.unchanged).toHaveLength(1);
  });

  it("merges a name spelled the same under another id, and moves its notes there", () => {
    const theirs = makeTestName({
      id: "user:acme-bbbbbb",
      name: "Acme",
      aliases: ["ACME LABS", "Acme Inc"],
      summary: "A lab",
    });
    const note = makeTestNote({ id: "n1", entityId: theirs.id });
    const result = plan({ names: [acme] }, { names: [theirs], notes: [note] });
    const merged = { ...acme, aliases: ["Acme Labs", "Acme Inc"], summary: "A lab", updatedAt: T0 + 1000 };
    expect(result.names.merged).toEqual([{ incoming: theirs, into: acme, result: merged, changed: true }]);
    expect(result.notes.added).toEqual([{ ...note, entityId: acme.id }]);
    expect(applyPlan(result).namesToWrite).toEqual([merged]);
    expect(summarizePlan(result)).toMatchObject({ namesMerged: 1, notesAdded: 1, notesRepointed: 1 });
  });

  it("writes nothing for a merge that adds nothing", () => {
    const same = { ...acme, id: "user:acme-bbbbbb", aliases: ["acme labs"] };
    const result = plan({ names: [acme] }, { names: [same] });
    expect(result.names.merged[0]?.changed).toBe(false);
    expect(applyPlan(result).namesToWrite).toEqual([]);
  });

  it.each([
    ["another kind", { kind: "company" as const }],
    ["another case rule", { caseSensitive: true }],
    ["another summary", { summary: "Something else" }],
    ["a spelling differing in case", { name: "ACME" }],
    ["too many aliases together", { aliases: Array.from({ length: 50 }, (_, i) => `alias ${i}`) }],
  ])("keeps both names when merging would lose %s", (_label, change) => {
    const current = { ...acme, summary: "A lab" };
    const theirs = { ...current, id: "user:acme-bbbbbb", ...change };
    const result = plan({ names: [current] }, { names: [theirs] });
    expect(result.names.merged).toEqual([]);
    expect(result.names.added).toEqual([theirs]);
  });

  it("copies a name changed under the same id, and re-points the file's notes to the copy", () => {
    const theirs = { ...acme, kind: "company" as const };
    const note = makeTestNote({ id: "n1", entityId: acme.id });
    const result = plan({ names: [acme] }, { names: [theirs], notes: [note] });
    const copy = result.names.conflicts[0]?.copy;
    expect(copy).toEqual({ ...theirs, id: copy?.id, imported: { originalId: acme.id, at: T0 + 1000 } });
    expect(copy?.id).toMatch(/^user:acme-[a-z0-9]{6}$/);
    expect(result.notes.added).toEqual([{ ...note, entityId: copy?.id }]);
  });

  it("leaves a note already stored where it is, even when its name was copied", () => {
    const note = makeTestNote({ id: "n1", entityId: acme.id });
    const result = plan(
      { names: [acme], notes: [note] },
      { names: [{ ...acme, kind: "company" }], notes: [note] },
    );
    expect(result.notes.unchanged).toEqual([note]);
    expect(applyPlan(result).notesToWrite).toEqual([]);
  });

  it("handles one id twice in the file: the second is checked against the first", () => {
    const first = makeTestNote({ id: "n1", text: "first" });
    const second = makeTestNote({ id: "n1", text: "second" });
    const result = plan({}, { notes: [first, first, second] });
    expect(result.notes.added).toEqual([first]);
    expect(result.notes.unchanged).toEqual([first]);
    expect(result.notes.conflicts.map(({ current }) => current)).toEqual([first]);
  });

  it("never loses or rewrites a stored record, and never drops an incoming one", () => {
    const currentArb = fc
      .record({ notes: fc.array(noteArb, { maxLength: 6 }), names: fc.array(userNameArb, { maxLength: 4 }) })
      .map(({ notes, names }) => ({ notes: uniqueById(notes), names: uniqueById(names) }));
    fc.assert(
      fc.property(currentArb, exportArb, fc.integer(), (current, incoming, seed) => {
        const result = planImport(current, incoming, { now: T0 + 99, random: seededRandom(seed) });
        const { notesToWrite, namesToWrite } = applyPlan(result);
        const finalNotes = overlay(current.notes, notesToWrite);
        const finalNames = overlay(current.names, namesToWrite);

        // Writes are valid, one per id, and never replace a stored note.
        for (const note of notesToWrite) expect(parseNote(note).ok).toBe(true);
        for (const name of namesToWrite) expect(parseUserName(name).ok).toBe(true);
        expect(new Set(notesToWrite.map((note) => note.id)).size).toBe(notesToWrite.length);
        expect(new Set(namesToWrite.map((name) => name.id)).size).toBe(namesToWrite.length);
        const storedNoteIds = new Set(current.notes.map((note) => note.id));
        for (const note of notesToWrite) expect(storedNoteIds.has(note.id)).toBe(false);

        // A stored name only ever grows: same spelling, kind and case rule, aliases kept in order.
        for (const name of current.names) {
          const after = finalNames.get(name.id);
          expect(after).toMatchObject({
            name: name.name,
            kind: name.kind,
            caseSensitive: name.caseSensitive,
          });
          expect(after?.aliases.slice(0, name.aliases.length)).toEqual(name.aliases);
          if (name.summary) expect(after?.summary).toBe(name.summary);
        }

        // Every incoming note's content, and every incoming name with its details, is somewhere.
        const contents = new Set([...finalNotes.values()].map(contentOf));
        for (const note of incoming.notes) expect(contents.has(contentOf(note))).toBe(true);
        for (const name of incoming.names) {
          const holder = [...finalNames.values()].find(
            (candidate) =>
              candidate.name === name.name &&
              candidate.kind === name.kind &&
              candidate.caseSensitive === name.caseSensitive &&
              (!name.summary || candidate.summary === name.summary) &&
              name.aliases.every((alias) =>
                [candidate.name, ...candidate.aliases].some(
                  (text) => text.toLowerCase() === alias.toLowerCase(),
                ),
              ),
          );
          expect(holder).toBeDefined();
        }

        // A written note on a name from the file points at a name that exists.
        const incomingNameIds = new Set(incoming.names.map((name) => name.id));
        const origins: [Note, Note | undefined][] = [
          ...result.notes.added.map((note): [Note, Note | undefined] => [
            note,
            incoming.notes.find((candidate) => candidate.id === note.id),
          ]),
          ...result.notes.conflicts.map(({ copy, incoming: original }): [Note, Note] => [copy, original]),
        ];
        for (const [written, original] of origins) {
          expect(original).toBeDefined();
          if (original && incomingNameIds.has(original.entityId))
            expect(finalNames.has(written.entityId)).toBe(true);
        }

        // Each incoming record is counted exactly once.
        const summary = summarizePlan(result);
        expect(summary.notesAdded + summary.notesUnchanged + summary.notesConflicting).toBe(
          incoming.notes.length,
        );
        expect(
          summary.namesAdded + summary.namesUnchanged + summary.namesConflicting + summary.namesMerged,
        ).toBe(incoming.names.length);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});

function uniqueById<T extends { id: string }>(records: T[]): T[] {
  return [...new Map(records.map((record) => [record.id, record])).values()];
}

function overlay<T extends { id: string }>(stored: readonly T[], written: readonly T[]): Map<string, T> {
  return new Map([...stored, ...written].map((record) => [record.id, record]));
}

function contentOf(note: Note): string {
  return JSON.stringify([note.text, note.quote, note.page, note.createdAt, note.updatedAt]);
}

describe("mergeSettings", () => {
  const fresh = (): Settings => parseSettings(undefined).settings;
  const theirs: Settings = {
    ...fresh(),
    enabled: false,
    pausedSites: ["b.example", "a.example"],
    hoverDelayMs: 900,
    highlightStyle: "underline",
    markedKinds: ["company"],
    includeCode: true,
  };

  it("restores everything into a fresh profile", () => {
    expect(mergeSettings(fresh(), theirs)).toEqual({ settings: theirs, kept: [] });
  });

  it("keeps the user's own choices, says which, and unites the paused sites", () => {
    const mine: Settings = {
      ...fresh(),
      pausedSites: ["a.example", "c.example"],
      hoverDelayMs: 500,
      includeCode: true,
    };
    expect(mergeSettings(mine, theirs)).toEqual({
      settings: {
        ...theirs,
        pausedSites: ["a.example", "c.example", "b.example"],
        hoverDelayMs: 500,
      },
      kept: ["hoverDelayMs"],
    });
  });

  it("compares lists as sets, and shares no arrays with its inputs", () => {
    const mine: Settings = { ...fresh(), markedKinds: [...DEFAULT_SETTINGS.markedKinds].reverse() };
    const { settings, kept } = mergeSettings(mine, theirs);
    expect(settings.markedKinds).toEqual(["company"]);
    expect(kept).toEqual([]);
    settings.markedKinds.push("model");
    settings.pausedSites.push("z.example");
    expect(theirs.markedKinds).toEqual(["company"]);
    expect(theirs.pausedSites).toEqual(["b.example", "a.example"]);
  });
});
