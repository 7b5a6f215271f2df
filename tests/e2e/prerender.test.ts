/**
 * Pages Chromium prerenders (speculation rules): their content script runs out of sight, and
 * what it finds must not reach the tab's badge until the page is shown; once shown, it counts.
 *
 * Chromium only: Firefox prerenders nothing. And not through the harness's Playwright: Chromium
 * refuses to prerender a page that a DevTools client is attached to without the "tab target"
 * (status `PrerenderingDisabledByDevTools`), which is how Playwright attaches. Puppeteer
 * attaches through the tab target, so this file drives Chromium with puppeteer-core, with the
 * same switches, the same recording proxy and the same extension-page bridge as the harness.
 */
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PageSummary } from "../../src/core/messages";
import {
  BROWSER_EXECUTABLES,
  bridgeBadgeText,
  bridgeSendToTab,
  bridgeTabIdOf,
  CHROMIUM_ARGS,
  isBrowserInstalled,
  isExtensionError,
} from "./extension-browser";
import { REPO_ROOT, startTestServer, type TestServer } from "./test-server";

const installed = isBrowserInstalled("chromium") || Boolean(process.env.CI);
const title = installed
  ? "prerendered pages [chromium]"
  : `prerendered pages [chromium] (skipped: ${BROWSER_EXECUTABLES.chromium} not installed)`;

describe.skipIf(!installed)(title, () => {
  let server: TestServer;
  let browser: Browser;
  let bridge: Page;
  const errors: string[] = [];

  const watch = (page: Page) => {
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`${page.url()}: uncaught ${String(error)}`));
  };

  beforeAll(async () => {
    server = await startTestServer();
    const extensionDir = join(REPO_ROOT, "dist/chrome");
    browser = await puppeteer.launch({
      executablePath: BROWSER_EXECUTABLES.chromium,
      headless: true,
      pipe: true,
      enableExtensions: [extensionDir],
      defaultViewport: { width: 1280, height: 900 },
      args: [
        ...CHROMIUM_ARGS,
        // Tests run as root in CI containers.
        "--no-sandbox",
        `--proxy-server=http://127.0.0.1:${server.port}`,
        "--proxy-bypass-list=<-loopback>",
      ],
    });
    const worker = await browser.waitForTarget((target) => target.type() === "service_worker", {
      timeout: 20_000,
    });
    const origin = worker.url().split("/").slice(0, 3).join("/");
    bridge = await browser.newPage();
    await bridge.goto(`${origin}/options.html`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Every page is named by its address, which the test knows: once a prerendered page is shown,
  // puppeteer's handle of the tab can point at the document before it for a while (under load,
  // "detached frame"), so nothing is read through that handle after an activation.
  const at = (path: string) => `${server.origin}${path}`;
  const badgeOf = async (path: string) =>
    bridge.evaluate(bridgeBadgeText, await bridge.evaluate(bridgeTabIdOf, at(path)));
  const scanned = async (path: string) => {
    let summary: PageSummary | undefined;
    await expect
      .poll(
        async () => {
          summary = (await bridge
            .evaluate(bridgeSendToTab, { url: at(path), message: { type: "context-cards:page-summary" } })
            .catch(() => undefined)) as PageSummary | undefined;
          return summary?.scanned;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    return summary as PageSummary;
  };
  const countsOf = (summary: PageSummary) => Object.fromEntries(summary.entities.map((e) => [e.id, e.count]));
  const asked = (suffix: string) => () => server.requests.some((request) => request.url.endsWith(suffix));
  /**
   * Waits until the browser prerenders `path` and, when `beacon` is given, until that page,
   * still out of sight, asks for it (prerendered.html does once its names are painted), then a
   * while for the content script's pass to end (a page without names shows nothing of it).
   */
  const prerendering = async (path: string, beacon?: string) => {
    await expect.poll(asked(path), { timeout: 10_000 }).toBe(true);
    if (beacon) await expect.poll(asked(beacon), { timeout: 15_000 }).toBe(true);
    // Then time for the pass to end (its report comes at its end, which must be before the
    // page is shown for the test to be about a prerendered page's report).
    await new Promise((done) => setTimeout(done, 1_500));
  };
  /**
   * Follows the page's link (the handle is used before any activation only) and waits for the
   * shown page's word (see the fixtures): `log` is what it must say.
   */
  const follow = async (page: Page, log: string) => {
    await page.evaluate(() => document.getElementById("next")?.click());
    await expect.poll(asked(log), { timeout: 15_000 }).toBe(true);
  };

  it("keeps a prerendered page's names off the badge until it is shown, then counts them", async () => {
    const page = await browser.newPage();
    watch(page);
    await page.goto(at("/prerender.html"));
    expect((await scanned("/prerender.html")).entities).toEqual([]);
    await prerendering("/prerendered.html", "/prerendered.html?painted=1");
    // Its names are found, and not on the badge. (Removing the extension's two guards, in the
    // app's report and the background, left the badge clear as well in Chromium 156: a report
    // from a prerendered page did not reach the tab's reports. This pins what the user sees.)
    expect(await badgeOf("/prerender.html")).toBe("");
    // Shown by the click: prerendered, its names painted before it was shown.
    await follow(page, "/prerendered.html?shown&highlights=1&prerendered=true");
    expect(countsOf(await scanned("/prerendered.html"))).toEqual({ deepseek: 1, qwen: 1 });
    await expect.poll(() => badgeOf("/prerendered.html"), { timeout: 10_000 }).toBe("2");
    await page.close();
  });

  it("clears the badge for a prerendered page without names, once shown", async () => {
    server.clearRequests();
    const page = await browser.newPage();
    watch(page);
    // The same page, loaded as any page is: it names two players, and prerenders one that names none.
    await page.goto(at("/prerendered.html?start"));
    await scanned("/prerendered.html?start");
    await expect.poll(() => badgeOf("/prerendered.html?start"), { timeout: 10_000 }).toBe("2");
    await prerendering("/prerender.html?again");
    expect(await badgeOf("/prerendered.html?start")).toBe("2");
    // That page sends nothing: only the browser's own clearing of the badge on navigation can
    // take the names away.
    await follow(page, "/prerender.html?again&shown&highlights=0&prerendered=true");
    expect((await scanned("/prerender.html?again")).entities).toEqual([]);
    await expect.poll(() => badgeOf("/prerender.html?again"), { timeout: 10_000 }).toBe("");
    await page.close();
  });

  // (Requests: smoke.test.ts proves the extension makes none; this browser's own are not filtered here.)
  it("reports no errors", () => {
    expect(errors.filter(isExtensionError)).toEqual([]);
  });
});
