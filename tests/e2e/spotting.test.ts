/**
 * Spotting names, end to end: the page summary of the demo page and of the shared article
 * (rendered at run time), dynamic text, and what must never be highlighted.
 * Expected counts: ./expected-counts.ts.
 */
import { existsSync } from "node:fs";
import { expect, it } from "vitest";
import type { PageSummary } from "../../src/core/messages";
import { describeInBrowsers } from "./browser-suite";
import { ARTICLE_COUNTS, DEMO_COUNTS } from "./expected-counts";
import type { TestPage } from "./extension-browser";
import { appendParagraph } from "./page-edits";
import { waitForScan } from "./scanned-page";
import { ARTICLE_FILE } from "./test-server";

function countsOf(summary: PageSummary): Record<string, number> {
  return Object.fromEntries(summary.entities.map((e) => [e.id, e.count]));
}

/** Every highlighted range as seen from the page: its text and the elements around it. */
function readHighlights(): { text: string; inside: string[]; isText: boolean }[] {
  const highlight = CSS.highlights.get("context-cards");
  if (!highlight) return [];
  const out: { text: string; inside: string[]; isText: boolean }[] = [];
  for (const range of highlight as unknown as Iterable<AbstractRange>) {
    const node = range.startContainer;
    const inside: string[] = [];
    for (let el = node.parentElement; el; el = el.parentElement) {
      inside.push(el.isContentEditable ? `${el.tagName}[editable]` : el.tagName);
    }
    out.push({
      text: (node.textContent ?? "").slice(range.startOffset, range.endOffset),
      inside,
      isText: node.nodeType === Node.TEXT_NODE,
    });
  }
  return out;
}

