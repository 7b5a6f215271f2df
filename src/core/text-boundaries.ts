/**
 * Character classes for matching names in text of any script: which UTF-16 units are word
 * characters (and so block a Latin name next to them), which are CJK (and so do not), which
 * separate the words of a name, and which vanish inside one. Also a case fold that never
 * changes a string's length, so offsets in folded and original text stay the same.
 *
 * Pure: no DOM, no extension APIs. BMP classes come from a run table generated from the rules
 * below (tests/unit/unit-class-table.test.ts keeps it in step), so start-up compiles no
 * Unicode-property regex and page text never runs one; only astral characters do, once each.
 */
import { UNIT_CLASS_RUNS } from "./unit-class-table";

/** A letter (`\p{L}`) of a script that writes spaces between words: Latin, Cyrillic, Greek, Arabic… */
export const LETTER = 1;
/** An ASCII digit 0–9. */
export const DIGIT = 2;
/** Any other word character: other numerals, combining marks, the underscore. */
export const WORD_OTHER = 3;
/** A letter or numeral of Han, Hiragana, Katakana, Hangul or Bopomofo: no word boundaries. */
export const CJK = 4;
/** Whitespace, including U+00A0 no-break space and U+202F narrow no-break space. */
export const SPACE = 5;
/** A hyphen or dash: U+002D, U+2010–U+2015, U+2212 minus, and small and full-width hyphens. */
export const DASH = 6;
/** Invisible inside words: soft hyphen, zero-width space/joiners, word joiner, BOM. */
export const IGNORABLE = 7;
/** Punctuation, symbols, apostrophes: a boundary. */
export const OTHER = 8;
/** The first half of a surrogate pair: classify with {@link classAt}. */
export const HIGH_SURROGATE = 9;
/** The second half of a surrogate pair. */
export const LOW_SURROGATE = 10;

/** One of the class constants above. */
export type CharClass =
  | typeof LETTER
  | typeof DIGIT
  | typeof WORD_OTHER
  | typeof CJK
  | typeof SPACE
  | typeof DASH
  | typeof IGNORABLE
  | typeof OTHER
  | typeof HIGH_SURROGATE
  | typeof LOW_SURROGATE;

/**
 * The Unicode rules as regexes (`u` without `i`): they run once per distinct character, never
 * over page text, and only for characters outside the generated table (astral ones), so they
 * are made on first need rather than on every page's start-up.
 */
let rules: { cjk: RegExp; letter: RegExp; wordOther: RegExp; space: RegExp } | undefined;
function unicodeRules() {
  rules ??= {
    cjk: /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}]$/u,
    letter: /^\p{L}$/u,
    wordOther: /^[\p{N}\p{M}_]$/u,
    space: /^\s$/u,
  };
  return rules;
}

const DASH_UNITS = new Set([
  0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d,
]);
const IGNORABLE_UNITS = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

/**
 * The class of each UTF-16 unit, filled lazily from the run table generated at build time
 * (see `classFromRuns`): 0 means not yet looked up, so read it as
 * `UNIT_CLASS[unit] || unitClass(unit)`. No Unicode-property regex runs for BMP text. Exported
 * only so the matcher's per-character loop can hold it in a local; never write to it.
 */
export const UNIT_CLASS = new Uint8Array(0x10000);
/** Lazily filled: 0 means not yet folded (U+0000 itself folds to 0 and is simply recomputed). */
const UNIT_FOLD = new Uint16Array(0x10000);
const ASTRAL_CLASS = new Map<number, CharClass>();

function classifyCharacter(char: string): CharClass {
  const { cjk, letter, wordOther } = unicodeRules();
  if (letter.test(char) || wordOther.test(char)) {
    if (cjk.test(char)) return CJK;
    return letter.test(char) ? LETTER : WORD_OTHER;
  }
  return OTHER;
}

/**
 * The class of one UTF-16 unit by the Unicode rules above (regexes, so slow): the source of
 * truth the run table is generated from and checked against.
 */
export function classifyUnitByRules(unit: number): CharClass {
  if (unit >= 0xd800 && unit <= 0xdbff) return HIGH_SURROGATE;
  if (unit >= 0xdc00 && unit <= 0xdfff) return LOW_SURROGATE;
  if (IGNORABLE_UNITS.has(unit)) return IGNORABLE;
  if (DASH_UNITS.has(unit)) return DASH;
  if (unit >= 0x30 && unit <= 0x39) return DIGIT;
  const char = String.fromCharCode(unit);
  if (unicodeRules().space.test(char)) return SPACE;
  return classifyCharacter(char);
}

/** Runs of equal classes: each run's first unit, and its class as the char code 48 + class. */
export interface UnitClassRuns {
  starts: string;
  codes: string;
}

/** Encodes per-unit classes (index = unit, 65,536 of them) as runs. */
export function encodeUnitClassRuns(classes: ArrayLike<number>): UnitClassRuns {
  let starts = "";
  let codes = "";
  for (let unit = 0; unit < classes.length; unit++) {
    if (unit > 0 && classes[unit] === classes[unit - 1]) continue;
    starts += String.fromCharCode(unit);
    codes += String.fromCharCode(48 + (classes[unit] as number));
  }
  return { starts, codes };
}

