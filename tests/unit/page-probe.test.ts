// @vitest-environment happy-dom
/**
 * The probe that decides whether the content app loads: on a real (happy-dom) document, it
 * finds a name in the readable text (shadow roots included, skipped tags left out), stays
 * quiet where there is none, and wakes on text added or changed later.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { PageProbe } from "../../src/content/page-probe";
import { buildKnowledgeIndex } from "../../src/core/knowledge-index";
import { compilePageFilter, type PageFilterSource } from "../../src/core/page-filter";
import { pageFilterSource } from "../../src/core/page-filter-source";
import type { SliceClock } from "../../src/core/time-slicer";
import { BUNDLED_PACKS } from "../../src/knowledge/bundled-packs";

const filter = compilePageFilter(
  pageFilterSource(buildKnowledgeIndex(BUNDLED_PACKS).aliasEntries) as PageFilterSource,
);
// Each reading is 100 ms on: a pass yields after every batch, so it takes several slices.
let time = 0;
const clock: SliceClock = { now: () => (time += 100), yieldToBrowser: () => Promise.resolve() };

function page(html: string): void {
  document.body.replaceChildren();
  const template = document.createElement("template");
  template.innerHTML = html;
  document.body.append(template.content);
}

function makeProbe() {
  const onName = vi.fn();
  const probe = new PageProbe({ filter, options: { includeCode: false }, clock, onName });
  return { probe, onName };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
let current: PageProbe | undefined;
afterEach(() => current?.stop());

describe("PageProbe", () => {
  it("finds nothing on a page without names, over many slices", async () => {
    page(
      Array.from(
        { length: 400 },
        (_, i) => `<p>Paragraph ${i} about the weather, claimed metadata.</p>`,
      ).join(""),
    );
    const { probe, onName } = makeProbe();
    current = probe;
    expect(await probe.start(document)).toBe(false);
    expect(onName).not.toHaveBeenCalled();
  });

  it("finds a name anywhere in the readable text, once", async () => {
    page(`${"<p>Nothing yet.</p>".repeat(300)}<div><span>Then <b>DeepSeek-V3</b> shipped.</span></div>`);
    const { probe, onName } = makeProbe();
    current = probe;
    expect(await probe.start(document)).toBe(true);
    expect(onName).toHaveBeenCalledTimes(1);
    document.body.append(Object.assign(document.createElement("p"), { textContent: "Qwen too" }));
    await settle();
    expect(onName).toHaveBeenCalledTimes(1);
  });

  it("leaves out scripts, styles and form fields", async () => {
    page(
      `<script>var name = "DeepSeek";</script><style>/* Qwen */</style><textarea>OpenAI</textarea><p>Plain text.</p>`,
    );
    const { probe, onName } = makeProbe();
    current = probe;
    expect(await probe.start(document)).toBe(false);
    expect(onName).not.toHaveBeenCalled();
  });

  it("reads open shadow roots", async () => {
    page("<my-widget></my-widget><p>Plain text.</p>");
    const host = document.querySelector("my-widget") as Element;
    host
      .attachShadow({ mode: "open" })
      .append(Object.assign(document.createElement("p"), { textContent: "Alibaba's Qwen" }));
    const { probe } = makeProbe();
    current = probe;
    expect(await probe.start(document)).toBe(true);
  });

  it("wakes on a name added or written later, and not once stopped", async () => {
    page("<p>Plain text.</p>");
    const { probe, onName } = makeProbe();
    current = probe;
    expect(await probe.start(document)).toBe(false);
    const paragraph = Object.assign(document.createElement("p"), { textContent: "More plain text." });
    document.body.append(paragraph);
    await settle();
    expect(onName).not.toHaveBeenCalled();
    (paragraph.firstChild as Text).data = "ByteDance answered.";
    await settle();
    expect(onName).toHaveBeenCalledTimes(1);

    page("<p>Plain text.</p>");
    const second = makeProbe();
    current = second.probe;
    expect(await second.probe.start(document)).toBe(false);
    const section = document.createElement("section");
    section.innerHTML = "<div><p>Deep inside: <i>Tencent</i></p></div>";
    document.body.append(section);
    await settle();
    expect(second.onName).toHaveBeenCalledTimes(1);

    page("<p>Plain text.</p>");
    const third = makeProbe();
    current = third.probe;
    expect(await third.probe.start(document)).toBe(false);
    third.probe.stop();
    document.body.append(Object.assign(document.createElement("p"), { textContent: "DeepSeek" }));
    await settle();
    expect(third.onName).not.toHaveBeenCalled();
  });

  it("wakes on a name written later inside an open shadow root it has read, and hands that root over", async () => {
    page("<x-feed></x-feed><p>Plain text.</p>");
    const host = document.querySelector("x-feed") as Element;
    const root = host.attachShadow({ mode: "open" });
    root.append(Object.assign(document.createElement("p"), { textContent: "Loading the feed." }));
    const { probe, onName } = makeProbe();
    current = probe;
    expect(await probe.start(document)).toBe(false);
    const item = Object.assign(document.createElement("p"), { textContent: "DeepSeek released a model." });
    root.append(item);
    await settle();
    expect(onName).toHaveBeenCalledTimes(1);
    const handover = probe.takeHandover();
    expect(handover?.changed).toEqual([item]);
    const watched: ShadowRoot[] = [];
    handover?.watchShadowRoots((found) => watched.push(found));
    expect(watched).toEqual([root]);
  });

  it("hands a huge burst of added text to the app without looking through it", async () => {
    page("<p>Plain text.</p>");
    const { probe, onName } = makeProbe();
    current = probe;
    expect(await probe.start(document)).toBe(false);
    const big = document.createElement("div");
    big.textContent = "plain words ".repeat(30_000);
    document.body.append(big);
    await settle();
    expect(onName).toHaveBeenCalledTimes(1);
    // The app scans the whole page.
    expect(probe.takeHandover()).toBeUndefined();
  });

  it("hands a huge change to a text node to the app without looking through it", async () => {
    page("<p>Plain text.</p>");
    const { probe, onName } = makeProbe();
    current = probe;
    expect(await probe.start(document)).toBe(false);
    (document.querySelector("p")?.firstChild as Text).data = "plain words ".repeat(30_000);
    await settle();
    expect(onName).toHaveBeenCalledTimes(1);
    expect(probe.takeHandover()).toBeUndefined();
  });

  /** A probe whose first pause in its pass lets the page do `change` (and its records be seen). */
  function probeChangingAtFirstPause(change: () => void) {
    let changed = false;
    const onName = vi.fn();
    const changingClock: SliceClock = {
      now: () => (time += 100),
      yieldToBrowser: async () => {
        if (!changed) {
          changed = true;
          change();
        }
        await settle();
      },
    };
    const probe = new PageProbe({ filter, options: { includeCode: false }, clock: changingClock, onName });
    current = probe;
    return { probe, onName };
  }

  it("hands over the rest of its pass when a change in the meantime may hold a name", async () => {
    page(`${"<p>Nothing yet.</p>".repeat(3000)}<p>Qwen shipped.</p>`);
    const { probe, onName } = probeChangingAtFirstPause(() =>
      document.body.prepend(Object.assign(document.createElement("p"), { textContent: "Alibaba news" })),
    );
    expect(await probe.start(document)).toBe(true);
    expect(onName).toHaveBeenCalledTimes(1);
    const handover = probe.takeHandover();
    expect(handover?.changed).toHaveLength(1);
    // The text the pass had not reached yet is the app's to scan: the name at the end too.
    const rest: string[] = [];
    handover?.walk?.take({ texts: rest }, Number.POSITIVE_INFINITY);
    expect(rest).toContain("Qwen shipped.");
    expect(rest.length).toBeLessThan(3000);
  });

  it("hands over the batch its pass had taken but not looked through when a change wakes the app", async () => {
    page(`${"<p>Nothing yet.</p>".repeat(1000)}<p>Qwen shipped.</p>${"<p>Nothing more.</p>".repeat(3000)}`);
    const { probe } = probeChangingAtFirstPause(() =>
      document.body.prepend(Object.assign(document.createElement("p"), { textContent: "Alibaba news" })),
    );
    expect(await probe.start(document)).toBe(true);
    const handover = probe.takeHandover();
    const rest: string[] = [];
    handover?.walk?.take({ texts: rest }, Number.POSITIVE_INFINITY);
    // Between them, the unread batch and the rest of the walk hold every text after the first batch.
    expect([...(handover?.batch?.texts ?? []), ...rest]).toContain("Qwen shipped.");
  });

  it("passes on the shadow roots the handed-over walk enters later", async () => {
    page(`<p>DeepSeek first.</p>${"<p>Nothing yet.</p>".repeat(5000)}<x-feed></x-feed>`);
    const root = (document.querySelector("x-feed") as Element).attachShadow({ mode: "open" });
    root.append(Object.assign(document.createElement("p"), { textContent: "Loading." }));
    const { probe } = makeProbe();
    current = probe;
    expect(await probe.start(document)).toBe(true);
    const handover = probe.takeHandover();
    const watched: ShadowRoot[] = [];
    handover?.watchShadowRoots((found) => watched.push(found));
    expect(watched).toEqual([]);
    handover?.walk?.take({ texts: [] }, Number.POSITIVE_INFINITY);
    expect(watched).toEqual([root]);
  });

  it("reads the rest of the page when the part its pass stood in is taken out meanwhile", async () => {
    page(`<div id="gone">${"<p>Nothing yet.</p>".repeat(3000)}</div><p>Qwen shipped.</p>`);
    const { probe, onName } = probeChangingAtFirstPause(() => document.querySelector("#gone")?.remove());
    expect(await probe.start(document)).toBe(true);
    expect(onName).toHaveBeenCalledTimes(1);
  });

  it("after a change woke the app, records what changes until the app takes it", async () => {
    page("<p>Plain text.</p>");
    const { probe, onName } = makeProbe();
    current = probe;
    expect(await probe.start(document)).toBe(false);
    const first = Object.assign(document.createElement("p"), { textContent: "Alibaba answered." });
    document.body.append(first);
    await settle();
    expect(onName).toHaveBeenCalledTimes(1);
    const second = Object.assign(document.createElement("p"), { textContent: "Then more plain text." });
    document.body.append(second);
    await settle();
    expect(probe.takeHandover()).toEqual({
      changed: [first, second],
      watchShadowRoots: expect.any(Function),
    });
    // Taken: the probe has stopped.
    document.body.append(Object.assign(document.createElement("p"), { textContent: "DeepSeek" }));
    await settle();
    expect(probe.takeHandover()).toBeUndefined();
    expect(onName).toHaveBeenCalledTimes(1);
  });

  it("hands over the batch where its pass found a name, the rest of its walk, and changes since", async () => {
    page(
      `${"<p>Nothing yet.</p>".repeat(2000)}<p id="named">DeepSeek</p>${"<p>And after.</p>".repeat(2000)}`,
    );
    const { probe } = makeProbe();
    current = probe;
    expect(await probe.start(document)).toBe(true);
    const late = Object.assign(document.createElement("p"), { textContent: "Late" });
    document.body.prepend(late);
    await settle();
    const handover = probe.takeHandover();
    const named = document.querySelector("#named")?.firstChild as Text;
    expect(handover?.batch?.nodes).toContain(named);
    expect(handover?.batch?.nodes.length).toBeLessThan(2000);
    expect(handover?.changed).toEqual([late]);
    // The walk goes on after the batch: the rest of the page, and nothing before it.
    const rest: string[] = [];
    handover?.walk?.take({ texts: rest }, Number.POSITIVE_INFINITY);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.length).toBeLessThan(2000);
    expect(new Set(rest)).toEqual(new Set(["And after."]));
    // Between them, the batch and the rest of the walk hold every node after the name.
    const inBatch = handover?.batch?.texts.filter((text) => text === "And after.").length ?? 0;
    expect(inBatch + rest.length).toBe(2000);
  });
});
