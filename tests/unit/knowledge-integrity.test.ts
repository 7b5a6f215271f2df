import { describe, expect, it } from "vitest";
import {
  checkPackIntegrity,
  findMissingQuotes,
  normaliseWhitespace,
} from "../../src/core/knowledge-integrity";
import type { Entity, KnowledgePack } from "../../src/core/knowledge-schema";

/** A made-up article, so the tests never depend on the real one. */
const ARTICLE = [
  "Acme’s founder, Jo Bloggs, said the lab “will ship the Rocket 2 model soon.”",
  "Last March, Rocket 1 started a price war.   Acme\u00a0Labs later cut prices.",
].join("\n");

/** A small sound article pack: a company, its founder and its two models. */
function makeArticlePack(): KnowledgePack {
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
        summary: "Invented company.",
        aliases: [{ text: "Acme" }, { text: "Acme Labs" }],
        facts: [
          {
            id: "acme-founder",
            kind: "fact",
            text: "Jo Bloggs founded Acme.",
            quote: "Acme’s founder, Jo Bloggs",
          },
        ],
        relations: [
          { type: "founded-by", target: "jo-bloggs", quote: "Acme’s founder, Jo Bloggs" },
          { type: "makes", target: "rocket-1" },
          { type: "makes", target: "rocket-2" },
        ],
      },
      {
        id: "jo-bloggs",
        name: "Jo Bloggs",
        kind: "person",
        summary: "Invented founder.",
        aliases: [{ text: "Jo Bloggs" }, { text: "Jo", caseSensitive: true, ambiguous: true }],
        facts: [
          {
            id: "jo-bloggs-ship-soon",
            kind: "quote",
            by: "jo-bloggs",
            text: "Bloggs expects Rocket 2 shortly.",
            quote: "will ship the Rocket 2 model soon.",
          },
        ],
        relations: [{ type: "founder-of", target: "acme" }],
      },
      {
        id: "rocket-1",
        name: "Rocket 1",
        kind: "model",
        summary: "Invented model.",
        aliases: [{ text: "Rocket 1" }, { text: "R1", caseSensitive: true, ambiguous: true }],
        facts: [
          {
            id: "rocket-1-price-war",
            kind: "fact",
            text: "Rocket 1 began a price war.",
            date: { iso: "2024-03", text: "Last March", assumed: "Year made up for the test" },
            quote: "Rocket 1 started a price war.",
          },
        ],
        relations: [{ type: "made-by", target: "acme" }],
      },
      {
        id: "rocket-2",
        name: "Rocket 2",
        kind: "model",
        summary: "Invented model.",
        aliases: [{ text: "Rocket 2" }, { text: "Rocket2" }],
        facts: [
          { id: "rocket-2-soon", kind: "fact", text: "Rocket 2 is coming.", quote: "the Rocket 2 model" },
        ],
        relations: [{ type: "made-by", target: "acme" }],
      },
    ],
    timeline: [
      {
        id: "price-war",
        date: { iso: "2024-03", text: "Last March" },
        title: "Rocket 1 starts a price war",
        entities: ["rocket-1"],
        quote: "Rocket 1 started a price war.",
      },
      {
        id: "price-cut",
        date: { iso: "2024-03-20", text: "later" },
        title: "Acme cuts prices",
        entities: ["acme"],
        quote: "Acme Labs later cut prices.",
      },
    ],
  };
}

/** A reference pack that points into the article pack without storing inverses there. */
function makeReferencePack(): KnowledgePack {
  return {
    schemaVersion: 1,
    id: "extra",
    version: "1",
    origin: "reference",
    source: { title: "Extra", context: "Written for the tests.", retrieved: "Made up in the test" },
    entities: [
      {
        id: "widget-co",
        name: "Widget Co",
        kind: "company",
        summary: "Invented rival.",
        aliases: [{ text: "Widget Co" }],
        facts: [
          {
            id: "widget-co-rival",
            kind: "fact",
            text: "Widget Co competes with Acme.",
            reference: { url: "https://example.org/widget", title: "Widget Co" },
          },
        ],
        relations: [{ type: "competes-with", target: "acme" }],
      },
    ],
    timeline: [],
  };
}

