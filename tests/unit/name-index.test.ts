import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENTITY_KINDS } from "../../src/core/entity-kinds";
import {
  type IndexedName,
  isNameIndexCurrent,
  readNameIndex,
  readNameTexts,
  toIndexedName,
  updateNameIndex,
} from "../../src/core/name-index";

/** An index entry: a concept matched ignoring case, without aliases, unless `rest` says otherwise. */
const entry = (id: string, name: string, rest: Partial<IndexedName> = {}): IndexedName => ({
  id,
  name,
  aliases: [],
  kind: "concept",
  caseSensitive: false,
  ...rest,
});

const ACME = entry("user:acme-aaaaaa", "Acme Labs", {
  aliases: ["Acme", "ACME AI"],
  kind: "company",
  summary: "A lab in Zürich",
});
const NOVA = entry("user:nova-bbbbbb", "Nova", { kind: "model", caseSensitive: true });
const ZETA = entry("user:zeta-cccccc", "Zeta", { aliases: ["Z"] });

/** What storage hands back: a JSON copy (undefined fields gone). */
const stored = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe("readNameIndex", () => {
  it("reads a well-formed index back exactly", () => {
    expect(readNameIndex(stored([ACME, NOVA, ZETA]))).toEqual([ACME, NOVA, ZETA]);
  });

  it.each([undefined, null, 0, "[]", { 0: ACME }, true])("gives no names for a non-list (%j)", (raw) => {
    expect(readNameIndex(raw)).toEqual([]);
  });

  it("drops entries without a usable id or name and keeps the rest", () => {
    const { id: _id, ...noId } = ACME;
    const { name: _name, ...noName } = ACME;
    const raw = [
      null,
      "user:acme",
      42,
      [ACME],
      noId,
      noName,
      { ...ACME, id: 7 },
      { ...ACME, id: "acme-aaaaaa" },
      { ...ACME, id: "deepseek" },
      { ...ACME, id: "USER:acme" },
      { ...ACME, name: "   " },
      { ...ACME, name: 12 },
      NOVA,
    ];
    expect(readNameIndex(raw)).toEqual([NOVA]);
  });

  it("keeps only the first entry of an id", () => {
    const names = readNameIndex([ACME, { ...ACME, name: "Acme Two" }, NOVA, { ...NOVA, kind: "person" }]);
    expect(names.map((entry) => [entry.id, entry.name, entry.kind])).toEqual([
      [ACME.id, "Acme Labs", "company"],
      [NOVA.id, "Nova", "model"],
    ]);
  });

  it("makes an unknown or missing kind a concept", () => {
    const { kind: _kind, ...noKind } = NOVA;
    const names = readNameIndex([
      { ...NOVA, id: "user:a", kind: "robot" },
      { ...NOVA, id: "user:b", kind: 3 },
      { ...noKind, id: "user:c" },
      { ...NOVA, id: "user:d", kind: "Company" },
    ]);
    expect(names.map((entry) => entry.kind)).toEqual(["concept", "concept", "concept", "concept"]);
  });

  it("keeps every known kind", () => {
    const names = readNameIndex(ENTITY_KINDS.map((kind) => ({ ...NOVA, id: `user:${kind}`, kind })));
    expect(names.map((entry) => entry.kind)).toEqual([...ENTITY_KINDS]);
  });

  it("keeps only the string aliases, trimmed, and no blank ones", () => {
    const [name] = readNameIndex([{ ...ACME, aliases: ["  Acme ", 3, null, "", "  ", { text: "x" }, "AL"] }]);
    expect(name?.aliases).toEqual(["Acme", "AL"]);
    const [noList] = readNameIndex([{ ...ACME, aliases: "Acme" }]);
    expect(noList?.aliases).toEqual([]);
  });

  it("trims the name", () => {
    expect(readNameIndex([{ ...ACME, name: "  Acme Labs \n" }])[0]?.name).toBe("Acme Labs");
  });

  it("leaves out over-long text: the entry for a long name, the alias or summary otherwise", () => {
    const long = "x".repeat(501);
    const edge = "y".repeat(500);
    expect(readNameIndex([{ ...ACME, name: long }])).toEqual([]);
    expect(readNameIndex([{ ...ACME, name: edge }])[0]?.name).toBe(edge);
    const [entry] = readNameIndex([{ ...ACME, aliases: ["Acme", long, edge], summary: long }]);
    expect(entry?.aliases).toEqual(["Acme", edge]);
    expect(entry?.summary).toBeUndefined();
    expect(entry?.name).toBe("Acme Labs");
    expect(readNameIndex([{ ...ACME, summary: edge }])[0]?.summary).toBe(edge);
  });

  it("drops a summary that is not a string", () => {
    expect(readNameIndex([{ ...ACME, summary: 5 }])[0]?.summary).toBeUndefined();
  });

  it("matches case only when caseSensitive is exactly true", () => {
    const flags = [true, "true", 1, null, false].map(
      (caseSensitive, i) => readNameIndex([{ ...NOVA, id: `user:n${i}`, caseSensitive }])[0]?.caseSensitive,
    );
    expect(flags).toEqual([true, false, false, false, false]);
  });

  it("never throws, and whatever it returns is well-formed (any JSON)", () => {
    const entry = fc.record(
      {
        id: fc.oneof(fc.constantFrom("user:a", "user:b", "x:a", ""), fc.string(), fc.integer()),
        name: fc.oneof(
          fc.string(),
          fc.constant(" "),
          fc.integer(),
          fc.string({ minLength: 499, maxLength: 502 }),
        ),
        aliases: fc.oneof(fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null))), fc.jsonValue()),
        kind: fc.oneof(fc.constantFrom(...ENTITY_KINDS), fc.string(), fc.jsonValue()),
        summary: fc.oneof(fc.string(), fc.jsonValue()),
        caseSensitive: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.array(fc.oneof(entry, fc.jsonValue()))), (raw) => {
        const names = readNameIndex(raw);
        expect(new Set(names.map((name) => name.id)).size).toBe(names.length);
        for (const name of names) {
          expect(name.id.startsWith("user:")).toBe(true);
          expect(name.name).toBe(name.name.trim());
          expect(name.name.length).toBeGreaterThan(0);
          expect(name.name.length).toBeLessThanOrEqual(500);
          expect(ENTITY_KINDS).toContain(name.kind);
          expect(typeof name.caseSensitive).toBe("boolean");
          for (const alias of name.aliases) {
            expect(typeof alias).toBe("string");
            expect(alias).toBe(alias.trim());
            expect(alias.length).toBeGreaterThan(0);
          }
          if (name.summary !== undefined) expect(typeof name.summary).toBe("string");
        }
      }),
    );
  });
});