describeInBrowsers("spotting names", (ctx) => {
  /** The counts of `page`'s summary, its frames' included. */
  const countsIn = async (page: TestPage) =>
    countsOf(await ctx.browser.sendToTab<PageSummary>(page, { type: "context-cards:page-summary" }));
  /** Asks the background to open the tab's next mention of `entityId` (as the popup does). */
  const revealIn = async (page: TestPage, entityId: string) =>
    ctx.browser.sendToBackground<{ moved: boolean }>({
      type: "context-cards:reveal-in-tab",
      tabId: await ctx.browser.tabIdOf(page),
      entityId,
    });

  it("summarises the demo page with the right names and counts", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/demo.html?spot=summary`);
    const summary = await waitForScan(ctx.browser, page);
    expect(countsOf(summary)).toEqual(DEMO_COUNTS);
    expect(summary.mentionCount).toBe(Object.values(DEMO_COUNTS).reduce((a, b) => a + b, 0));
    expect(summary.entities[0]?.id).toBe("deepseek");
    expect(summary.entities.find((e) => e.id === "deepseek")).toEqual({
      id: "deepseek",
      name: "DeepSeek",
      kind: "company",
      count: 7,
    });
    await ctx.browser.screenshot(page, `demo-highlights-${ctx.name}.png`);
    await page.close();
  });

  it("summarises a page served in a script-less CSP sandbox (as raw-file hosts send)", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/sandboxed.html`);
    const summary = await waitForScan(ctx.browser, page);
    expect(countsOf(summary)).toEqual(DEMO_COUNTS);
    await page.close();
  });

  it.skipIf(!existsSync(ARTICLE_FILE))(
    `summarises the article page${existsSync(ARTICLE_FILE) ? "" : " (skipped: ../shared/article/article.txt not found)"}`,
    async () => {
      const page = await ctx.browser.openPage(`${ctx.server.origin}/article`);
      const summary = await waitForScan(ctx.browser, page);
      expect(countsOf(summary)).toEqual(ARTICLE_COUNTS);
      await page.close();
    },
  );

  it("highlights only readable text: never form fields, code, links' URLs or attributes", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/demo.html?spot=where`);
    await waitForScan(ctx.browser, page);
    const highlights = await page.evaluate(readHighlights, undefined);
    expect(highlights.length).toBe(Object.values(DEMO_COUNTS).reduce((a, b) => a + b, 0));
    for (const h of highlights) {
      expect(h.isText).toBe(true);
      expect(
        h.inside.filter((tag) => /^(INPUT|TEXTAREA|PRE|CODE|SCRIPT|STYLE|TITLE)$|editable/.test(tag)),
      ).toEqual([]);
    }
    // The input holds "DeepSeek" and the textarea "Qwen 2.5-Max": neither is painted.
    expect(
      await page.evaluate(() => (document.querySelector("input") as HTMLInputElement).value, undefined),
    ).toBe("DeepSeek");
    await page.close();
  });

  it("reads only prose on an XHTML page too, where tag names are lower case", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/xhtml.xhtml`);
    const summary = await waitForScan(ctx.browser, page);
    expect(await page.evaluate(() => document.body.tagName, undefined)).toBe("body");
    // Not the style's, the script's, the code's, the text box's or the noscript's names.
    expect(countsOf(summary)).toEqual({ baidu: 1, tencent: 1 });
    await page.close();
  });

  it("spots names in frames of the page's own site, not in other sites' frames", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/frames.html`);
    await waitForScan(ctx.browser, page);
    type Report = { href: string; texts: string[] };
    const reportOf = async (href: string) =>
      (
        await page.evaluate(
          () => (window as unknown as { frameReports: Record<string, Report> }).frameReports,
          undefined,
        )
      )[href]?.texts;
    // The top page names Alibaba and DeepSeek once; its summary adds what its frame of the same
    // origin shows.
    const counts = () => countsIn(page);
    await expect
      .poll(() => reportOf(`${ctx.server.origin}/frame.html`), { timeout: 10_000 })
      .toEqual(["Alibaba", "Qwen"]);
    await expect.poll(counts, { timeout: 10_000 }).toEqual({ alibaba: 2, deepseek: 1, qwen: 1 });
    await expect.poll(() => ctx.browser.badgeTextOf(page)).toBe("3");
    // Two frames added at once: one more of this site (the control), one of another origin
    // (the same server as localhost). Once the first is painted, the second has had its chance.
    const own = `${ctx.server.origin}/frame.html?added`;
    const other = `http://localhost:${ctx.server.port}/frame.html`;
    await page.evaluate(
      (sources) => {
        for (const [index, src] of sources.entries()) {
          const frame = document.createElement("iframe");
          frame.title = "An embedded note";
          frame.id = `added-${index}`;
          frame.src = src;
          document.querySelector("main")?.append(frame);
        }
      },
      [own, other],
    );
    await expect.poll(() => reportOf(own), { timeout: 10_000 }).toEqual(["Alibaba", "Qwen"]);
    await expect.poll(counts, { timeout: 10_000 }).toEqual({ alibaba: 3, deepseek: 1, qwen: 2 });
    await new Promise((done) => setTimeout(done, 500));
    expect(await reportOf(other)).toEqual([]);
    expect(await counts()).toEqual({ alibaba: 3, deepseek: 1, qwen: 2 });
    // A frame that goes takes its names with it.
    await page.evaluate(() => document.querySelector("#added-0")?.remove(), undefined);
    await expect.poll(counts, { timeout: 10_000 }).toEqual({ alibaba: 2, deepseek: 1, qwen: 1 });
    await page.close();
  });

  it("counts only the current page's frames after navigating away and back", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/frames.html?history=1`);
    await waitForScan(ctx.browser, page);
    const counts = () => countsIn(page);
    await expect.poll(counts, { timeout: 10_000 }).toEqual({ alibaba: 2, deepseek: 1, qwen: 1 });
    // The probe notes whether the page comes back from the back-forward cache (Firefox's does
    // here, Chromium's under automation reloads): either way its frames count again.
    await page.evaluate(() => {
      addEventListener("pageshow", (event) => {
        (window as unknown as { restored: boolean }).restored = event.persisted;
      });
    }, undefined);
    await page.evaluate((url) => location.assign(url), `${ctx.server.origin}/demo.html?history=1`);
    await expect.poll(() => page.url()).toContain("/demo.html");
    await waitForScan(ctx.browser, page);
    // The frames of the page before do not count here.
    await expect.poll(counts, { timeout: 10_000 }).toEqual(DEMO_COUNTS);
    await expect.poll(() => ctx.browser.badgeTextOf(page)).toBe(String(Object.keys(DEMO_COUNTS).length));
    await page.goBack();
    await expect.poll(() => page.url()).toContain("/frames.html");
    await waitForScan(ctx.browser, page);
    await expect.poll(counts, { timeout: 10_000 }).toEqual({ alibaba: 2, deepseek: 1, qwen: 1 });
    await expect.poll(() => ctx.browser.badgeTextOf(page)).toBe("3");
    const restored = await page.evaluate(
      () => (window as unknown as { restored?: boolean }).restored,
      undefined,
    );
    console.log(
      `[${ctx.name}] back to frames.html: ${restored ? "from the back-forward cache" : "reloaded"}`,
    );
    await page.close();
  });

  it("shows no badge on a page that names no one, after a page with names in the same tab", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/frames.html?badge`);
    await waitForScan(ctx.browser, page);
    await expect.poll(() => ctx.browser.badgeTextOf(page), { timeout: 10_000 }).toBe("3");
    await page.evaluate((url) => location.assign(url), `${ctx.server.origin}/quiet.html?badge`);
    await expect.poll(() => page.url()).toContain("/quiet.html");
    const summary = await waitForScan(ctx.browser, page);
    expect(summary.entities).toEqual([]);
    await expect.poll(() => ctx.browser.badgeTextOf(page), { timeout: 10_000 }).toBe("");
    // Nothing of the page before counts here: no frame's names, and no mention to walk to.
    expect(await revealIn(page, "alibaba")).toEqual({ moved: false });
    await page.close();
  });

  it("counts the names of a frame of the site under a page that names no one itself", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/quiet-frames.html`);
    await waitForScan(ctx.browser, page);
    const counts = () => countsIn(page);
    await expect.poll(counts, { timeout: 10_000 }).toEqual({ alibaba: 1, qwen: 1 });
    await expect.poll(() => ctx.browser.badgeTextOf(page), { timeout: 10_000 }).toBe("2");
    // The walk through the tab's mentions reaches into the frame.
    expect(await revealIn(page, "qwen")).toEqual({ moved: true });
    await page.close();
  });

  it("puts a frame's names on the badge when the page itself starts long after its frames", async () => {
    // The frame reports while the page's parser still waits for a slow script: the page's own
    // content script (document_idle) is not there yet to give the report the badge waits for.
    const page = await ctx.browser.openPage(`${ctx.server.origin}/slow-top.html`);
    await waitForScan(ctx.browser, page);
    await expect.poll(() => countsIn(page), { timeout: 10_000 }).toEqual({ alibaba: 1, qwen: 1 });
    await expect.poll(() => ctx.browser.badgeTextOf(page), { timeout: 15_000 }).toBe("2");
    await page.close();
  });

  it("highlights a paragraph added after the first pass, and forgets removed ones", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/demo.html?spot=dynamic`);
    const before = await waitForScan(ctx.browser, page);
    await appendParagraph(page, {
      parent: "article",
      id: "added",
      text: "Later that week Tencent and Baidu both said they would answer DeepSeek-R1.",
    });
    await expect
      .poll(async () => {
        const s = await ctx.browser.sendToTab<PageSummary>(page, { type: "context-cards:page-summary" });
        return s.mentionCount;
      })
      .toBe(before.mentionCount + 3);
    const painted = await page.evaluate(readHighlights, undefined);
    expect(
      painted.filter((h) => h.inside[0] === "P" && ["Tencent", "Baidu", "DeepSeek-R1"].includes(h.text))
        .length,
    ).toBeGreaterThanOrEqual(3);

    await page.evaluate(() => document.getElementById("added")?.remove(), undefined);
    await expect
      .poll(async () => {
        const s = await ctx.browser.sendToTab<PageSummary>(page, { type: "context-cards:page-summary" });
        return s.mentionCount;
      })
      .toBe(before.mentionCount);
    await page.close();
  });

  it("follows edits to existing text", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/demo.html?spot=edit`);
    const before = await waitForScan(ctx.browser, page);
    await page.evaluate(() => {
      const target = [...document.querySelectorAll("p")].find(
        (p) => p.textContent?.includes("Off the clock") === false && p.textContent?.includes("dumpling"),
      );
      const text = target?.firstChild;
      if (text && text.nodeType === Node.TEXT_NODE) (text as Text).appendData(" Microsoft staff joined in.");
    }, undefined);
    await expect
      .poll(async () => (await countsIn(page)).microsoft)
      .toBe((countsOf(before).microsoft ?? 0) + 1);
    await page.close();
  });

  it("counts the names of a part once the page shows it, and not once it hides it again", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/demo.html?spot=shown`);
    const before = countsOf(await waitForScan(ctx.browser, page));
    const setHidden = (hidden: boolean) =>
      page.evaluate((value) => {
        let part = document.getElementById("more");
        if (!part) {
          part = Object.assign(document.createElement("div"), { id: "more", hidden: true });
          part.append(
            Object.assign(document.createElement("p"), { textContent: "Moonshot AI answered too." }),
          );
          // A name in plain sight beside it: once that counts, the hidden part has been read.
          const beside = Object.assign(document.createElement("p"), { textContent: "Huawei, meanwhile." });
          document.querySelector("main")?.append(part, beside);
        }
        part.hidden = value;
      }, hidden);
    await setHidden(true);
    await expect.poll(async () => (await countsIn(page)).huawei).toBe((before.huawei ?? 0) + 1);
    expect((await countsIn(page))["moonshot-ai"]).toBe(before["moonshot-ai"]);
    // Shown, as a "read more" button would: no text was added or changed, only an attribute.
    await setHidden(false);
    await expect
      .poll(async () => (await countsIn(page))["moonshot-ai"])
      .toBe((before["moonshot-ai"] ?? 0) + 1);
    await setHidden(true);
    await expect.poll(async () => (await countsIn(page))["moonshot-ai"]).toBe(before["moonshot-ai"]);
    await page.close();
  });

  it("follows text a page writes later inside an open shadow root, before and after the app starts", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/quiet.html?spot=shadow`);
    await waitForScan(ctx.browser, page);
    const writeInFeed = (text: string) =>
      page.evaluate((line) => {
        let host = document.querySelector("x-feed");
        if (!host) {
          host = document.createElement("x-feed");
          host
            .attachShadow({ mode: "open" })
            .append(Object.assign(document.createElement("p"), { textContent: "Loading the feed." }));
          document.querySelector("main")?.append(host);
        }
        if (line) host.shadowRoot?.append(Object.assign(document.createElement("p"), { textContent: line }));
      }, text);
    // The feed's element arrives empty of names; its items come later, inside its shadow root.
    await writeInFeed("");
    // The first stage's watch sees the first item (and starts the app)…
    await writeInFeed("Tencent posted results.");
    await expect.poll(() => countsIn(page)).toEqual({ tencent: 1 });
    // …and the app's watch the next one.
    await writeInFeed("Then Tencent again.");
    await expect.poll(() => countsIn(page)).toEqual({ tencent: 2 });
    // A second feed, added once the app runs: the app's own walk finds its root and watches it.
    await page.evaluate(() => {
      const host = document.createElement("x-feed");
      host.id = "second";
      host
        .attachShadow({ mode: "open" })
        .append(Object.assign(document.createElement("p"), { textContent: "Baidu first." }));
      document.querySelector("main")?.append(host);
    }, undefined);
    await expect.poll(() => countsIn(page)).toEqual({ tencent: 2, baidu: 1 });
    await page.evaluate(() => {
      document
        .getElementById("second")
        ?.shadowRoot?.append(Object.assign(document.createElement("p"), { textContent: "Baidu again." }));
    }, undefined);
    await expect.poll(() => countsIn(page)).toEqual({ tencent: 2, baidu: 2 });
    await page.close();
  });

  it("puts its highlight back when the page clears the shared registry", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/demo.html?spot=registry`);
    await waitForScan(ctx.browser, page);
    await page.evaluate(() => CSS.highlights.clear(), undefined);
    await expect
      .poll(() => page.evaluate(() => CSS.highlights.get("context-cards")?.size ?? 0, undefined), {
        timeout: 5000,
      })
      .toBeGreaterThan(0);
    await page.close();
  });

  it("reports no errors", () => {
    expect(ctx.browser.errors).toEqual([]);
  });
});
