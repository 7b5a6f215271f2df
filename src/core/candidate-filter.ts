/**
 * The matcher's fast path: one small native regular expression that says whether a string
 * may hold a name at all. Most text on most pages holds none, and on a page's first scan the
 * matcher's own per-character loop is still cold JavaScript, while a regex test is native.
 *
 * The filter is a superset of the matcher: whenever `findMentions(text)` finds something,
 * `filter.test(text)` is true. It looks, ignoring case, for the first {@link FILTER_DEPTH}
 * symbols of some trie key (see matcher.ts), with a run of spaces or dashes allowed where the
 * matcher would read one (a separator in the key, or between a letter and a digit). Text with
 * a character the matcher treats specially — an ignorable one (soft hyphen, zero-width space)
 * or one that folds to another letter than its upper case does (İ, K, Å…) — always passes.
 * tests/unit/candidate-filter.test.ts checks the case rule over all 65,536 UTF-16 units and the
 * superset by property.
 *
 * Pure: no DOM, no extension APIs.
 */

/** How many leading symbols of a key the filter looks for. */
export const FILTER_DEPTH = 4;

/**
 * Above this many names (trie keys) there is no filter: a regex alternation that large costs
 * more per character than the matcher's own scan, and lets most text through anyway
 * (measured on the corpus text: 5,150 names made the filtered scan about 18 times slower
 * than the plain one; the bundled packs have about 140 keys).
 */
export const MAX_FILTER_KEYS = 500;

/** The trie symbol of a separator (as in matcher.ts). */
const SEPARATOR = 0x20;

/** Spaces and dashes: the characters the matcher reads as a separator (its SPACE and DASH classes). */
export const SEPARATOR_CLASS = "[\\s\\-\\u2010-\\u2015\\u2212\\ufe58\\ufe63\\uff0d]";

/**
 * Characters after which the filter gives up and lets the matcher look: the ignorable ones
 * (the matcher skips them inside a name), and those that fold to a letter other than their
 * own upper case's (a case-insensitive regex would not take them for that letter). The
 * second list is generated from `foldUnit` over all units; the test fails if it goes stale.
 */
export const ALWAYS_CANDIDATE_CLASS =
  "[\\u00ad\\u200b-\\u200d\\u2060\\ufeff" +
  "\\u0130\\u03f4\\u1e9e\\u1f88-\\u1f8f\\u1f98-\\u1f9f\\u1fa8-\\u1faf" +
  "\\u1fbc\\u1fcc\\u1ffc\\u2126\\u212a\\u212b]";

function isDigitSymbol(symbol: number): boolean {
  return symbol >= 0x30 && symbol <= 0x39;
}

function isLetterSymbol(symbol: number): boolean {
  // Anything that is not a digit or a separator may sit next to a digit in a key.
  return symbol !== SEPARATOR && !isDigitSymbol(symbol);
}

function escapeUnit(unit: number): string {
  return `\\u${unit.toString(16).padStart(4, "0")}`;
}

/** The pattern pieces, one per symbol, for the first symbols of one key. */
function prefixTokens(key: string): string[] {
  const tokens: string[] = [];
  const depth = Math.min(key.length, FILTER_DEPTH);
  for (let index = 0; index < depth; index++) {
    const symbol = key.charCodeAt(index);
    if (symbol === SEPARATOR) {
      tokens.push(`${SEPARATOR_CLASS}+`);
      continue;
    }
    const previous = index > 0 ? key.charCodeAt(index - 1) : SEPARATOR;
    // The matcher drops a separator between a letter and a digit: the text may still have one.
    const joined =
      (isLetterSymbol(previous) && isDigitSymbol(symbol)) ||
      (isDigitSymbol(previous) && isLetterSymbol(symbol));
    tokens.push((joined ? `${SEPARATOR_CLASS}*` : "") + escapeUnit(symbol));
  }
  return tokens;
}

