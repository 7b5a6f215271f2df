import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkPackIntegrity, findMissingQuotes } from "../../src/core/knowledge-integrity";
import { type KnowledgePack, parseKnowledgePack } from "../../src/core/knowledge-schema";

// The bundled data held to its promises: every pack the extension ships must pass these.

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const ARTICLE_PACK_PATH = path.join(repoRoot, "src/knowledge/article.json");
const MORE_PLAYERS_PATH = path.join(repoRoot, "src/knowledge/more-players.json");
// The article is read at run time and never copied into the repository.
const ARTICLE_TEXT_PATH = path.resolve(repoRoot, "../shared/article/article.txt");
const articleExists = existsSync(ARTICLE_TEXT_PATH);

/** Entity ids that other code and tests rely on; none may disappear from the article pack. */
const FIXED_ARTICLE_IDS = [
  "alibaba",
  "alibaba-cloud",
  "qwen",
  "qwen-2.5-max",
  "deepseek",
  "deepseek-v2",
  "deepseek-v3",
  "deepseek-r1",
  "liang-wenfeng",
  "bytedance",
  "tiktok",
  "openai",
  "openai-o1",
  "gpt-4o",
  "llama-3.1-405b",
  "microsoft",
  "baidu",
  "tencent",
  "waves",
  "aime",
  "agi",
];

/** Quotes are short evidence, not copied paragraphs. */
const MAX_QUOTE_WORDS = 25;

/** Reads and validates a bundled pack, failing with a message that says which file and why. */
function loadPack(file: string): KnowledgePack {
  const name = path.relative(repoRoot, file);
  if (!existsSync(file)) throw new Error(`${name} not found: the bundled pack is missing`);
  const result = parseKnowledgePack(JSON.parse(readFileSync(file, "utf8")));
  if (!result.ok) throw new Error(`${name} does not validate:\n${result.problems.join("\n")}`);
  return result.value;
}

function collectQuotes(pack: KnowledgePack): { where: string; quote: string }[] {
  const found: { where: string; quote: string }[] = [];
  for (const entity of pack.entities) {
    for (const fact of entity.facts) {
      if (fact.quote) found.push({ where: `${entity.id}.facts (${fact.id})`, quote: fact.quote });
    }
    for (const [index, relation] of (entity.relations ?? []).entries()) {
      if (relation.quote) found.push({ where: `${entity.id}.relations[${index}]`, quote: relation.quote });
    }
  }
  for (const event of pack.timeline) found.push({ where: `timeline (${event.id})`, quote: event.quote });
  return found;
}

