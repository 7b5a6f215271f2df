import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CARD_STYLES } from "../../src/ui/card/card-styles";

const pageShell = readFileSync(new URL("../../src/ui/page-shell.css", import.meta.url), "utf8");

/** `--cc-name: value;` declarations of one CSS block, in order. */
function tokens(css: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of css.matchAll(/(--cc-[a-z-]+):\s*([^;]+);/g)) {
    found.set(match[1] as string, (match[2] as string).replace(/\s+/g, " ").trim());
  }
  return found;
}

/** The part of a stylesheet inside `@media (prefers-color-scheme: dark) { … }`, and the rest. */
function splitDark(css: string): { light: string; dark: string } {
  const start = css.indexOf("@media (prefers-color-scheme: dark)");
  if (start < 0) return { light: css, dark: "" };
  let depth = 0;
  let end = start;
  for (let i = css.indexOf("{", start); i < css.length; i++) {
    if (css[i] === "{") depth++;
    if (css[i] === "}" && --depth === 0) {
      end = i + 1;
      break;
    }
  }
  return { light: css.slice(0, start) + css.slice(end), dark: css.slice(start, end) };
}

describe("CARD_STYLES", () => {
  it("has a dark scheme and no motion under reduced motion", () => {
    expect(CARD_STYLES).toContain("@media (prefers-color-scheme: dark)");
    // The animation is only declared for people who have not asked for reduced motion.
    const motion = CARD_STYLES.indexOf("@media (prefers-reduced-motion: no-preference)");
    expect(motion).toBeGreaterThan(-1);
    const animations = [...CARD_STYLES.matchAll(/\b(animation|transition):/g)].map((m) => m.index ?? 0);
    expect(animations.length).toBeGreaterThan(0);
    const motionBlockEnd = CARD_STYLES.indexOf("\n}\n", motion);
    for (const at of animations) {
      expect(at).toBeGreaterThan(motion);
      expect(at).toBeLessThan(motionBlockEnd);
    }
  });

  it("uses the page shell's colour tokens and type scale, in light and dark", () => {
    const shell = splitDark(pageShell);
    const card = splitDark(CARD_STYLES);
    for (const [part, name] of [
      ["light", "light"],
      ["dark", "dark"],
    ] as const) {
      const expected = tokens(shell[part]);
      expect(expected.size, name).toBeGreaterThan(3);
      const actual = tokens(card[part]);
      for (const [token, value] of expected) expect(actual.get(token), `${name} ${token}`).toBe(value);
    }
  });

  it("caps the height (the host narrows it inline on the card) and scrolls the body inside", () => {
    expect(CARD_STYLES).toMatch(/\.cc-card\s*\{[^}]*max-block-size:\s*480px/);
    expect(CARD_STYLES).toMatch(/\.cc-card__body\s*\{[^}]*overflow:\s*auto/);
  });

  it("uses no rem units (the page's root font size must not resize the card)", () => {
    expect(CARD_STYLES).not.toMatch(/\d(\.\d+)?rem\b/);
  });

  it("shows a visible focus style", () => {
    expect(CARD_STYLES).toMatch(/:focus-visible\s*\{[^}]*outline:\s*2px solid/);
  });
});
