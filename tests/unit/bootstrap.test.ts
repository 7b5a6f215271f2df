// @vitest-environment happy-dom
/**
 * The content script's first stage, with fake platform adapters: it answers for a page
 * without names itself (summary, report), starts the app only when the page may mention a
 * name (or the user tracks names, or a card is asked for), and from then on hands the app
 * every message and change.
 */
import { describe, expect, it, vi } from "vitest";
import { type BootstrapDeps, type ContentAppModule, ContentBootstrap } from "../../src/content/bootstrap";
import type { ContentAppHandle, ContentAppStart } from "../../src/content/main";
import { buildKnowledgeIndex } from "../../src/core/knowledge-index";
import type { PageSummary } from "../../src/core/messages";
import type { IndexedName } from "../../src/core/name-index";
import { compilePageFilter, type PageFilterSource } from "../../src/core/page-filter";
import { pageFilterSource } from "../../src/core/page-filter-source";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import { BUNDLED_PACKS } from "../../src/knowledge/bundled-packs";
import type { MessageHandlers } from "../../src/platform/messaging";

const filter = compilePageFilter(
  pageFilterSource(buildKnowledgeIndex(BUNDLED_PACKS).aliasEntries) as PageFilterSource,
);
const NAME: IndexedName = {
  id: "user:kestrel",
  name: "Kestrel Robotics",
  aliases: [],
  kind: "company",
  caseSensitive: false,
};
/** The report of a top frame without names (the fakes' keys), active or paused here. */
const quietReport = (active: boolean) => ({
  type: "context-cards:frame-report",
  topKey: 42,
  frameKey: 0.42,
  path: [],
  active,
  entities: [],
});
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

function page(text: string): void {
  document.body.replaceChildren(Object.assign(document.createElement("p"), { textContent: text }));
}

/** A bootstrap over fakes; returns what it did. */
function boot(
  options: { settings?: Settings; names?: IndexedName[]; topFrame?: boolean; appLoaded?: Promise<void> } = {},
) {
  let handlers: MessageHandlers = {};
  let onSettings: (stored: unknown) => void = () => undefined;
  let onNames: (stored: unknown) => void = () => undefined;
  const sent: unknown[] = [];
  const started: ContentAppStart[] = [];
  const app = {
    handlers: {
      "context-cards:page-summary": vi.fn(() => ({
        url: "app",
        active: true,
        scanned: true,
        mentionCount: 1,
        entities: [],
      })),
      "context-cards:compose": vi.fn(() => ({ opened: true })),
    },
    applyStoredSettings: vi.fn(),
    setStoredNames: vi.fn(),
    reportAgain: vi.fn(),
  } satisfies ContentAppHandle;
  const module: ContentAppModule = {
    startContentApp: (start: ContentAppStart) => {
      started.push(start);
      return app;
    },
  };
  const loadApp = vi.fn(async () => {
    await options.appLoaded;
    return module;
  });
  const deps: BootstrapDeps = {
    place: { topFrame: options.topFrame ?? true, topKey: 42, frameKey: 0.42, readPath: () => [] },
    filter,
    loadApp,
    readStoredSettings: async () => options.settings,
    watchStoredSettings: (listener) => {
      onSettings = listener;
    },
    loadStoredNames: async () => options.names,
    watchStoredNames: (listener) => {
      onNames = listener;
    },
    listenForMessages: (given) => {
      handlers = given;
    },
    sendToExtension: (async (message: { type: string }) => {
      sent.push(message);
      return message.type === "context-cards:frame-counts" ? [] : undefined;
    }) as BootstrapDeps["sendToExtension"],
    clock: { now: () => 0, yieldToBrowser: () => Promise.resolve() },
  };
  const bootstrap = new ContentBootstrap(deps);
  bootstrap.start();
  const ask = async <T>(type: string, extra: object = {}) =>
    (await (handlers as Record<string, (m: unknown, s: unknown) => unknown>)[type]?.(
      { type, ...extra },
      {},
    )) as T;
  return {
    bootstrap,
    app,
    loadApp,
    started,
    sent,
    ask,
    changeSettings: (settings: Settings) => onSettings(settings),
    changeNames: (names: IndexedName[]) => onNames(names),
  };
}