/** The class of `unit` in `runs` (binary search over the run starts). */
export function classFromRuns(runs: UnitClassRuns, unit: number): CharClass {
  let low = 0;
  let high = runs.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (runs.starts.charCodeAt(middle) <= unit) low = middle;
    else high = middle - 1;
  }
  return (runs.codes.charCodeAt(low) - 48) as CharClass;
}

/**
 * The class of one UTF-16 unit. Surrogates come back as HIGH_SURROGATE / LOW_SURROGATE; use
 * {@link classAt} when the code point matters.
 */
export function unitClass(unit: number): CharClass {
  const known = UNIT_CLASS[unit];
  if (known) return known as CharClass;
  // Out-of-range input (NaN from charCodeAt past the end) classifies as OTHER.
  if (known === undefined) return OTHER;
  const computed = classFromRuns(UNIT_CLASS_RUNS, unit);
  UNIT_CLASS[unit] = computed;
  return computed;
}

/**
 * Folds one UTF-16 unit to lower case without changing length: the first unit of its lower
 * case form (so U+0130 İ folds to "i"), surrogates unchanged. Used identically on names and
 * on page text, so folded offsets equal original offsets.
 */
export function foldUnit(unit: number): number {
  if (unit < 0x80) return unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit;
  const known = UNIT_FOLD[unit];
  if (known) return known;
  const folded =
    unit >= 0xd800 && unit <= 0xdfff ? unit : String.fromCharCode(unit).toLowerCase().charCodeAt(0);
  UNIT_FOLD[unit] = folded;
  return folded;
}

/** True for the classes that block a Latin name directly next to them. */
export function isWordClass(charClass: CharClass): boolean {
  return charClass === LETTER || charClass === DIGIT || charClass === WORD_OTHER;
}

/** True for space and dash: the characters that separate the words of a name. */
export function isSeparatorClass(charClass: CharClass): boolean {
  return charClass === SPACE || charClass === DASH;
}

/**
 * The class of the character at UTF-16 offset `index`, reading a whole surrogate pair as one
 * code point (in either half). A lone surrogate is OTHER; an offset outside the string is OTHER.
 */
export function classAt(text: string, index: number): CharClass {
  if (index < 0 || index >= text.length) return OTHER;
  const unitClassHere = unitClass(text.charCodeAt(index));
  if (unitClassHere !== HIGH_SURROGATE && unitClassHere !== LOW_SURROGATE) return unitClassHere;
  const start = unitClassHere === LOW_SURROGATE ? index - 1 : index;
  const codePoint = text.codePointAt(start);
  if (codePoint === undefined || codePoint < 0x10000) return OTHER;
  let known = ASTRAL_CLASS.get(codePoint);
  if (known === undefined) {
    known = classifyCharacter(String.fromCodePoint(codePoint));
    ASTRAL_CLASS.set(codePoint, known);
  }
  return known;
}

/**
 * The class of the nearest visible character before offset `index`, looking past soft hyphens
 * and zero-width characters (they are invisible parts of words). OTHER at the start of text.
 */
export function classBefore(text: string, index: number): CharClass {
  let at = index - 1;
  while (at >= 0 && unitClass(text.charCodeAt(at)) === IGNORABLE) at--;
  return classAt(text, at);
}

/**
 * The class of the nearest visible character at or after offset `index`, looking past soft
 * hyphens and zero-width characters. OTHER at the end of text.
 */
export function classAfter(text: string, index: number): CharClass {
  let at = index;
  while (at < text.length && unitClass(text.charCodeAt(at)) === IGNORABLE) at++;
  return classAt(text, at);
}

/**
 * The form in which short stretches of text are compared (context words, guards): folded
 * case, soft hyphens and zero-width characters removed, every run of spaces and dashes turned
 * into one ASCII space. Not trimmed, so a leading separator still counts. Same length or shorter.
 */
export function normaliseForComparison(text: string): string {
  let out = "";
  let inSeparator = false;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const charClass = unitClass(unit);
    if (charClass === IGNORABLE) continue;
    if (charClass === SPACE || charClass === DASH) {
      if (!inSeparator) out += " ";
      inSeparator = true;
      continue;
    }
    inSeparator = false;
    out += String.fromCharCode(foldUnit(unit));
  }
  return out;
}

/**
 * Whether `term` occurs in `text` as a whole word, both already in {@link normaliseForComparison}
 * form. An edge of `term` that is a word character (Latin, Cyrillic… letter or digit) must not
 * touch another word character; a CJK edge may (Chinese terms match as substrings).
 */
export function containsWholeTerm(text: string, term: string): boolean {
  if (term.length === 0) return false;
  const checkStart = isWordClass(classAt(term, 0));
  const checkEnd = isWordClass(classAt(term, term.length - 1));
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
    if (checkStart && isWordClass(classBefore(text, at))) continue;
    if (checkEnd && isWordClass(classAfter(text, at + term.length))) continue;
    return true;
  }
  return false;
}
