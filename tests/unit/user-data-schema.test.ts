import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_USER_NAME_KIND,
  makeNoteId,
  makeUserNameId,
  parseExportFile,
  parseNote,
  parseUserName,
  slugifyName,
  USER_DATA_LIMITS,
} from "../../src/core/user-data-schema";
import { makeTestExport, makeTestName, makeTestNote, seededRandom, T0 } from "./user-data-fixture";

function problemsOf(result: { ok: true } | { ok: false; problems: string[] }): string[] {
  return result.ok ? [] : result.problems;
}

describe("parseNote", () => {
  it("accepts a full note and trims its text and page title", () => {
    const note = {
      ...makeTestNote({ text: "  about them \n" }),
      quote: { exact: " DeepSeek-V3 ", prefix: "the ", suffix: " model" },
      page: { url: "https://example.com/a?b#c", title: "  A page " },
    };
    const result = parseNote(note);
    expect(result).toEqual({
      ok: true,
      value: { ...note, text: "about them", page: { url: "https://example.com/a?b#c", title: "A page" } },
    });
  });

  it("needs text or a quote", () => {
    expect(problemsOf(parseNote(makeTestNote({ text: "   " })))).toEqual(["(root): needs text or a quote"]);
    expect(parseNote(makeTestNote({ text: "", quote: { exact: "Qwen" } })).ok).toBe(true);
  });

  it("refuses an update before the creation", () => {
    expect(problemsOf(parseNote(makeTestNote({ createdAt: T0, updatedAt: T0 - 1 })))).toEqual([
      "(root): updatedAt must not be before createdAt",
    ]);
  });

  const ID_RULE = "id: must be 1 to 64 letters, digits, '_' or '-'";
  const URL_RULE = "page.url: must be an http, https or file URL";
  it.each([
    ["an empty id", { id: "" }, ID_RULE],
    ["a 65-character id", { id: "a".repeat(65) }, ID_RULE],
    ["an id with a space", { id: "a b" }, ID_RULE],
    ["an empty entityId", { entityId: "" }, "entityId: must not be empty"],
    ["a 201-character entityId", { entityId: "x".repeat(201) }, "entityId: must be at most 200 characters"],
    ["a 20,001-character text", { text: "x".repeat(20_001) }, "text: must be at most 20000 characters"],
    [
      "a fractional time",
      { createdAt: 1.5, updatedAt: 2 },
      "createdAt: must be a whole number of milliseconds",
    ],
    ["a negative time", { createdAt: -1 }, "createdAt: must not be negative"],
    ["a time past any date", { createdAt: 1e300, updatedAt: 1e300 }, "createdAt: is too far in the future"],
    ["a time as text", { createdAt: "1" }, "createdAt: expected number"],
    ["an empty quote", { quote: { exact: "" } }, "quote.exact: must not be empty"],
    ["a quote of spaces", { quote: { exact: "   " } }, "quote.exact: must not be only spaces"],
    [
      "a long quote prefix",
      { quote: { exact: "x", prefix: "p".repeat(65) } },
      "quote.prefix: must be at most 64 characters",
    ],
    ["a javascript: page", { page: { url: "javascript:alert(1)", title: "" } }, URL_RULE],
    ["a data: page", { page: { url: "data:text/html,hi", title: "" } }, URL_RULE],
    ["a page that is no URL", { page: { url: "not a url", title: "" } }, URL_RULE],
    [
      "a 2,066-character URL",
      { page: { url: `https://a.example/${"x".repeat(2048)}`, title: "" } },
      "page.url: must be at most 2048 characters",
    ],
    [
      "a 301-character title",
      { page: { url: "https://a.example/", title: "t".repeat(301) } },
      "page.title: must be at most 300 characters",
    ],
  ])("refuses %s", (_label, overrides, problem) => {
    expect(problemsOf(parseNote({ ...makeTestNote(), ...overrides }))).toContain(problem);
  });

  it("accepts file: pages and names unknown fields without echoing them", () => {
    expect(parseNote(makeTestNote({ page: { url: "file:///home/a.html", title: "" } })).ok).toBe(true);
    expect(problemsOf(parseNote({ ...makeTestNote(), "<b>evil</b>": 1 }))).toEqual([
      "<b>evil</b>: is not a known field",
    ]);
  });

  it("replaces lone surrogates, so a stored note reads back the same", () => {
    const result = parseNote(makeTestNote({ text: "a\ud800b\udc00c😀" }));
    expect(result.ok && result.value.text).toBe("a\ufffdb\ufffdc😀");
  });

  it.each([null, 42, "note", [makeTestNote()]])("refuses %j as a note", (input) => {
    expect(parseNote(input).ok).toBe(false);
  });
});

