/**
 * The foundation, proven in both browsers: the content script runs on an http page and
 * answers; the background answers; the popup renders the extension's name and version;
 * and nothing the extension does reaches the network.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeInBrowsers } from "./browser-suite";
import { REPO_ROOT } from "./test-server";

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "manifest.json"), "utf8")) as { version: string };

/**
 * Hosts the browsers themselves call now and then despite the flags that quiet them (seen:
 * Chromium's account check). The extension has no network code (build-output test) and its
 * pages forbid connections (CSP test below), so these cannot be ours.
 */
const BROWSER_OWN_HOSTS = new Set(["accounts.google.com"]);

describeInBrowsers("extension smoke", (ctx) => {
  it("runs the content script on an http page and answers a message", async () => {
    const url = `${ctx.server.origin}/demo.html?smoke=content`;
    const page = await ctx.browser.openPage(url);
    const pong = await ctx.browser.waitForContentScript(page);
    expect(pong).toEqual({ from: "content", url, topFrame: true, frameKey: expect.any(Number) });
    await page.close();
  });

  it("answers a message in the background", async () => {
    const pong = await ctx.browser.sendToBackground({ type: "context-cards:ping" });
    expect(pong).toEqual({ from: "background", version: manifest.version });
  });

  it("ignores messages that are not ours", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/demo.html?smoke=foreign`);
    await ctx.browser.waitForContentScript(page);
    // Unanswered: Firefox resolves with undefined, Chromium rejects ("port closed").
    const answer = await ctx.browser.sendToTab(page, { type: "someone-else:ping" }).catch(() => undefined);
    expect(answer).toBeUndefined();
    await page.close();
  });

  it("renders the popup with the extension's name and version", async () => {
    const popup = await ctx.browser.openExtensionPage("popup.html");
    await popup.waitForSelector("h1");
    expect(await popup.textOf("h1")).toBe("Context Cards");
    expect(await popup.textOf("[data-testid=version]")).toContain(manifest.version);
    await ctx.browser.screenshot(popup, `popup-smoke-${ctx.name}.png`, ".popup");
    await popup.close();
  });

  it("makes no network request of its own", async () => {
    ctx.server.clearRequests();
    const url = `${ctx.server.origin}/demo.html?smoke=network`;
    const page = await ctx.browser.openPage(url);
    await ctx.browser.waitForContentScript(page);
    await ctx.browser.sendToBackground({ type: "context-cards:ping" });
    const popup = await ctx.browser.openExtensionPage("popup.html");
    await popup.waitForSelector("h1");
    await new Promise((done) => setTimeout(done, 500));
    const unexpected = ctx.server.requests.filter(
      (request) =>
        request.url !== url &&
        !request.url.endsWith("/favicon.ico") &&
        !BROWSER_OWN_HOSTS.has(new URL(request.url).hostname),
    );
    expect(unexpected.map((request) => `${request.method} ${request.url}`)).toEqual([]);
    // The page itself was fetched through the recording proxy, so the recording works.
    expect(ctx.server.requests.some((request) => request.url === url && request.served)).toBe(true);
    await popup.close();
    await page.close();
  });

  it("records requests to other hosts, so the check above can fail", async () => {
    const page = await ctx.browser.openPage(`${ctx.server.origin}/demo.html?smoke=recorder`);
    ctx.server.clearRequests();
    await page.evaluate(() => fetch("https://example.com/probe").catch(() => "refused"), undefined);
    await expect.poll(() => ctx.server.requests.map((r) => r.url)).toContain("https://example.com:443/");
    await page.close();
  });

  it("forbids network requests from its own pages by content security policy", async () => {
    const popup = await ctx.browser.openExtensionPage("popup.html");
    ctx.server.clearRequests();
    const target = `${ctx.server.origin}/demo.html?smoke=csp`;
    const outcome = await popup.evaluate(
      (url) =>
        fetch(url).then(
          () => "fetched",
          () => "blocked",
        ),
      target,
    );
    expect(outcome).toBe("blocked");
    expect(ctx.server.requests.map((r) => r.url)).not.toContain(target);
    await popup.close();
    // The CSP violation is reported as a console error; it was provoked on purpose.
    ctx.browser.errors.splice(0);
  });

  it("reports no errors from the pages it touched", () => {
    expect(ctx.browser.errors).toEqual([]);
  });
});
