// @vitest-environment happy-dom
/**
 * The page scanner over a real (happy-dom) document: counts, and what a rescan of a page that
 * is already painted does to the highlights while it runs.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { HighlightLayer } from "../../src/content/highlight-layer";
import type { ProbeHandover } from "../../src/content/page-probe";
import { PageScanner, SCAN_BATCH_WEIGHT } from "../../src/content/page-scanner";
import { ReadableTextWalker } from "../../src/content/readable-text";
import { buildKnowledgeIndex } from "../../src/core/knowledge-index";
import { compileMatcher } from "../../src/core/matcher";
import type { IndexedName } from "../../src/core/name-index";
import type { SliceClock } from "../../src/core/time-slicer";
import { BUNDLED_PACKS } from "../../src/knowledge/bundled-packs";

/** A layer that records what is painted, and how often it was emptied. */
function makeLayer() {
  const painted = new Set<AbstractRange>();
  let cleared = 0;
  const layer = {
    add: (range: AbstractRange) => painted.add(range),
    delete: (range: AbstractRange) => painted.delete(range),
    clear: () => {
      cleared++;
      painted.clear();
    },
  };
  return { layer: layer as unknown as HighlightLayer, painted, cleared: () => cleared };
}

/** A clock that yields after every item, and lets the test look at each pause. */
function makeClock(onYield: () => void): SliceClock {
  let now = 0;
  return {
    now: () => (now += 100),
    yieldToBrowser: async () => onYield(),
  };
}

const index = buildKnowledgeIndex(BUNDLED_PACKS);
const matcher = compileMatcher(index.aliasEntries, { related: index });

/** A probe's handover of what it read (no shadow roots to watch). */
const handed = (found: Omit<ProbeHandover, "watchShadowRoots">): ProbeHandover => ({
  ...found,
  watchShadowRoots: () => {},
});

/** A scanner of the bundled names whose slices end after every text node (clock steps of 100). */
function makeScanner(layer: HighlightLayer, clock: SliceClock): PageScanner {
  return new PageScanner({
    matcher,
    index,
    layer,
    clock,
    options: { includeCode: false },
    sliceBudgetMs: 50,
  });
}

beforeAll(() => {
  // happy-dom has no StaticRange; the scanner only stores and hands them to the layer.
  globalThis.StaticRange ??= class {
    constructor(init: StaticRangeInit) {
      Object.assign(this, init);
    }
  } as unknown as typeof StaticRange;
});

beforeEach(() => {
  document.body.replaceChildren();
  // Long enough that a full pass filters each paragraph on its own, and the slicer reads its
  // clock after each (see SCAN_BATCH_WEIGHT and CLOCK_CHECK_WEIGHT).
  const filler = " and so on".repeat(Math.ceil(SCAN_BATCH_WEIGHT / 10));
  for (const text of ["DeepSeek and Qwen.", "ByteDance answered.", "Alibaba Cloud, again Qwen."]) {
    const p = document.createElement("p");
    p.textContent = text + filler;
    document.body.append(p);
  }
});

