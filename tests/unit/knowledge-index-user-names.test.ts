import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildKnowledgeIndex, USER_PACK_ID } from "../../src/core/knowledge-index";
import { compileMatcher } from "../../src/core/matcher";
import type { IndexedName } from "../../src/core/name-index";
import { BUNDLED_PACKS } from "../../src/knowledge/bundled-packs";

const KESTREL: IndexedName = {
  id: "user:kestrel-robotics-aaaaaa",
  name: "Kestrel Robotics",
  aliases: ["Kestrel", "kestrel robotics", "KESTREL", "KR"],
  kind: "company",
  summary: "A robotics start-up",
  caseSensitive: false,
};
const NOVA: IndexedName = {
  id: "user:nova-bbbbbb",
  name: "NovaMind",
  aliases: ["novamind", "Nova Mind"],
  kind: "model",
  caseSensitive: true,
};
const BEIJI: IndexedName = {
  id: "user:beiji-cccccc",
  name: "北极星机器人",
  aliases: ["北极星"],
  kind: "company",
  caseSensitive: false,
};

const packEntityCount = BUNDLED_PACKS.reduce((sum, pack) => sum + pack.entities.length, 0);
const packAliasCount = buildKnowledgeIndex(BUNDLED_PACKS).aliasEntries.length;

/** The entity ids and matched text of every unambiguous mention in `text`. */
function spot(names: readonly IndexedName[], text: string): [string, string][] {
  const index = buildKnowledgeIndex(BUNDLED_PACKS, names);
  return compileMatcher(index.aliasEntries, { related: index })
    .findMentions(text)
    .filter((mention) => !mention.needsContext)
    .map((mention) => [mention.entityId, text.slice(mention.start, mention.end)]);
}

describe("buildKnowledgeIndex: the user's names as entities", () => {
  const index = buildKnowledgeIndex(BUNDLED_PACKS, [KESTREL, NOVA]);

  it("indexes each name as an entity of origin user in the user pack, after the packs", () => {
    expect(USER_PACK_ID).toBe("user");
    expect(index.entities.size).toBe(packEntityCount + 2);
    expect(index.entities.get(KESTREL.id)).toMatchObject({ packId: "user", origin: "user" });
    expect(index.entities.get(NOVA.id)).toMatchObject({ packId: "user", origin: "user" });
    expect([...index.entities.keys()].slice(-2)).toEqual([KESTREL.id, NOVA.id]);
  });

  it("gives the entity the name, kind and summary, and no facts or relations", () => {
    expect(index.entities.get(KESTREL.id)?.entity).toMatchObject({
      id: KESTREL.id,
      name: "Kestrel Robotics",
      kind: "company",
      summary: "A robotics start-up",
      facts: [],
      relations: [],
    });
    expect(index.entities.get(NOVA.id)?.entity.summary).toBe("");
    expect(index.relatedIds(KESTREL.id).size).toBe(0);
  });

  it("makes the name and its aliases the aliases, once each ignoring case", () => {
    expect(index.entities.get(KESTREL.id)?.entity.aliases).toEqual([
      { text: "Kestrel Robotics" },
      { text: "Kestrel" },
      { text: "KR" },
    ]);
  });

  it("keeps spellings that differ in case, each case-sensitive, when the name says so", () => {
    expect(index.entities.get(NOVA.id)?.entity.aliases).toEqual([
      { text: "NovaMind", caseSensitive: true },
      { text: "novamind", caseSensitive: true },
      { text: "Nova Mind", caseSensitive: true },
    ]);
    const exactRepeat = buildKnowledgeIndex([], [{ ...NOVA, aliases: ["NovaMind", "novamind", "novamind"] }]);
    expect(exactRepeat.entities.get(NOVA.id)?.entity.aliases.map((alias) => alias.text)).toEqual([
      "NovaMind",
      "novamind",
    ]);
  });

  it("leaves out blank aliases", () => {
    const blank = buildKnowledgeIndex([], [{ ...KESTREL, aliases: ["", "  ", "KR"] }]);
    expect(blank.entities.get(KESTREL.id)?.entity.aliases.map((alias) => alias.text)).toEqual([
      "Kestrel Robotics",
      "KR",
    ]);
  });

  it("lists the names' aliases after every pack alias, in name order", () => {
    expect(index.aliasEntries.slice(0, packAliasCount)).toEqual(
      buildKnowledgeIndex(BUNDLED_PACKS).aliasEntries,
    );
    expect(index.aliasEntries.slice(packAliasCount)).toEqual([
      { entityId: KESTREL.id, alias: { text: "Kestrel Robotics" } },
      { entityId: KESTREL.id, alias: { text: "Kestrel" } },
      { entityId: KESTREL.id, alias: { text: "KR" } },
      { entityId: NOVA.id, alias: { text: "NovaMind", caseSensitive: true } },
      { entityId: NOVA.id, alias: { text: "novamind", caseSensitive: true } },
      { entityId: NOVA.id, alias: { text: "Nova Mind", caseSensitive: true } },
    ]);
  });

  it("never replaces a pack entity with the same id", () => {
    const impostor: IndexedName = { ...KESTREL, id: "deepseek", name: "Not DeepSeek", aliases: ["Impostor"] };
    const withImpostor = buildKnowledgeIndex(BUNDLED_PACKS, [impostor, NOVA]);
    expect(withImpostor.entities.get("deepseek")).toMatchObject({ packId: "article", origin: "article" });
    expect(withImpostor.entities.get("deepseek")?.entity.name).toBe("DeepSeek");
    expect(withImpostor.entities.size).toBe(packEntityCount + 1);
    expect(withImpostor.aliasEntries.some(({ alias }) => alias.text === "Impostor")).toBe(false);
    expect(withImpostor.aliasEntries.some(({ alias }) => alias.text === "Not DeepSeek")).toBe(false);
    expect(withImpostor.relatedIds("deepseek")).toEqual(
      buildKnowledgeIndex(BUNDLED_PACKS).relatedIds("deepseek"),
    );
  });

  it("keeps the first of two names with the same id", () => {
    const twice = buildKnowledgeIndex([], [KESTREL, { ...KESTREL, name: "Second", aliases: ["Two"] }]);
    expect(twice.entities.get(KESTREL.id)?.entity.name).toBe("Kestrel Robotics");
    expect(twice.aliasEntries.map(({ alias }) => alias.text)).toEqual(["Kestrel Robotics", "Kestrel", "KR"]);
  });

  it("does not change the names it is given", () => {
    const names = [structuredClone(KESTREL), structuredClone(NOVA)];
    buildKnowledgeIndex(BUNDLED_PACKS, names);
    expect(names).toEqual([KESTREL, NOVA]);
  });

  it("for any name: aliases start with the name, are distinct by the case rule and cover every spelling", () => {
    const spelling = fc.constantFrom("Acme", "acme", "ACME", "Acme Labs", "acme labs", "AL", "艾克米");
    fc.assert(
      fc.property(
        spelling,
        fc.array(spelling, { maxLength: 8 }),
        fc.boolean(),
        (name, aliases, caseSensitive) => {
          const entry: IndexedName = { id: "user:acme", name, aliases, kind: "concept", caseSensitive };
          const built = buildKnowledgeIndex([], [entry]).entities.get("user:acme")?.entity.aliases ?? [];
          const key = (text: string) => (caseSensitive ? text : text.toLowerCase());
          expect(built[0]?.text).toBe(name);
          expect(new Set(built.map((alias) => key(alias.text))).size).toBe(built.length);
          expect(new Set(built.map((alias) => key(alias.text)))).toEqual(
            new Set([name, ...aliases].map(key)),
          );
          for (const alias of built) expect(alias.caseSensitive === true).toBe(caseSensitive);
        },
      ),
    );
  });
});

