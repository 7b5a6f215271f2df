/**
 * Hover cards, end to end: hovering a highlighted name opens its card (found by its role and
 * accessible name, as assistive technology finds it), Escape closes it, the pointer can travel
 * into it, related names switch it, a click pins it, and the keyboard command reaches a mention.
 */

import { expect, it } from "vitest";
import type { PageSummary } from "../../src/core/messages";
import { describeInBrowsers, type SuiteContext } from "./browser-suite";
import { isExtensionError, type TestPage } from "./extension-browser";
import { extensionScripts } from "./extension-scripts";
import { appendParagraph } from "./page-edits";
import { openScanned as openScannedAt } from "./scanned-page";

/** The centre of the `occurrence`-th appearance of `text` in the element matching `selector`. */
function centreOf(arg: { selector: string; text: string; occurrence: number; scroll?: boolean }) {
  const root = document.querySelector(arg.selector);
  if (!root) throw new Error(`no ${arg.selector}`);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    for (let at = data.indexOf(arg.text); at !== -1; at = data.indexOf(arg.text, at + 1)) {
      if (seen++ < arg.occurrence) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + arg.text.length);
      if (arg.scroll !== false) (node.parentElement as Element).scrollIntoView({ block: "center" });
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, bottom: rect.bottom };
    }
  }
  throw new Error(`"${arg.text}" not found`);
}

/** The open card's box in the window, and the window's size. */
function cardBox() {
  const dialog = document.querySelector("context-cards-ui")?.contextCardsRoot?.querySelector("[role=dialog]");
  const { left, right, top, bottom } = (dialog as Element).getBoundingClientRect();
  return { left, right, top, bottom, width: innerWidth, height: innerHeight };
}

/** Lets the card's short fade-in finish before a screenshot. */
const settleAnimations = () => new Promise((done) => setTimeout(done, 400));

function openScanned(ctx: SuiteContext, query: string): Promise<TestPage> {
  return openScannedAt(ctx.browser, `${ctx.server.origin}/demo.html?card=${query}`);
}

/** Hovers the first "DeepSeek" of the second paragraph and waits for its card. */
async function hoverDeepSeek(page: TestPage): Promise<{ x: number; y: number; bottom: number }> {
  const at = await page.evaluate(centreOf, { selector: "article", text: "DeepSeek’s", occurrence: 0 });
  await page.mouseMove(at.x - 120, at.y - 60, 1);
  await page.mouseMove(at.x - 3, at.y, 6);
  await page.mouseMove(at.x, at.y, 2);
  await page.waitForRole("dialog", "DeepSeek");
  return at;
}

