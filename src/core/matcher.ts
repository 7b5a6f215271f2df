/**
 * The name matcher: finds every alias of every entity in a string in one pass, whatever the
 * number of aliases, and resolves ambiguous names against their context.
 *
 * How it works: all aliases are compiled into one trie over a normalised form (case folded per
 * UTF-16 unit, every space or dash run as one separator symbol, soft hyphens and zero-width
 * characters removed, and a separator between a letter and a digit dropped, so "Qwen 2.5-Max",
 * "Qwen2.5-Max", "Qwen-2.5-Max" and "Qwen 2.5 Max" are one path). The scan walks the text
 * once; it starts a trie walk only where a name may start (at the first character of a word,
 * or at any CJK character), using a 64K-entry table for the first step, so the cost per
 * character hardly depends on how many names there are. The walk normalises the text on the
 * fly, so offsets always point into the original string. Candidates are then checked in code:
 * exact case where the alias demands it, word boundaries by script, `notBefore` / `notAfter`
 * guards, version suffixes, and context words for ambiguous aliases.
 *
 * Pure: no DOM, no extension APIs, no regular expressions over page text.
 */
import { candidateFilterSource, compileCandidateFilter } from "./candidate-filter";
import type { AliasEntry, KnowledgeIndex } from "./knowledge-index";
import {
  type CharClass,
  CJK,
  classAfter,
  classAt,
  classBefore,
  containsWholeTerm,
  DASH,
  DIGIT,
  foldUnit,
  HIGH_SURROGATE,
  IGNORABLE,
  isWordClass,
  LETTER,
  LOW_SURROGATE,
  normaliseForComparison,
  SPACE,
  UNIT_CLASS,
  unitClass,
  WORD_OTHER,
} from "./text-boundaries";

/** One name found in a string. */
export interface Mention {
  /** UTF-16 offset of the first character of the name in the searched string. */
  start: number;
  /**
   * UTF-16 offset just after the name: `text.slice(start, end)` is the name as written,
   * including a version suffix ("Qwen2.5-VL") but never a possessive ("DeepSeek" of "DeepSeek’s").
   */
  end: number;
  /** The entity the name refers to. */
  entityId: string;
  /** The alias text, as in the pack, that matched. */
  alias: string;
  /** True: an ambiguous alias with no context word nearby; only counts if {@link resolveMentions} confirms it. */
  needsContext: boolean;
}

/** A compiled set of aliases. */
export interface Matcher {
  /** All mentions in `text`, sorted by start, never overlapping. */
  findMentions(text: string): Mention[];
  /** How many alias entries were compiled (entries whose text has no visible character are skipped). */
  readonly aliasCount: number;
  /** True when the trie came from `MatcherOptions.snapshot` rather than being built. */
  readonly prebuilt: boolean;
  /** True when `findMentions` asks the candidate filter first (see candidate-filter.ts). */
  readonly filtered: boolean;
  /**
   * The indices (ascending) of the `texts` that `findMentions` may find something in: every
   * text it finds a name in is listed (all of them when there is no candidate filter). Asks the
   * filter about all the texts in one search, which is much cheaper than one call per text.
   */
  findCandidates(texts: readonly string[]): number[];
}

/** Optional knobs for {@link compileMatcher}. */
export interface MatcherOptions {
  /**
   * Relations between entities. With them, an ambiguous mention is also settled by a
   * needsContext=false mention of a related entity in the same string; without them, only by
   * one of the same entity.
   */
  related?: Pick<KnowledgeIndex, "relatedIds">;
  /** How many UTF-16 units before and after an ambiguous mention are searched for its context words. */
  contextWindow?: number;
  /**
   * The trie of these very entries, made ahead of time by {@link snapshotTrie} (the build does
   * it for the bundled packs). Used only when it was made from the same entries (same entity
   * ids and alias texts, in the same order); otherwise the trie is built as usual.
   */
  snapshot?: TrieSnapshot;
  /**
   * Whether `findMentions` first asks the candidate filter (candidate-filter.ts) if the text
   * may hold a name at all. On by default; off only to check the filter against the full scan.
   */
  candidateFilter?: boolean;
}

/**
 * A compiled trie as plain JSON data, and the entries it was compiled from (entity id and
 * alias text of each, joined by U+0000), so a stale snapshot is recognised and ignored.
 */
