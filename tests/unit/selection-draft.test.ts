// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import type { ComposeRequest } from "../../src/content/card-surface";
import type { TrackedMention } from "../../src/content/page-scanner";
import { draftFromSelection, draftFromText, type SelectionSources } from "../../src/content/selection-draft";
import { buildKnowledgeIndex } from "../../src/core/knowledge-index";
import { compileMatcher } from "../../src/core/matcher";
import { BUNDLED_PACKS } from "../../src/knowledge/bundled-packs";

const index = buildKnowledgeIndex(BUNDLED_PACKS);
const matcher = compileMatcher(index.aliasEntries, { related: index });
const PAGE = { url: "https://example.com/story", title: "The story" };

afterEach(() => {
  window.getSelection()?.removeAllRanges();
  document.body.innerHTML = "";
});

/** Puts `html` in the body and returns the element with each id. */
function page(html: string): Record<string, HTMLElement> {
  document.body.innerHTML = html;
  return Object.fromEntries([...document.querySelectorAll<HTMLElement>("[id]")].map((el) => [el.id, el]));
}

/** The text node inside `element` (its only or `n`th child). */
function textOf(element: HTMLElement | undefined, n = 0): Text {
  const node = element?.childNodes[n];
  if (!node || node.nodeType !== Node.TEXT_NODE) throw new Error("no text node there");
  return node as Text;
}

/** Selects from (startNode, startOffset) to (endNode, endOffset) and returns the selection. */
function select(
  startNode: Node,
  startOffset: number,
  endNode: Node = startNode,
  endOffset?: number,
): Selection {
  const range = document.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset ?? (endNode as Text).length);
  const selection = window.getSelection() as Selection;
  selection.removeAllRanges();
  selection.addRange(range);
  return selection;
}

/** Selects `words` within text node `node`. */
function selectWords(node: Text, words: string): Selection {
  const start = node.data.indexOf(words);
  if (start < 0) throw new Error(`"${words}" is not in "${node.data}"`);
  return select(node, start, node, start + words.length);
}

/** What the page scanner would have found: every unambiguous mention in the page's text nodes. */
function scanMentions(root: Node = document.body): TrackedMention[] {
  const mentions: TrackedMention[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    for (const mention of matcher.findMentions(node.data)) {
      if (mention.needsContext) continue;
      const range = {
        startContainer: node,
        startOffset: mention.start,
        endContainer: node,
        endOffset: mention.end,
      };
      mentions.push({
        ...mention,
        node,
        confirmed: true,
        range: { ...range, collapsed: false } as StaticRange,
      });
    }
  }
  return mentions;
}

const sources = (mentions: TrackedMention[] = scanMentions()): SelectionSources => ({ mentions, matcher });
const draft = (selection: Selection | null, mode: "note" | "track", from = sources()) =>
  draftFromSelection(selection, mode, from, PAGE);
const candidatesOf = (request: ComposeRequest | null) =>
  request?.draft.kind === "clip" ? request.draft.candidates : undefined;

const STORY = `
  <article>
    <p id="lead">In January the Chinese start-up <a id="ds" href="#">DeepSeek</a> beat <i id="mm">MiniMax</i>, a
      rival.   Before that, <b id="qwen">Qwen</b> led the open models.</p>
    <p id="other">Baidu said nothing.</p>
  </article>`;

describe("draftFromSelection: nothing to draft", () => {
  it("gives null without a selection, or with no range", () => {
    page(STORY);
    expect(draft(null, "note")).toBeNull();
    const selection = window.getSelection() as Selection;
    selection.removeAllRanges();
    expect(selection.rangeCount).toBe(0);
    expect(draft(selection, "note")).toBeNull();
    expect(draft(selection, "track")).toBeNull();
  });

  it("gives null for a collapsed selection", () => {
    const { ds } = page(STORY);
    const selection = select(textOf(ds), 3, textOf(ds), 3);
    expect(selection.isCollapsed).toBe(true);
    expect(draft(selection, "note")).toBeNull();
    expect(draft(selection, "track")).toBeNull();
  });

  it("gives null when only white space is selected", () => {
    const { gap } = page(`<p id="gap"><b>Qwen</b> \n\t <b>Kimi</b></p>`);
    const selection = select(textOf(gap, 1), 0);
    expect(selection.toString()).toBe(" \n\t ");
    expect(draft(selection, "note")).toBeNull();
    expect(draft(selection, "track")).toBeNull();
  });
});