describeInBrowsers("hover cards", (ctx) => {
  it("opens a card named DeepSeek with its facts on hover, and Escape closes it", async () => {
    const page = await openScanned(ctx, "hover");
    await hoverDeepSeek(page);
    const text = await page.textOfRole("dialog", "DeepSeek");
    expect(text).toContain("DeepSeek");
    expect(text).toMatch(/research lab/i);
    expect(text).toMatch(/7 mentions on this page/);
    // Nothing of ours in the page's performance timeline, which its scripts (and the analytics
    // they send home) read: the card left no mark or measure there.
    const ours = await page.evaluate(
      () => performance.getEntries().filter((entry) => entry.name.startsWith("context-cards")).length,
      undefined,
    );
    expect(ours).toBe(0);
    await settleAnimations();
    await ctx.browser.screenshot(page, `card-light-${ctx.name}.png`);
    await page.press("Escape");
    await expect.poll(() => page.hasRole("dialog", "DeepSeek")).toBe(false);
    await page.close();
  });

  it("does not open while the pointer only passes over a name", async () => {
    const page = await openScanned(ctx, "passing");
    const at = await page.evaluate(centreOf, { selector: "article", text: "DeepSeek’s", occurrence: 0 });
    await page.mouseMove(at.x - 300, at.y, 1);
    await page.mouseMove(at.x + 300, at.y, 3);
    await new Promise((done) => setTimeout(done, 800));
    expect(await page.hasRole("dialog", "DeepSeek")).toBe(false);
    await page.close();
  });

  it("stays open while the pointer moves into the card, and switches to a related name", async () => {
    const page = await openScanned(ctx, "related");
    const at = await hoverDeepSeek(page);
    // Travel down into the card (it opens below the name) and rest there beyond the grace period.
    await page.mouseMove(at.x + 20, at.bottom + 40, 6);
    await new Promise((done) => setTimeout(done, 700));
    expect(await page.hasRole("dialog", "DeepSeek")).toBe(true);
    await page.clickRole("button", "Liang Wenfeng");
    await page.waitForRole("dialog", "Liang Wenfeng");
    expect(await page.textOfRole("dialog", "Liang Wenfeng")).toMatch(/founder/i);
    await page.close();
  });

  it("pins the card on click until it is closed", async () => {
    const page = await openScanned(ctx, "pin");
    const at = await page.evaluate(centreOf, { selector: "article", text: "ByteDance", occurrence: 0 });
    await page.mouseClick(at.x, at.y);
    await page.waitForRole("dialog", "ByteDance");
    // Far away and well past any grace period: a pinned card stays.
    await page.mouseMove(5, 5, 4);
    await new Promise((done) => setTimeout(done, 900));
    expect(await page.hasRole("dialog", "ByteDance")).toBe(true);
    await page.clickRole("button", "Close card");
    await expect.poll(() => page.hasRole("dialog", "ByteDance")).toBe(false);
    await page.close();
  });

  it("reaches the first mention from the keyboard command and opens its card with focus inside", async () => {
    const page = await openScanned(ctx, "keyboard");
    // The browser turns the shortcut into the command; the background forwards it as this message.
    const result = await ctx.browser.sendToTab<{ moved: boolean }>(page, {
      type: "context-cards:focus-mention",
      direction: "next",
    });
    expect(result).toEqual({ moved: true });
    await page.waitForRole("dialog", "Alibaba");
    const current = await page.evaluate(
      () => CSS.highlights.get("context-cards-current")?.size ?? 0,
      undefined,
    );
    expect(current).toBe(1);
    const focusedInCard = await page.evaluate(
      () => document.activeElement?.tagName.toLowerCase() === "context-cards-ui",
      undefined,
    );
    expect(focusedInCard).toBe(true);
    await ctx.browser.sendToTab(page, { type: "context-cards:focus-mention", direction: "next" });
    await page.waitForRole("dialog", "DeepSeek");
    await page.press("Escape");
    await expect.poll(() => page.hasRole("dialog", "DeepSeek")).toBe(false);
    await page.close();
  });

  it("styles the card on a page with a strict content security policy", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/strict-csp.html`);
    await ctx.browser.waitForContentScript(page);
    // The policy is in force: the page's own inline <style> is blocked.
    const pageRules = await page.evaluate(
      () => [...document.styleSheets].reduce((n, sheet) => n + sheet.cssRules.length, 0),
      undefined,
    );
    expect(pageRules).toBe(0);
    const result = await ctx.browser.sendToTab<{ moved: boolean }>(page, {
      type: "context-cards:focus-mention",
      direction: "next",
    });
    expect(result.moved).toBe(true);
    await page.waitForRole("dialog", "Alibaba");
    const look = await page.evaluate(() => {
      const dialog = document
        .querySelector("context-cards-ui")
        ?.contextCardsRoot?.querySelector("[role=dialog]");
      const style = getComputedStyle(dialog as Element);
      return { background: style.backgroundColor, width: (dialog as Element).getBoundingClientRect().width };
    }, undefined);
    // Styled: an opaque surface of the card's fixed width, not a transparent full-width block.
    expect(look.background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    expect(look.width).toBeLessThan(400);
    await page.close();
  });

  it("fits a card taller than the room on either side of its name into the window", async () => {
    const page = await openScanned(ctx, "tall");
    // The name at the window's vertical middle: neither above nor below fits a full card.
    const name = { selector: "article", text: "DeepSeek’s", occurrence: 0 };
    const first = await page.evaluate(centreOf, { ...name, scroll: false });
    await page.evaluate(
      (y) => window.scrollTo({ top: scrollY + y - innerHeight / 2, behavior: "instant" }),
      first.y,
    );
    await new Promise((done) => setTimeout(done, 300));
    const at = await page.evaluate(centreOf, { ...name, scroll: false });
    expect(Math.abs(at.y - 450)).toBeLessThan(30);
    await page.mouseMove(at.x - 120, at.y - 60, 1);
    await page.mouseMove(at.x - 3, at.y, 6);
    await page.mouseMove(at.x, at.y, 2);
    await page.waitForRole("dialog", "DeepSeek");
    const box = await page.evaluate(cardBox, undefined);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.height);
    await page.close();
  });

  it("keeps the card inside the viewport on a right-to-left page", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/rtl.html`);
    await ctx.browser.waitForContentScript(page);
    await expect
      .poll(
        async () =>
          (await ctx.browser.sendToTab<PageSummary>(page, { type: "context-cards:page-summary" })).scanned,
      )
      .toBe(true);
    const at = await page.evaluate(centreOf, { selector: "body", text: "ByteDance", occurrence: 0 });
    await page.mouseClick(at.x, at.y);
    await page.waitForRole("dialog", "ByteDance");
    const box = await page.evaluate(cardBox, undefined);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(box.width);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.height);
    await page.close();
  });

  it("opens cards for names a page adds after a first pass that found none", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/quiet.html`);
    await ctx.browser.waitForContentScript(page);
    const summary = () => ctx.browser.sendToTab<PageSummary>(page, { type: "context-cards:page-summary" });
    await expect.poll(async () => (await summary()).scanned).toBe(true);
    expect((await summary()).mentionCount).toBe(0);
    // A page without names gets only the content script's first stage, not the app.
    if (ctx.name === "chromium") expect(await extensionScripts(page)).toEqual(["content.js"]);
    await appendParagraph(page, {
      parent: "main",
      id: "late",
      text: "Later that day, DeepSeek’s assistant topped the download charts.",
    });
    await expect.poll(async () => (await summary()).mentionCount).toBe(1);
    if (ctx.name === "chromium") expect(await extensionScripts(page)).toContain("content-main.js");
    const at = await page.evaluate(centreOf, { selector: "#late", text: "DeepSeek’s", occurrence: 0 });
    await page.mouseMove(at.x - 120, at.y - 60, 1);
    await page.mouseMove(at.x - 3, at.y, 6);
    await page.mouseMove(at.x, at.y, 2);
    await page.waitForRole("dialog", "DeepSeek");
    await page.close();
  });

  it("opens cards inside a frame of the page's own site", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/frames.html`);
    await ctx.browser.waitForContentScript(page);
    // The frame is of the page's origin, so the page can reach into it (as the test does here).
    const inFrame = () => {
      const frame = document.querySelector("#same") as HTMLIFrameElement;
      const doc = frame.contentDocument as Document;
      const painted = doc.defaultView?.CSS.highlights.get("context-cards")?.size ?? 0;
      const text = [...doc.querySelectorAll("p")].map((p) => p.firstChild as Text)[0] as Text;
      const at = text.data.indexOf("Alibaba");
      const range = doc.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + "Alibaba".length);
      const name = range.getBoundingClientRect();
      const box = frame.getBoundingClientRect();
      // The card's dialog, in the frame's own document, and its accessible name.
      const dialog = doc
        .querySelector("context-cards-ui")
        ?.contextCardsRoot?.querySelector('[role="dialog"]');
      const labelId = dialog?.getAttribute("aria-labelledby");
      const label = dialog && labelId ? (dialog.getRootNode() as ShadowRoot).getElementById(labelId) : null;
      return {
        painted,
        x: box.left + frame.clientLeft + name.left + name.width / 2,
        y: box.top + frame.clientTop + name.top + name.height / 2,
        dialog: dialog ? (label?.textContent ?? dialog.textContent ?? "").trim() : null,
      };
    };
    await expect
      .poll(async () => (await page.evaluate(inFrame, undefined)).painted, { timeout: 10_000 })
      .toBe(2);
    const at = await page.evaluate(inFrame, undefined);
    await page.mouseMove(at.x - 120, at.y - 40, 1);
    await page.mouseMove(at.x - 3, at.y, 6);
    await page.mouseMove(at.x, at.y, 2);
    await expect.poll(async () => (await page.evaluate(inFrame, undefined)).dialog).toMatch(/^Alibaba/);
    await page.close();
  });

  it("reports no errors", () => {
    // The strict-CSP page's own inline <style> is blocked and reported: provoked on purpose.
    const provoked = (e: string) => e.includes("/strict-csp.html") && !isExtensionError(e);
    expect(ctx.browser.errors.filter((e) => !provoked(e))).toEqual([]);
  });
});

describeInBrowsers(
  "hover cards in dark mode",
  (ctx) => {
    it("renders the card in the dark scheme", async () => {
      const page = await openScanned(ctx, "dark");
      await hoverDeepSeek(page);
      await settleAnimations();
      await ctx.browser.screenshot(page, `card-dark-${ctx.name}.png`);
      const background = await page.evaluate(() => {
        const host = document.querySelector("context-cards-ui");
        const dialog = host?.contextCardsRoot?.querySelector("[role=dialog]");
        return dialog ? getComputedStyle(dialog).backgroundColor : "";
      }, undefined);
      // A dark surface: every channel of the card's background is low.
      const channels = (background.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
      expect(channels.length).toBe(3);
      for (const channel of channels) expect(channel).toBeLessThan(90);
      await page.close();
    });
  },
  { colorScheme: "dark" },
);