export interface TrieSnapshot {
  entries: readonly string[];
  edgeStart: readonly number[];
  edgeSymbol: readonly number[];
  edgeTarget: readonly number[];
  /** The nodes where entries end, ascending, and the entries ending at each (best first). */
  terminalNodes: readonly number[];
  terminalEntries: readonly (readonly number[])[];
  /** The source of the candidate filter (see candidate-filter.ts); null: none. */
  filter: string | null;
  depth: number;
  aliasCount: number;
}

/** Default reach, in UTF-16 units each side, of the context-word search for ambiguous aliases. */
export const DEFAULT_CONTEXT_WINDOW = 100;

/**
 * Words that may follow a version with a hyphen and still be part of the model's name
 * ("Qwen2.5-VL", "Qwen3-Coder", "Claude-3-Opus"). Anything else after a hyphen ends the name,
 * so "Qwen-based" stays "Qwen".
 */
const VERSION_MODIFIERS = new Set([
  "instruct",
  "chat",
  "coder",
  "code",
  "math",
  "vl",
  "vision",
  "audio",
  "omni",
  "max",
  "plus",
  "turbo",
  "pro",
  "mini",
  "lite",
  "base",
  "distill",
  "preview",
  "exp",
  "moe",
  "flash",
  "large",
  "long",
  "thinking",
  "reasoner",
  "sonnet",
  "opus",
  "haiku",
  "ultra",
  "nano",
  "air",
  "zero",
]);

/** The trie symbol for one separator (a run of spaces, or one dash). */
const SEPARATOR = 0x20;

/** ASCII letters, digits, punctuation, spaces and hyphens only (no tabs, no soft hyphens…). */
const PLAIN_ASCII_NAME = /^[\x20-\x7e]*$/;
const ASCII_SEPARATOR = /[ -]/;
const ASCII_SEPARATOR_RUN = /[ -]+/g;
/** Han, kana and Hangul letters only: no case, no separators, so the key is the text itself. */
const PLAIN_CJK_NAME = /^[\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]+$/;
/** A separator between a letter and a digit, in a folded ASCII key. */
const ASCII_OPTIONAL_SEPARATOR = /([a-z]) (?=[0-9])|([0-9]) (?=[a-z])/g;

/** How a character takes part in the letter–digit rule: separators between the two are optional. */
const JOIN_NONE = 0;
const JOIN_LETTER = 1;
const JOIN_DIGIT = 2;

interface CompiledAlias {
  entityId: string;
  text: string;
  /** The alias's visible non-separator units as written, when case must match; else null. */
  exactUnits: string | null;
  versioned: boolean;
  ambiguous: boolean;
  /** The alias ends with a word character, so a word character after it blocks the match. */
  checkEnd: boolean;
  endsWithDigit: boolean;
  notBefore: readonly string[];
  notAfter: readonly string[];
  contextTerms: readonly string[];
}

function joinRole(charClass: CharClass): number {
  if (charClass === LETTER || charClass === CJK) return JOIN_LETTER;
  return charClass === DIGIT ? JOIN_DIGIT : JOIN_NONE;
}

function dropsSeparator(before: number, after: number): boolean {
  return (before === JOIN_LETTER && after === JOIN_DIGIT) || (before === JOIN_DIGIT && after === JOIN_LETTER);
}

/**
 * The trie path of an alias as a string of symbols (one per folded unit, SEPARATOR for a kept
 * separator), and the alias's visible non-separator units as written.
 */
function toTrieKey(text: string): { key: string; visible: string } {
  // Most names are plain ASCII: native string operations are much faster than the loop below
  // while the JIT is cold, and compiling runs once per page.
  if (PLAIN_CJK_NAME.test(text)) return { key: text, visible: text };
  if (PLAIN_ASCII_NAME.test(text)) {
    if (!ASCII_SEPARATOR.test(text)) return { key: text.toLowerCase(), visible: text };
    const key = text
      .toLowerCase()
      .replace(ASCII_SEPARATOR_RUN, " ")
      .trim()
      .replace(ASCII_OPTIONAL_SEPARATOR, "$1$2");
    return { key, visible: text.replace(ASCII_SEPARATOR_RUN, "") };
  }
  const symbols: number[] = [];
  const visible: number[] = [];
  let pendingSeparator = false;
  let lastRole = JOIN_NONE;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const charClass = unitClass(unit);
    if (charClass === IGNORABLE) continue;
    if (charClass === SPACE || charClass === DASH) {
      pendingSeparator = symbols.length > 0;
      continue;
    }
    const role = joinRole(charClass);
    if (pendingSeparator && !dropsSeparator(lastRole, role)) symbols.push(SEPARATOR);
    pendingSeparator = false;
    symbols.push(foldUnit(unit));
    visible.push(unit);
    lastRole = role;
  }
  return { key: String.fromCharCode(...symbols), visible: String.fromCharCode(...visible) };
}

