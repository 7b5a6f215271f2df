/**
 * The content script's first stage, on every page it runs in: reads the settings and the
 * user's names, keeps the extension's one message listener and its storage watches, and
 * starts the content app (its own module, `content-main.js`) only once the page may mention
 * a name — the page filter (for the user's own names too) found one in its text (see
 * PageProbe), or a menu command needs a card. Until then it answers for a page without names
 * itself. Most pages name none of the players, and there nothing more is loaded. The
 * settings and the user's names are read here only as far as the first stage needs them (see
 * core/settings-gist.ts and `readNameTexts`); the app parses both whole.
 *
 * A page without names sends the background nothing: the browser clears a tab's badge when it
 * navigates. The top frame's report is needed only when another frame of the page counts
 * names, and then the background asks for it (`context-cards:report-again`).
 */

import type { FrameReportMessage } from "../core/messages";
import { readNameTexts } from "../core/name-index";
import { combinePageFilters, compileNamesFilter, type PageFilter } from "../core/page-filter";
import { isActiveOn, readSettingsGist, type SettingsGist } from "../core/settings-gist";
import type { SliceClock } from "../core/time-slicer";
import type { MessageHandlers, sendToExtension } from "../platform/messaging";
import { type FramePlace, isPrerendering } from "./frame-place";
import type * as ContentMain from "./main";
import { PageProbe } from "./page-probe";
import { summarizeQuietPage } from "./page-summary";

/** What the bootstrap uses of the app's module. */
export type ContentAppModule = Pick<typeof ContentMain, "startContentApp">;

/** What the bootstrap needs from the extension around it (the platform adapters, in a page). */
export interface BootstrapDeps {
  place: FramePlace;
  /** The page filter for the bundled names; null: none, so every page may mention one. */
  filter: PageFilter | null;
  /** Loads the app's module (once; later calls resolve to the same module). */
  loadApp: () => Promise<ContentAppModule>;
  /** The settings as stored; rejects when storage cannot be read. */
  readStoredSettings: () => Promise<unknown>;
  watchStoredSettings: (listener: (stored: unknown) => void) => unknown;
  /** The user's names as stored (see core/name-index.ts); undefined when unreadable. */
  loadStoredNames: () => Promise<unknown>;
  watchStoredNames: (listener: (stored: unknown) => void) => unknown;
  listenForMessages: (handlers: MessageHandlers) => unknown;
  sendToExtension: typeof sendToExtension;
  clock: SliceClock;
}

/** See the module comment. */
export class ContentBootstrap {
  /** The settings as stored, and their gist; null until read. */
  private stored: unknown;
  private settings: SettingsGist | null = null;
  /** The user's names as stored, for the app, and the texts the page filter looks for. */
  private storedNames: unknown;
  private nameTexts: readonly string[] = [];
  private namesChanged = false;
  private app: ContentMain.ContentAppHandle | null = null;
  private waking: Promise<ContentMain.ContentAppHandle> | null = null;
  private probe: PageProbe | null = null;
  private probedWith: string | undefined;
  /** Whether the probe has looked through the whole page (for the page summary). */
  private probed = false;
  /** The background asked for the top frame's report before the settings were read. */
  private reportAsked = false;

  constructor(private readonly deps: BootstrapDeps) {}

  /** Starts listening and reads what the first pass needs; call once. */
  start(): void {
    const { deps } = this;
    deps.listenForMessages(this.handlers());
    deps.watchStoredSettings((stored) => {
      this.useSettings(stored);
      if (this.app) this.app.applyStoredSettings(stored);
      else this.decide();
    });
    deps.watchStoredNames((names) => {
      this.namesChanged = true;
      this.useNames(names);
      if (this.app) this.app.setStoredNames(names);
      else this.decide();
    });
    // Unreadable settings are the defaults (the app's own parse says the same).
    const stored = deps.readStoredSettings().catch(() => undefined);
    void Promise.all([stored, deps.loadStoredNames()]).then(([settings, names]) => {
      // A change that arrived meanwhile is newer than what was read.
      if (!this.namesChanged) this.useNames(names);
      if (!this.settings) this.useSettings(settings);
      this.decide();
      if (this.reportAsked) {
        this.reportAsked = false;
        this.reportAgain();
      }
    });
  }

  private useNames(stored: unknown): void {
    this.storedNames = stored;
    this.nameTexts = readNameTexts(stored);
  }

  private useSettings(stored: unknown): void {
    this.stored = stored;
    this.settings = readSettingsGist(stored);
  }

  /** Whether the extension runs on this page (false until the settings are read). */
  private isActive(): boolean {
    return this.settings !== null && isActiveOn(this.settings, location);
  }