describe("buildKnowledgeIndex: the user's names in the matcher", () => {
  it("finds a name in a sentence, whatever its case", () => {
    expect(spot([KESTREL], "Yesterday Kestrel Robotics showed a drone.")).toEqual([
      [KESTREL.id, "Kestrel Robotics"],
    ]);
    expect(spot([KESTREL], "yesterday kestrel robotics showed a drone")).toEqual([
      [KESTREL.id, "kestrel robotics"],
    ]);
    expect(spot([KESTREL], "KESTREL ROBOTICS and kr")).toEqual([
      [KESTREL.id, "KESTREL ROBOTICS"],
      [KESTREL.id, "kr"],
    ]);
  });

  it("finds the aliases, and the longest spelling where they overlap", () => {
    expect(spot([KESTREL], "Kestrel said KR and Kestrel Robotics are one.")).toEqual([
      [KESTREL.id, "Kestrel"],
      [KESTREL.id, "KR"],
      [KESTREL.id, "Kestrel Robotics"],
    ]);
  });

  it("matches only the spellings given, in their case, when the name is case-sensitive", () => {
    expect(spot([NOVA], "NovaMind, novamind, Nova Mind, NOVAMIND and Novamind.")).toEqual([
      [NOVA.id, "NovaMind"],
      [NOVA.id, "novamind"],
      [NOVA.id, "Nova Mind"],
    ]);
  });

  it("finds a name next to the packs' names", () => {
    expect(spot([KESTREL], "DeepSeek and Kestrel Robotics both build on Qwen.")).toEqual([
      ["deepseek", "DeepSeek"],
      [KESTREL.id, "Kestrel Robotics"],
      ["qwen", "Qwen"],
    ]);
  });

  it("finds a Chinese name inside Chinese text", () => {
    expect(spot([BEIJI], "我们看了北极星机器人的演示。")).toEqual([[BEIJI.id, "北极星机器人"]]);
    expect(spot([BEIJI], "北极星和深度求索")).toEqual([
      [BEIJI.id, "北极星"],
      ["deepseek", "深度求索"],
    ]);
  });

  it("does not find a name inside a longer word", () => {
    expect(spot([KESTREL], "The Kestrels and KRAFT")).toEqual([]);
  });
});

describe("a tracked name spelled like a built-in one", () => {
  it("does not take the built-in spelling over: DeepSeek still leads to the pack's entity", () => {
    const mine = {
      id: "user:deepseek-abc123",
      name: "DeepSeek",
      aliases: ["Deep Seek Labs"],
      kind: "company" as const,
      caseSensitive: false,
    };
    const index = buildKnowledgeIndex(BUNDLED_PACKS, [mine]);
    const matcher = compileMatcher(index.aliasEntries, { related: index });
    expect(matcher.findMentions("DeepSeek and DEEPSEEK met.").map((m) => m.entityId)).toEqual([
      "deepseek",
      "deepseek",
    ]);
    // Its own spelling still works, and the name is still an entity with a card.
    expect(matcher.findMentions("Deep Seek Labs hired.").map((m) => m.entityId)).toEqual([mine.id]);
    expect(index.entities.get(mine.id)?.origin).toBe("user");
  });
});
