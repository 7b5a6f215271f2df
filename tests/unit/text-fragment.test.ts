import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildTextFragmentUrl } from "../../src/core/text-fragment";

const PAGE = "https://example.com/news/deepseek?lang=en";
const DIRECTIVE = "#:~:text=";

/** A parsed `#:~:text=` directive: each part percent-decoded. */
interface Directive {
  prefix: string | null;
  text: string[];
  suffix: string | null;
  /** The raw comma-separated components, still encoded. */
  raw: string[];
}

/** Splits the directive of `url` by the text-fragment grammar: [prefix-,]start[,end][,-suffix]. */
function directiveOf(url: string): Directive {
  const at = url.indexOf(DIRECTIVE);
  if (at < 0) throw new Error(`no text directive in ${url}`);
  const raw = url.slice(at + DIRECTIVE.length).split(",");
  const parts = [...raw];
  const prefix = parts[0]?.endsWith("-") ? (parts.shift() as string).slice(0, -1) : null;
  const suffix = parts.at(-1)?.startsWith("-") ? (parts.pop() as string).slice(1) : null;
  return {
    prefix: prefix === null ? null : decodeURIComponent(prefix),
    text: parts.map(decodeURIComponent),
    suffix: suffix === null ? null : decodeURIComponent(suffix),
    raw,
  };
}

const words = (text: string) => text.trim().split(/\s+/);

describe("buildTextFragmentUrl: which URLs get a fragment", () => {
  it("adds a text directive to http and https URLs", () => {
    expect(buildTextFragmentUrl(PAGE, { exact: "DeepSeek" })).toBe(`${PAGE}${DIRECTIVE}DeepSeek`);
    expect(buildTextFragmentUrl("http://example.com/", { exact: "Qwen" })).toBe(
      `http://example.com/${DIRECTIVE}Qwen`,
    );
  });

  it.each([
    "file:///home/me/page.html",
    "javascript:alert(1)",
    "data:text/html,<p>DeepSeek</p>",
    "ftp://example.com/file.txt",
    "chrome://extensions/",
    "not a url",
    "/relative/path",
    "",
  ])("returns %j unchanged", (url) => {
    expect(buildTextFragmentUrl(url, { exact: "DeepSeek", prefix: "about", suffix: "today" })).toBe(url);
  });

  it.each(["", "   ", "\n\t \u00a0"])("returns the URL unchanged for the blank quote %j", (exact) => {
    expect(buildTextFragmentUrl(PAGE, { exact, prefix: "before", suffix: "after" })).toBe(PAGE);
  });

  it("replaces an existing fragment, text directive or not", () => {
    expect(buildTextFragmentUrl(`${PAGE}#section-2`, { exact: "DeepSeek" })).toBe(
      `${PAGE}${DIRECTIVE}DeepSeek`,
    );
    expect(buildTextFragmentUrl(`${PAGE}#:~:text=old`, { exact: "new" })).toBe(`${PAGE}${DIRECTIVE}new`);
    expect(buildTextFragmentUrl(`${PAGE}#`, { exact: "new" })).toBe(`${PAGE}${DIRECTIVE}new`);
  });

  it("keeps the path and query of the page", () => {
    const url = new URL(
      buildTextFragmentUrl("https://example.com/a/b.html?x=1&y=two#top", { exact: "words" }),
    );
    expect(url.pathname).toBe("/a/b.html");
    expect(url.search).toBe("?x=1&y=two");
    expect(url.hash).toBe("#:~:text=words");
  });
});