function findEntity(pack: KnowledgePack, id: string): Entity {
  const entity = pack.entities.find((candidate) => candidate.id === id);
  if (!entity) throw new Error(`no entity ${id} in the sample pack`);
  return entity;
}

describe("checkPackIntegrity", () => {
  it("finds nothing wrong with the sound sample packs", () => {
    expect(checkPackIntegrity([makeArticlePack()])).toEqual([]);
    expect(checkPackIntegrity([makeArticlePack(), makeReferencePack()])).toEqual([]);
  });

  it("names a relation whose target does not exist", () => {
    const pack = makeArticlePack();
    findEntity(pack, "rocket-2").relations?.push({ type: "compared-with", target: "rocket-9" });
    expect(checkPackIntegrity([pack])).toEqual([
      'sample: entities[3] (rocket-2).relations[1]: target "rocket-9" does not exist',
    ]);
  });

  it("names a relation whose inverse is missing in the same pack", () => {
    const pack = makeArticlePack();
    findEntity(pack, "jo-bloggs").relations = [];
    expect(checkPackIntegrity([pack])).toEqual([
      'sample: entities[0] (acme).relations[0]: founded-by "jo-bloggs" has no inverse; sample: entities[1] (jo-bloggs) needs founder-of "acme"',
    ]);
  });

  it("does not ask a reference pack's relation into another pack for an inverse", () => {
    const problems = checkPackIntegrity([makeArticlePack(), makeReferencePack()]);
    expect(problems.some((problem) => problem.includes("competes-with"))).toBe(false);
  });

  it("names a duplicate entity id across packs", () => {
    const extra = makeReferencePack();
    const clash = findEntity(extra, "widget-co");
    clash.id = "rocket-2";
    clash.relations = [];
    expect(checkPackIntegrity([makeArticlePack(), extra])).toEqual([
      "extra: entities[0] (rocket-2): duplicate entity id, already used at sample: entities[3] (rocket-2)",
    ]);
  });

  it("names a duplicate fact id within a pack", () => {
    const pack = makeArticlePack();
    const fact = findEntity(pack, "rocket-2").facts[0];
    if (fact) fact.id = "acme-founder";
    expect(checkPackIntegrity([pack])).toEqual([
      'sample: entities[3] (rocket-2).facts[0]: duplicate fact id "acme-founder", already used at sample: entities[0] (acme).facts[0]',
    ]);
  });

  it("names a duplicate timeline id", () => {
    const pack = makeArticlePack();
    const second = pack.timeline[1];
    if (second) second.id = "price-war";
    expect(checkPackIntegrity([pack])).toEqual([
      "sample: timeline[1] (price-war): duplicate timeline id, already used at timeline[0]",
    ]);
  });

  it("names one alias used by two entities", () => {
    const pack = makeArticlePack();
    // Dashes, spacing and case differ, but it is the same name.
    findEntity(pack, "rocket-1").aliases.push({ text: "rocket\u2011 2" });
    expect(checkPackIntegrity([pack])).toEqual([
      'sample: entities[2] (rocket-1).aliases[2] "rocket\u2011 2" and sample: entities[3] (rocket-2).aliases[0] "Rocket 2": the same alias names rocket-1, rocket-2; mark every one ambiguous or keep it on one entity',
    ]);
  });

  it("allows one alias on two entities when every use is marked ambiguous", () => {
    const pack = makeArticlePack();
    findEntity(pack, "rocket-2").aliases.push({ text: "R1", caseSensitive: true, ambiguous: true });
    expect(checkPackIntegrity([pack])).toEqual([]);
  });

  it("names an alias collision across packs", () => {
    const extra = makeReferencePack();
    findEntity(extra, "widget-co").aliases.push({ text: "ACME" });
    expect(checkPackIntegrity([makeArticlePack(), extra])).toEqual([
      'sample: entities[0] (acme).aliases[0] "Acme" and extra: entities[0] (widget-co).aliases[1] "ACME": the same alias names acme, widget-co; mark every one ambiguous or keep it on one entity',
    ]);
  });

  it("names a timeline that goes back in time", () => {
    const pack = makeArticlePack();
    const second = pack.timeline[1];
    if (second) second.date = { iso: "2024-02-28", text: "earlier" };
    expect(checkPackIntegrity([pack])).toEqual([
      "sample: timeline[1] (price-cut).date: 2024-02-28 comes before 2024-03 of timeline[0] (price-war); the timeline must be in date order",
    ]);
  });

  it("sorts a month before a day in that month", () => {
    const pack = makeArticlePack();
    pack.timeline.reverse();
    expect(checkPackIntegrity([pack])).toEqual([
      "sample: timeline[1] (price-war).date: 2024-03 comes before 2024-03-20 of timeline[0] (price-cut); the timeline must be in date order",
    ]);
  });

  it("names a timeline entity that does not exist", () => {
    const pack = makeArticlePack();
    pack.timeline[0]?.entities.push("nobody");
    expect(checkPackIntegrity([pack])).toEqual([
      'sample: timeline[0] (price-war).entities[1]: entity "nobody" does not exist',
    ]);
  });

  it("names a claim attributed to an entity that does not exist", () => {
    const pack = makeArticlePack();
    const fact = findEntity(pack, "jo-bloggs").facts[0];
    if (fact) fact.by = "someone-else";
    expect(checkPackIntegrity([pack])).toEqual([
      'sample: entities[1] (jo-bloggs).facts[0] (jo-bloggs-ship-soon).by: entity "someone-else" does not exist',
    ]);
  });

  it("names an article entity without a quoted fact", () => {
    const pack = makeArticlePack();
    findEntity(pack, "rocket-2").facts = [
      {
        id: "rocket-2-elsewhere",
        kind: "fact",
        text: "Known from elsewhere.",
        reference: { url: "https://example.org/rocket-2", title: "Rocket 2" },
      },
    ];
    expect(checkPackIntegrity([pack])).toEqual([
      "sample: entities[3] (rocket-2).facts: an article entity needs at least one fact with a quote",
    ]);
  });

  it("names a reference-pack fact without a reference", () => {
    const extra = makeReferencePack();
    findEntity(extra, "widget-co").facts = [
      { id: "widget-co-quoted", kind: "fact", text: "Quoted, not referenced.", quote: "Widget Co" },
    ];
    expect(checkPackIntegrity([makeArticlePack(), extra])).toEqual([
      "extra: entities[0] (widget-co).facts[0] (widget-co-quoted).reference: a reference-pack fact needs a reference",
    ]);
  });
});