function compareEntries(entries: readonly AliasEntry[], a: number, b: number): number {
  const first = (entries[a] as AliasEntry).alias;
  const second = (entries[b] as AliasEntry).alias;
  // Ties between aliases with the same normalised text: the exact (non-versioned) one, then
  // the unambiguous one, then the first given.
  return (
    Number(first.versioned === true) - Number(second.versioned === true) ||
    Number(first.ambiguous === true) - Number(second.ambiguous === true) ||
    a - b
  );
}

function isAsciiDigit(unit: number): boolean {
  return unit >= 0x30 && unit <= 0x39;
}

function isAsciiLetter(unit: number): boolean {
  const lower = unit | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

function skipDigits(text: string, at: number): number {
  let end = at;
  while (isAsciiDigit(text.charCodeAt(end))) end++;
  return end;
}

/** A digit group continues after `at` ("2.5", "3,000"): the name must not end there. */
function continuesNumber(text: string, at: number): boolean {
  const unit = text.charCodeAt(at);
  return (unit === 0x2e || unit === 0x2c) && isAsciiDigit(text.charCodeAt(at + 1));
}

/**
 * Reads one version token at `at`: an optional ASCII letter directly before a digit ("V4",
 * "R2", "k1.5"), digits with dotted parts ("2.5", "3.1"), an optional "x" group ("8x7B"), an
 * optional size unit b/m/k/t ("72B"), then a boundary. Returns its end, or -1.
 */
function readVersionToken(text: string, at: number): number {
  let end = at;
  if (isAsciiLetter(text.charCodeAt(end)) && isAsciiDigit(text.charCodeAt(end + 1))) end++;
  if (!isAsciiDigit(text.charCodeAt(end))) return -1;
  end = skipDigits(text, end);
  while (text.charCodeAt(end) === 0x2e && isAsciiDigit(text.charCodeAt(end + 1))) {
    end = skipDigits(text, end + 1);
  }
  if ((text.charCodeAt(end) | 0x20) === 0x78 && isAsciiDigit(text.charCodeAt(end + 1))) {
    end = skipDigits(text, end + 1);
  }
  const unit = text.charCodeAt(end) | 0x20;
  if (unit === 0x62 || unit === 0x6d || unit === 0x6b || unit === 0x74) end++;
  if (isWordClass(classAfter(text, end)) || continuesNumber(text, end)) return -1;
  return end;
}

/** Reads a known modifier word ("VL", "Instruct") at `at`, followed by a boundary. Returns its end, or -1. */
function readModifier(text: string, at: number): number {
  let end = at;
  while (isAsciiLetter(text.charCodeAt(end))) end++;
  if (end === at || end - at > 12 || isWordClass(classAfter(text, end))) return -1;
  return VERSION_MODIFIERS.has(text.slice(at, end).toLowerCase()) ? end : -1;
}

/**
 * Reads a version suffix right after a versioned alias: an optional single space or dash, a
 * version token, then any number of further parts, each a dash plus a version token or known
 * modifier ("-72B", "-VL", "-Instruct"), or a single space plus a version token (" 405B").
 * Ordinary words are never taken: "Qwen 3 is" gives " 3", "Qwen team" gives nothing.
 * Returns the suffix's end, or -1 when there is none.
 */
function readVersionSuffix(text: string, at: number): number {
  if (at >= text.length) return -1;
  const firstClass = unitClass(text.charCodeAt(at));
  const head = firstClass === SPACE || firstClass === DASH ? at + 1 : at;
  let end = readVersionToken(text, head);
  if (end < 0) return -1;
  while (end < text.length) {
    const separatorClass = unitClass(text.charCodeAt(end));
    let next = -1;
    if (separatorClass === DASH) {
      next = readVersionToken(text, end + 1);
      if (next < 0) next = readModifier(text, end + 1);
    } else if (separatorClass === SPACE) {
      next = readVersionToken(text, end + 1);
    }
    if (next < 0) break;
    end = next;
  }
  return end;
}

/** Whether the visible non-separator units of `text[start, end)` are exactly `expected`. */
function hasExactUnits(text: string, start: number, end: number, expected: string): boolean {
  let matched = 0;
  for (let index = start; index < end; index++) {
    const unit = text.charCodeAt(index);
    const charClass = unitClass(unit);
    if (charClass === IGNORABLE || charClass === SPACE || charClass === DASH) continue;
    if (expected.charCodeAt(matched) !== unit) return false;
    matched++;
  }
  return matched === expected.length;
}

function isGuardedBefore(text: string, start: number, guards: readonly string[]): boolean {
  for (const guard of guards) {
    const before = normaliseForComparison(text.slice(Math.max(0, start - guard.length * 2 - 4), start));
    if (before.endsWith(guard)) return true;
  }
  return false;
}

function isGuardedAfter(text: string, end: number, guards: readonly string[]): boolean {
  for (const guard of guards) {
    const after = normaliseForComparison(text.slice(end, end + guard.length * 2 + 4));
    if (after.startsWith(guard)) return true;
  }
  return false;
}

function hasContextNearby(
  text: string,
  start: number,
  end: number,
  terms: readonly string[],
  window: number,
): boolean {
  if (terms.length === 0) return false;
  const before = normaliseForComparison(text.slice(Math.max(0, start - window), start));
  const after = normaliseForComparison(text.slice(end, end + window));
  return terms.some((term) => containsWholeTerm(before, term) || containsWholeTerm(after, term));
}

const NONE: readonly string[] = Object.freeze([]);

function normaliseTerms(texts: readonly string[] | undefined): readonly string[] {
  if (!texts || texts.length === 0) return NONE;
  return texts.map(normaliseForComparison).filter((term) => term.trim().length > 0);
}

function compileAlias(entry: AliasEntry): CompiledAlias {
  const { alias } = entry;
  const { visible } = toTrieKey(alias.text);
  const ambiguous = alias.ambiguous === true;
  const lastClass = classAt(visible, visible.length - 1);
  return {
    entityId: entry.entityId,
    text: alias.text,
    // An ambiguous alias is an ordinary word in another case ("waves", "O1"): always exact.
    exactUnits: alias.caseSensitive === true || ambiguous ? visible : null,
    versioned: alias.versioned === true,
    ambiguous,
    checkEnd: isWordClass(lastClass),
    endsWithDigit: lastClass === DIGIT,
    notBefore: normaliseTerms(alias.notBefore),
    notAfter: normaliseTerms(alias.notAfter),
    contextTerms: ambiguous ? normaliseTerms(alias.contextWords) : NONE,
  };
}

/** The trie's nodes and edges in flat arrays: sorted edge lists per node. */
interface TrieShape {
  /** Edges of node n are edgeStart[n] … edgeStart[n + 1] - 1, sorted by symbol. */
  edgeStart: Int32Array;
  edgeSymbol: Uint16Array;
  edgeTarget: Int32Array;
  /** Indices into the entries of the aliases ending at each node, best first; undefined where none ends. */
  terminal: (readonly number[] | undefined)[];
  depth: number;
  aliasCount: number;
  /** The source of the candidate filter for the keys; null: none. */
  filter: string | null;
}

/** The compiled trie: its shape, plus a dense table for the first step and a pair filter. */
interface Trie extends TrieShape {
  /** Node reached from the root by a folded UTF-16 unit; 0 for none (the root is never a child). */
  rootNext: Int32Array;
  /** Non-zero at {@link pairSlot} of the first two symbols of some alias: a cheap filter before walking. */
  pairSeen: Uint8Array;
}

function buildTrieShape(entries: readonly AliasEntry[]): TrieShape {
  // Only the trie keys are made up front; the rest of each alias is compiled on its first match.
  const byKey = new Map<string, number[]>();
  let aliasCount = 0;
  for (let order = 0; order < entries.length; order++) {
    const entry = entries[order] as AliasEntry;
    const key = toTrieKey(entry.alias.text).key;
    if (key.length === 0) continue;
    const list = byKey.get(key);
    if (list) list.push(order);
    else byKey.set(key, [order]);
    aliasCount++;
  }

  // Built from sorted keys, each key shares a prefix with the one before and adds new nodes
  // only for the rest, in symbol order: no child searches, which matters because this runs
  // once per page, before the JIT has warmed up.
  const keys = [...byKey.keys()].sort();
  let nodeTotal = 1;
  let depth = 0;
  let previous = "";
  for (const key of keys) {
    nodeTotal += key.length - sharedPrefixLength(previous, key);
    depth = Math.max(depth, key.length);
    previous = key;
  }
  const parentOf = new Int32Array(nodeTotal);
  const symbolOf = new Uint16Array(nodeTotal);
  const terminal: (number[] | undefined)[] = new Array(nodeTotal).fill(undefined);
  const path = new Int32Array(depth + 1);
  let nodeCount = 1;
  previous = "";
  for (const key of keys) {
    for (let level = sharedPrefixLength(previous, key); level < key.length; level++) {
      const node = nodeCount++;
      parentOf[node] = path[level] as number;
      symbolOf[node] = key.charCodeAt(level);
      path[level + 1] = node;
    }
    const list = byKey.get(key) as number[];
    if (list.length > 1) list.sort((a, b) => compareEntries(entries, a, b));
    terminal[path[key.length] as number] = list;
    previous = key;
  }

  // Group edges by parent (a counting sort); nodes were created in symbol order within each parent.
  const edgeStart = new Int32Array(nodeCount + 1);
  const childCount = new Int32Array(nodeCount);
  for (let node = 1; node < nodeCount; node++) {
    const parent = parentOf[node] as number;
    childCount[parent] = (childCount[parent] as number) + 1;
  }
  for (let node = 0; node < nodeCount; node++) {
    edgeStart[node + 1] = (edgeStart[node] as number) + (childCount[node] as number);
  }
  const fill = edgeStart.slice(0, nodeCount);
  const edgeSymbol = new Uint16Array(nodeCount);
  const edgeTarget = new Int32Array(nodeCount);
  for (let node = 1; node < nodeCount; node++) {
    const parent = parentOf[node] as number;
    const slot = fill[parent] as number;
    fill[parent] = slot + 1;
    edgeSymbol[slot] = symbolOf[node] as number;
    edgeTarget[slot] = node;
  }
  const filter = candidateFilterSource(keys);
  return { edgeStart, edgeSymbol, edgeTarget, terminal, depth, aliasCount, filter };
}

/** Adds the first-step table and the pair filter, both read off the root's and its children's edges. */
function finishTrie(shape: TrieShape): Trie {
  const { edgeStart, edgeSymbol, edgeTarget } = shape;
  const rootNext = new Int32Array(0x10000);
  const pairSeen = new Uint8Array(0x10000);
  for (let edge = edgeStart[0] as number; edge < (edgeStart[1] as number); edge++) {
    const first = edgeSymbol[edge] as number;
    const child = edgeTarget[edge] as number;
    rootNext[first] = child;
    for (let next = edgeStart[child] as number; next < (edgeStart[child + 1] as number); next++) {
      pairSeen[pairSlot(first, edgeSymbol[next] as number)] = 1;
    }
  }
  return { ...shape, rootNext, pairSeen };
}

function entrySignature(entry: AliasEntry): string {
  return `${entry.entityId}\u0000${entry.alias.text}`;
}

/**
 * The trie of `entries` as JSON-ready data, for {@link MatcherOptions.snapshot}: made at build
 * time, it spares every page the trie's construction.
 */
export function snapshotTrie(entries: readonly AliasEntry[]): TrieSnapshot {
  const shape = buildTrieShape(entries);
  const terminalNodes: number[] = [];
  const terminalEntries: number[][] = [];
  shape.terminal.forEach((list, node) => {
    if (!list) return;
    terminalNodes.push(node);
    terminalEntries.push([...list]);
  });
  return {
    entries: entries.map(entrySignature),
    edgeStart: [...shape.edgeStart],
    edgeSymbol: [...shape.edgeSymbol],
    edgeTarget: [...shape.edgeTarget],
    terminalNodes,
    terminalEntries,
    depth: shape.depth,
    aliasCount: shape.aliasCount,
    filter: shape.filter,
  };
}

function isSnapshotOf(snapshot: TrieSnapshot, entries: readonly AliasEntry[]): boolean {
  if (snapshot.entries.length !== entries.length) return false;
  for (let index = 0; index < entries.length; index++) {
    if (snapshot.entries[index] !== entrySignature(entries[index] as AliasEntry)) return false;
  }
  return true;
}

function shapeFromSnapshot(snapshot: TrieSnapshot): TrieShape {
  const terminal: (readonly number[] | undefined)[] = new Array(snapshot.edgeSymbol.length);
  const { terminalNodes, terminalEntries } = snapshot;
  for (let index = 0; index < terminalNodes.length; index++) {
    terminal[terminalNodes[index] as number] = terminalEntries[index];
  }
  return {
    edgeStart: Int32Array.from(snapshot.edgeStart),
    edgeSymbol: Uint16Array.from(snapshot.edgeSymbol),
    edgeTarget: Int32Array.from(snapshot.edgeTarget),
    terminal,
    depth: snapshot.depth,
    aliasCount: snapshot.aliasCount,
    filter: snapshot.filter,
  };
}

/** Where a pair of symbols lands in `pairSeen`; distinct for any two pairs of ASCII letters. */
function pairSlot(first: number, second: number): number {
  return (first * 31 + second) & 0xffff;
}

function sharedPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let shared = 0;
  while (shared < limit && a.charCodeAt(shared) === b.charCodeAt(shared)) shared++;
  return shared;
}

