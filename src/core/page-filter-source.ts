/**
 * The page filter's source, made at build time from the alias entries of the bundled packs
 * (see build.mjs and page-filter.ts). The filter runs on every page, before anything else of
 * the content script is loaded, so it is built for a cheap compile and a fast search rather
 * than for one regex (a regex of every name in full took about 4 ms to compile in Chromium):
 *
 * - `starts`, searched over all the text (flags `gi`): the first {@link FILTER_DEPTH} units of
 *   every name, any case, with runs of spaces or dashes where the matcher reads a separator
 *   and optional ones where it joins a letter and a digit ("Qwen2.5", "Qwen 2.5"), those of
 *   names starting with an ASCII letter or digit only at the start of a word; and the few
 *   characters that fold to another letter than their upper case does (İ, K…), on which the
 *   filter gives up (see `SPECIAL_FOLD_CLASS` in page-filter.ts);
 * - `groups`, keyed by a name's first unit, folded: the names starting with it, each in full,
 *   asked only where a start was found (flag `y`, compiled on first need). Each keeps the
 *   matcher's case (exact where the matcher wants it exact: case-sensitive and ambiguous
 *   aliases; else every unit that folds as the name's does) and an ASCII word boundary after
 *   the name: one ending with an ASCII letter or digit never ends right before one
 *   ("metadata" holds no "Meta"), unless a version may follow ("Qwen2", "DeepSeekV3"). The
 *   boundary before a name is in `starts` (see above): a name starting with an ASCII letter or
 *   digit never starts right after one ("claimed" holds no "AIME").
 *
 * Ignorable units (soft hyphen, zero-width space…), which the matcher skips inside names,
 * are removed from the texts before the search (see page-filter.ts). Context words, guards
 * and non-ASCII boundaries are left to the matcher: the filter only has to be a superset,
 * which tests/unit/page-filter.test.ts checks by property.
 *
 * Pure: no DOM, no extension APIs.
 */
import { MAX_FILTER_KEYS, mergeTokenLists, SEPARATOR_CLASS } from "./candidate-filter";
import type { AliasEntry } from "./knowledge-index";
import { type PageFilterSource, SPECIAL_FOLD_CLASS } from "./page-filter";
import {
  type CharClass,
  CJK,
  DASH,
  DIGIT,
  foldUnit,
  IGNORABLE,
  isWordClass,
  LETTER,
  SPACE,
  unitClass,
} from "./text-boundaries";

/**
 * How many leading units of a name `starts` looks for. Every hit of `starts` compiles (once a
 * page) and asks the group of its first letter, and at four units common words hit it
 * ("article" for "artificial general intelligence", "minimum" for "MiniMax", "open", "step",
 * "double"). In paired runs over 18 corpus pages, a depth of 6 took the first stage's time
 * to 0.94 of a depth of 4's (per-page median); 5 and 6 could not be told apart, and 8 (a
 * longer regex to compile) measured 1.05 of 6.
 */
export const FILTER_DEPTH = 6;

const ASCII_WORD = "A-Za-z0-9";
/** Not right before an ASCII letter or digit. */
const NOT_BEFORE_WORD = `(?![${ASCII_WORD}])`;
/** Not right before an ASCII letter, unless a digit follows it (a version such as "V3"). */
const NOT_BEFORE_LETTER_BUT_VERSION = "(?![A-Za-z](?![0-9]))";

let unitsByFold: Map<number, number[]> | undefined;

/** Every UTF-16 unit that folds to `folded` (computed once, over all 65,536 units). */
function unitsFoldingTo(folded: number): readonly number[] {
  if (!unitsByFold) {
    unitsByFold = new Map();
    for (let unit = 0; unit <= 0xffff; unit++) {
      const key = foldUnit(unit);
      const list = unitsByFold.get(key);
      if (list) list.push(unit);
      else unitsByFold.set(key, [unit]);
    }
  }
  return unitsByFold.get(folded) ?? [folded];
}

function isAsciiWord(unit: number): boolean {
  return (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a);
}

function escapeUnit(unit: number): string {
  return isAsciiWord(unit) ? String.fromCharCode(unit) : `\\u${unit.toString(16).padStart(4, "0")}`;
}

/** Whether the matcher joins these two classes without a separator ("Qwen2", "R1"). */
function joinsWithoutSeparator(before: CharClass | undefined, after: CharClass): boolean {
  const role = (charClass: CharClass | undefined) =>
    charClass === LETTER || charClass === CJK ? 1 : charClass === DIGIT ? 2 : 0;
  const a = role(before);
  const b = role(after);
  return (a === 1 && b === 2) || (a === 2 && b === 1);
}

