/**
 * The page filter decides, on every page, whether the content script loads at all: it must
 * never rule out a text the matcher finds a name in. Checked by property against the matcher
 * (bundled names, unusual case folds, ambiguous and versioned aliases), on the rules it adds
 * (case, ASCII word boundaries, ignorables), and on what it rules out.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_FILTER_KEYS } from "../../src/core/candidate-filter";
import { type AliasEntry, buildKnowledgeIndex } from "../../src/core/knowledge-index";
import { compileMatcher } from "../../src/core/matcher";
import type { IndexedName } from "../../src/core/name-index";
import {
  combinePageFilters,
  compileNamesFilter,
  compilePageFilter,
  type PageFilter,
  type PageFilterSource,
  SPECIAL_FOLD_CLASS,
} from "../../src/core/page-filter";
import { pageFilterSource } from "../../src/core/page-filter-source";
import { makeSyntheticAliasEntries } from "../../src/core/synthetic-aliases";
import { foldUnit, IGNORABLE, unitClass } from "../../src/core/text-boundaries";
import { BUNDLED_PACKS } from "../../src/knowledge/bundled-packs";
import { nameText } from "./name-text-arbitrary";

const index = buildKnowledgeIndex(BUNDLED_PACKS);
const made = (texts: string[], options: Partial<AliasEntry["alias"]> = {}): AliasEntry[] =>
  texts.map((text, i) => ({ entityId: `made-${text}-${i}`, alias: { text, ...options } }));
// Names a user might track, with letters that case-fold in unusual ways.
const unusual = [
  ...made(["Ölwerk AI", "Ωmega Labs", "Straße 9", "İnci Tech", "Kelvin Works", "Σίγμα", "Åsa Robotics"]),
  ...made(["Nova-7", "X1"], { versioned: true }),
  ...made(["Zeta Q"], { caseSensitive: true }),
];
const entries = [...index.aliasEntries, ...unusual, ...makeSyntheticAliasEntries(120, 5)];
const matcher = compileMatcher(entries, { related: index, candidateFilter: false });
const filter = compilePageFilter(pageFilterSource(entries) as PageFilterSource);
const packFilter = compilePageFilter(pageFilterSource(index.aliasEntries) as PageFilterSource);

describe("page filter", () => {
  it("lets through every text the matcher finds a name in (random text)", () => {
    const texts = [...new Set(entries.map((entry) => entry.alias.text))];
    fc.assert(
      fc.property(nameText(texts, ["\ufeff", "V3", "-72B", "模型", "\u0000"]), (text) => {
        if (matcher.findMentions(text).length > 0) expect(filter.mayMention([text]), text).toBe(true);
      }),
      { numRuns: 4000 },
    );
  });

  it("lets through every name of the packs, however it is cased, spaced or broken", () => {
    for (const { alias } of entries) {
      for (const text of [
        alias.text,
        alias.text.toUpperCase(),
        alias.text.toLowerCase().replaceAll(" ", "\u2011"),
        [...alias.text].join("\u200b"),
      ]) {
        for (const sentence of [`«${text}» and more`, `使用${text}模型`, `${text}’s`, text]) {
          if (matcher.findMentions(sentence).length > 0)
            expect(filter.mayMention([sentence]), sentence).toBe(true);
        }
      }
    }
  });

  it("finds a name in any one of many texts, and never across two", () => {
    expect(packFilter.mayMention(["Nothing here.", "", "Still nothing.", "Then DeepSeek-V3 shipped"])).toBe(
      true,
    );
    expect(packFilter.mayMention(["Deep", "Seek"])).toBe(false);
    expect(packFilter.mayMention([])).toBe(false);
  });

  it("rules out words that merely contain a name, or have another case than an exact one", () => {
    for (const text of [
      "The weather in Lisbon was mild all week.",
      "She claimed the page's metadata was wrong.", // AIME, AGI, Meta inside words
      "The waves crashed on the shore.", // Waves is case-exact
      "Mr 1 and the homepage", // R1 inside "Mr 1"
      "a googlesque openairy xdeepseek",
      "snake_DeepSeek_case", // the underscore is a word unit
      "Soft\u00adhyphens and zero\u200bwidth spaces alone",
    ]) {
      expect(matcher.findMentions(text), text).toEqual([]);
      expect(packFilter.mayMention([text]), text).toBe(false);
    }
  });

  it("does not stop at common words that share a name's first letters (no group asked)", () => {
    // Each `starts` hit compiles and asks a group, and these words hit it at a depth of four
    // units ("arti" of "artificial general intelligence", "mini" of "MiniMax"…).
    const starts = new RegExp((pageFilterSource(index.aliasEntries) as PageFilterSource).starts, "gi");
    const words = "article minimum opening steps double chatting mistake tongue doubts openly";
    expect(words.match(starts)).toBeNull();
    // The names themselves still start there.
    for (const name of ["MiniMax", "OpenAI", "StepFun", "Doubao", "ChatGLM", "Mistral", "Tongyi Qianwen"]) {
      expect(name.search(starts), name).toBe(0);
    }
  });

  it("keeps the matcher's spellings: case, separators, versions, CJK, ignorables", () => {
    for (const text of [
      "DEEPSEEK",
      "Deep-Seek",
      "Deep\u00a0Seek",
      "Qwen 2.5-Max",
      "Qwen2.5",
      "DeepSeekV3",
      "DeepSeek’s",
      "使用DeepSeek模型",
      "阿里巴巴",
      "Deep\u00adSeek",
      "\ufeffOpenAI",
      "(Alibaba)",
      "2025:Qwen",
    ]) {
      expect(matcher.findMentions(text).length, text).toBeGreaterThan(0);
      expect(packFilter.mayMention([text]), text).toBe(true);
    }
    const folds = compilePageFilter(pageFilterSource(unusual) as PageFilterSource);
    expect(folds.mayMention(["\u212aELVIN WORKS"])).toBe(true); // Kelvin sign folds to k
    expect(folds.mayMention(["\u0130NCI TECH"])).toBe(true);
    expect(folds.mayMention(["zeta q"])).toBe(false); // case-sensitive
    for (const [text, found] of [
      ["Nova 7b and X1s", false],
      ["NOVA-7, then", true],
      ["X1-72B", true],
      ["X1v2", true],
    ] as const) {
      expect(matcher.findMentions(text).length > 0, text).toBe(found);
      expect(folds.mayMention([text]), text).toBe(found);
    }
  });

  it("takes out exactly the units the matcher skips inside a name", () => {
    const skipped: string[] = [];
    const taken: string[] = [];
    // As pageFilterSource makes it: a name starting with an ASCII letter starts a word.
    const probe = compilePageFilter({ starts: "\\ba", groups: { a: "ab(?![^])" } });
    for (let unit = 0; unit < 0x10000; unit++) {
      if (unit >= 0xd800 && unit <= 0xdfff) continue;
      if (unitClass(unit) === IGNORABLE) skipped.push(unit.toString(16));
      if (probe.mayMention([`a${String.fromCharCode(unit)}b`])) taken.push(unit.toString(16));
    }
    expect(taken).toEqual(skipped);
  });

  it("has no filter beyond the candidate filter's limit, and matches nothing without names", () => {
    expect(pageFilterSource(makeSyntheticAliasEntries(MAX_FILTER_KEYS + 1))).toBeNull();
    expect(compilePageFilter(pageFilterSource([]) as PageFilterSource).mayMention(["DeepSeek", ""])).toBe(
      false,
    );
  });
});

describe("page filter's special folds", () => {
  it("lists exactly the units a case-insensitive regex does not fold as the matcher does", () => {
    const special = new RegExp(SPECIAL_FOLD_CLASS);
    const needed: number[] = [];
    const listed: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      if (unit >= 0xd800 && unit <= 0xdfff) continue;
      const char = String.fromCharCode(unit);
      const folded = foldUnit(unit);
      const caseless = new RegExp(`\\u${folded.toString(16).padStart(4, "0")}`, "i");
      if (!caseless.test(char)) needed.push(unit);
      if (special.test(char)) listed.push(unit);
    }
    expect(listed).toEqual(needed);
    // Where one stands, the matcher decides: "LİANG" folds to "liang".
    expect(matcher.findMentions("LİANG WENFENG").length).toBe(1);
    expect(packFilter.mayMention(["LİANG WENFENG"])).toBe(true);
  });
});

describe("names filter (the user's names, at run time)", () => {
  const names: IndexedName[] = [
    { id: "user:a", name: "Kestrel Robotics", aliases: ["Kestrel-9"], kind: "company", caseSensitive: false },
    { id: "user:b", name: "Ölwerk AI", aliases: ["Σίγμα Labs"], kind: "company", caseSensitive: true },
    { id: "user:c", name: "Straße 9", aliases: ["小米"], kind: "product", caseSensitive: false },
    { id: "user:d", name: "Z.ai Nova", aliases: ["Nova7B"], kind: "model", caseSensitive: false },
  ];
  const own = buildKnowledgeIndex([], names);
  const ownMatcher = compileMatcher(own.aliasEntries, { related: own, candidateFilter: false });
  const ownFilter = compileNamesFilter(names.flatMap((name) => [name.name, ...name.aliases])) as PageFilter;

  it("lets through every text the matcher finds one of the names in (random text)", () => {
    const texts = names.flatMap((name) => [name.name, ...name.aliases]);
    fc.assert(
      fc.property(nameText(texts, ["\ufeff", "Σ", "ς", "7", "-9b"]), (text) => {
        if (ownMatcher.findMentions(text).length > 0) expect(ownFilter.mayMention([text]), text).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("rules out text without the names, and gives up on names too short to look for", () => {
    expect(ownFilter.mayMention(["Nothing about robots or oil here.", "Novel ideas"])).toBe(false);
    expect(ownFilter.mayMention(["The KESTREL\u2011ROBOTICS team"])).toBe(true);
    expect(compileNamesFilter(["AI"])).toBeNull();
    expect(compileNamesFilter(["X 1 Y"])).toBeNull();
    expect(compileNamesFilter(["\u212aelvin"])).toBeNull();
    expect(compileNamesFilter([])?.mayMention(["anything"])).toBe(false);
  });

  it("combines with the packs' filter: a text passes when either filter lets it through", () => {
    const both = combinePageFilters(packFilter, ownFilter);
    const texts = [
      ...names.flatMap((name) => [name.name, ...name.aliases]),
      "DeepSeek",
      "Qwen 2.5-Max",
      "Alibaba",
    ];
    fc.assert(
      fc.property(fc.array(nameText(texts, ["\ufeff", "7", "模型"]), { maxLength: 4 }), (batch) => {
        expect(both.mayMention(batch)).toBe(packFilter.mayMention(batch) || ownFilter.mayMention(batch));
      }),
      { numRuns: 2000 },
    );
    expect(both.mayMention(["A visit to Kestrel Robotics."])).toBe(true);
    expect(both.mayMention(["Then DeepSeek answered."])).toBe(true);
    expect(both.mayMention(["Nothing here.", "Nor here."])).toBe(false);
    expect(both.mayMention([])).toBe(false);
  });
});