/**
 * Compiles aliases into one matcher.
 *
 * Contract of the returned `findMentions(text)`:
 * - Returns mentions sorted by `start`, never overlapping, each with `start < end`; offsets are
 *   UTF-16 offsets into `text`. Never throws; an empty string gives `[]`.
 * - Variants: case is ignored unless the alias is `caseSensitive` or `ambiguous`; any run of
 *   whitespace (incl. U+00A0, U+202F) or one hyphen/dash (U+002D, U+2010–U+2015…) stands for
 *   any separator of the alias, and a separator between a letter and a digit is optional on
 *   either side ("Qwen 2.5-Max" = "Qwen2.5 Max"); soft hyphens and zero-width characters
 *   inside a name are ignored. A dash with spaces around it ("A – B") joins nothing.
 * - Boundaries by script: an alias whose first (last) character is a word character must not
 *   have a letter, digit, mark or underscore of a non-CJK script directly before (after) it;
 *   CJK characters and punctuation (apostrophes too: "DeepSeek’s") are boundaries. Aliases
 *   starting (ending) with a CJK character match inside CJK text on that side.
 *   A name ending in a digit does not match when a decimal follows ("DeepSeek-V2" in "V2.5").
 * - `notBefore` / `notAfter` strings directly before / after the alias (compared case-folded,
 *   separators folded) reject it.
 * - Versioned aliases also match followed by a version suffix (see `readVersionSuffix`):
 *   "Qwen3", "Qwen 2.5", "Qwen-72B", "Qwen2.5-VL", "DeepSeek V4"; the mention then spans the
 *   suffix. A versioned alias followed by letters or digits that are not a version does not
 *   match at all ("DeepSeek2x", "DeepSeeking").
 * - Overlaps: leftmost first; at one start, the longest alias (measured without any version
 *   suffix) wins, so the most specific known entity beats its family ("DeepSeek-V3" →
 *   deepseek-v3, "DeepSeek-R1-Distill" → "DeepSeek-R1" → deepseek-r1, "DeepSeek-V2.5" →
 *   deepseek); equal aliases prefer the non-versioned, then the unambiguous, then the first given.
 * - `needsContext` is true only for an ambiguous alias with none of its `contextWords`
 *   (case-folded, whole word unless CJK) within `contextWindow` units before or after it, and no
 *   needsContext=false mention of the same entity (or, given `options.related`, a related one)
 *   in the same string.
 */
