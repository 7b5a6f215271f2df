/**
 * The matcher's candidate filter must never hide a name: a matcher with the filter finds
 * exactly what the full scan finds. Checked here for case folding over every UTF-16 unit, for
 * the separator rules, and by property on random text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ALWAYS_CANDIDATE_CLASS,
  candidateFilterSource,
  compileCandidateFilter,
  MAX_FILTER_KEYS,
} from "../../src/core/candidate-filter";
import { type AliasEntry, buildKnowledgeIndex } from "../../src/core/knowledge-index";
import { compileMatcher } from "../../src/core/matcher";
import { makeSyntheticAliasEntries } from "../../src/core/synthetic-aliases";
import { foldUnit } from "../../src/core/text-boundaries";
import { BUNDLED_PACKS } from "../../src/knowledge/bundled-packs";
import { nameText } from "./name-text-arbitrary";

const index = buildKnowledgeIndex(BUNDLED_PACKS);
const made = (texts: string[]): AliasEntry[] =>
  texts.map((text, i) => ({ entityId: `made-${i}`, alias: { text } }));
// Names a user might track, with letters that case-fold in unusual ways.
const unusual = made([
  "Ölwerk AI",
  "Ωmega Labs",
  "Straße 9",
  "İnci Tech",
  "Kelvin Works",
  "Σίγμα",
  "Åsa Robotics",
]);
const entries = [...index.aliasEntries, ...unusual, ...makeSyntheticAliasEntries(200, 9)];
const fast = compileMatcher(entries, { related: index });
const full = compileMatcher(entries, { related: index, candidateFilter: false });

const always = new RegExp(ALWAYS_CANDIDATE_CLASS);

describe("candidate filter", () => {
  it("takes every unit for the letter it folds to, or lets the text through", () => {
    const missed: string[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      if (unit >= 0xd800 && unit <= 0xdfff) continue;
      const folded = foldUnit(unit);
      if (folded === unit) continue;
      const char = String.fromCharCode(unit);
      const caseless = compileCandidateFilter(`\\u${folded.toString(16).padStart(4, "0")}`);
      if (!caseless.test(char) && !always.test(char)) missed.push(unit.toString(16));
    }
    expect(missed).toEqual([]);
  });

  it("lets text through only for characters that need it (the list is not stale)", () => {
    const needed = new Set<number>([0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
    for (let unit = 0; unit < 0x10000; unit++) {
      if (unit >= 0xd800 && unit <= 0xdfff) continue;
      const folded = foldUnit(unit);
      const caseless = compileCandidateFilter(`\\u${folded.toString(16).padStart(4, "0")}`);
      if (folded !== unit && !caseless.test(String.fromCharCode(unit))) needed.add(unit);
    }
    const listed: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) if (always.test(String.fromCharCode(unit))) listed.push(unit);
    expect(listed).toEqual([...needed].sort((a, b) => a - b));
  });

  it("says no to most text and yes where a name starts, whatever its spelling", () => {
    const filter = compileCandidateFilter(
      candidateFilterSource(["deepseek", "qwen2.5 max", "o1", "x ai"]) as string,
    );
    expect(filter.test("The weather in Lisbon was mild all week.")).toBe(false);
    for (const text of [
      "DEEPSEEK",
      "Deep-Seek",
      "deep\u00a0seek",
      "Qwen 2.5",
      "qwen-2",
      "O 1",
      "X\u2011AI",
      "x  ai",
    ]) {
      expect(filter.test(text), text).toBe(true);
    }
    // A soft hyphen anywhere: the full scan decides.
    expect(filter.test("De\u00adep")).toBe(true);
  });

  it("is used for the packs and a few hundred names, and left out for thousands", () => {
    expect(fast.filtered).toBe(true);
    expect(full.filtered).toBe(false);
    const keys = Array.from({ length: MAX_FILTER_KEYS + 1 }, (_, i) => `name${i}`);
    expect(candidateFilterSource(keys.slice(0, MAX_FILTER_KEYS))).not.toBeNull();
    expect(candidateFilterSource(keys)).toBeNull();
    const many = compileMatcher([...index.aliasEntries, ...makeSyntheticAliasEntries(5000)]);
    expect(many.filtered).toBe(false);
    expect(many.findMentions("DeepSeek and Qwen").map((m) => m.entityId)).toEqual(["deepseek", "qwen"]);
  });

  it("finds what the full scan finds on the names, recased and respaced", () => {
    for (const { alias } of entries) {
      for (const text of [
        alias.text,
        alias.text.toUpperCase(),
        alias.text.toLowerCase().replaceAll(" ", "\u2011"),
      ]) {
        const sentence = `«${text}» and more`;
        expect(fast.findMentions(sentence), sentence).toEqual(full.findMentions(sentence));
      }
    }
    expect(fast.findMentions("The K\u212aELVIN WORKS team").map((m) => m.entityId)).toEqual([]);
    expect(fast.findMentions("\u212aelvin Works and \u0130NCI TECH").map((m) => m.alias)).toEqual(
      full.findMentions("\u212aelvin Works and \u0130NCI TECH").map((m) => m.alias),
    );
    expect(full.findMentions("\u212aelvin Works").length).toBe(1);
  });

  it("finds what the full scan finds in random text", () => {
    const texts = [...new Set(entries.map((entry) => entry.alias.text))];
    fc.assert(
      fc.property(nameText(texts), (text) => {
        expect(fast.findMentions(text)).toEqual(full.findMentions(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("finds, among many texts searched at once, exactly the texts it lets through one by one", () => {
    const source = candidateFilterSource(entries.map((entry) => entry.alias.text.toLowerCase()));
    const filter = compileCandidateFilter(source as string);
    const texts = [...new Set(entries.map((entry) => entry.alias.text))];
    const text = fc.oneof(
      fc.constantFrom(...texts),
      fc.constantFrom(...texts).map((name) => `${name.slice(0, 2)}\u0000${name.slice(2)}`),
      fc.constantFrom("", "\u0000", " ", "Deep", "Seek", "\u00ad", "o", "1", "的"),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: "binary", maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 24 }), (batch) => {
        const oneByOne = batch.flatMap((item, index) => (filter.test(item) ? [index] : []));
        expect(filter.findIn(batch)).toEqual(oneByOne);
      }),
      { numRuns: 2000 },
    );
  });

  it("never leaves out a text when a pattern matches across the texts' separator", () => {
    // Not a filter source would ever make: `[^]` matches the separator too.
    const filter = compileCandidateFilter("x[^]y");
    expect(filter.findIn(["ax", "yz", "zxqy"])).toEqual([0, 2]);
    // The match across the separator took the second text's first unit; it is searched again.
    expect(filter.findIn(["ax", "yxzy"])).toEqual([0, 1]);
    expect(filter.findIn([])).toEqual([]);
  });

  it("gives the matcher's candidates for a batch: every text with a name, all texts without a filter", () => {
    const batch = [
      "Nothing to see here.",
      "DeepSeek-V3 shipped",
      "",
      "qwen 2.5 max, recased",
      "o1 visa",
      "straße 9",
      "\u212aelvin Works",
    ];
    const withNames = batch.flatMap((text, index) => (full.findMentions(text).length > 0 ? [index] : []));
    expect(withNames.length).toBeGreaterThan(2);
    const candidates = fast.findCandidates(batch);
    for (const index of withNames) expect(candidates).toContain(index);
    expect(candidates).not.toContain(0);
    expect(full.findCandidates(batch)).toEqual(batch.map((_, index) => index));
  });
});
