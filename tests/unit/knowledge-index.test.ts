import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildKnowledgeIndex } from "../../src/core/knowledge-index";
import type { Entity, KnowledgePack } from "../../src/core/knowledge-schema";
import { parseKnowledgePack } from "../../src/core/knowledge-schema";

function loadPack(name: string): KnowledgePack {
  const raw = JSON.parse(readFileSync(new URL(`../../src/knowledge/${name}.json`, import.meta.url), "utf8"));
  const result = parseKnowledgePack(raw);
  if (!result.ok) throw new Error(`${name}.json does not validate:\n${result.problems.join("\n")}`);
  return result.value;
}

function makeEntity(id: string, relations: Entity["relations"] = [], aliases = [id]): Entity {
  return {
    id,
    name: id,
    kind: "company",
    summary: `The ${id} entity.`,
    aliases: aliases.map((text) => ({ text })),
    facts: [],
    relations,
  };
}

function makePack(id: string, origin: KnowledgePack["origin"], entities: Entity[]): KnowledgePack {
  return {
    schemaVersion: 1,
    id,
    version: "1",
    origin,
    source: { title: id, context: "Made up for the tests.", retrieved: "Never" },
    entities,
    timeline: [],
  };
}

describe("buildKnowledgeIndex with the bundled packs", () => {
  const article = loadPack("article");
  const morePlayers = loadPack("more-players");
  const index = buildKnowledgeIndex([article, morePlayers]);

  it("indexes every entity of both packs by id, with its pack and origin", () => {
    expect(index.entities.size).toBe(article.entities.length + morePlayers.entities.length);
    expect(index.entities.get("deepseek")).toMatchObject({ packId: "article", origin: "article" });
    expect(index.entities.get("meta")).toMatchObject({ packId: "more-players", origin: "reference" });
    expect(index.entities.get("deepseek")?.entity.name).toBe(
      article.entities.find((entity) => entity.id === "deepseek")?.name,
    );
  });

  it("lists every alias of every entity, in pack order", () => {
    const expected = [article, morePlayers].flatMap((pack) =>
      pack.entities.flatMap((entity) => entity.aliases.map((alias) => ({ entityId: entity.id, alias }))),
    );
    expect(index.aliasEntries).toEqual(expected);
  });

  it("relates stored relations both ways within a pack", () => {
    expect(index.relatedIds("deepseek")).toContain("liang-wenfeng");
    expect(index.relatedIds("liang-wenfeng")).toContain("deepseek");
    expect(index.relatedIds("waves")).toContain("liang-wenfeng");
  });

  it("derives the inverse of a cross-pack relation", () => {
    // more-players: meta makes llama-3.1-405b; the article pack stores nothing back.
    const article405b = article.entities.find((entity) => entity.id === "llama-3.1-405b");
    expect(article405b?.relations?.some((relation) => relation.target === "meta")).toBe(false);
    expect(index.relatedIds("llama-3.1-405b")).toContain("meta");
    expect(index.relatedIds("meta")).toContain("llama-3.1-405b");
    // more-players: moonshot-ai backed-by alibaba.
    expect(index.relatedIds("alibaba")).toContain("moonshot-ai");
  });

  it("is symmetric for every entity", () => {
    for (const id of index.entities.keys()) {
      for (const other of index.relatedIds(id)) {
        expect(index.relatedIds(other), `${other} → ${id}`).toContain(id);
      }
    }
  });

  it("never relates an entity to itself or to an unknown id", () => {
    for (const id of index.entities.keys()) {
      expect(index.relatedIds(id)).not.toContain(id);
      for (const other of index.relatedIds(id)) expect(index.entities.has(other)).toBe(true);
    }
    expect(index.relatedIds("no-such-entity").size).toBe(0);
  });
});

describe("buildKnowledgeIndex with unsound input", () => {
  it("keeps the first entity when an id repeats, and only its aliases", () => {
    const first = makePack("first", "article", [makeEntity("acme", [], ["Acme"])]);
    const second = makePack("second", "reference", [makeEntity("acme", [], ["Acme Corp"])]);
    const index = buildKnowledgeIndex([first, second]);
    expect(index.entities.get("acme")?.packId).toBe("first");
    expect(index.aliasEntries.map((entry) => entry.alias.text)).toEqual(["Acme"]);
  });

  it("ignores relations to missing entities and to the entity itself", () => {
    const pack = makePack("solo", "reference", [
      makeEntity("acme", [
        { type: "makes", target: "ghost" },
        { type: "competes-with", target: "acme" },
        { type: "makes", target: "rocket" },
      ]),
      makeEntity("rocket"),
    ]);
    const index = buildKnowledgeIndex([pack]);
    expect([...index.relatedIds("acme")]).toEqual(["rocket"]);
    expect([...index.relatedIds("rocket")]).toEqual(["acme"]);
    expect(index.relatedIds("ghost").size).toBe(0);
  });

  it("does not change the packs", () => {
    const pack = makePack("solo", "reference", [makeEntity("acme", [{ type: "makes", target: "rocket" }])]);
    const before = JSON.stringify(pack);
    buildKnowledgeIndex([pack, makePack("other", "article", [makeEntity("rocket")])]);
    expect(JSON.stringify(pack)).toBe(before);
  });

  it("indexes nothing from no packs", () => {
    const index = buildKnowledgeIndex([]);
    expect(index.entities.size).toBe(0);
    expect(index.aliasEntries).toEqual([]);
  });
});
