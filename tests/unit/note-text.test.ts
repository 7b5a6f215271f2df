import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type NotePart, splitLinks } from "../../src/core/note-text";

const text = (value: string): NotePart => ({ kind: "text", text: value });
const link = (value: string, href: string): NotePart => ({ kind: "link", text: value, href });

describe("splitLinks", () => {
  it.each<[string, NotePart[]]>([
    ["", []],
    ["no links here", [text("no links here")]],
    ["https://example.com", [link("https://example.com", "https://example.com/")]],
    [
      "See https://example.com/a?b=1#c, then stop.",
      [
        text("See "),
        link("https://example.com/a?b=1#c", "https://example.com/a?b=1#c"),
        text(", then stop."),
      ],
    ],
    ["HTTP://EXAMPLE.COM/X.", [link("HTTP://EXAMPLE.COM/X", "http://example.com/X"), text(".")]],
    [
      "go to www.example.com!",
      [text("go to "), link("www.example.com", "https://www.example.com/"), text("!")],
    ],
    [
      "(see https://en.wikipedia.org/wiki/Foo_(bar))",
      [
        text("(see "),
        link("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        text(")"),
      ],
    ],
    ["(https://a.example/x)", [text("("), link("https://a.example/x", "https://a.example/x"), text(")")]],
    ["[https://a.example/]", [text("["), link("https://a.example/", "https://a.example/"), text("]")]],
    ["https://a.example?!;:", [link("https://a.example", "https://a.example/"), text("?!;:")]],
    [
      "见https://a.example/路径。",
      [text("见"), link("https://a.example/路径", "https://a.example/%E8%B7%AF%E5%BE%84"), text("。")],
    ],
    ["“https://a.example/q”", [text("“"), link("https://a.example/q", "https://a.example/q"), text("”")]],
    [
      "two: http://a.example and https://b.example.",
      [
        text("two: "),
        link("http://a.example", "http://a.example/"),
        text(" and "),
        link("https://b.example", "https://b.example/"),
        text("."),
      ],
    ],
    ["<https://a.example/>", [text("<"), link("https://a.example/", "https://a.example/"), text(">")]],
  ])("splits %j", (input, parts) => {
    expect(splitLinks(input)).toEqual(parts);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert('https')",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "ftp://files.example/x",
    "file:///etc/passwd",
    "https://",
    "https://.",
    "http://[::1",
    "https:// example.com",
    "awww.example.com",
    "www.",
  ])("leaves %j as text", (input) => {
    expect(splitLinks(input).filter((part) => part.kind === "link")).toEqual([]);
  });

  it("links only the https address inside a javascript: one", () => {
    const parts = splitLinks("javascript:https://evil.example/");
    expect(parts).toEqual([text("javascript:"), link("https://evil.example/", "https://evil.example/")]);
  });

  const pieces = fc.constantFrom(
    "https://",
    "http://",
    "www.",
    "javascript:",
    "data:",
    "example.com",
    "a.b",
    "/path",
    "?q=1",
    "#x",
    "(",
    ")",
    "[",
    "]",
    ".",
    ",",
    "!",
    "?",
    " ",
    "\n",
    "。",
    "见",
    "“",
    "\ud800",
    "😀",
    "%",
    ":",
    "@",
  );
  const noteTexts = fc.oneof(
    fc.array(pieces, { maxLength: 30 }).map((list) => list.join("")),
    fc.string({ unit: "binary", maxLength: 200 }),
  );

  it("gives the input back when its parts are joined, never empty or adjacent text parts", () => {
    fc.assert(
      fc.property(noteTexts, (input) => {
        const parts = splitLinks(input);
        expect(parts.map((part) => part.text).join("")).toBe(input);
        for (const [index, part] of parts.entries()) {
          expect(part.text).not.toBe("");
          if (index > 0 && part.kind === "text") expect(parts[index - 1]?.kind).toBe("link");
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("only ever links to normalised http and https addresses, never ending in punctuation", () => {
    fc.assert(
      fc.property(noteTexts, (input) => {
        for (const part of splitLinks(input)) {
          if (part.kind !== "link") continue;
          const url = new URL(part.href);
          expect(["http:", "https:"]).toContain(url.protocol);
          expect(url.href).toBe(part.href);
          expect(part.text).not.toMatch(/[.,;:!?']$/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
