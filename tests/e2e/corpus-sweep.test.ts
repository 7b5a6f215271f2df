/**
 * Robustness on real pages (../shared/corpus/pages): each page is loaded in a browser
 * without the extension and in one with it; the text a person reads and the DOM must be
 * identical, nothing may fail, and no highlight may sit where it must not. CI runs a
 * representative subset; `npm run sweep` runs every page.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PageSummary } from "../../src/core/messages";
import { BUNDLED_PACKS } from "../../src/knowledge/bundled-packs";
import { describeInBrowsers } from "./browser-suite";
import { type ExtensionBrowser, isExtensionError, launchExtensionBrowser } from "./extension-browser";
import { CORPUS_PAGES } from "./test-server";

/** Pages of every kind: Chinese, RTL, huge, hidden nodes, maths, and those that name our players. */
const SUBSET = [
  "qq.html",
  "wordpress.html",
  "videos-1.html",
  "theverge.html",
  "wikipedia-2.html",
  "yahoo-2.html",
  "rtl-1.html",
  "hidden-nodes.html",
  "mathjax.html",
  "lemonde-1.html",
  "medium-1.html",
  "comment-inside-script-parsing.html",
];

const corpusPresent = existsSync(CORPUS_PAGES);
// CORPUS_SWEEP=all: every page; CORPUS_SWEEP=a.html,b.html: those; unset: the subset above.
const chosen = process.env.CORPUS_SWEEP;
const pages = !corpusPresent
  ? []
  : chosen === "all"
    ? readdirSync(CORPUS_PAGES).filter((name) => name.endsWith(".html"))
    : (chosen ? chosen.split(",") : SUBSET).filter((name) => existsSync(join(CORPUS_PAGES, name)));

/** Every alias text, lower-cased: a page whose text contains none of them must show no highlight. */
const ALIAS_TEXTS = BUNDLED_PACKS.flatMap((pack) =>
  pack.entities.flatMap((e) => e.aliases.map((a) => a.text.toLowerCase())),
);

/** What a person reads and what the DOM holds, from the page's own world. */
function snapshot(): { text: string; dom: string; allText: string } {
  // innerText, not textContent: the text as rendered for a person is what must not change.
  return {
    text: document.body?.innerText ?? "",
    dom: document.documentElement.outerHTML,
    allText: document.body?.textContent ?? "",
  };
}

function readHighlightPlaces(): { text: string; ok: boolean; where: string }[] {
  const highlight = CSS.highlights.get("context-cards");
  if (!highlight) return [];
  const out: { text: string; ok: boolean; where: string }[] = [];
  for (const range of highlight as unknown as Iterable<AbstractRange>) {
    const node = range.startContainer;
    const tags: string[] = [];
    let editable = false;
    for (let el = node.parentElement; el; el = el.parentElement) {
      tags.push(el.tagName);
      if (el.isContentEditable) editable = true;
    }
    const forbidden = tags.some((t) =>
      /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TEXTAREA|INPUT|SELECT|TITLE|HEAD)$/.test(t),
    );
    out.push({
      text: (node.textContent ?? "").slice(range.startOffset, range.endOffset),
      ok:
        node.nodeType === Node.TEXT_NODE &&
        range.startContainer === range.endContainer &&
        !forbidden &&
        !editable,
      where: tags.slice(0, 4).join("<"),
    });
  }
  return out;
}

const settle = () => new Promise((done) => setTimeout(done, 300));

describeInBrowsers("corpus sweep", (ctx) => {
  let plain: ExtensionBrowser | undefined;
  beforeAll(async () => {
    if (pages.length > 0)
      plain = await launchExtensionBrowser(ctx.name, { proxyPort: ctx.server.port, withoutExtension: true });
  });
  afterAll(async () => {
    await plain?.close();
  });

  it.skipIf(!corpusPresent)(
    `has corpus pages to sweep${corpusPresent ? "" : " (skipped: ../shared/corpus/pages not found)"}`,
    () => {
      expect(pages.length).toBeGreaterThan(0);
    },
  );

  for (const name of pages) {
    it(`${name}: same text and DOM, no error, highlights only where allowed`, async () => {
      const url = `${ctx.server.origin}/corpus/${name}`;
      if (!plain) throw new Error("plain browser did not start");
      const without = await plain.openPage(url);
      await settle();
      const reference = await without.evaluate(snapshot, undefined);
      await without.close();

      const errorsBefore = ctx.browser.errors.length;
      const page = await ctx.browser.openPage(url);
      await ctx.browser.waitForContentScript(page);
      await expect
        .poll(
          async () =>
            (await ctx.browser.sendToTab<PageSummary>(page, { type: "context-cards:page-summary" })).scanned,
        )
        .toBe(true);
      await settle();
      const withExtension = await page.evaluate(snapshot, undefined);
      const places = await page.evaluate(readHighlightPlaces, undefined);
      await page.close();

      if (withExtension.dom !== reference.dom || withExtension.text !== reference.text) {
        // Some saved pages differ from load to load on their own (a script writes a timestamp
        // into a URL, say). Load once more without the extension: if that differs too, the
        // page is not deterministic and only our own traces can be checked.
        const again = await plain.openPage(url);
        await settle();
        const second = await again.evaluate(snapshot, undefined);
        await again.close();
        const deterministic = second.dom === reference.dom && second.text === reference.text;
        if (deterministic) {
          expect(withExtension.text).toBe(reference.text);
          expect(withExtension.dom).toBe(reference.dom);
        } else {
          console.warn(
            `${name}: differs between two loads without the extension; checked for our traces only`,
          );
          expect(withExtension.dom).not.toMatch(/context-cards/i);
        }
      }
      expect(places.filter((p) => !p.ok)).toEqual([]);
      // Collapsed menus and the like are text too (innerText leaves them out; the scan does not).
      const lowerText = reference.allText.toLowerCase();
      if (!ALIAS_TEXTS.some((alias) => lowerText.includes(alias))) expect(places).toEqual([]);
      const extensionErrors = ctx.browser.errors.slice(errorsBefore).filter(isExtensionError);
      expect(extensionErrors).toEqual([]);
    });
  }
});