describe("PageScanner", () => {
  it("finds and paints every mention, and counts them per name", async () => {
    const { layer, painted } = makeLayer();
    const scanner = makeScanner(
      layer,
      makeClock(() => {}),
    );
    await scanner.scanAll(document);
    expect(painted.size).toBe(5);
    expect(scanner.countOf("qwen")).toBe(2);
    expect(scanner.summarize("https://example.com/").entities.map((e) => e.id)).toEqual([
      "qwen",
      "alibaba-cloud",
      "bytedance",
      "deepseek",
    ]);
  });

  it("makes a first pass of what the probe handed over: its batch, the changes, the rest of its walk", async () => {
    const { layer, painted } = makeLayer();
    const scanner = makeScanner(
      layer,
      makeClock(() => {}),
    );
    const [first, second, third] = [...document.body.children] as Element[];
    // The probe's walk stands after the first paragraph; the second was changed meanwhile.
    const walk = new ReadableTextWalker(document, { includeCode: false });
    // The walk's first node only: its weight alone reaches the limit.
    const batch = { nodes: [] as Text[], texts: [] as string[] };
    walk.take(batch, 1);
    expect(batch.nodes[0]?.parentNode).toBe(first);
    expect(scanner.scanned).toBe(false);
    await scanner.scanHandedOver(handed({ batch, walk, changed: [second as Element] }));
    expect(scanner.scanned).toBe(true);
    expect(painted.size).toBe(5);
    expect(third?.isConnected).toBe(true);

    // Only the changes: the rest of the page is known to hold no name.
    const other = makeScanner(
      makeLayer().layer,
      makeClock(() => {}),
    );
    await other.scanHandedOver(handed({ changed: [second as Element] }));
    expect(other.scanned).toBe(true);
    expect(other.summarize("https://example.com/").entities.map((e) => e.id)).toEqual(["bytedance"]);

    // The node the walk stood on has left: the walk starts again from the root.
    const gone = new ReadableTextWalker(document, { includeCode: false });
    gone.take({ texts: [] }, 1);
    second?.remove();
    const whole = makeScanner(
      makeLayer().layer,
      makeClock(() => {}),
    );
    await whole.scanHandedOver(handed({ walk: gone, changed: [] }));
    expect(
      whole
        .summarize("https://example.com/")
        .entities.map((e) => e.id)
        .sort(),
    ).toEqual(["alibaba-cloud", "deepseek", "qwen"]);
  });

  it("keeps the old highlights through a rescan that keeps them painted, then shows only the new", async () => {
    const { layer, painted, cleared } = makeLayer();
    const seen: number[] = [];
    const scanner = makeScanner(
      layer,
      makeClock(() => seen.push(painted.size)),
    );
    await scanner.scanAll(document);
    const before = new Set(painted);
    const clearsBefore = cleared();
    seen.length = 0;
    (document.body.lastElementChild as HTMLElement).remove();
    await scanner.scanAll(document, { keepPainted: true });
    // Never emptied while it ran: every pause still showed at least the old five.
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(5);
    expect(cleared()).toBe(clearsBefore);
    // Done: the removed paragraph's names are gone, and none of the old ranges is left.
    expect(painted.size).toBe(3);
    expect([...painted].some((range) => before.has(range))).toBe(false);
  });

  it("drops mentions in a part the page made editable while the pass was running", async () => {
    const { layer, painted } = makeLayer();
    let pauses = 0;
    const scanner = makeScanner(
      layer,
      makeClock(() => {
        // After the first text node, the page turns the last paragraph into an editor.
        if (++pauses === 1) document.body.lastElementChild?.setAttribute("contenteditable", "true");
      }),
    );
    await scanner.scanAll(document);
    expect(scanner.countOf("alibaba-cloud")).toBe(0);
    expect(scanner.countOf("qwen")).toBe(1);
    expect(painted.size).toBe(3);
  });

  it("finds the names of a part once shown, and forgets those of a part hidden since", async () => {
    const { layer, painted } = makeLayer();
    const [first, , last] = [...document.body.children] as HTMLElement[];
    (last as HTMLElement).hidden = true;
    const scanner = makeScanner(
      layer,
      makeClock(() => {}),
    );
    await scanner.scanAll(document);
    expect(scanner.countOf("alibaba-cloud")).toBe(0);
    // As the app does with a batch flagged `readability` (see MutationQueue).
    (last as HTMLElement).hidden = false;
    (first as HTMLElement).hidden = true;
    scanner.dropNewlySkipped();
    await scanner.scanChanged([last as Node, first as Node]);
    expect(scanner.countOf("alibaba-cloud")).toBe(1);
    expect(scanner.countOf("deepseek")).toBe(0);
    expect(scanner.countOf("qwen")).toBe(1);
    expect(painted.size).toBe(3);
  });

  it("never paints names in hidden or editable parts, also inside shadow roots and added subtrees", async () => {
    const { layer, painted } = makeLayer();
    const scanner = makeScanner(
      layer,
      makeClock(() => {}),
    );
    document.body.replaceChildren();
    const make = (html: string) => {
      const div = document.createElement("div");
      div.innerHTML = html;
      document.body.append(div);
      return div;
    };
    make("<section contenteditable><p>DeepSeek in an editor</p></section>");
    make('<div contenteditable="plaintext-only">Qwen typed here</div>');
    make("<div hidden><span>ByteDance, hidden</span></div>");
    const host = make("<p>host</p>");
    host.setAttribute("contenteditable", "true");
    host.attachShadow({ mode: "open" }).append("Alibaba inside the editor's shadow root");
    make('<div contenteditable="false"><p>Moonshot AI stays readable</p></div>');
    await scanner.scanAll(document);
    expect(scanner.summarize("https://example.com/").entities.map((e) => e.id)).toEqual(["moonshot-ai"]);
    expect(painted.size).toBe(1);

    const added = make("<div contenteditable><p>Alibaba added later</p></div><p>Alibaba in the open</p>");
    await scanner.scanChanged([added]);
    expect(scanner.countOf("alibaba")).toBe(1);
    expect(painted.size).toBe(2);
  });

  it("drops the mentions of a node moved into an added subtree with text too short for a name", async () => {
    const { layer, painted } = makeLayer();
    const scanner = makeScanner(
      layer,
      makeClock(() => {}),
    );
    document.body.replaceChildren();
    const p = document.createElement("p");
    p.textContent = "ByteDance";
    document.body.append(p);
    await scanner.scanAll(document);
    expect(scanner.countOf("bytedance")).toBe(1);
    // Moved out, cut to one letter, and back inside a new element: the page reports the addition only.
    const text = p.firstChild as Text;
    text.remove();
    text.data = "B";
    const wrapper = document.createElement("div");
    wrapper.append(text);
    document.body.append(wrapper);
    await scanner.scanChanged([wrapper]);
    expect(scanner.countOf("bytedance")).toBe(0);
    expect(painted.size).toBe(0);
  });

  it("empties the layer at once on a plain rescan", async () => {
    const { layer, cleared } = makeLayer();
    const scanner = makeScanner(
      layer,
      makeClock(() => {}),
    );
    await scanner.scanAll(document);
    await scanner.scanAll(document);
    expect(cleared()).toBe(2);
  });

  it("finds, counts and indexes the names it must not paint, and never paints them", async () => {
    const own: IndexedName = {
      id: "user:falcon-aaaaaa",
      name: "Project Falcon",
      aliases: [],
      kind: "concept",
      caseSensitive: false,
    };
    const withOwn = buildKnowledgeIndex(BUNDLED_PACKS, [own]);
    // o1 is ambiguous: it is painted only once the page's "OpenAI" (another paragraph, found
    // later) confirms it, which the scanner settles after the batch.
    const text = "Project Falcon met DeepSeek, and o1 too; Project Falcon again.";
    document.body.replaceChildren();
    const p = document.createElement("p");
    p.textContent = text;
    const later = document.createElement("p");
    later.textContent = "So says OpenAI.";
    document.body.append(p, later);
    const { layer, painted } = makeLayer();
    const hidden = new Set([own.id, "openai-o1"]);
    const scanner = new PageScanner({
      matcher: compileMatcher(withOwn.aliasEntries, { related: withOwn }),
      index: withOwn,
      layer,
      paints: (id) => !hidden.has(id),
      clock: makeClock(() => {}),
      options: { includeCode: false },
    });
    await scanner.scanAll(document);
    // Found and counted (the popup and the cards need them) …
    expect(scanner.countOf(own.id)).toBe(2);
    expect(scanner.countOf("openai-o1")).toBe(1);
    const found = scanner.mentionsIn(p.firstChild as Text).map((m) => text.slice(m.start, m.end));
    expect(found).toEqual(["Project Falcon", "DeepSeek", "o1", "Project Falcon"]);
    // … but only the others are painted.
    const shown = [...painted].map((range) =>
      (range.startContainer as Text).data.slice(range.startOffset, range.endOffset),
    );
    expect(shown.sort()).toEqual(["DeepSeek", "OpenAI"]);
  });
});