interface TokenNode {
  /** Some key's prefix ends here: nothing more needs to follow. */
  ends: boolean;
  children: Map<string, TokenNode>;
}

function patternOf(node: TokenNode): string {
  if (node.ends || node.children.size === 0) return "";
  const branches = [...node.children].map(([token, child]) => token + patternOf(child));
  return branches.length === 1 ? (branches[0] as string) : `(?:${branches.join("|")})`;
}

/**
 * The branches of a regex that matches where any of `tokenLists` (each a sequence of pattern
 * pieces) matches, with shared leading pieces merged into a tree, so the regex branches on
 * the first piece instead of trying every list in turn. A list that another one starts with
 * makes the longer one redundant (a search needs only the shorter to match), so it is dropped.
 * Join the branches with `|`.
 */
export function mergeTokenLists(tokenLists: Iterable<readonly string[]>): string[] {
  const root: TokenNode = { ends: false, children: new Map() };
  for (const tokens of tokenLists) {
    let node = root;
    for (const token of tokens) {
      if (node.ends) break;
      let child = node.children.get(token);
      if (!child) {
        child = { ends: false, children: new Map() };
        node.children.set(token, child);
      }
      node = child;
    }
    if (node !== root) node.ends = true;
  }
  return [...root.children].map(([token, child]) => token + patternOf(child));
}

/**
 * The filter's source for a matcher's trie keys (folded symbol strings, U+0020 for a
 * separator), to compile with {@link compileCandidateFilter}; null (no filter) beyond
 * {@link MAX_FILTER_KEYS}.
 */
export function candidateFilterSource(keys: Iterable<string>): string | null {
  const lists: string[][] = [];
  for (const key of keys) {
    if (key.length > 0 && lists.push(prefixTokens(key)) > MAX_FILTER_KEYS) return null;
  }
  return [...mergeTokenLists(lists), ALWAYS_CANDIDATE_CLASS].join("|");
}

/** What joins the texts {@link CandidateFilter.findIn} searches at once: no filter pattern matches it. */
const TEXT_SEPARATOR = "\u0000";

/** A compiled candidate filter: one native regular expression, asked about one text or many. */
export interface CandidateFilter {
  /** True when `text` may hold a name. */
  test(text: string): boolean;
  /**
   * The indices (ascending) of the `texts` for which `test` is true, from one search over the
   * texts joined: a page's first scan asks about thousands of short texts, and one native
   * search costs a fraction of thousands of calls from still-cold JavaScript. (None of the
   * filter's patterns matches the separator, U+0000; were one to match across it anyway, its
   * first text would count too and the next would still be searched from its own start, so no
   * text `test` is true for is ever left out.)
   */
  findIn(texts: readonly string[]): number[];
}

/** Compiles a source made by {@link candidateFilterSource}. */
export function compileCandidateFilter(source: string): CandidateFilter {
  // `i` without `u`: case-insensitive per UTF-16 unit, and fast in V8 (`iu` is not). Global,
  // for `findIn`; one expression serves both methods, as each compile of it costs.
  const pattern = new RegExp(source, "gi");
  return {
    test(text) {
      pattern.lastIndex = 0;
      return pattern.test(text);
    },
    findIn(texts) {
      const found: number[] = [];
      if (texts.length === 0) return found;
      const joined = texts.join(TEXT_SEPARATOR);
      pattern.lastIndex = 0;
      let index = 0;
      // Where texts[index] ends in `joined` (its separator's position).
      let end = (texts[0] as string).length;
      for (;;) {
        const match = pattern.exec(joined);
        if (match === null) break;
        while (match.index > end) {
          index++;
          end += TEXT_SEPARATOR.length + (texts[index] as string).length;
        }
        found.push(index);
        index++;
        if (index >= texts.length) break;
        const start = end + TEXT_SEPARATOR.length;
        end = start + (texts[index] as string).length;
        pattern.lastIndex = start;
      }
      return found;
    },
  };
}