describe("toIndexedName", () => {
  it("copies the index fields only, leaving out an undefined summary", () => {
    const entry = toIndexedName({ ...NOVA, summary: undefined });
    expect(entry).toEqual(NOVA);
    expect(Object.keys(entry)).not.toContain("summary");
    expect(Object.keys(entry).sort()).toEqual(["aliases", "caseSensitive", "id", "kind", "name"]);
  });

  it("keeps a summary, even an empty one, and drops the fields of a stored record", () => {
    const record = { ...ACME, createdAt: 1, updatedAt: 2 };
    expect(toIndexedName(record)).toEqual(ACME);
    expect(Object.keys(toIndexedName(record))).not.toContain("createdAt");
    expect(toIndexedName({ ...NOVA, summary: "" }).summary).toBe("");
  });

  it("copies the alias list rather than sharing it", () => {
    const entry = toIndexedName(ACME);
    expect(entry.aliases).toEqual(ACME.aliases);
    expect(entry.aliases).not.toBe(ACME.aliases);
  });
});

describe("updateNameIndex", () => {
  it("replaces an entry with the same id in place and appends new ones", () => {
    const renamed = { ...ACME, name: "Acme Research", aliases: ["AR"] };
    const next = updateNameIndex(stored([ACME, NOVA]), [ZETA, renamed]);
    expect(next).toEqual([renamed, NOVA, ZETA]);
  });

  it("deletes the given ids, ignoring unknown ones", () => {
    expect(updateNameIndex(stored([ACME, NOVA, ZETA]), [], [NOVA.id, "user:gone"])).toEqual([ACME, ZETA]);
  });

  it("deletes and saves in one go", () => {
    const next = updateNameIndex(stored([ACME, NOVA]), [ZETA], [ACME.id]);
    expect(next).toEqual([NOVA, ZETA]);
  });

  it("starts from the usable entries of whatever was stored", () => {
    expect(updateNameIndex(undefined, [ACME])).toEqual([ACME]);
    expect(updateNameIndex("junk", [ACME])).toEqual([ACME]);
    expect(updateNameIndex([{ id: "bad" }, NOVA], [ACME])).toEqual([NOVA, ACME]);
  });

  it("does not change what it is given", () => {
    const before = stored([ACME, NOVA]);
    const copy = structuredClone(before);
    const saved = [{ ...ZETA, aliases: ["Z"] }];
    const next = updateNameIndex(before, saved, [ACME.id]);
    expect(before).toEqual(copy);
    expect(saved).toEqual([ZETA]);
    expect(next[1]?.aliases).not.toBe(saved[0]?.aliases);
  });

  it("writes entries without an undefined summary key", () => {
    const [entry] = updateNameIndex([], [{ ...NOVA, summary: undefined }]);
    expect(Object.keys(entry ?? {})).not.toContain("summary");
  });
});

