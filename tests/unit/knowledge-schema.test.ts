import { describe, expect, it } from "vitest";
import { parseKnowledgePack } from "../../src/core/knowledge-schema";

/** A small pack that passes; each test breaks one thing in a fresh copy. */
function makeValidPack() {
  return {
    schemaVersion: 1,
    id: "sample",
    version: "1",
    origin: "article",
    source: { title: "Sample", context: "Written for the tests.", retrieved: "Made up in the test" },
    entities: [
      {
        id: "acme",
        name: "Acme",
        kind: "company",
        summary: "A company invented for the tests.",
        aliases: [{ text: "Acme" }],
        facts: [{ id: "acme-founded", kind: "fact", text: "Acme exists.", quote: "Acme was founded" }],
      },
    ],
  } as Record<string, unknown> & { entities: Record<string, unknown>[] };
}

function getFirstEntity(pack: ReturnType<typeof makeValidPack>): Record<string, unknown> {
  const entity = pack.entities[0];
  if (!entity) throw new Error("the sample pack has no entity");
  return entity;
}

function getFirstFact(pack: ReturnType<typeof makeValidPack>): Record<string, unknown> {
  const fact = (getFirstEntity(pack).facts as Record<string, unknown>[])[0];
  if (!fact) throw new Error("the sample pack has no fact");
  return fact;
}

function collectProblems(input: unknown): string[] {
  const result = parseKnowledgePack(input);
  return result.ok ? [] : result.problems;
}

describe("parseKnowledgePack", () => {
  it("accepts the valid sample pack and fills in defaults", () => {
    const result = parseKnowledgePack(makeValidPack());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.timeline).toEqual([]);
      expect(result.value.entities[0]?.relations).toEqual([]);
    }
  });

  it("names a missing entity name by its path", () => {
    const pack = makeValidPack();
    delete getFirstEntity(pack).name;
    expect(collectProblems(pack)).toEqual(["entities[0].name: is missing"]);
  });

  it("rejects an unknown fact kind and lists the allowed ones", () => {
    const pack = makeValidPack();
    getFirstFact(pack).kind = "rumour";
    expect(collectProblems(pack)).toEqual([
      "entities[0].facts[0].kind: must be one of: fact, claim, quote, definition",
    ]);
  });

  it("rejects an unknown field instead of ignoring it", () => {
    const pack = makeValidPack();
    getFirstEntity(pack).colour = "red";
    expect(collectProblems(pack)).toEqual(["entities[0].colour: is not a known field"]);
  });

  it("rejects a claim that does not say who made it", () => {
    const pack = makeValidPack();
    getFirstFact(pack).kind = "claim";
    expect(collectProblems(pack)).toEqual(["entities[0].facts[0]: a claim or quote needs `by`"]);
  });

  it("accepts the same claim once it names who made it", () => {
    const pack = makeValidPack();
    Object.assign(getFirstFact(pack), { kind: "claim", by: "acme" });
    expect(collectProblems(pack)).toEqual([]);
  });

  it("rejects a reference that is not https", () => {
    const pack = makeValidPack();
    getFirstFact(pack).reference = { url: "http://example.org/page", title: "Plain HTTP" };
    expect(collectProblems(pack)).toEqual(["entities[0].facts[0].reference.url: must be an https URL"]);
  });

  it("rejects a fact with neither a quote nor a reference", () => {
    const pack = makeValidPack();
    delete getFirstFact(pack).quote;
    expect(collectProblems(pack)).toEqual(["entities[0].facts[0]: needs a quote or a reference"]);
  });

  it("rejects a date that is not YYYY, YYYY-MM or YYYY-MM-DD", () => {
    const pack = makeValidPack();
    getFirstFact(pack).date = { iso: "2025-13", text: "a thirteenth month" };
    expect(collectProblems(pack)).toEqual([
      "entities[0].facts[0].date.iso: must be YYYY, YYYY-MM or YYYY-MM-DD",
    ]);
  });

  it("rejects an unknown relation type", () => {
    const pack = makeValidPack();
    getFirstEntity(pack).relations = [{ type: "likes", target: "acme" }];
    expect(collectProblems(pack)).toEqual(["entities[0].relations[0].type: must be a known relation type"]);
  });

  it("reports every problem at once, not only the first", () => {
    const pack = makeValidPack();
    delete getFirstEntity(pack).name;
    getFirstFact(pack).kind = "rumour";
    expect(collectProblems(pack)).toEqual([
      "entities[0].name: is missing",
      "entities[0].facts[0].kind: must be one of: fact, claim, quote, definition",
    ]);
  });
});