describe("draftFromSelection: tracking a name", () => {
  it("offers the selected words, with the card anchored on them", () => {
    const { ds } = page(STORY);
    const request = draft(selectWords(textOf(ds), "DeepSeek"), "track");
    expect(request).toEqual({
      draft: { kind: "track", text: "DeepSeek" },
      anchor: { node: textOf(ds), start: 0, end: 8 },
      page: PAGE,
    });
    expect(request?.quote).toBeUndefined();
  });

  it("collapses white space across elements and lines", () => {
    const { lead, ds, qwen } = page(STORY);
    const request = draft(select(textOf(lead), "In January the ".length, textOf(ds)), "track");
    expect(request?.draft).toEqual({ kind: "track", text: "Chinese start-up DeepSeek" });
    const spaced = draft(select(textOf(lead, 4), ", a".length, textOf(qwen), 2), "track");
    expect(spaced?.draft).toEqual({ kind: "track", text: "rival. Before that, Qw" });
  });

  it("keeps at most 120 characters", () => {
    const { long } = page(`<p id="long">${"word ".repeat(100)}</p>`);
    const request = draft(select(textOf(long), 0), "track");
    expect(request?.draft).toEqual({ kind: "track", text: "word ".repeat(24).slice(0, 120) });
  });
});

describe("draftFromSelection: a note", () => {
  it("quotes the selection with up to 64 characters of its block on each side", () => {
    const { lead, ds } = page(STORY);
    const request = draft(select(textOf(ds), 0, textOf(lead, 2), " beat".length), "note");
    expect(request?.quote).toEqual({
      exact: "DeepSeek beat",
      prefix: "In January the Chinese start-up ",
      suffix: " MiniMax, a rival. Before that, Qwen led the open models.",
    });
    expect(request?.draft).toMatchObject({ kind: "clip", quote: "DeepSeek beat" });
    expect(request?.page).toBe(PAGE);
  });

  it("cuts the context to the 64 characters nearest the selection", () => {
    const before = "alpha beta gamma delta ".repeat(6);
    const after = " epsilon zeta eta theta".repeat(6);
    const { p } = page(`<p id="p">${before}DeepSeek${after}</p>`);
    const request = draft(selectWords(textOf(p), "DeepSeek"), "note");
    expect(request?.quote?.prefix).toBe(before.slice(-64));
    expect(request?.quote?.suffix).toBe(after.slice(0, 64));
    expect(request?.quote?.prefix).toHaveLength(64);
    expect(request?.quote?.suffix).toHaveLength(64);
  });

  it("quotes at most 2000 characters", () => {
    const { p } = page(`<p id="p">${"0123456789".repeat(300)}</p>`);
    const request = draft(select(textOf(p), 0), "note");
    expect(request?.quote?.exact).toBe("0123456789".repeat(200));
    expect(request?.draft).toMatchObject({ kind: "clip", quote: "0123456789".repeat(200) });
    expect(request?.quote).toMatchObject({ prefix: "", suffix: "" });
  });

  it("has no context outside a block", () => {
    const { s } = page(`<span id="s">Quoted DeepSeek here</span>`);
    const request = draft(selectWords(textOf(s), "DeepSeek"), "note");
    expect(request?.quote).toEqual({ exact: "DeepSeek", prefix: "", suffix: "" });
  });

  it("offers the names in the selection first, then those elsewhere in its block", () => {
    const { ds } = page(STORY);
    const mentions = scanMentions();
    expect(mentions.map((mention) => mention.entityId)).toEqual(["deepseek", "minimax", "qwen", "baidu"]);
    const request = draft(selectWords(textOf(ds), "DeepSeek"), "note", sources(mentions));
    expect(candidatesOf(request)).toEqual(["deepseek", "minimax", "qwen"]);
  });

  it("counts a mention the selection only partly covers as in it", () => {
    const { ds, qwen } = page(STORY);
    const request = draft(select(textOf(ds), 4, textOf(qwen), 2), "note");
    expect(request?.quote?.exact).toBe("Seek beat MiniMax, a rival. Before that, Qw");
    expect(candidatesOf(request)).toEqual(["deepseek", "minimax", "qwen"]);
  });

  it("adds names the selected words mention, even ones the page scan did not report", () => {
    const { lead } = page(STORY);
    const request = draft(selectWords(textOf(lead), "the Chinese start-up"), "note", sources([]));
    expect(candidatesOf(request)).toEqual([]);
    const { p } = page(`<p id="p">Both MiniMax and DeepSeek are cheap.</p>`);
    const typed = draft(selectWords(textOf(p), "MiniMax and DeepSeek"), "note", sources([]));
    expect(candidatesOf(typed)).toEqual(["minimax", "deepseek"]);
  });

  it("leaves out an ambiguous name without context, and lists each name once", () => {
    const { p } = page(`<p id="p">The V3 was fine. Baidu, Baidu and baidu.</p>`);
    expect(matcher.findMentions("The V3 was fine.")[0]?.needsContext).toBe(true);
    const request = draft(select(textOf(p), 0), "note", sources([]));
    expect(candidatesOf(request)).toEqual(["baidu"]);
  });

  // Regression (fixed): candidatesFor tests `range.intersectsNode(mention.node)`, the mention's whole text node,
  // not the mention itself (its `range`). A name in the same text node as the selection but
  // outside it counts as "in the selection", so it comes first and is preselected: selecting
  // "DeepSeek" in "Qwen beat DeepSeek on price." offers Qwen first.
  it("does not count a name beside the selection, in the same text node, as in it", () => {
    const { p } = page(`<p id="p">Qwen beat DeepSeek on price.</p>`);
    const request = draft(selectWords(textOf(p), "DeepSeek"), "note");
    expect(candidatesOf(request)).toEqual(["deepseek", "qwen"]);
  });
});

