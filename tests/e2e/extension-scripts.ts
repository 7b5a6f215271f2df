/**
 * Which of the extension's scripts a page has loaded: the content script works in stages, and
 * on a page without names only the first may run.
 */
import type { Page as PlaywrightPage } from "playwright-core";
import type { TestPage } from "./extension-browser";

/** Chromium only: the extension's scripts parsed in the page's process so far, by file name. */
export async function extensionScripts(page: TestPage): Promise<string[]> {
  const raw = page.raw as PlaywrightPage;
  const cdp = await raw.context().newCDPSession(raw);
  const urls = new Set<string>();
  cdp.on("Debugger.scriptParsed", ({ url }: { url: string }) => {
    if (url.startsWith("chrome-extension://")) urls.add(url.slice(url.lastIndexOf("/") + 1));
  });
  // Enabling the debugger reports every script already parsed.
  await cdp.send("Debugger.enable");
  await cdp.send("Debugger.disable");
  await cdp.detach();
  return [...urls].sort();
}