  /** With the app not started: probes the page, starts the app, or rests (paused here). */
  private decide(): void {
    const settings = this.settings;
    if (!settings || this.waking) return;
    if (!this.isActive()) {
      this.stopProbe();
      return;
    }
    // A new probe only when what it reads or looks for changed (it looks for every kind).
    const key = this.probeKey(settings);
    if (this.probe && this.probedWith === key) return;
    const filter = this.filter();
    if (!filter) {
      void this.wake();
      return;
    }
    this.stopProbe();
    const probe = new PageProbe({
      filter,
      options: { includeCode: settings.includeCode },
      clock: this.deps.clock,
      onName: () => void this.wake(),
    });
    this.probe = probe;
    this.probedWith = key;
    void probe.start(document).then((found) => {
      if (!found && probe === this.probe) this.probed = true;
    });
  }

  /** What a probe reads and looks for: two probes with one key are alike. */
  private probeKey(settings: SettingsGist): string {
    return JSON.stringify([settings.includeCode, this.nameTexts]);
  }

  /** The filter for the packs' names and the user's; null when some page may not be ruled out. */
  private filter(): PageFilter | null {
    const packs = this.deps.filter;
    if (!packs || this.nameTexts.length === 0) return packs;
    const own = compileNamesFilter(this.nameTexts);
    if (!own) return null;
    return combinePageFilters(packs, own);
  }

  private stopProbe(): void {
    this.probe?.stop();
    this.probe = null;
    this.probedWith = undefined;
    this.probed = false;
  }

  /**
   * Loads and starts the app (once); resolves to it. Woken by the probe, which records what
   * changes meanwhile, the app's first pass scans only what may hold a name (see `takeHandover`).
   */
  private wake(): Promise<ContentMain.ContentAppHandle> {
    if (this.waking) return this.waking;
    const probe = this.probe;
    const probedWith = this.probedWith;
    this.probe = null;
    this.probedWith = undefined;
    this.waking = this.deps.loadApp().then(
      (module) => {
        // The probe ruled text out with the names and settings it had: when those changed
        // while the module loaded, the app reads the whole page.
        const alike = this.settings !== null && probedWith === this.probeKey(this.settings);
        if (!alike) probe?.stop();
        const handover = alike ? probe?.takeHandover() : undefined;
        const start = {
          ...this.deps.place,
          storedSettings: this.stored,
          storedNames: this.storedNames,
          handover,
        };
        this.app = module.startContentApp(start);
        return this.app;
      },
      (error: unknown) => {
        probe?.stop();
        console.error("Context Cards could not start on this page:", error);
        this.waking = null;
        throw error;
      },
    );
    return this.waking;
  }

  /**
   * The top frame's report while the app has not started, sent when the background asks for
   * it: no names, active or paused here. Other frames report only names.
   */
  private report(): void {
    if (!this.deps.place.topFrame || this.app || isPrerendering()) return;
    // A frame of the page can report before this one has read its settings: the report then
    // follows them (the background does not ask twice).
    if (!this.settings) {
      this.reportAsked = true;
      return;
    }
    const message: FrameReportMessage = {
      type: "context-cards:frame-report",
      topKey: this.deps.place.topKey,
      frameKey: this.deps.place.frameKey,
      path: [],
      active: this.isActive(),
      entities: [],
    };
    // The background may be asleep or restarting; a lost report is replaced by the next one.
    this.deps.sendToExtension(message).catch(() => undefined);
  }

  private reportAgain(): void {
    if (this.app) this.app.reportAgain();
    else this.report();
  }

  /** The one message listener's handlers: the app's once it runs, else answers for a page without names. */
  private handlers(): MessageHandlers {
    const { place } = this.deps;
    return {
      "context-cards:ping": () => ({
        from: "content",
        url: location.href,
        topFrame: place.topFrame,
        frameKey: place.frameKey,
      }),
      "context-cards:page-summary": (message, sender) => {
        const handler = this.app?.handlers["context-cards:page-summary"];
        if (handler) return handler(message, sender);
        const page = { place, active: this.isActive(), probed: this.probed };
        return summarizeQuietPage(page, this.deps.sendToExtension);
      },
      "context-cards:focus-mention": (message, sender) => {
        const handler = this.app?.handlers["context-cards:focus-mention"];
        return handler ? handler(message, sender) : { moved: false };
      },
      "context-cards:compose": async (message, sender) => {
        if (!this.isActive()) return { opened: false };
        // A card to write in, on a page the app has not started on: start it now.
        const app = await this.wake();
        const handler = app.handlers["context-cards:compose"];
        return handler ? handler(message, sender) : { opened: false };
      },
      "context-cards:close-card": (message, sender) => {
        return this.app?.handlers["context-cards:close-card"]?.(message, sender);
      },
      "context-cards:report-again": () => {
        this.reportAgain();
        return undefined;
      },
    };
  }
}