describe("draftFromSelection: the anchor", () => {
  it("is the selected part of the first text node when the selection starts in text", () => {
    const { lead, ds } = page(STORY);
    const start = "In January the ".length;
    const inOne = draft(select(textOf(lead), start, textOf(lead), start + 7), "note");
    expect(inOne?.anchor).toEqual({ node: textOf(lead), start, end: start + 7 });
    const across = draft(select(textOf(lead), start, textOf(ds), 4), "note");
    expect(across?.anchor).toEqual({ node: textOf(lead), start, end: textOf(lead).length });
  });

  it("is the first selected text node that is not blank when the selection starts at an element", () => {
    const { p, b, i } = page(`<p id="p">\n   <b id="b">Qwen</b> and <i id="i">Kimi</i></p>`);
    if (!p) throw new Error("no paragraph");
    const request = draft(select(p, 0, textOf(i), 2), "note");
    expect(request?.anchor).toEqual({ node: textOf(b), start: 0, end: 4 });
    const within = draft(select(p, 1, textOf(b), 2), "track");
    expect(within?.anchor).toEqual({ node: textOf(b), start: 0, end: 2 });
  });
});

describe("draftFromText (words selected in a frame of another site)", () => {
  const frame = () => ({ element: document.createElement("iframe") });

  it("drafts a note from the words alone, with the names they mention", () => {
    const anchor = frame();
    const request = draftFromText("  Alibaba answered\n DeepSeek’s rise  ", "note", matcher, PAGE, anchor);
    expect(request).toEqual({
      draft: { kind: "clip", quote: "Alibaba answered DeepSeek’s rise", candidates: ["alibaba", "deepseek"] },
      quote: { exact: "Alibaba answered DeepSeek’s rise", prefix: "", suffix: "" },
      anchor,
      page: PAGE,
    });
  });

  it("offers ambiguous names only with context (the words alone have none)", () => {
    const request = draftFromText("o1 visa rules", "note", matcher, PAGE, frame());
    expect(request?.draft).toEqual({ kind: "clip", quote: "o1 visa rules", candidates: [] });
  });

  it("drafts a name to track, cut to the name limit", () => {
    const request = draftFromText(`Moonshot ${"x".repeat(200)}`, "track", matcher, PAGE, frame());
    expect(request?.draft.kind).toBe("track");
    expect(request?.draft.kind === "track" && request.draft.text.length).toBe(120);
    expect(request?.quote).toBeUndefined();
  });

  it("drafts nothing from space", () => {
    expect(draftFromText(" \n\t ", "note", matcher, PAGE, frame())).toBeNull();
  });
});