describe("bundled article pack", () => {
  it("validates against the schema", () => {
    expect(() => loadPack(ARTICLE_PACK_PATH)).not.toThrow();
  });

  it("is the article pack, version 1", () => {
    const pack = loadPack(ARTICLE_PACK_PATH);
    expect({ id: pack.id, origin: pack.origin, schemaVersion: pack.schemaVersion }).toEqual({
      id: "article",
      origin: "article",
      schemaVersion: 1,
    });
  });

  it("holds every fixed entity id", () => {
    const ids = new Set(loadPack(ARTICLE_PACK_PATH).entities.map((entity) => entity.id));
    expect(FIXED_ARTICLE_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it("is sound on its own", () => {
    expect(checkPackIntegrity([loadPack(ARTICLE_PACK_PATH)])).toEqual([]);
  });

  it("gives every entity at least one quoted fact", () => {
    const unquoted = loadPack(ARTICLE_PACK_PATH)
      .entities.filter((entity) => !entity.facts.some((fact) => fact.quote))
      .map((entity) => entity.id);
    expect(unquoted).toEqual([]);
  });

  it("attributes every claim and quote", () => {
    const unattributed = loadPack(ARTICLE_PACK_PATH).entities.flatMap((entity) =>
      entity.facts
        .filter((fact) => (fact.kind === "claim" || fact.kind === "quote") && !fact.by)
        .map((fact) => fact.id),
    );
    expect(unattributed).toEqual([]);
  });

  it(`keeps every quote to at most ${MAX_QUOTE_WORDS} words`, () => {
    const long = collectQuotes(loadPack(ARTICLE_PACK_PATH))
      .filter(({ quote }) => quote.trim().split(/\s+/u).length > MAX_QUOTE_WORDS)
      .map(({ where }) => where);
    expect(long).toEqual([]);
  });

  it("cites only https pages for outside context", () => {
    const pack = loadPack(ARTICLE_PACK_PATH);
    const notes = pack.entities.flatMap((entity) => [
      ...(entity.context ?? []),
      ...entity.facts.flatMap((fact) => fact.context ?? []),
    ]);
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.filter((note) => !note.reference.url.startsWith("https://"))).toEqual([]);
  });

  it("corrects the article's description of AIME with a reference", () => {
    const aime = loadPack(ARTICLE_PACK_PATH).entities.find((entity) => entity.id === "aime");
    const notes = [...(aime?.context ?? []), ...(aime?.facts.flatMap((fact) => fact.context ?? []) ?? [])];
    expect(notes.some((note) => note.text.includes("American Invitational Mathematics Examination"))).toBe(
      true,
    );
  });
});

describe("bundled more-players pack", () => {
  it("exists and validates against the schema", () => {
    expect(() => loadPack(MORE_PLAYERS_PATH)).not.toThrow();
  });

  it("is a reference pack with at least 15 entities", () => {
    const pack = loadPack(MORE_PLAYERS_PATH);
    expect(pack.origin).toBe("reference");
    expect(pack.entities.length).toBeGreaterThanOrEqual(15);
  });

  it("gives every fact a reference", () => {
    const unreferenced = loadPack(MORE_PLAYERS_PATH).entities.flatMap((entity) =>
      entity.facts.filter((fact) => !fact.reference).map((fact) => `${entity.id}: ${fact.id}`),
    );
    expect(unreferenced).toEqual([]);
  });
});

describe("bundled packs together", () => {
  it("are sound when loaded together", () => {
    expect(checkPackIntegrity([loadPack(ARTICLE_PACK_PATH), loadPack(MORE_PLAYERS_PATH)])).toEqual([]);
  });
});

describe("article quotes against the article text", () => {
  const skipReason = articleExists ? "" : " (skipped: ../shared/article/article.txt not found)";

  it.skipIf(!articleExists)(`quotes occur verbatim in the article${skipReason}`, () => {
    const article = readFileSync(ARTICLE_TEXT_PATH, "utf8");
    expect(findMissingQuotes(loadPack(ARTICLE_PACK_PATH), article)).toEqual([]);
  });

  it.skipIf(!articleExists)(`a quote changed by one character is caught${skipReason}`, () => {
    const article = readFileSync(ARTICLE_TEXT_PATH, "utf8");
    const pack = loadPack(ARTICLE_PACK_PATH);
    const index = pack.entities.findIndex((entity) => entity.facts.some((fact) => fact.quote));
    const entity = pack.entities[index];
    const factIndex = entity?.facts.findIndex((fact) => fact.quote) ?? -1;
    const fact = entity?.facts[factIndex];
    if (!entity || !fact?.quote) throw new Error("the article pack has no quoted fact");
    const middle = Math.floor(fact.quote.length / 2);
    const swapped = fact.quote[middle] === "x" ? "y" : "x";
    fact.quote = `${fact.quote.slice(0, middle)}${swapped}${fact.quote.slice(middle + 1)}`;

    const problems = findMissingQuotes(pack, article);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      `article: entities[${index}] (${entity.id}).facts[${factIndex}] (${fact.id}).quote`,
    );
  });

  it.skipIf(!articleExists)(`summaries and fact texts are in our own words${skipReason}`, () => {
    // Eight words in a row shared with the article means a sentence was copied, not retold.
    const words = (text: string) => text.toLowerCase().split(/\s+/u).filter(Boolean);
    const article = ` ${words(readFileSync(ARTICLE_TEXT_PATH, "utf8")).join(" ")} `;
    const copied: string[] = [];
    for (const entity of loadPack(ARTICLE_PACK_PATH).entities) {
      for (const text of [entity.summary, ...entity.facts.map((fact) => fact.text)]) {
        const own = words(text);
        for (let start = 0; start + 8 <= own.length; start++) {
          if (article.includes(` ${own.slice(start, start + 8).join(" ")} `)) {
            copied.push(`${entity.id}: ${text}`);
            break;
          }
        }
      }
    }
    expect(copied).toEqual([]);
  });
});