describe("ContentBootstrap", () => {
  it("answers for a page without names itself, and reports only when asked", async () => {
    page("A page about the weather, with claimed metadata.");
    const run = boot();
    await settle();
    expect(run.loadApp).not.toHaveBeenCalled();
    const summary = await run.ask<PageSummary>("context-cards:page-summary");
    expect(summary).toMatchObject({ active: true, scanned: true, mentionCount: 0, entities: [] });
    expect(run.loadApp).not.toHaveBeenCalled();
    const reports = () =>
      run.sent.filter((m) => (m as { type: string }).type === "context-cards:frame-report");
    // The browser clears the tab's badge on navigation: nothing to tell the background.
    expect(reports()).toEqual([]);
    expect(await run.ask("context-cards:focus-mention", { direction: "next" })).toEqual({ moved: false });
    // A ping is answered with this document's key (the background tells a navigated frame by it).
    expect(await run.ask("context-cards:ping")).toEqual({
      from: "content",
      url: location.href,
      topFrame: true,
      frameKey: 0.42,
    });
    // Another frame of the page counts names: the background asks for the top frame's report.
    expect(await run.ask("context-cards:report-again")).toBeUndefined();
    expect(reports()).toEqual([quietReport(true)]);
  });

  it("starts the app on a page that names a player, with what it read, and forwards to it", async () => {
    page("Alibaba answered DeepSeek.");
    const run = boot();
    await settle();
    expect(run.loadApp).toHaveBeenCalledTimes(1);
    expect(run.started).toEqual([
      {
        topFrame: true,
        topKey: 42,
        frameKey: 0.42,
        readPath: expect.any(Function),
        storedSettings: undefined,
        storedNames: undefined,
        handover: {
          batch: expect.anything(),
          walk: expect.anything(),
          changed: [],
          watchShadowRoots: expect.any(Function),
        },
      },
    ]);
    expect(await run.ask<PageSummary>("context-cards:page-summary")).toMatchObject({
      url: "app",
      mentionCount: 1,
    });
    // The app reports for itself.
    expect(run.sent.filter((m) => (m as { type: string }).type === "context-cards:frame-report")).toEqual([]);
    const paused = { ...DEFAULT_SETTINGS, hoverDelayMs: 900 };
    run.changeSettings(paused);
    expect(run.app.applyStoredSettings).toHaveBeenCalledWith(paused);
    run.changeNames([NAME]);
    expect(run.app.setStoredNames).toHaveBeenCalledWith([NAME]);
  });

  it("has the app read the whole page when the user's names changed while its module loaded", async () => {
    page("Alibaba answered DeepSeek.");
    let load = () => {};
    const run = boot({ appLoaded: new Promise<void>((done) => (load = done)) });
    await settle();
    expect(run.loadApp).toHaveBeenCalledTimes(1);
    // The probe ruled text out without this name.
    run.changeNames([NAME]);
    load();
    await settle();
    expect(run.started).toHaveLength(1);
    expect(run.started[0]?.handover).toBeUndefined();
    expect(run.started[0]?.storedNames).toEqual([NAME]);
  });

  it("looks for the user's own names too, and starts at once for one too short to look for", async () => {
    page("Nothing the packs know.");
    const quiet = boot({ names: [NAME] });
    await settle();
    expect(quiet.loadApp).not.toHaveBeenCalled();
    expect(await quiet.ask<PageSummary>("context-cards:page-summary")).toMatchObject({ scanned: true });

    page("A visit to Kestrel Robotics.");
    const named = boot({ names: [NAME] });
    await settle();
    expect(named.started.map((start) => start.storedNames)).toEqual([[NAME]]);

    page("Nothing the packs know.");
    const short = { ...NAME, id: "user:ai", name: "AI" };
    const unsure = boot({ names: [short] });
    await settle();
    expect(unsure.started.map((start) => start.storedNames)).toEqual([[short]]);
  });

  it("starts the app when a name the page mentions is tracked, and when a card is asked for", async () => {
    page("A visit to Kestrel Robotics.");
    const run = boot();
    await settle();
    expect(run.loadApp).not.toHaveBeenCalled();
    run.changeNames([NAME]);
    await settle();
    expect(run.started.map((start) => start.storedNames)).toEqual([[NAME]]);

    page("Nothing the packs know.");

    const other = boot();
    await settle();
    expect(await other.ask("context-cards:compose", { mode: "note" })).toEqual({ opened: true });
    expect(other.app.handlers["context-cards:compose"]).toHaveBeenCalledTimes(1);
  });

  it("wakes on a name written later", async () => {
    page("Nothing the packs know.");
    const run = boot();
    await settle();
    const late = Object.assign(document.createElement("p"), { textContent: "Then Qwen 2.5-Max." });
    document.body.append(late);
    await settle();
    expect(run.loadApp).toHaveBeenCalledTimes(1);
    // The app's first pass is what changed: the rest of the page holds no name.
    expect(run.started.map((start) => start.handover)).toEqual([
      { changed: [late], watchShadowRoots: expect.any(Function) },
    ]);
  });

  it("stays out of a paused site, and says so when asked", async () => {
    page("Alibaba answered DeepSeek.");
    const site = location.hostname.replace(/^www\./, "");
    const run = boot({ settings: { ...DEFAULT_SETTINGS, pausedSites: [site] } });
    await settle();
    expect(run.loadApp).not.toHaveBeenCalled();
    expect(await run.ask<PageSummary>("context-cards:page-summary")).toMatchObject({
      active: false,
      scanned: false,
    });
    expect(await run.ask("context-cards:compose", { mode: "note" })).toEqual({ opened: false });
    expect(run.sent).toEqual([]);
    await run.ask("context-cards:report-again");
    expect(run.sent).toContainEqual(quietReport(false));
    // Resumed: the page is probed and its names start the app.
    expect(run.started).toEqual([]);
    run.changeSettings(DEFAULT_SETTINGS);
    await settle();
    expect(run.started).toHaveLength(1);
  });

  it("reports once its settings are read when asked before", async () => {
    page("Nothing the packs know.");
    const run = boot();
    // Asked at once: the settings are still being read.
    await run.ask("context-cards:report-again");
    expect(run.sent).toEqual([]);
    await settle();
    expect(run.sent).toEqual([quietReport(true)]);
  });

  it("leaves reporting a frame without names to nobody but the top frame", async () => {
    page("Nothing the packs know.");
    const run = boot({ topFrame: false });
    await settle();
    await run.ask("context-cards:report-again");
    expect(run.sent).toEqual([]);
    expect(await run.ask<PageSummary>("context-cards:page-summary")).toMatchObject({
      scanned: true,
      mentionCount: 0,
    });
  });
});