export function compileMatcher(entries: readonly AliasEntry[], options: MatcherOptions = {}): Matcher {
  const contextWindow = options.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
  const related = options.related;

  const snapshot = options.snapshot;
  const prebuilt = snapshot !== undefined && isSnapshotOf(snapshot, entries);
  const trie = finishTrie(prebuilt ? shapeFromSnapshot(snapshot) : buildTrieShape(entries));
  const { rootNext, pairSeen, edgeStart, edgeSymbol, edgeTarget, terminal } = trie;
  const candidates =
    options.candidateFilter === false || trie.filter === null ? null : compileCandidateFilter(trie.filter);
  const compiled: (CompiledAlias | undefined)[] = [];
  const compileEntry = (entryIndex: number): CompiledAlias => {
    const alias = compileAlias(entries[entryIndex] as AliasEntry);
    compiled[entryIndex] = alias;
    return alias;
  };

  const childOf = (node: number, symbol: number): number => {
    let low = edgeStart[node] as number;
    let high = edgeStart[node + 1] as number;
    if (high - low <= 8) {
      for (; low < high; low++) if (edgeSymbol[low] === symbol) return edgeTarget[low] as number;
      return 0;
    }
    while (low < high) {
      const middle = (low + high) >>> 1;
      const found = edgeSymbol[middle] as number;
      if (found === symbol) return edgeTarget[middle] as number;
      if (found < symbol) low = middle + 1;
      else high = middle;
    }
    return 0;
  };

  // Scratch space reused between calls: the alias ends passed on the current walk. A walk
  // passes at most one alias end per trie level.
  const passedNodes = new Int32Array(trie.depth + 1);
  const passedEnds = new Int32Array(trie.depth + 1);

  /** Walks the trie from `start`; records every alias end passed and returns how many. */
  const walk = (text: string, start: number, firstNode: number): number => {
    const length = text.length;
    let passed = 0;
    let node = firstNode;
    let lastRole = joinRole(unitClass(text.charCodeAt(start)));
    let at = start + 1;
    if (terminal[node]) {
      passedNodes[passed] = node;
      passedEnds[passed++] = at;
    }
    while (at < length) {
      const unit = text.charCodeAt(at);
      const charClass = unitClass(unit);
      if (charClass === IGNORABLE) {
        at++;
        continue;
      }
      if (charClass === SPACE || charClass === DASH) {
        let spaces = 0;
        let dashes = 0;
        let next = at;
        for (; next < length; next++) {
          const runClass = unitClass(text.charCodeAt(next));
          if (runClass === SPACE) spaces++;
          else if (runClass === DASH) dashes++;
          else if (runClass !== IGNORABLE) break;
        }
        if (next >= length || dashes > 1 || (dashes === 1 && spaces > 0)) return passed;
        if (!dropsSeparator(lastRole, joinRole(unitClass(text.charCodeAt(next))))) {
          node = childOf(node, SEPARATOR);
          if (node === 0) return passed;
        }
        at = next;
        continue;
      }
      node = childOf(node, foldUnit(unit));
      if (node === 0) return passed;
      lastRole = joinRole(charClass);
      at++;
      if (terminal[node]) {
        passedNodes[passed] = node;
        passedEnds[passed++] = at;
      }
    }
    return passed;
  };

  /** The accepted mention starting at `start`, longest alias first, or null. */
  const acceptAt = (text: string, start: number, passed: number): Mention | null => {
    for (let pass = passed - 1; pass >= 0; pass--) {
      const coreEnd = passedEnds[pass] as number;
      const candidates = terminal[passedNodes[pass] as number] as number[];
      for (const entryIndex of candidates) {
        const alias = compiled[entryIndex] ?? compileEntry(entryIndex);
        if (alias.exactUnits !== null && !hasExactUnits(text, start, coreEnd, alias.exactUnits)) continue;
        if (alias.notBefore.length > 0 && isGuardedBefore(text, start, alias.notBefore)) continue;
        if (alias.notAfter.length > 0 && isGuardedAfter(text, coreEnd, alias.notAfter)) continue;
        let end = alias.versioned ? readVersionSuffix(text, coreEnd) : -1;
        if (end < 0) {
          const blocked =
            alias.checkEnd &&
            (isWordClass(classAfter(text, coreEnd)) ||
              (alias.endsWithDigit && continuesNumber(text, coreEnd)));
          if (blocked) continue;
          end = coreEnd;
        }
        const needsContext =
          alias.ambiguous && !hasContextNearby(text, start, end, alias.contextTerms, contextWindow);
        const written = nameAsWritten(candidates, alias.entityId, text, start, coreEnd) ?? alias.text;
        return { start, end, entityId: alias.entityId, alias: written, needsContext };
      }
    }
    return null;
  };

  /** Of the same entity's aliases that share this trie node, the one spelled exactly as written. */
  const nameAsWritten = (
    candidates: readonly number[],
    entityId: string,
    text: string,
    start: number,
    end: number,
  ): string | undefined => {
    if (candidates.length === 1) return undefined;
    const written = text.slice(start, end);
    for (const entryIndex of candidates) {
      const entry = entries[entryIndex] as AliasEntry;
      if (entry.entityId === entityId && entry.alias.text === written) return written;
    }
    return undefined;
  };

  const settleWithinString = (mentions: Mention[]): void => {
    if (!mentions.some((mention) => mention.needsContext)) return;
    const settled = new Set<string>();
    for (const mention of mentions) if (!mention.needsContext) settled.add(mention.entityId);
    if (settled.size === 0) return;
    for (const mention of mentions) {
      if (mention.needsContext && isRelatedOrSame(mention.entityId, settled, related)) {
        mention.needsContext = false;
      }
    }
  };

  const findMentions = (text: string): Mention[] => {
    // Fast path: most text cannot hold a name, and the native filter says so (a superset test).
    if (candidates && !candidates.test(text)) return [];
    const mentions: Mention[] = [];
    const length = text.length;
    const classes = UNIT_CLASS;
    let previousIsWord = false;
    for (let index = 0; index < length; index++) {
      const unit = text.charCodeAt(index);
      let charClass = (classes[unit] as CharClass) || unitClass(unit);
      if (charClass === IGNORABLE || charClass === LOW_SURROGATE) continue;
      if (charClass === HIGH_SURROGATE) charClass = classAt(text, index);
      if (charClass === LETTER || charClass === DIGIT || charClass === WORD_OTHER) {
        // A name never starts inside a word.
        if (previousIsWord) continue;
        previousIsWord = true;
      } else {
        previousIsWord = false;
        if (charClass === SPACE || charClass === DASH) continue;
      }
      const folded = foldUnit(unit);
      const firstNode = rootNext[folded] as number;
      if (firstNode === 0) continue;
      if (terminal[firstNode] === undefined && index + 1 < length) {
        // Most word starts fail on the second character: check it before walking.
        const second = text.charCodeAt(index + 1);
        const secondClass = unitClass(second);
        const plain = secondClass !== IGNORABLE && secondClass !== SPACE && secondClass !== DASH;
        if (plain && pairSeen[pairSlot(folded, foldUnit(second))] === 0) continue;
      }
      const passed = walk(text, index, firstNode);
      if (passed === 0) continue;
      const mention = acceptAt(text, index, passed);
      if (!mention) continue;
      mentions.push(mention);
      index = mention.end - 1;
      previousIsWord = isWordClass(classBefore(text, mention.end));
    }
    if (mentions.length > 1) settleWithinString(mentions);
    return mentions;
  };

  const findCandidates = (texts: readonly string[]): number[] =>
    candidates ? candidates.findIn(texts) : texts.map((_, index) => index);

  return {
    findMentions,
    findCandidates,
    aliasCount: trie.aliasCount,
    prebuilt,
    filtered: candidates !== null,
  };
}