describe("parseUserName", () => {
  it("fills the defaults: no aliases, kind concept, not case-sensitive", () => {
    const result = parseUserName({ id: "user:a", name: "  Acme ", createdAt: T0, updatedAt: T0 });
    expect(result).toEqual({
      ok: true,
      value: {
        id: "user:a",
        name: "Acme",
        aliases: [],
        kind: DEFAULT_USER_NAME_KIND,
        caseSensitive: false,
        createdAt: T0,
        updatedAt: T0,
      },
    });
    expect(DEFAULT_USER_NAME_KIND).toBe("concept");
  });

  it("allows the name among the aliases, not an alias twice ignoring case", () => {
    expect(parseUserName(makeTestName({ aliases: ["Acme Labs", "ACME"] })).ok).toBe(true);
    expect(problemsOf(parseUserName(makeTestName({ aliases: ["Acme", " acme "] })))).toEqual([
      "aliases: must not repeat an alias (case is ignored)",
    ]);
  });

  const ID_RULE = "id: must be 'user:' then 1 to 80 lowercase letters, digits or '-'";
  it.each([
    ["an id without user:", { id: "acme" }, ID_RULE],
    ["an id in capitals", { id: "user:Acme" }, ID_RULE],
    ["an 86-character id", { id: `user:${"a".repeat(81)}` }, ID_RULE],
    ["a blank name", { name: " " }, "name: must not be empty"],
    ["a 121-character name", { name: "n".repeat(121) }, "name: must be at most 120 characters"],
    ["an empty alias", { aliases: [""] }, "aliases[0]: must not be empty"],
    [
      "51 aliases",
      { aliases: Array.from({ length: 51 }, (_, i) => `a${i}`) },
      "aliases: must have at most 50 aliases",
    ],
    [
      "an unknown kind",
      { kind: "planet" },
      "kind: must be one of: company, model, product, person, media, benchmark, concept",
    ],
    ["a 501-character summary", { summary: "s".repeat(501) }, "summary: must be at most 500 characters"],
    ["caseSensitive as text", { caseSensitive: "yes" }, "caseSensitive: expected boolean"],
    [
      "an update before the creation",
      { updatedAt: T0 - 1 },
      "(root): updatedAt must not be before createdAt",
    ],
  ])("refuses %s", (_label, overrides, problem) => {
    expect(problemsOf(parseUserName({ ...makeTestName(), ...overrides }))).toContain(problem);
  });
});

describe("parseExportFile", () => {
  it("accepts a valid file", () => {
    const file = makeTestExport([makeTestNote()], [makeTestName()], { enabled: false });
    expect(parseExportFile(file)).toEqual({ ok: true, value: file });
  });

  it("names at most a few problems with their paths, then counts the other records", () => {
    const notes = Array.from({ length: 40 }, (_, i) => makeTestNote({ id: `n${i}` })) as unknown[];
    notes[3] = { ...makeTestNote(), createdAt: "yesterday" };
    for (let i = 10; i < 40; i++) notes[i] = {};
    const result = parseExportFile({ ...makeTestExport([], []), notes });
    expect(problemsOf(result)).toEqual([
      "notes[3].createdAt: expected number",
      "notes[10].id: is missing",
      "notes[10].entityId: is missing",
      "notes[10].text: is missing",
      "notes[10].createdAt: is missing",
      "and 29 more records with problems",
    ]);
  });

  it("refuses more records than the limits, without checking each", () => {
    const notes = Array.from({ length: USER_DATA_LIMITS.notesPerFile + 1 }, () => ({}));
    expect(problemsOf(parseExportFile({ ...makeTestExport([], []), notes }))).toEqual([
      "notes: must have at most 50000 notes",
    ]);
    const names = Array.from({ length: USER_DATA_LIMITS.namesPerFile + 1 }, () => ({}));
    expect(problemsOf(parseExportFile({ ...makeTestExport([], []), names }))).toEqual([
      "names: must have at most 5000 names",
    ]);
  });

  it("refuses a frame with missing or unknown fields", () => {
    const { notes: _notes, ...withoutNotes } = makeTestExport([], []);
    expect(problemsOf(parseExportFile({ ...withoutNotes, extra: true }))).toEqual([
      "notes: is missing",
      "extra: is not a known field",
    ]);
  });
});

describe("ids", () => {
  it("makes note ids that pass the schema and do not repeat", () => {
    const ids = new Set(Array.from({ length: 5000 }, () => makeNoteId()));
    expect(ids.size).toBe(5000);
    for (const id of [...ids].slice(0, 50)) expect(parseNote(makeTestNote({ id })).ok).toBe(true);
  });

  it("never returns a taken id, even from a stuck random source", () => {
    const stuck = () => 0;
    const taken = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const noteId = makeNoteId(stuck, taken);
      const nameId = makeUserNameId("Acme", stuck, taken);
      expect(taken.has(noteId) || taken.has(nameId)).toBe(false);
      taken.add(noteId).add(nameId);
      expect(parseNote(makeTestNote({ id: noteId })).ok).toBe(true);
      expect(parseUserName(makeTestName({ id: nameId })).ok).toBe(true);
    }
    expect(taken.size).toBe(10);
  });

  it.each([Number.NaN, 1, -5, 0.999999999])("survives a random source giving %d", (value) => {
    expect(makeNoteId(() => value)).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(makeUserNameId("x", () => value)).toMatch(/^user:x-[a-z0-9]{6}$/);
  });

  it("slugs a name, or falls back to random characters", () => {
    const random = seededRandom(7);
    expect(slugifyName("Zürich AI Labs!")).toBe("zurich-ai-labs");
    expect(makeUserNameId("Zürich AI Labs!", random)).toMatch(/^user:zurich-ai-labs-[a-z0-9]{6}$/);
    for (const name of ["深度求索", "!!!", "", "   ", "😀"]) {
      expect(makeUserNameId(name, random)).toMatch(/^user:[a-z0-9]{12}$/);
    }
  });

  it("makes a valid user-name id for any name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), fc.integer(), (name, seed) => {
        const id = makeUserNameId(name, seededRandom(seed));
        expect(parseUserName(makeTestName({ id })).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
