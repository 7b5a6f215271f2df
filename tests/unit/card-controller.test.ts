// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";
import { CardController, type MentionSource } from "../../src/content/card-controller";
import type { CardRequest, CardSurface } from "../../src/content/card-surface";
import type { HighlightLayer } from "../../src/content/highlight-layer";
import type { TrackedMention } from "../../src/content/page-scanner";

/** Every mention of `names` in the body's paragraphs, in document order, as the scanner keeps them. */
function mentionsOf(names: Record<string, string>): TrackedMention[] {
  const mentions: TrackedMention[] = [];
  for (const paragraph of document.querySelectorAll("p")) {
    const node = paragraph.firstChild as Text;
    for (const [alias, entityId] of Object.entries(names)) {
      for (let at = node.data.indexOf(alias); at !== -1; at = node.data.indexOf(alias, at + 1)) {
        const range = { startContainer: node, startOffset: at } as unknown as StaticRange;
        mentions.push({
          node,
          start: at,
          end: at + alias.length,
          entityId,
          alias,
          needsContext: false,
          range,
          confirmed: true,
        });
      }
    }
  }
  // Not in document order, as a Map of nodes may hand them over: the controller sorts.
  return mentions.reverse();
}

/** A card surface that records what it was asked to show. */
function recordingSurface() {
  const shown: string[] = [];
  let open = false;
  const surface: CardSurface = {
    show: (request: CardRequest) => {
      open = true;
      const { node, start, end } = request.anchor;
      const index = [...document.querySelectorAll("p")].indexOf(node.parentElement as HTMLParagraphElement);
      shown.push(`${node.data.slice(start, end)}@${index}:${start}`);
    },
    hide: () => {
      open = false;
    },
    destroy: () => {},
    contains: () => false,
    hasFocus: () => false,
    focusCard: () => {},
    compose: () => {},
    setTrackedNames: () => {},
  };
  return { surface, shown, isOpen: () => open };
}

const noLayer = { add: () => {}, delete: () => {}, clear: () => {} } as unknown as HighlightLayer;

let mentions: TrackedMention[];
let host: ReturnType<typeof recordingSurface>;
let controller: CardController;

beforeEach(() => {
  document.body.innerHTML =
    "<p>Alibaba answered DeepSeek with Qwen.</p><p>Later Alibaba said more.</p><p>DeepSeek again.</p>";
  mentions = mentionsOf({ Alibaba: "alibaba", DeepSeek: "deepseek", Qwen: "qwen" });
  host = recordingSurface();
  const scanner: MentionSource = {
    confirmedMentions: () => mentions,
    mentionsIn: (node) => mentions.filter((m) => m.node === node),
    countOf: (id) => mentions.filter((m) => m.entityId === id).length,
  };
  controller = new CardController({ doc: document, scanner, host: host.surface, currentLayer: noLayer });
});

describe("CardController.focusMention", () => {
  it("steps through every mention in document order and wraps around", () => {
    for (let i = 0; i < 6; i++) expect(controller.focusMention("next", { focus: false })).toBe(true);
    expect(host.shown).toEqual([
      "Alibaba@0:0",
      "DeepSeek@0:17",
      "Qwen@0:31",
      "Alibaba@1:6",
      "DeepSeek@2:0",
      "Alibaba@0:0",
    ]);
  });

  it("steps backwards from the last mention", () => {
    controller.focusMention("previous", { focus: false });
    controller.focusMention("previous", { focus: false });
    expect(host.shown).toEqual(["DeepSeek@2:0", "Alibaba@1:6"]);
  });

  it("follows one entity's mentions only", () => {
    for (let i = 0; i < 3; i++) controller.focusMention("next", { entityId: "alibaba", focus: false });
    expect(host.shown).toEqual(["Alibaba@0:0", "Alibaba@1:6", "Alibaba@0:0"]);
    expect(controller.focusMention("next", { entityId: "baidu" })).toBe(false);
  });

  it("with stopAtEnd, does not wrap: closes the card, answers false, and starts over next time", () => {
    const step = { entityId: "deepseek", focus: false, stopAtEnd: true };
    expect(controller.focusMention("next", step)).toBe(true);
    expect(controller.focusMention("next", step)).toBe(true);
    expect(host.isOpen()).toBe(true);
    expect(controller.focusMention("next", step)).toBe(false);
    expect(host.isOpen()).toBe(false);
    expect(controller.focusMention("next", step)).toBe(true);
    expect(host.shown).toEqual(["DeepSeek@0:17", "DeepSeek@2:0", "DeepSeek@0:17"]);
  });

  it("with stopAtEnd going backwards, stops at the first mention", () => {
    const step = { entityId: "alibaba", focus: false, stopAtEnd: true };
    expect(controller.focusMention("previous", step)).toBe(true);
    expect(controller.focusMention("previous", step)).toBe(true);
    expect(controller.focusMention("previous", step)).toBe(false);
    expect(host.shown).toEqual(["Alibaba@1:6", "Alibaba@0:0"]);
  });

  it("with restart, begins at the first (or last) mention whatever the last step was", () => {
    controller.focusMention("next", { focus: false });
    controller.focusMention("next", { focus: false });
    controller.focusMention("next", { focus: false, restart: true });
    controller.focusMention("previous", { focus: false, restart: true });
    expect(host.shown).toEqual(["Alibaba@0:0", "DeepSeek@0:17", "Alibaba@0:0", "DeepSeek@2:0"]);
  });

  it("answers false, and shows nothing, on a page without mentions", () => {
    mentions = [];
    expect(controller.focusMention("next", { stopAtEnd: true })).toBe(false);
    expect(controller.focusMention("previous", { restart: true })).toBe(false);
    expect(host.shown).toEqual([]);
  });

  it("marks the mention it reaches, unless that name must not be painted", () => {
    const marked = new Set<StaticRange>();
    const layer = {
      add: (range: StaticRange) => marked.add(range),
      delete: (range: StaticRange) => marked.delete(range),
    } as unknown as HighlightLayer;
    const scanner: MentionSource = {
      confirmedMentions: () => mentions,
      mentionsIn: (node) => mentions.filter((m) => m.node === node),
      countOf: (id) => mentions.filter((m) => m.entityId === id).length,
    };
    controller = new CardController({
      doc: document,
      scanner,
      host: host.surface,
      currentLayer: layer,
      paints: (id) => id !== "deepseek",
    });
    const markedNames = () => [...marked].map((range) => mentions.find((m) => m.range === range)?.alias);
    controller.focusMention("next", { focus: false });
    expect(markedNames()).toEqual(["Alibaba"]);
    // DeepSeek's card opens, but its mention stays out of the page-readable registry.
    controller.focusMention("next", { focus: false });
    expect(host.shown.at(-1)).toBe("DeepSeek@0:17");
    expect(markedNames()).toEqual([]);
    controller.focusMention("next", { focus: false });
    expect(markedNames()).toEqual(["Qwen"]);
  });
});
