/**
 * Notes and tracked names, end to end in both browsers: a note written in a card shows in the
 * card of the same name on another page and after a browser restart (same profile); a
 * selection becomes a note with its quote and a link back (the context menu's "Add to notes…"
 * sends the page the same message as this test); a selection tracked as a name is highlighted
 * on a new page and has a card.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PageSummary } from "../../src/core/messages";
import {
  BROWSER_NAMES,
  type ExtensionBrowser,
  isBrowserInstalled,
  isExtensionError,
  launchExtensionBrowser,
  type TestPage,
} from "./extension-browser";
import { openScanned as openScannedAt } from "./scanned-page";
import { startTestServer, type TestServer } from "./test-server";

/** The centre of the first appearance of `text` inside the element `#id`. */
function centreOf(arg: { id: string; text: string }) {
  const root = document.getElementById(arg.id);
  const node = root?.firstChild;
  if (!(node instanceof Text)) throw new Error(`no text in #${arg.id}`);
  const at = node.data.indexOf(arg.text);
  if (at === -1) throw new Error(`"${arg.text}" not in #${arg.id}`);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + arg.text.length);
  const rect = range.getBoundingClientRect();
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}

/** Selects `text` inside `#id`, as a person dragging over it would. */
function selectText(arg: { id: string; text: string }) {
  const node = document.getElementById(arg.id)?.firstChild as Text;
  const at = node.data.indexOf(arg.text);
  window.getSelection()?.setBaseAndExtent(node, at, node, at + arg.text.length);
  return window.getSelection()?.toString();
}

/** What the card's shadow root shows of the user's notes: text, quotes and link targets. */
function readNotes() {
  const root = document.querySelector("context-cards-ui")?.contextCardsRoot;
  return [...(root?.querySelectorAll(".cc-usernote") ?? [])].map((note) => ({
    text: note.querySelector(".cc-usernote__text")?.textContent ?? "",
    quote: note.querySelector(".cc-usernote__quote")?.textContent ?? "",
    links: [...note.querySelectorAll("a")].map((a) => a.href),
  }));
}

/** The words our highlights cover, read as any script on the page can read them. */
function paintedWords() {
  const words: string[] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith("context-cards")) continue;
    for (const range of highlight)
      words.push(range.startContainer.textContent?.slice(range.startOffset, range.endOffset) ?? "");
  }
  return words;
}

/** What the page's own scripts can see of the card and of a note it shows. */
function whatThePageReads(note: string) {
  const host = document.querySelector("context-cards-ui");
  return {
    host: host !== null,
    shadowRoot: host?.shadowRoot !== null,
    noteInDocument: (document.documentElement.textContent ?? "").includes(note),
  };
}

/** The tag of the element focused inside the card's shadow root (typing goes there). */
function focusedFieldInCard() {
  return document.querySelector("context-cards-ui")?.contextCardsRoot?.activeElement?.tagName;
}

const NOTE = "Read the R1 report first: https://example.com/r1-report";
const PRIVATE_NOTE = "Ask Lena about the pricing";

declare global {
  interface Window {
    /** Test-only: what `listenLikeAPage`'s listeners heard. */
    heardByPage?: string[];
  }
}

/**
 * Listens, as a page's scripts can, for every event that carries typing: on the document
 * (capture and bubble), the body and the window (bubble; and capture with `windowCapture`).
 * Each event is written down as "where phase type key-or-data". Adds a field of the page's own.
 */
function listenLikeAPage(windowCapture = false) {
  window.heardByPage ??= [];
  const heard = window.heardByPage;
  const types = ["keydown", "keypress", "keyup", "beforeinput", "input", "compositionend", "paste"];
  const listen = (target: EventTarget, where: string, capture: boolean) => {
    for (const type of types) {
      target.addEventListener(
        type,
        (event) => {
          const detail = (event as KeyboardEvent).key ?? (event as InputEvent).data ?? "";
          heard.push(`${where}${capture ? " capture" : ""} ${event.type} ${detail}`);
        },
        capture,
      );
    }
  };
  if (windowCapture) {
    listen(window, "window", true);
    return;
  }
  listen(document, "document", true);
  listen(document, "document", false);
  listen(document.body, "body", false);
  listen(window, "window", false);
  const field = document.createElement("input");
  field.id = "page-field";
  document.body.append(field);
}