function isRelatedOrSame(
  entityId: string,
  entityIds: ReadonlySet<string>,
  related: Pick<KnowledgeIndex, "relatedIds"> | undefined,
): boolean {
  if (entityIds.has(entityId)) return true;
  if (!related) return false;
  for (const id of related.relatedIds(entityId)) if (entityIds.has(id)) return true;
  return false;
}

/**
 * Page-level ambiguity resolution: keeps every mention with needsContext=false, and a
 * needsContext mention only when `confirmedEntityIds` (entities with at least one
 * needsContext=false mention on the page) contains its entity or an entity related to it.
 */
export function isMentionConfirmed(
  mention: Mention,
  confirmedEntityIds: ReadonlySet<string>,
  index: Pick<KnowledgeIndex, "relatedIds">,
): boolean {
  return !mention.needsContext || isRelatedOrSame(mention.entityId, confirmedEntityIds, index);
}

/**
 * The entities with at least one needsContext=false mention among `mentions` (the page's
 * mentions, from every string searched): the `confirmedEntityIds` of {@link isMentionConfirmed}.
 */
export function collectConfirmedEntityIds(mentions: Iterable<Mention>): Set<string> {
  const ids = new Set<string>();
  for (const mention of mentions) if (!mention.needsContext) ids.add(mention.entityId);
  return ids;
}

/**
 * Applies page-level ambiguity resolution to all of a page's mentions at once: returns, in
 * the given order, the mentions {@link isMentionConfirmed} keeps, judged against
 * {@link collectConfirmedEntityIds} of the same list. Does not mutate its input.
 */
export function resolveMentions<T extends Mention>(
  mentions: readonly T[],
  index: Pick<KnowledgeIndex, "relatedIds">,
): T[] {
  const confirmed = collectConfirmedEntityIds(mentions);
  return mentions.filter((mention) => isMentionConfirmed(mention, confirmed, index));
}