describe("findMissingQuotes", () => {
  it("finds every quote of the sound sample pack, whatever the whitespace", () => {
    expect(findMissingQuotes(makeArticlePack(), ARTICLE)).toEqual([]);
  });

  it("names a fact quote that is not in the article", () => {
    const pack = makeArticlePack();
    const fact = findEntity(pack, "rocket-1").facts[0];
    if (fact) fact.quote = "Rocket 1 started a price ware.";
    expect(findMissingQuotes(pack, ARTICLE)).toEqual([
      'sample: entities[2] (rocket-1).facts[0] (rocket-1-price-war).quote: not found verbatim in the article: "Rocket 1 started a price ware."',
    ]);
  });

  it("does not fold a curly apostrophe into a straight one", () => {
    const pack = makeArticlePack();
    const relation = findEntity(pack, "acme").relations?.[0];
    if (relation) relation.quote = "Acme's founder, Jo Bloggs";
    expect(findMissingQuotes(pack, ARTICLE)).toEqual([
      `sample: entities[0] (acme).relations[0].quote: not found verbatim in the article: "Acme's founder, Jo Bloggs"`,
    ]);
  });

  it("names a timeline quote that is not in the article, shortening a long one", () => {
    const pack = makeArticlePack();
    const event = pack.timeline[1];
    if (event) event.quote = `Acme Labs later cut prices and ${"then cut them again ".repeat(5)}`;
    expect(findMissingQuotes(pack, ARTICLE)).toEqual([
      'sample: timeline[1] (price-cut).quote: not found verbatim in the article: "Acme Labs later cut prices and then cut them again then cut…"',
    ]);
  });
});

describe("normaliseWhitespace", () => {
  it("collapses runs of any whitespace, including no-break spaces, and trims", () => {
    expect(normaliseWhitespace(" a\u00a0\u00a0b\n\tc  ")).toBe("a b c");
  });

  it("keeps quotes, dashes and case as written", () => {
    expect(normaliseWhitespace("It’s “GPT‑4o” – not 'gpt-4o'")).toBe("It’s “GPT‑4o” – not 'gpt-4o'");
  });
});