/**
 * Where a drag across the first element of the card matching `selector` (holding `text`, when
 * given) starts and ends: its first line, from its start to its end.
 */
function boxInCard(arg: { selector: string; text?: string }) {
  const root = document.querySelector("context-cards-ui")?.contextCardsRoot;
  const element = [...(root?.querySelectorAll(arg.selector) ?? [])].find(
    (candidate) => arg.text === undefined || candidate.textContent === arg.text,
  );
  const line = element?.getClientRects()[0];
  if (!line) throw new Error(`no ${arg.selector} in the card`);
  const y = line.top + line.height / 2;
  return { start: { x: line.left + 1, y }, end: { x: line.right - 1, y } };
}

/** What the page reads of the selection. */
function selectedText() {
  return document.getSelection()?.toString() ?? "";
}

/** What the page's listeners heard since last asked. */
function takeHeard() {
  return (window.heardByPage ?? []).splice(0);
}

describe.each(BROWSER_NAMES)("notes and tracked names [%s]", (name) => {
  const installed = isBrowserInstalled(name) || Boolean(process.env.CI);
  let server: TestServer;
  let browser: ExtensionBrowser | undefined;
  const profileDir = mkdtempSync(join(tmpdir(), `context-cards-notes-${name}-`));

  const launch = async () => {
    browser = await launchExtensionBrowser(name, { proxyPort: server.port, profileDir });
    return browser;
  };

  function openScanned(path: string): Promise<TestPage> {
    if (!browser) throw new Error("no browser");
    return openScannedAt(browser, `${server.origin}/${path}`);
  }

  async function openCardByClick(page: TestPage, id: string, text: string, dialogName = text): Promise<void> {
    const at = await page.evaluate(centreOf, { id, text });
    await page.mouseClick(at.x, at.y);
    await page.waitForRole("dialog", dialogName);
  }

  beforeAll(async () => {
    if (!installed) return;
    server = await startTestServer();
    await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(profileDir, { recursive: true, force: true });
  });

  it.skipIf(!installed)(
    "keeps a note written in a card on every page with the name, and after a restart",
    async () => {
      const first = await openScanned("notes.html");
      await openCardByClick(first, "clip", "DeepSeek");
      await first.clickRole("button", "Add a note");
      await expect.poll(() => first.evaluate(focusedFieldInCard, undefined)).toBe("TEXTAREA");
      await first.type(NOTE);
      await first.clickRole("button", "Save note");
      await expect
        .poll(() => first.evaluate(readNotes, undefined))
        .toEqual([
          { text: NOTE, quote: "", links: ["https://example.com/r1-report", `${server.origin}/notes.html`] },
        ]);
      await first.close();

      const other = await openScanned("elsewhere.html");
      await openCardByClick(other, "names", "DeepSeek");
      await expect
        .poll(async () => (await other.evaluate(readNotes, undefined)).map((note) => note.text))
        .toEqual([NOTE]);
      // The note is on screen, yet the page's scripts cannot read it: the card's root is closed.
      expect(await other.evaluate(whatThePageReads, NOTE)).toEqual({
        host: true,
        shadowRoot: false,
        noteInDocument: false,
      });
      await other.close();

      await browser?.close();
      await launch();
      const afterRestart = await openScanned("elsewhere.html");
      await openCardByClick(afterRestart, "names", "DeepSeek");
      await expect
        .poll(async () => (await afterRestart.evaluate(readNotes, undefined)).map((note) => note.text))
        .toEqual([NOTE]);
      await afterRestart.close();
    },
  );

  it.skipIf(!installed)("clips a selection into a note with its quote and a link back to it", async () => {
    const page = await openScanned("notes.html");
    const quote = "comparing DeepSeek with the large American labs";
    expect(await page.evaluate(selectText, { id: "clip", text: quote })).toBe(quote);
    const answer = await browser?.sendToTab(page, { type: "context-cards:compose", mode: "note" });
    expect(answer).toEqual({ opened: true });
    await page.waitForRole("dialog", "Add to notes");
    // The name in the selection is offered, and chosen, first.
    expect(await page.hasRole("radio", "DeepSeek")).toBe(true);
    await page.evaluate(listenLikeAPage, false);
    await page.evaluate(listenLikeAPage, true);
    await page.clickRole("textbox", "Your comment (optional)");
    await page.type("on reasoning");
    // The composer's fields are the card's too: the page hears nothing of the comment.
    expect(await page.evaluate(takeHeard, undefined)).toEqual([]);
    await page.clickRole("button", "Save to DeepSeek");
    await page.waitForRole("dialog", "DeepSeek");
    const clipped = (await page.evaluate(readNotes, undefined)).find((note) => note.quote === quote);
    expect(clipped?.text).toBe("on reasoning");
    const back = clipped?.links.find((link) => link.startsWith(`${server.origin}/notes.html`));
    expect(back).toContain("#:~:text=");
    expect(decodeURIComponent(back?.split("#:~:text=")[1] ?? "")).toContain(
      "comparing DeepSeek with the large American labs",
    );
    await page.close();
  });

  it.skipIf(!installed)("clips from a page that names no one: the card's app starts on demand", async () => {
    const page = await openScanned("quiet.html");
    const quote = "the beans climbed past the fence";
    const selected = await page.evaluate((text) => {
      const node = document.querySelector("main p")?.firstChild as Text;
      const at = node.data.indexOf(text);
      window.getSelection()?.setBaseAndExtent(node, at, node, at + text.length);
      return window.getSelection()?.toString();
    }, quote);
    expect(selected).toBe(quote);
    const answer = await browser?.sendToTab(page, { type: "context-cards:compose", mode: "note" });
    expect(answer).toEqual({ opened: true });
    await page.waitForRole("dialog", "Add to notes");
    await page.close();
  });

  it.skipIf(!installed)(
    "clips words selected in another origin's frame into a note, from a card over that frame",
    async () => {
      const page = await openScanned("frames.html");
      // Another origin (the same server as localhost): no content app runs in this frame.
      const frameUrl = `http://localhost:${server.port}/frame.html`;
      const frameTop = await page.evaluate((src) => {
        const frame = document.createElement("iframe");
        frame.id = "other";
        frame.title = "A note from another site";
        frame.src = src;
        document.querySelector("main")?.append(frame);
        frame.focus();
        return frame.getBoundingClientRect().top;
      }, frameUrl);
      // What the background sends the top page when that frame cannot answer the menu's click
      // (fallbackForUnanswered; a menu click itself cannot be automated).
      const answer = await browser?.sendToTab(page, {
        type: "context-cards:compose",
        mode: "note",
        selectionText: " Alibaba put its Qwen\n models ",
        frameUrl,
      });
      expect(answer).toEqual({ opened: true });
      await page.waitForRole("dialog", "Add to notes");
      expect(await page.hasRole("radio", "Alibaba")).toBe(true);
      expect(await page.hasRole("radio", "Qwen")).toBe(true);
      // The card opens over the frame the words came from (its top, once scrolled into view).
      const cardTop = await page.evaluate(
        () =>
          document
            .querySelector("context-cards-ui")
            ?.contextCardsRoot?.querySelector('[role="dialog"]')
            ?.getBoundingClientRect().top ?? Number.NaN,
        undefined,
      );
      expect(Math.abs(cardTop - Math.max(0, frameTop))).toBeLessThan(40);
      await page.clickRole("button", "Save to Alibaba");
      await page.waitForRole("dialog", "Alibaba");
      const clipped = (await page.evaluate(readNotes, undefined)).find(
        (note) => note.quote === "Alibaba put its Qwen models",
      );
      // Its link goes where the words are: the frame's page.
      expect(clipped?.links.some((link) => link.startsWith(`${frameUrl}#:~:text=`))).toBe(true);
      await page.close();
    },
  );

  it.skipIf(!installed)(
    "tracks a selected name: found on a new page with a card of its own, painted only when asked",
    async () => {
      const page = await openScanned("notes.html");
      await page.evaluate(selectText, { id: "track", text: "Kestrel Robotics" });
      expect(await browser?.sendToTab(page, { type: "context-cards:compose", mode: "track" })).toEqual({
        opened: true,
      });
      await page.waitForRole("dialog", "Track this name");
      await page.clickRole("button", "Track name");
      await page.waitForRole("dialog", "Kestrel Robotics");
      expect(await page.textOfRole("dialog", "Kestrel Robotics")).toMatch(/your own name/i);
      // The page it was tracked on highlights it too, once the names reach its scanner.
      await expect
        .poll(async () =>
          (await browser?.sendToTab<PageSummary>(page, { type: "context-cards:page-summary" }))?.entities.map(
            (e) => e.name,
          ),
        )
        .toContain("Kestrel Robotics");
      await page.close();

      const other = await openScanned("elsewhere.html");
      const summary = await browser?.sendToTab<PageSummary>(other, { type: "context-cards:page-summary" });
      expect(summary?.entities.find((entity) => entity.name === "Kestrel Robotics")?.count).toBe(1);
      await openCardByClick(other, "names", "Kestrel Robotics");
      expect(await other.textOfRole("dialog", "Kestrel Robotics")).toMatch(/tracked by you/i);
      // Found, counted and carded, but not painted: the page could read that from the registry.
      const words = await other.evaluate(paintedWords, undefined);
      expect(words).toContain("DeepSeek");
      expect(words).not.toContain("Kestrel Robotics");

      // Settings → "Also mark my own names on pages" paints it, on the open page too.
      const options = await browser?.openExtensionPage("options.html");
      if (!options) throw new Error("no options page");
      const toggleOwnNames = () =>
        options.evaluate(() => {
          const box = document.querySelector<HTMLInputElement>('input[aria-describedby$="-own-hint"]');
          box?.click();
          return box?.checked;
        }, undefined);
      await options.waitForSelector('input[aria-describedby$="-own-hint"]');
      expect(await toggleOwnNames()).toBe(true);
      await other.bringToFront();
      await expect.poll(() => other.evaluate(paintedWords, undefined)).toContain("Kestrel Robotics");
      expect(await toggleOwnNames()).toBe(false);
      await other.bringToFront();
      await expect.poll(() => other.evaluate(paintedWords, undefined)).not.toContain("Kestrel Robotics");
      expect(await other.evaluate(paintedWords, undefined)).toContain("DeepSeek");
      await options.close();
      await other.close();

      // A page whose only name is one of the user's: nothing painted, yet its card opens.
      const own = await openScanned("own-name.html");
      expect(await own.evaluate(paintedWords, undefined)).toEqual([]);
      await openCardByClick(own, "names", "Kestrel Robotics");
      await own.close();
    },
  );

  it.skipIf(!installed)("removes a tracked name in Settings, and open pages stop marking it", async () => {
    const page = await openScanned("elsewhere.html");
    const names = async () =>
      (await browser?.sendToTab<PageSummary>(page, { type: "context-cards:page-summary" }))?.entities.map(
        (e) => e.name,
      );
    expect(await names()).toContain("Kestrel Robotics");
    const options = await browser?.openExtensionPage("options.html");
    if (!options) throw new Error("no options page");
    await options.waitForRole("button", "Remove Kestrel Robotics");
    await options.clickRole("button", "Remove Kestrel Robotics");
    // It has no notes, so a plain Remove confirms.
    await options.clickRole("button", "Remove");
    await expect
      .poll(() => options.evaluate(() => document.body.innerText, undefined))
      .toContain("Removed “Kestrel Robotics”");
    await options.close();
    await expect.poll(names).not.toContain("Kestrel Robotics");
    expect(await names()).toContain("DeepSeek");
    await page.close();
  });

  it.skipIf(!installed)(
    "shows and adds notes in the popup's card, for the page the popup is about",
    async () => {
      const page = await openScanned("elsewhere.html");
      const tabId = await browser?.tabIdOf(page);
      const popup = await browser?.openExtensionPage(`popup.html?tab=${tabId}`);
      if (!popup) throw new Error("no popup");
      await popup.clickRole("searchbox", "Search names");
      await popup.type("DeepSeek");
      await popup.waitForSelector("[data-testid=search-results] button");
      await popup.evaluate(
        () => document.querySelector<HTMLElement>("[data-testid=search-results] button")?.click(),
        undefined,
      );
      await popup.waitForRole("dialog", "DeepSeek");
      const popupNotes = () =>
        [...document.querySelectorAll(".cc-usernote__text")].map((el) => el.textContent);
      await expect.poll(() => popup.evaluate(popupNotes, undefined)).toContain(NOTE);
      await popup.clickRole("button", "Add a note");
      await expect
        .poll(() => popup.evaluate(() => document.activeElement?.tagName, undefined))
        .toBe("TEXTAREA");
      await popup.type("Written in the popup");
      await popup.clickRole("button", "Save note");
      await expect.poll(() => popup.evaluate(popupNotes, undefined)).toContain("Written in the popup");
      // In the popup, an extension page, notes can be selected (and copied); in a page they cannot.
      const selectable = () =>
        [...document.querySelectorAll(".cc-usernote__body")].map((note) => getComputedStyle(note).userSelect);
      expect(await popup.evaluate(selectable, undefined)).not.toContain("none");
      expect((await popup.evaluate(selectable, undefined)).length).toBeGreaterThan(0);
      await popup.close();

      // The page's own card has it too, with the page it was written about.
      await openCardByClick(page, "names", "DeepSeek");
      await expect
        .poll(async () =>
          (await page.evaluate(readNotes, undefined)).find((note) => note.text === "Written in the popup"),
        )
        .toMatchObject({ links: [`${server.origin}/elsewhere.html`] });
      await page.close();
    },
  );

  it.skipIf(!installed)(
    "keeps what is typed in a card, and the notes it shows, from the page's scripts",
    async () => {
      const page = await openScanned("notes.html");
      await page.evaluate(listenLikeAPage, false);
      // On the window's capture phase too, once the page is scanned but before any card opens.
      await page.evaluate(listenLikeAPage, true);
      // Control: the page's listeners hear what is typed in the page's own field.
      await page.evaluate(() => document.getElementById("page-field")?.focus(), undefined);
      await page.type("ab");
      expect(await page.evaluate(takeHeard, undefined)).toEqual(
        expect.arrayContaining([
          "window capture keydown a",
          "document capture keydown a",
          "body input b",
          "window input b",
        ]),
      );

      await openCardByClick(page, "clip", "DeepSeek");
      await page.clickRole("button", "Add a note");
      await expect.poll(() => page.evaluate(focusedFieldInCard, undefined)).toBe("TEXTAREA");
      await page.type(PRIVATE_NOTE);
      expect(await page.evaluate(takeHeard, undefined)).toEqual([]);
      // Nor does the card take the page's own events: an Escape the page sends cancels nothing.
      await page.evaluate(() => {
        const pageEscape = new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true });
        document.querySelector("context-cards-ui")?.dispatchEvent(pageEscape);
      }, undefined);
      expect(await page.evaluate(focusedFieldInCard, undefined)).toBe("TEXTAREA");
      await page.evaluate(takeHeard, undefined);
      // Ctrl+Enter saves: the card's own handler still gets the keys the page does not.
      await page.press("Control+Enter");
      await expect
        .poll(async () => (await page.evaluate(readNotes, undefined)).map((note) => note.text))
        .toContain(PRIVATE_NOTE);
      // Saving closes the field, so a key may be released after it is gone (outside any field,
      // where keys are the page's as usual): only the key-ups may be heard.
      const heard = await page.evaluate(takeHeard, undefined);
      expect(heard.filter((event) => !event.includes(" keyup "))).toEqual([]);

      // A page reads any selection, even in the card's closed root: the note cannot be selected.
      const summary = await page.evaluate(boxInCard, { selector: ".cc-card__summary" });
      await page.mouseDrag(summary.start, summary.end);
      // Control: the card's facts can be, and the page reads what is selected there.
      expect((await page.evaluate(selectedText, undefined)).length).toBeGreaterThan(10);
      const note = await page.evaluate(boxInCard, { selector: ".cc-usernote__text", text: PRIVATE_NOTE });
      await page.mouseDrag(note.start, note.end);
      expect(await page.evaluate(selectedText, undefined)).not.toMatch(/Lena|pricing/);
      await page.close();
    },
  );

  it.skipIf(!installed)("reports no errors from the pages it touched", () => {
    expect((browser?.errors ?? []).filter(isExtensionError)).toEqual([]);
  });
});
