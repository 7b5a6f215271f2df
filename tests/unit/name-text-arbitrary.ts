/**
 * Random text made of names and the characters around them that the matcher has rules for
 * (separators, possessives, versions, CJK, ignorables, special case folds), for the property
 * tests of the filters that must never hide a name from the matcher.
 */
import fc from "fast-check";

/** Text built from up to 16 pieces: the `names` recased, broken and cut, the `extra` strings, and noise. */
export function nameText(names: readonly string[], extra: readonly string[] = []): fc.Arbitrary<string> {
  const name = fc.constantFrom(...names);
  const piece = fc.oneof(
    name,
    name.map((text) => text.toUpperCase()),
    name.map((text) => text.toLowerCase()),
    name.map((text) => [...text].join("\u00ad")),
    name.map((text) => text.replaceAll(" ", "\u2011")),
    name.map((text) => text.replace(/([a-z])([0-9])/i, "$1 $2")),
    name.map((text) => text.slice(0, 3)),
    fc.constantFrom(
      " ",
      "-",
      "\u2013",
      "\u00a0",
      "\u200b",
      "’s",
      "3",
      "2.5",
      "的",
      "x",
      "é",
      "\u212a",
      "\u0130",
      ". ",
      ...extra,
    ),
    fc.string({ maxLength: 6 }),
    fc.string({ unit: "binary", maxLength: 4 }),
  );
  return fc.array(piece, { maxLength: 16 }).map((pieces) => pieces.join(""));
}
