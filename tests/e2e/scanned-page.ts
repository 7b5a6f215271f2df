/**
 * Waiting for the content script's first pass, the way every end-to-end suite starts: the
 * page answers its summary with `scanned: true` once every name on it has been found.
 */
import { expect } from "vitest";
import type { PageSummary } from "../../src/core/messages";
import type { ExtensionBrowser, TestPage } from "./extension-browser";

/** Waits until `page`'s content script has finished its first pass; resolves to its summary. */
export async function waitForScan(browser: ExtensionBrowser, page: TestPage): Promise<PageSummary> {
  await browser.waitForContentScript(page);
  let summary: PageSummary | undefined;
  await expect
    .poll(async () => {
      summary = await browser.sendToTab<PageSummary>(page, { type: "context-cards:page-summary" });
      return summary.scanned;
    })
    .toBe(true);
  return summary as PageSummary;
}

/** Opens `url` in a new tab and waits for its first pass. */
export async function openScanned(browser: ExtensionBrowser, url: string): Promise<TestPage> {
  const page = await browser.openPage(url);
  await waitForScan(browser, page);
  return page;
}