/** An alias as the filter reads it: its visible units, and what the text may hold before each. */
interface AliasShape {
  units: number[];
  /** Before each unit: nothing, a separator run, or an optional one (a letter-digit join). */
  gaps: ("" | "+" | "*")[];
  exactCase: boolean;
  versioned: boolean;
  lastClass: CharClass;
}

function shapeOf(entry: AliasEntry): AliasShape | null {
  const { alias } = entry;
  const units: number[] = [];
  const gaps: AliasShape["gaps"] = [];
  let lastClass: CharClass | undefined;
  let pendingSeparator = false;
  for (let index = 0; index < alias.text.length; index++) {
    const unit = alias.text.charCodeAt(index);
    const charClass = unitClass(unit);
    if (charClass === IGNORABLE) continue;
    if (charClass === SPACE || charClass === DASH) {
      pendingSeparator = units.length > 0;
      continue;
    }
    // Where the matcher drops a separator, the text may have one or not; elsewhere the name's
    // separator is a run of at least one in the text.
    const joined = units.length > 0 && joinsWithoutSeparator(lastClass, charClass);
    gaps.push(joined ? "*" : pendingSeparator ? "+" : "");
    units.push(unit);
    pendingSeparator = false;
    lastClass = charClass;
  }
  if (units.length === 0 || lastClass === undefined) return null;
  const exactCase = alias.caseSensitive === true || alias.ambiguous === true;
  return { units, gaps, exactCase, versioned: alias.versioned === true, lastClass };
}

function gapToken(gap: AliasShape["gaps"][number]): string {
  return gap === "" ? "" : `${SEPARATOR_CLASS}${gap}`;
}

/** The name's first units, any case (for `starts`, searched with the `i` flag). */
function startTokens(shape: AliasShape): string[] {
  return shape.units
    .slice(0, FILTER_DEPTH)
    .map((unit, index) => gapToken(shape.gaps[index] ?? "") + escapeUnit(foldUnit(unit)));
}

/** The whole name with its case and the boundary after it (for its group). */
function nameTokens(shape: AliasShape): string[] {
  const tokens = shape.units.map((unit, index) => {
    let token: string;
    if (shape.exactCase) token = escapeUnit(unit);
    else {
      const units = unitsFoldingTo(foldUnit(unit));
      token = units.length === 1 ? escapeUnit(units[0] as number) : `[${units.map(escapeUnit).join("")}]`;
    }
    return gapToken(shape.gaps[index] ?? "") + token;
  });
  const last = shape.units[shape.units.length - 1] as number;
  if (isAsciiWord(last) && isWordClass(shape.lastClass)) {
    // A version starts with a digit, or with one letter and then a digit.
    tokens.push(shape.versioned ? NOT_BEFORE_LETTER_BUT_VERSION : NOT_BEFORE_WORD);
  }
  return tokens;
}

/**
 * The page filter's source for `entries` (see the module comment), to compile with
 * `compilePageFilter`; null (no filter: every page may mention a name) beyond the candidate
 * filter's limit of names, where the search would cost more than it saves.
 */
export function pageFilterSource(entries: readonly AliasEntry[]): PageFilterSource | null {
  if (entries.length > MAX_FILTER_KEYS) return null;
  const shapes = entries.map(shapeOf).filter((shape) => shape !== null);
  const byFirst = new Map<string, string[][]>();
  for (const shape of shapes) {
    const first = String.fromCharCode(foldUnit(shape.units[0] as number));
    const lists = byFirst.get(first) ?? [];
    lists.push(nameTokens(shape));
    byFirst.set(first, lists);
  }
  const groups: Record<string, string> = {};
  for (const [first, lists] of byFirst) groups[first] = mergeTokenLists(lists).join("|");
  // A name starting with an ASCII letter or digit starts a word (`\b`: the units before such a
  // name that the regex counts as a word's, ASCII letters, digits and the underscore, are
  // word units to the matcher too). Tried first, the boundary turns most places away before
  // any name is tried: the search is about three times faster.
  const wordStarts = shapes.filter((shape) => isAsciiWord(foldUnit(shape.units[0] as number)));
  const otherStarts = shapes.filter((shape) => !wordStarts.includes(shape));
  const alternatives: string[] = [];
  if (wordStarts.length > 0)
    alternatives.push(`\\b(?:${mergeTokenLists(wordStarts.map(startTokens)).join("|")})`);
  alternatives.push(...mergeTokenLists(otherStarts.map(startTokens)));
  // The special folds captured: the filter tells them from a name's start by the capture.
  return { starts: [...alternatives, `(${SPECIAL_FOLD_CLASS})`].join("|"), groups };
}
