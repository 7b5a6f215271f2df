/**
 * The page filter at run time: says whether any of a page's texts may hold a name, from a
 * source made at build time by `pageFilterSource` (page-filter-source.ts, whose tests prove
 * it a superset of the matcher). This module is what the content script's bootstrap carries
 * on every page, so it imports nothing.
 *
 * Pure: no DOM, no extension APIs.
 */

/** The filter's source: see page-filter-source.ts. */
export interface PageFilterSource {
  /** Where a name may start: its first units in any case, or (captured) a special fold. */
  starts: string;
  /** By a name's first unit, folded: the names that start with it, in full. */
  groups: Readonly<Record<string, string>>;
}

/** A compiled page filter. */
export interface PageFilter {
  /** False only when no text of `texts` can hold a mention the matcher would find. */
  mayMention(texts: readonly string[]): boolean;
  /** The same test, over texts already joined for the search (see `joinForSearch`). */
  mayMentionInJoined(joined: string): boolean;
}

/**
 * The units the matcher skips inside a name (soft hyphen, zero-width space, joiners, word
 * joiner, byte-order mark). They are taken out of the texts before the search, so the
 * patterns need no rule for them. page-filter.test.ts checks this list against the
 * matcher's classes.
 */
const IGNORABLES = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** Joins the texts of one search: no name holds it, so no match spans two texts. */
const TEXT_SEPARATOR = "\u0000";

/**
 * The units whose fold (see `foldUnit`) is not what a case-insensitive regex takes them for:
 * where one stands, a filter lets the text through. page-filter.test.ts checks the list over
 * every unit.
 */
export const SPECIAL_FOLD_CLASS =
  "[\\u0130\\u03f4\\u1e9e\\u1f88-\\u1f8f\\u1f98-\\u1f9f\\u1fa8-\\u1faf\\u1fbc\\u1fcc\\u1ffc\\u2126\\u212a\\u212b]";

/** Where the matcher may read a name's units apart: separator runs, and digits meeting others. */
const NAME_PIECE_BREAKS =
  /[\s\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]+|(?<=[0-9])(?=[^0-9])|(?<=[^0-9])(?=[0-9])/;

/** `texts` as one string for a filter's search: no name spans two of them, none holds an ignorable. */
function joinForSearch(texts: readonly string[]): string {
  // A separator first too: a name that starts the first text has a unit before it.
  return (TEXT_SEPARATOR + texts.join(TEXT_SEPARATOR)).replace(IGNORABLES, "");
}

/** A filter from its test over joined texts; no texts can hold no name. */
function filterOf(mayMentionInJoined: (joined: string) => boolean): PageFilter {
  return {
    mayMention: (texts) => texts.length > 0 && mayMentionInJoined(joinForSearch(texts)),
    mayMentionInJoined,
  };
}

/** One filter for what either of `a` and `b` looks for; the texts are joined once per search. */
export function combinePageFilters(a: PageFilter, b: PageFilter): PageFilter {
  return filterOf((joined) => a.mayMentionInJoined(joined) || b.mayMentionInJoined(joined));
}

/** Compiles `source`; the groups are compiled when first needed (most pages need a few). */
export function compilePageFilter(source: PageFilterSource): PageFilter {
  const starts = new RegExp(source.starts, "gi");
  const groups = new Map<string, RegExp | null>();
  const groupFor = (first: string): RegExp | null => {
    let group = groups.get(first);
    if (group === undefined) {
      const pattern = Object.hasOwn(source.groups, first) ? source.groups[first] : undefined;
      group = pattern === undefined ? null : new RegExp(pattern, "y");
      groups.set(first, group);
    }
    return group;
  };
  return filterOf((text) => {
    starts.lastIndex = 0;
    for (let found = starts.exec(text); found !== null; found = starts.exec(text)) {
      // A letter a case-insensitive regex cannot fold as the matcher does (İ, K…): the
      // matcher decides.
      if (found[1] !== undefined) return true;
      // Inside an ASCII word no name starts ("claimed" holds no "AIME"): `starts` asks for a
      // word boundary there. Folded as the matcher folds a unit: the first of its lower case.
      const at = found.index;
      const group = groupFor(text.charAt(at).toLowerCase().charAt(0));
      if (group !== null) {
        group.lastIndex = at;
        if (group.test(text)) return true;
      }
      starts.lastIndex = at + 1;
    }
    return false;
  });
}

/**
 * A page filter for names known only at run time (the user's): each alias's longest piece
 * the matcher always reads in one run (no separator or digit boundary inside), in any case,
 * and the special folds. A looser test than `compilePageFilter`'s, made without the tables
 * of the build; null when some alias has no piece selective enough (three units, or two
 * outside ASCII, such as a Chinese name), or spells a special fold itself: then every page
 * may mention one.
 */
export function compileNamesFilter(aliases: readonly string[]): PageFilter | null {
  const special = new RegExp(SPECIAL_FOLD_CLASS);
  const pieces = new Set<string>();
  for (const alias of aliases) {
    const visible = alias.replace(IGNORABLES, "");
    if (special.test(visible)) return null;
    let longest = "";
    for (const piece of visible.split(NAME_PIECE_BREAKS)) if (piece.length > longest.length) longest = piece;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is what the limit is about.
    const selective = longest.length >= 3 || (longest.length === 2 && /[^\u0000-\u007f]/.test(longest));
    if (!selective) return null;
    pieces.add(longest.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&"));
  }
  if (pieces.size === 0) return filterOf(() => false);
  const pattern = new RegExp(`${[...pieces].join("|")}|${SPECIAL_FOLD_CLASS}`, "i");
  return filterOf((joined) => pattern.test(joined));
}