describe("isNameIndexCurrent", () => {
  const noSummary = (name: IndexedName): IndexedName => toIndexedName({ ...name, summary: undefined });
  const names = [noSummary(ACME), NOVA, ZETA];

  it("is true for an index written from the same names, in any order", () => {
    expect(isNameIndexCurrent(stored(updateNameIndex([], names)), names)).toBe(true);
    expect(isNameIndexCurrent(stored([ZETA, NOVA, noSummary(ACME)]), names)).toBe(true);
    expect(isNameIndexCurrent([], [])).toBe(true);
    expect(isNameIndexCurrent(undefined, [])).toBe(true);
  });

  // Regression (fixed): readNameIndex builds its entries with `summary` before `caseSensitive`, toIndexedName
  // adds `summary` last, and isNameIndexCurrent compares the two with JSON.stringify, so the key
  // order differs for every name that has a summary. The index is then never "current", and
  // loadUserData rewrites it (waking every page's storage listener) on every load.
  it("is true for an index written from names that have a summary", () => {
    expect(isNameIndexCurrent(stored(updateNameIndex([], [ACME])), [ACME])).toBe(true);
  });

  it("is false when an entry is missing, extra, or another id", () => {
    expect(isNameIndexCurrent(stored([NOVA]), names)).toBe(false);
    expect(isNameIndexCurrent(stored([...names, { ...NOVA, id: "user:extra" }]), names)).toBe(false);
    expect(isNameIndexCurrent(stored([NOVA, ZETA, { ...names[0], id: "user:other" }]), names)).toBe(false);
    expect(isNameIndexCurrent("junk", names)).toBe(false);
  });

  it.each<[string, Partial<IndexedName>]>([
    ["name", { name: "Nova Two" }],
    ["aliases", { aliases: ["A"] }],
    ["alias order", { aliases: ["B", "A"] }],
    ["kind", { kind: "person" }],
    ["summary", { summary: "new" }],
    ["case rule", { caseSensitive: false }],
  ])("is false when the %s differs", (_field, change) => {
    const before = { ...NOVA, aliases: ["A", "B"] };
    expect(isNameIndexCurrent(stored([before]), [before])).toBe(true);
    expect(isNameIndexCurrent(stored([before]), [{ ...before, ...change }])).toBe(false);
  });

  it("holds for any names written with updateNameIndex (names without a summary)", () => {
    const nameArb = fc.record({
      id: fc.stringMatching(/^user:[a-z0-9-]{1,12}$/),
      name: fc.string({ minLength: 1, maxLength: 20 }).filter((text) => text.trim() === text && text !== ""),
      aliases: fc.array(fc.string({ minLength: 1, maxLength: 10 }).filter((text) => text.trim() === text)),
      kind: fc.constantFrom(...ENTITY_KINDS),
      caseSensitive: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(nameArb, { selector: (name) => name.id, maxLength: 6 }), (list) => {
        const index = stored(updateNameIndex([], list));
        expect(readNameIndex(index)).toEqual(list);
        expect(isNameIndexCurrent(index, list)).toBe(true);
        expect(isNameIndexCurrent(index, [...list].reverse())).toBe(true);
        if (list.length > 0) expect(isNameIndexCurrent(index, list.slice(1))).toBe(false);
      }),
    );
  });
});

describe("readNameTexts", () => {
  it("gives every non-blank name and alias as stored, whatever else the entry holds", () => {
    const raw = [
      entry("user:a", " Harbour Lab ", { aliases: ["HBL", "  ", "港湾实验室"] }),
      { id: "not-a-user-id", name: "Tide Works", aliases: ["TW1", 7] },
      { name: "x".repeat(600) },
      "not an entry",
      null,
    ];
    expect(readNameTexts(raw)).toEqual([
      " Harbour Lab ",
      "HBL",
      "港湾实验室",
      "Tide Works",
      "TW1",
      "x".repeat(600),
    ]);
    expect(readNameTexts(undefined)).toEqual([]);
    expect(readNameTexts({ name: "Not a list" })).toEqual([]);
  });

  it("holds every text the full parse keeps (so a filter made from it rules out no more)", () => {
    const text = fc.oneof(fc.string(), fc.constantFrom("", "  ", " Qwen ", "x".repeat(501)));
    const stored = fc.oneof(
      fc.anything(),
      fc.array(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              id: fc.oneof(fc.constantFrom("user:a", "user:b"), fc.string()),
              name: fc.oneof(text, fc.anything()),
              aliases: fc.oneof(fc.array(fc.oneof(text, fc.anything())), fc.anything()),
            },
            { requiredKeys: [] },
          ),
        ),
      ),
    );
    fc.assert(
      fc.property(stored, (raw) => {
        const gist = new Set(readNameTexts(raw).map((value) => value.trim()));
        for (const name of readNameIndex(raw)) {
          for (const value of [name.name, ...name.aliases]) expect(gist.has(value)).toBe(true);
        }
      }),
    );
  });
});
