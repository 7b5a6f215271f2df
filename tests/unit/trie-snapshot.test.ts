/**
 * The build-time trie snapshot (build.mjs puts it into the content script): a matcher made
 * from it must be the matcher built at run time, and a snapshot of other entries (tracked
 * names added, fewer kinds marked, a pack edited) must be ignored rather than used.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AliasEntry, aliasEntriesOfKinds, buildKnowledgeIndex } from "../../src/core/knowledge-index";
import { compileMatcher, snapshotTrie, type TrieSnapshot } from "../../src/core/matcher";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { makeSyntheticAliasEntries } from "../../src/core/synthetic-aliases";
import { BUNDLED_PACKS } from "../../src/knowledge/bundled-packs";
import { makeSpottingSnapshot } from "../../src/knowledge/make-spotting-snapshot";

const index = buildKnowledgeIndex(BUNDLED_PACKS);
const entries = aliasEntriesOfKinds(index, DEFAULT_SETTINGS.markedKinds);
// Through JSON, as the build hands it over.
const snapshot = JSON.parse(JSON.stringify(makeSpottingSnapshot(BUNDLED_PACKS))) as TrieSnapshot;
const built = compileMatcher(entries, { related: index });
const fromSnapshot = compileMatcher(entries, { related: index, snapshot });

const aliasTexts = [...new Set(entries.map((entry) => entry.alias.text))];
const piece = fc.oneof(
  fc.constantFrom(...aliasTexts),
  fc.constantFrom(...aliasTexts).map((text) => text.toUpperCase()),
  fc.constantFrom(...aliasTexts).map((text) => text.toLowerCase().replaceAll(" ", "-")),
  fc.constantFrom(" ", "-", "\u2011", "\u00ad", "’s", "3", "2.5-VL", "的", "x", "é", ". ", "\n"),
);
const pageText = fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(""));

describe("trie snapshot", () => {
  it("is used for the default marks of the bundled packs", () => {
    expect(built.prebuilt).toBe(false);
    expect(fromSnapshot.prebuilt).toBe(true);
    expect(fromSnapshot.aliasCount).toBe(built.aliasCount);
  });

  it("is exactly the trie built at run time", () => {
    expect(snapshotTrie(entries)).toEqual(snapshot);
  });

  it("finds what the built trie finds, in every alias and in random text", () => {
    const everyAlias = aliasTexts.map((text) => `Some text with ${text}, and more.`).join(" ");
    expect(fromSnapshot.findMentions(everyAlias)).toEqual(built.findMentions(everyAlias));
    expect(built.findMentions(everyAlias).length).toBeGreaterThan(aliasTexts.length / 2);
    fc.assert(
      fc.property(pageText, (text) => {
        expect(fromSnapshot.findMentions(text)).toEqual(built.findMentions(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("is ignored for other entries: tracked names, fewer kinds, an edited alias", () => {
    const withNames = buildKnowledgeIndex(BUNDLED_PACKS, [
      { id: "user-zephyr", name: "Zephyrine Labs", aliases: [], kind: "company", caseSensitive: false },
    ]);
    const tracked = compileMatcher(aliasEntriesOfKinds(withNames, DEFAULT_SETTINGS.markedKinds), {
      related: withNames,
      snapshot,
    });
    expect(tracked.prebuilt).toBe(false);
    expect(tracked.findMentions("Zephyrine Labs met DeepSeek").map((m) => m.entityId)).toEqual([
      "user-zephyr",
      "deepseek",
    ]);

    const companies = compileMatcher(aliasEntriesOfKinds(index, ["company"]), { related: index, snapshot });
    expect(companies.prebuilt).toBe(false);
    expect(companies.findMentions("Qwen by Alibaba").map((m) => m.entityId)).toEqual(["alibaba"]);

    const edited: AliasEntry[] = entries.map((entry) =>
      entry.alias.text === "DeepSeek" ? { ...entry, alias: { ...entry.alias, text: "DeepSeeker" } } : entry,
    );
    const stale = compileMatcher(edited, { related: index, snapshot });
    expect(stale.prebuilt).toBe(false);
    expect(stale.findMentions("DeepSeeker").map((m) => m.alias)).toEqual(["DeepSeeker"]);
  });

  it("round-trips a large made-up alias list", () => {
    const large = [...entries, ...makeSyntheticAliasEntries(2000, 5)];
    const largeSnapshot = JSON.parse(JSON.stringify(snapshotTrie(large))) as TrieSnapshot;
    const a = compileMatcher(large, { snapshot: largeSnapshot });
    const b = compileMatcher(large);
    expect(a.prebuilt).toBe(true);
    const text = large
      .filter((_, i) => i % 7 === 0)
      .map((entry) => entry.alias.text)
      .join(" · ");
    expect(a.findMentions(text)).toEqual(b.findMentions(text));
    expect(a.findMentions(text).length).toBeGreaterThan(100);
  });
});