describe("buildTextFragmentUrl: encoding", () => {
  it("escapes the directive's own syntax ('-', ',', '&') and spaces", () => {
    const url = buildTextFragmentUrl(PAGE, { exact: "GPT-4o, o1 & R1 rock" });
    const { raw, text, prefix, suffix } = directiveOf(url);
    expect(raw).toEqual(["GPT%2D4o%2C%20o1%20%26%20R1%20rock"]);
    expect(text).toEqual(["GPT-4o, o1 & R1 rock"]);
    expect(prefix).toBeNull();
    expect(suffix).toBeNull();
  });

  it("encodes non-ASCII text so that it decodes back", () => {
    const { raw, text } = directiveOf(buildTextFragmentUrl(PAGE, { exact: "深度求索 — “DeepSeek”" }));
    expect(raw[0]).toMatch(/^[A-Za-z0-9%._~!*'()]+$/);
    expect(text).toEqual(["深度求索 — “DeepSeek”"]);
  });

  it("collapses white space runs in the quote to one space and trims it", () => {
    const { text } = directiveOf(buildTextFragmentUrl(PAGE, { exact: "  DeepSeek\n\n  released\tR1 " }));
    expect(text).toEqual(["DeepSeek released R1"]);
  });

  it("marks the prefix with a trailing '-' and the suffix with a leading '-', encoded inside", () => {
    const url = buildTextFragmentUrl(PAGE, {
      exact: "R1",
      prefix: "state-of-the-art",
      suffix: "co-founder, too",
    });
    const directive = directiveOf(url);
    expect(directive.raw).toEqual(["state%2Dof%2Dthe%2Dart-", "R1", "-co%2Dfounder%2C%20too"]);
    expect(directive.prefix).toBe("state-of-the-art");
    expect(directive.suffix).toBe("co-founder, too");
  });
});

describe("buildTextFragmentUrl: context", () => {
  it("keeps the last three words of the prefix and the first three of the suffix", () => {
    const url = buildTextFragmentUrl(PAGE, {
      exact: "DeepSeek",
      prefix: "In January the Chinese start-up\n",
      suffix: " released its R1 reasoning model",
    });
    expect(directiveOf(url)).toMatchObject({
      prefix: "the Chinese start-up",
      text: ["DeepSeek"],
      suffix: "released its R1",
    });
  });

  it("keeps short context whole and leaves out blank context", () => {
    expect(
      directiveOf(buildTextFragmentUrl(PAGE, { exact: "R1", prefix: "the", suffix: "model." })),
    ).toMatchObject({ prefix: "the", suffix: "model." });
    const bare = directiveOf(buildTextFragmentUrl(PAGE, { exact: "R1", prefix: "  \n", suffix: "" }));
    expect(bare).toMatchObject({ prefix: null, text: ["R1"], suffix: null });
    expect(bare.raw).toEqual(["R1"]);
  });
});

describe("buildTextFragmentUrl: long quotes", () => {
  const sentence = (count: number) => Array.from({ length: count }, (_, i) => `word${i + 1}`).join(" ");

  it("keeps a quote of up to 150 characters whole", () => {
    const exact = `${sentence(20)} ${"x".repeat(150 - sentence(20).length - 1)}`;
    expect(exact).toHaveLength(150);
    expect(directiveOf(buildTextFragmentUrl(PAGE, { exact })).text).toEqual([exact]);
  });

  it("links a longer quote by its first five and last five words", () => {
    const exact = sentence(40);
    expect(exact.length).toBeGreaterThan(150);
    const { text } = directiveOf(buildTextFragmentUrl(PAGE, { exact, prefix: "a b c d", suffix: "e f g h" }));
    expect(text).toEqual(["word1 word2 word3 word4 word5", "word36 word37 word38 word39 word40"]);
  });

  it("keeps a long quote of ten words or fewer whole (its ends would overlap)", () => {
    const exact = Array.from({ length: 10 }, (_, i) => `${"long".repeat(5)}${i}`).join(" ");
    expect(exact.length).toBeGreaterThan(150);
    expect(directiveOf(buildTextFragmentUrl(PAGE, { exact })).text).toEqual([exact]);
  });
});

describe("buildTextFragmentUrl: any quote (property)", () => {
  const text = fc.string({ unit: "grapheme", maxLength: 60 });
  const spacey = fc
    .array(fc.oneof(text, fc.constantFrom(" ", "  ", "\n", "\t", "-", ",", "&", "#", "%", "-,-", "a-b")), {
      maxLength: 40,
    })
    .map((pieces) => pieces.join(""));

  it("decodes back to the words it used, and the URL still parses", () => {
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        spacey.filter((exact) => exact.trim() !== ""),
        fc.option(spacey, { nil: undefined }),
        fc.option(spacey, { nil: undefined }),
        (page, exact, prefix, suffix) => {
          const url = buildTextFragmentUrl(page, { exact, prefix, suffix });
          const parsed = new URL(url);
          expect(parsed.href).toBe(url);
          expect(parsed.hash.startsWith(DIRECTIVE)).toBe(true);
          expect(url.slice(0, url.indexOf("#"))).toBe(new URL(page).href.split("#")[0]);
          const directive = directiveOf(url);
          for (const part of directive.raw) expect(part).not.toMatch(/[\s&#]/);

          const all = words(exact);
          const collapsed = all.join(" ");
          expect(directive.text).toEqual(
            collapsed.length <= 150 || all.length <= 10
              ? [collapsed]
              : [all.slice(0, 5).join(" "), all.slice(-5).join(" ")],
          );
          const before = prefix?.trim() ? words(prefix).slice(-3).join(" ") : null;
          const after = suffix?.trim() ? words(suffix).slice(0, 3).join(" ") : null;
          expect(directive.prefix).toBe(before);
          expect(directive.suffix).toBe(after);
        },
      ),
    );
  });
});
