import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AliasEntry, buildKnowledgeIndex } from "../../src/core/knowledge-index";
import { type KnowledgePack, parseKnowledgePack } from "../../src/core/knowledge-schema";
import { compileMatcher, type Mention } from "../../src/core/matcher";

// Properties of the matcher on random text built from the pieces names are made of and
// found next to: alias texts (also re-cased), separators, CJK, letters of other scripts,
// digits, apostrophes and punctuation. The checks use their own normalisation, written
// independently of the matcher's.

function loadPack(name: string): KnowledgePack {
  const raw = JSON.parse(readFileSync(new URL(`../../src/knowledge/${name}.json`, import.meta.url), "utf8"));
  const result = parseKnowledgePack(raw);
  if (!result.ok) throw new Error(`${name}.json does not validate:\n${result.problems.join("\n")}`);
  return result.value;
}

const index = buildKnowledgeIndex([loadPack("article"), loadPack("more-players")]);
const matcher = compileMatcher(index.aliasEntries, { related: index });
const aliasTexts = [...new Set(index.aliasEntries.map((entry) => entry.alias.text))];

const SEPARATORS = [
  " ",
  "  ",
  "\u00a0",
  "\u202f",
  "-",
  "\u2010",
  "\u2011",
  "\u2012",
  "\u2013",
  "\u2014",
  "\n",
];
const INVISIBLE = ["\u00ad", "\u200b"];
const CJK = ["的", "中", "模型", "山", "阿", "里", "·", "한", "カ", "。"];
const LETTERS = ["a", "X", "é", "д", "α", "ع", "s", "ing", "_"];
const DIGITS = ["1", "2.5", "3", "72B", "0", "V4", ".5"];
const APOSTROPHES = ["'", "’", "'s", "’s", "s'"];
const PUNCTUATION = [".", ",", "(", ")", "«", "»", ":", "!", '"', "O(1)"];

/** Removes invisible characters, folds separator runs to one space, and drops a space between a letter and a digit. */
function normaliseLoosely(text: string): string {
  return text
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/gu, "")
    .replace(/[\s\-\u2010-\u2015\u2212]+/gu, " ")
    .trim()
    .replace(/(?<=\p{L}) (?=[0-9])|(?<=[0-9]) (?=\p{L})/gu, "");
}

/** A version suffix after normalisation: optional space, an optional letter, a digit, then letters, digits, dots and spaces. */
const VERSION_REST = /^ ?[a-z]?[0-9][a-z0-9. ]*$/iu;

/** A letter, digit, mark or underscore of a script that is not CJK. */
const BLOCKING = /^(?![\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}])[\p{L}\p{N}\p{M}_]$/u;

function visibleNeighbour(text: string, from: number, step: -1 | 1): string {
  let at = step === -1 ? from - 1 : from;
  while (at >= 0 && at < text.length && /[\u00ad\u200b-\u200d\u2060\ufeff]/u.test(text[at] as string))
    at += step;
  if (at < 0 || at >= text.length) return "";
  const unit = text.charCodeAt(at);
  if (step === -1 && unit >= 0xdc00 && unit <= 0xdfff && at > 0) return text.slice(at - 1, at + 1);
  if (step === 1 && unit >= 0xd800 && unit <= 0xdbff) return text.slice(at, at + 2);
  return text[at] as string;
}

function entryOf(mention: Mention): AliasEntry | undefined {
  return index.aliasEntries.find(
    (entry) => entry.entityId === mention.entityId && entry.alias.text === mention.alias,
  );
}

const recased = fc
  .tuple(fc.constantFrom(...aliasTexts), fc.constantFrom("as is", "upper", "lower"))
  .map(([text, how]) => (how === "upper" ? text.toUpperCase() : how === "lower" ? text.toLowerCase() : text));

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...aliasTexts) },
  { weight: 1, arbitrary: recased },
  { weight: 3, arbitrary: fc.constantFrom(...SEPARATORS) },
  { weight: 1, arbitrary: fc.constantFrom(...INVISIBLE) },
  { weight: 2, arbitrary: fc.constantFrom(...CJK) },
  { weight: 2, arbitrary: fc.constantFrom(...LETTERS) },
  { weight: 1, arbitrary: fc.constantFrom(...DIGITS) },
  { weight: 1, arbitrary: fc.constantFrom(...APOSTROPHES) },
  { weight: 1, arbitrary: fc.constantFrom(...PUNCTUATION) },
);
const randomText = fc.array(fragment, { maxLength: 24 }).map((parts) => parts.join(""));

describe("findMentions on random text", () => {
  it("returns sorted, non-overlapping, non-empty mentions inside the text", () => {
    fc.assert(
      fc.property(randomText, (text) => {
        const mentions = matcher.findMentions(text);
        let previousEnd = 0;
        for (const mention of mentions) {
          expect(mention.start).toBeGreaterThanOrEqual(previousEnd);
          expect(mention.end).toBeGreaterThan(mention.start);
          expect(mention.end).toBeLessThanOrEqual(text.length);
          previousEnd = mention.end;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("only reports text that normalises to the alias, or the alias plus a version for versioned ones", () => {
    fc.assert(
      fc.property(randomText, (text) => {
        for (const mention of matcher.findMentions(text)) {
          const entry = entryOf(mention);
          expect(entry, `no alias "${mention.alias}" on ${mention.entityId}`).toBeDefined();
          const alias = (entry as AliasEntry).alias;
          const exactCase = alias.caseSensitive === true || alias.ambiguous === true;
          const fold = (value: string) => (exactCase ? value : value.toLowerCase());
          const written = fold(normaliseLoosely(text.slice(mention.start, mention.end)));
          const expected = fold(normaliseLoosely(alias.text));
          if (alias.versioned && written !== expected) {
            expect(written.startsWith(expected), `${written} vs ${expected}`).toBe(true);
            expect(written.slice(expected.length)).toMatch(VERSION_REST);
          } else {
            expect(written).toBe(expected);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never lets a word character of a non-CJK script touch a Latin name", () => {
    fc.assert(
      fc.property(randomText, (text) => {
        for (const mention of matcher.findMentions(text)) {
          const name = text.slice(mention.start, mention.end);
          if (BLOCKING.test(name[0] as string)) {
            expect(visibleNeighbour(text, mention.start, -1)).not.toMatch(BLOCKING);
          }
          if (BLOCKING.test(name[name.length - 1] as string)) {
            expect(visibleNeighbour(text, mention.end, 1)).not.toMatch(BLOCKING);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("finds an alias set off by spaces among plain words", () => {
    const plainWord = fc.constantFrom("the", "and", "said", "today", "的", "说", "!", "(", "—");
    fc.assert(
      fc.property(
        fc.array(plainWord, { maxLength: 4 }),
        fc.constantFrom(...index.aliasEntries),
        fc.array(plainWord, { maxLength: 4 }),
        (before, { entityId, alias }, after) => {
          const head = before.length > 0 ? `${before.join(" ")} ` : "";
          const text = `${head}${alias.text}${after.length > 0 ? ` ${after.join(" ")}` : ""}`;
          const hit = matcher
            .findMentions(text)
            .find(
              (mention) => mention.start === head.length && mention.end === head.length + alias.text.length,
            );
          expect(hit?.entityId, JSON.stringify(text)).toBe(entityId);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("is deterministic and independent of earlier calls", () => {
    fc.assert(
      fc.property(randomText, randomText, (first, second) => {
        const alone = matcher.findMentions(second);
        matcher.findMentions(first);
        expect(matcher.findMentions(second)).toEqual(alone);
      }),
      { numRuns: 500 },
    );
  });
});
