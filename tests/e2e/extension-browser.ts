/**
 * One interface over the two real browsers the extension ships to:
 * Chromium (playwright-core, persistent context) and Firefox ESR (puppeteer-core over
 * WebDriver BiDi), each with the built extension loaded and every request routed through
 * the test server's recording proxy. Later test files use only this interface.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page as PlaywrightPage } from "playwright-core";
import type { Browser as PuppeteerBrowser, Page as PuppeteerPage } from "puppeteer-core";
import { REPO_ROOT } from "./test-server";
import { revealUiRootsInChromium, revealUiRootsInFirefox } from "./ui-roots";

export type BrowserName = "chromium" | "firefox";
export const BROWSER_NAMES: readonly BrowserName[] = ["chromium", "firefox"];

/** Where each browser lives on these machines (Debian packages). */
export const BROWSER_EXECUTABLES: Record<BrowserName, string> = {
  chromium: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  firefox: process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr",
};

/** Screenshots and other artefacts of a run land here. */
export const ARTIFACTS_DIR = join(REPO_ROOT, "test-results");

const GECKO_ID = "context-cards@context-cards.dev";

/** True when the browser's executable exists on this machine. */
export function isBrowserInstalled(name: BrowserName): boolean {
  return existsSync(BROWSER_EXECUTABLES[name]);
}

/** True for an error that our extension's code raised or caused (it names our code or us). */
export function isExtensionError(error: string): boolean {
  // chrome-extension://invalid/ is where Chromium sends a page's own requests for another
  // extension's files (saved pages carry such references): never ours.
  const withoutOthers = error.replaceAll("chrome-extension://invalid/", "");
  return /moz-extension:\/\/|chrome-extension:\/\/|context cards/i.test(withoutOthers);
}

/** A tab, with the few operations the tests need, the same in both browsers. */
export interface TestPage {
  readonly raw: PlaywrightPage | PuppeteerPage;
  url(): string;
  /** Goes back one entry in the tab's history, as the browser's Back button does. */
  goBack(): Promise<void>;
  /**
   * Runs `fn(arg)` in the page's main world (not the content script's). The extension UI's
   * closed shadow roots are revealed first (see ui-roots.ts): `host.contextCardsRoot`.
   */
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  waitForSelector(selector: string): Promise<void>;
  textOf(selector: string): Promise<string>;
  bringToFront(): Promise<void>;
  /** Moves the mouse to (x, y) in `steps` steps, as a person would. */
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  /** Clicks at (x, y) with the primary button. */
  mouseClick(x: number, y: number): Promise<void>;
  /** Drags with the primary button from one point to another, as a person selecting text. */
  mouseDrag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void>;
  /** Presses a key (or a combination such as "Shift+Tab") in the focused element. */
  press(key: string): Promise<void>;
  /** Types `text` into the focused element, key by key. */
  type(text: string): Promise<void>;
  /** Waits until an element with ARIA `role` and accessible `name` shows (through shadow roots). */
  waitForRole(role: string, name: string, timeoutMs?: number): Promise<void>;
  /** True when an element with ARIA `role` and accessible `name` exists now. */
  hasRole(role: string, name: string): Promise<boolean>;
  /** Clicks the element with ARIA `role` and accessible `name`. */
  clickRole(role: string, name: string): Promise<void>;
  /** The rendered text of the element with ARIA `role` and accessible `name`. */
  textOfRole(role: string, name: string): Promise<string>;
  close(): Promise<void>;
}

/** A browser with the built extension loaded. */
export interface ExtensionBrowser {
  readonly name: BrowserName;
  /** `chrome-extension://ID` or `moz-extension://UUID`. */
  readonly extensionOrigin: string;
  /** Console errors and uncaught exceptions of every page opened, with their page's URL. */
  readonly errors: string[];
  /** Opens `url` in a new tab and waits for its load event. */
  openPage(url: string): Promise<TestPage>;
  /** Opens one of the extension's own pages (e.g. "popup.html") in a tab. */
  openExtensionPage(path: string): Promise<TestPage>;
  /** Sends `message` to the content script of `page` (through `tabs.sendMessage`). */
  sendToTab<T>(page: TestPage, message: unknown): Promise<T>;
  /** The browser's tab id of `page` (found through its content script). */
  tabIdOf(page: TestPage): Promise<number>;
  /** The toolbar badge text the extension set for `page`'s tab. */
  badgeTextOf(page: TestPage): Promise<string>;
  /** Sends `message` to the background (through `runtime.sendMessage`). */
  sendToBackground<T>(message: unknown): Promise<T>;
  /** Polls the content script of `page` until it answers a ping (or `timeoutMs` passes). */
  waitForContentScript(page: TestPage, timeoutMs?: number): Promise<unknown>;
  /** Saves a PNG of `page` (or of the element `selector`) under test-results/; returns its path. */
  screenshot(page: TestPage, fileName: string, selector?: string): Promise<string>;
  close(): Promise<void>;
}

/** Options for {@link launchExtensionBrowser}. */
export interface LaunchOptions {
  /** The unpacked extension; defaults to dist/chromium or dist/firefox. */
  extensionDir?: string;
  /** Port of the test server, used as the browser's HTTP proxy for every request. */
  proxyPort: number;
  /** A profile directory to reuse (for restart tests); a fresh temporary one otherwise. */
  profileDir?: string;
  /** Colour scheme the pages see. */
  colorScheme?: "light" | "dark";
  /** UI language, e.g. "zh-CN". */
  locale?: string;
  /** Launch the same browser without the extension (for with/without comparisons). */
  withoutExtension?: boolean;
}

/** The switches every Chromium of the tests gets (besides the extension and the proxy). */
export const CHROMIUM_ARGS = [
  "--no-first-run",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--disable-dev-shm-usage",
  "--no-default-browser-check",
  "--no-pings",
  "--disable-client-side-phishing-detection",
  "--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate,InterestFeedContentSuggestions",
];

// Runs in an extension page: finds the tab whose content script reports `url`, then sends.
// Finding the tab through the content script's own answer needs no "tabs" permission.
export async function bridgeSendToTab(arg: { url: string; message: unknown }): Promise<unknown> {
  // biome-ignore lint/suspicious/noExplicitAny: the extension API global differs per browser
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  const tabs: { id?: number; url?: string }[] = await api.tabs.query({});
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    try {
      const pong = await api.tabs.sendMessage(tab.id, { type: "context-cards:ping" }, { frameId: 0 });
      if (pong && pong.url === arg.url)
        return await api.tabs.sendMessage(tab.id, arg.message, { frameId: 0 });
    } catch {
      // No content script in that tab (an extension page, about:blank): try the next one.
    }
  }
  throw new Error(`no content script answered for ${arg.url}`);
}

// Runs in an extension page: the id of the tab whose content script reports `url`.
export async function bridgeTabIdOf(url: string): Promise<number> {
  // biome-ignore lint/suspicious/noExplicitAny: the extension API global differs per browser
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  const tabs: { id?: number }[] = await api.tabs.query({});
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    try {
      const pong = await api.tabs.sendMessage(tab.id, { type: "context-cards:ping" }, { frameId: 0 });
      if (pong && pong.url === url) return tab.id;
    } catch {
      // No content script in that tab.
    }
  }
  throw new Error(`no tab with a content script at ${url}`);
}

// Runs in an extension page: the badge text of tab `tabId`.
export async function bridgeBadgeText(tabId: number): Promise<string> {
  // biome-ignore lint/suspicious/noExplicitAny: the extension API global differs per browser
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  return api.action.getBadgeText({ tabId });
}

async function bridgeSendToBackground(message: unknown): Promise<unknown> {
  // biome-ignore lint/suspicious/noExplicitAny: the extension API global differs per browser
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  return api.runtime.sendMessage(message);
}

function wrapPlaywright(page: PlaywrightPage): TestPage {
  const reveal = () => revealUiRootsInChromium(page);
  return {
    raw: page,
    url: () => page.url(),
    goBack: async () => {
      await page.goBack();
    },
    evaluate: async (fn, arg) => {
      await reveal();
      return page.evaluate(fn as (a: unknown) => unknown, arg as unknown) as never;
    },
    waitForSelector: async (selector) => {
      await page.waitForSelector(selector);
    },
    textOf: async (selector) => (await page.textContent(selector)) ?? "",
    bringToFront: () => page.bringToFront(),
    mouseMove: (x, y, steps = 8) => page.mouse.move(x, y, { steps }),
    mouseClick: (x, y) => page.mouse.click(x, y),
    mouseDrag: async (from, to) => {
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 8 });
      await page.mouse.up();
    },
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    ...roleMethods(reveal, async (arg) => (await page.evaluateHandle(findByRoleInPage, arg)).asElement()),
    close: () => page.close(),
  };
}

/** An element handle, as both automation libraries give one. */
interface FoundElement {
  click(): Promise<void>;
  evaluate(fn: (el: Node) => string): Promise<string>;
}

/**
 * The role queries of a TestPage, the same in both browsers: `reveal` the UI's closed roots,
 * then `find` the element with `findByRoleInPage`; waits poll both.
 */
function roleMethods(
  reveal: () => Promise<void>,
  find: (arg: { role: string; name: string }) => Promise<FoundElement | null>,
): Pick<TestPage, "waitForRole" | "hasRole" | "clickRole" | "textOfRole"> {
  const findNow = async (role: string, name: string) => {
    await reveal();
    return find({ role, name });
  };
  const waitFor = async (role: string, name: string, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const element = await findNow(role, name).catch(() => null);
      if (element) return element;
      if (Date.now() > deadline) throw new Error(`no ${role} named "${name}" within ${timeoutMs} ms`);
      await new Promise((done) => setTimeout(done, 100));
    }
  };
  return {
    waitForRole: async (role, name, timeoutMs) => {
      await waitFor(role, name, timeoutMs);
    },
    hasRole: async (role, name) => (await findNow(role, name)) !== null,
    clickRole: async (role, name) => {
      await (await waitFor(role, name)).click();
    },
    textOfRole: async (role, name) => {
      const element = await findNow(role, name);
      return element ? element.evaluate((el) => (el as HTMLElement).innerText) : "";
    },
  };
}

/**
 * Finds, in the page's own world, the first shown element with ARIA `role` and accessible
 * `name`, crossing open shadow roots and the extension's revealed closed ones (see
 * ui-roots.ts). Neither browser's own role queries serve: Puppeteer's ARIA selector does not
 * work over WebDriver BiDi in Firefox, and Playwright's role locators do not enter closed
 * shadow roots. So the accessible name is computed here by the ARIA rules our UI relies on:
 * aria-labelledby, then aria-label, then a form field's label (`for`, or wrapping), then (for
 * buttons and links) the text content.
 */
function findByRoleInPage(arg: { role: string; name: string }): Element | null {
  const implicit: Record<string, string> = {
    BUTTON: "button",
    A: "link",
    DIALOG: "dialog",
    TEXTAREA: "textbox",
    SELECT: "combobox",
  };
  const INPUT_ROLES: Record<string, string> = {
    radio: "radio",
    checkbox: "checkbox",
    text: "textbox",
    search: "searchbox",
    "": "textbox",
  };
  const roleOf = (el: Element): string =>
    el.getAttribute("role") ??
    (el.tagName === "INPUT"
      ? (INPUT_ROLES[el.getAttribute("type") ?? ""] ?? "")
      : (implicit[el.tagName] ?? ""));
  const collapse = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();
  const nameOf = (el: Element): string => {
    const root = el.getRootNode() as Document | ShadowRoot;
    const labelledBy = el.getAttribute("aria-labelledby");
    if (labelledBy) {
      return collapse(
        labelledBy
          .split(/\s+/)
          .map((id) => root.getElementById?.(id)?.textContent ?? "")
          .join(" "),
      );
    }
    const label = el.getAttribute("aria-label");
    if (label) return collapse(label);
    if (el.matches("input, textarea, select")) {
      const byFor = el.id ? root.querySelector(`label[for="${el.id}"]`) : null;
      return collapse((byFor ?? el.closest("label"))?.textContent);
    }
    return collapse(el.textContent);
  };
  const visit = (root: Document | ShadowRoot): Element | null => {
    for (const el of root.querySelectorAll("*")) {
      const role = roleOf(el);
      // Shown: laid out and not `visibility: hidden` (a hidden card stays laid out, unseen).
      const shown =
        (el as HTMLElement).offsetParent !== null && el.checkVisibility({ visibilityProperty: true });
      if (role === arg.role && nameOf(el) === arg.name && shown) return el;
      const shadow = el.shadowRoot ?? el.contextCardsRoot;
      if (shadow) {
        const found = visit(shadow);
        if (found) return found;
      }
    }
    return null;
  };
  return visit(document);
}

function wrapPuppeteer(page: PuppeteerPage): TestPage {
  const reveal = () => revealUiRootsInFirefox(page);
  let restored: { left: string; url: string } | undefined;
  return {
    raw: page,
    // Puppeteer's Firefox (BiDi) does not see a page come back from the back-forward cache:
    // after goBack it keeps the URL it left, so the page's own word is kept until it moves on.
    url: () => (restored && page.url() === restored.left ? restored.url : page.url()),
    goBack: async () => {
      const left = page.url();
      await Promise.all([
        page.waitForNavigation({ timeout: 3000 }).catch(() => undefined),
        page.evaluate(() => history.back()),
      ]);
      const url = await page.evaluate(() => location.href);
      restored = url === page.url() ? undefined : { left, url };
    },
    evaluate: async (fn, arg) => {
      await reveal();
      return page.evaluate(fn as (a: unknown) => unknown, arg as unknown) as never;
    },
    waitForSelector: async (selector) => {
      try {
        await page.waitForSelector(selector);
      } catch (error) {
        // Over BiDi a wait can be cut short when the document's context is replaced right after
        // load (seen on extension pages); one retry on the settled document tells the truth.
        if (!String(error).includes("Waiting failed")) throw error;
        await new Promise((done) => setTimeout(done, 500));
        await page.waitForSelector(selector);
      }
    },
    textOf: (selector) => page.$eval(selector, (el) => el.textContent ?? ""),
    bringToFront: () => page.bringToFront(),
    mouseMove: async (x, y, steps = 8) => {
      await page.mouse.move(x, y, { steps });
    },
    mouseClick: async (x, y) => {
      await page.mouse.click(x, y);
    },
    mouseDrag: async (from, to) => {
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 8 });
      await page.mouse.up();
    },
    type: (text) => page.keyboard.type(text),
    press: async (key) => {
      const parts = key.split("+");
      const main = parts.pop() as string;
      for (const modifier of parts) await page.keyboard.down(modifier as "Shift");
      await page.keyboard.press(main as "Tab");
      for (const modifier of parts.reverse()) await page.keyboard.up(modifier as "Shift");
    },
    ...roleMethods(reveal, async (arg) => (await page.evaluateHandle(findByRoleInPage, arg)).asElement()),
    close: () => page.close(),
  };
}

abstract class BaseExtensionBrowser implements ExtensionBrowser {
  abstract readonly name: BrowserName;
  abstract readonly extensionOrigin: string;
  readonly errors: string[] = [];
  private bridge: TestPage | undefined;

  abstract openPage(url: string): Promise<TestPage>;
  abstract openExtensionPage(path: string): Promise<TestPage>;
  abstract close(): Promise<void>;

  /** An extension page kept open in a background tab, from which messages are sent. */
  protected async getBridge(): Promise<TestPage> {
    if (!this.bridge) {
      this.bridge = await this.openExtensionPage("options.html");
    }
    return this.bridge;
  }

  async sendToTab<T>(page: TestPage, message: unknown): Promise<T> {
    const bridge = await this.getBridge();
    const answer = (await bridge.evaluate(bridgeSendToTab, { url: page.url(), message })) as T;
    // The bridge tab may have come to the front; background tabs get no animation frames.
    await page.bringToFront();
    return answer;
  }

  async tabIdOf(page: TestPage): Promise<number> {
    const bridge = await this.getBridge();
    const id = await bridge.evaluate(bridgeTabIdOf, page.url());
    await page.bringToFront();
    return id;
  }

  async badgeTextOf(page: TestPage): Promise<string> {
    const id = await this.tabIdOf(page);
    const bridge = await this.getBridge();
    const text = await bridge.evaluate(bridgeBadgeText, id);
    await page.bringToFront();
    return text;
  }

  async sendToBackground<T>(message: unknown): Promise<T> {
    const bridge = await this.getBridge();
    return (await bridge.evaluate(bridgeSendToBackground, message)) as T;
  }

  async waitForContentScript(page: TestPage, timeoutMs = 15_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline) {
      try {
        return await this.sendToTab(page, { type: "context-cards:ping" });
      } catch (error) {
        lastError = error;
        await new Promise((done) => setTimeout(done, 200));
      }
    }
    throw new Error(
      `content script did not answer in ${page.url()} within ${timeoutMs} ms: ${String(lastError)}`,
    );
  }

  async screenshot(page: TestPage, fileName: string, selector?: string): Promise<string> {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const path = join(ARTIFACTS_DIR, fileName);
    type Shooter = { screenshot(o: { path: string }): Promise<unknown> };
    type Finder = { $(selector: string): Promise<Shooter | null> };
    const target = selector
      ? await (page.raw as unknown as Finder).$(selector)
      : (page.raw as unknown as Shooter);
    if (!target) throw new Error(`nothing matches ${selector} to screenshot`);
    await target.screenshot({ path });
    return path;
  }

  protected resetBridge(): void {
    this.bridge = undefined;
  }
}

class ChromiumExtensionBrowser extends BaseExtensionBrowser {
  readonly name = "chromium" as const;
  constructor(
    private readonly context: BrowserContext,
    readonly extensionOrigin: string,
    private readonly cleanup: () => void,
  ) {
    super();
    context.on("page", (page) => this.watch(page));
    for (const page of context.pages()) this.watch(page);
  }

  private watch(page: PlaywrightPage): void {
    page.on("console", (message) => {
      if (message.type() === "error") {
        this.errors.push(`${page.url()}: ${message.text()} (at ${message.location().url})`);
      }
    });
    page.on("pageerror", (error) =>
      this.errors.push(`${page.url()}: uncaught ${error.message}\n${error.stack}`),
    );
  }

  async openPage(url: string): Promise<TestPage> {
    const page = await this.context.newPage();
    await page.goto(url, { waitUntil: "load" });
    return wrapPlaywright(page);
  }

  async openExtensionPage(path: string): Promise<TestPage> {
    const page = await this.context.newPage();
    await page.goto(`${this.extensionOrigin}/${path}`, { waitUntil: "load" });
    return wrapPlaywright(page);
  }

  async close(): Promise<void> {
    await this.context.close();
    this.cleanup();
  }
}

class FirefoxExtensionBrowser extends BaseExtensionBrowser {
  readonly name = "firefox" as const;
  constructor(
    private readonly browser: PuppeteerBrowser,
    readonly extensionOrigin: string,
    private readonly cleanup: () => void,
  ) {
    super();
  }

  private watch(page: PuppeteerPage): void {
    page.on("console", (message) => {
      if (message.type() === "error") {
        this.errors.push(`${page.url()}: ${message.text()} (at ${message.location()?.url ?? "?"})`);
      }
    });
    page.on("pageerror", (error) =>
      this.errors.push(`${page.url()}: uncaught ${String(error)}\n${(error as Error).stack ?? ""}`),
    );
  }

  async openPage(url: string): Promise<TestPage> {
    const page = await this.browser.newPage();
    this.watch(page);
    try {
      await page.goto(url, { waitUntil: "load" });
    } catch (error) {
      // For some saved pages (seen with corpus wordpress.html, whose third-party scripts fail
      // offline) Firefox's remote agent reports "Address rejected" although the page goes on
      // to load; wait for that load instead. Any other error is a real failure.
      if (!String(error).includes("Address rejected")) throw error;
      await page.waitForFunction(() => document.readyState === "complete", { timeout: 30_000 });
    }
    return wrapPuppeteer(page);
  }

  async openExtensionPage(path: string): Promise<TestPage> {
    const page = await this.browser.newPage();
    this.watch(page);
    // With system access allowed, goto() of a moz-extension:// URL loads the page but never
    // resolves: start it, then wait for the page's own root element.
    page.goto(`${this.extensionOrigin}/${path}`).catch(() => {});
    // Polled by hand: while the document is being replaced, BiDi evaluations can fail outright.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const ready = await page
        .evaluate(
          (origin: string) => location.origin === origin && document.readyState === "complete",
          this.extensionOrigin,
        )
        .catch(() => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`${path} did not load in Firefox within 15 s`);
      await new Promise((done) => setTimeout(done, 100));
    }
    return wrapPuppeteer(page);
  }

  async close(): Promise<void> {
    await this.browser.close();
    this.cleanup();
  }
}

function makeProfileDir(options: LaunchOptions): { dir: string; cleanup: () => void } {
  if (options.profileDir) {
    mkdirSync(options.profileDir, { recursive: true });
    return { dir: options.profileDir, cleanup: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), "context-cards-profile-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function launchChromium(options: LaunchOptions): Promise<ExtensionBrowser> {
  const { chromium } = await import("playwright-core");
  const extensionDir = options.extensionDir ?? join(REPO_ROOT, "dist/chrome");
  const profile = makeProfileDir(options);
  const context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: BROWSER_EXECUTABLES.chromium,
    headless: true,
    colorScheme: options.colorScheme ?? "light",
    locale: options.locale ?? "en-US",
    viewport: { width: 1280, height: 900 },
    args: [
      ...CHROMIUM_ARGS,
      ...(options.withoutExtension
        ? []
        : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]),
      `--proxy-server=http://127.0.0.1:${options.proxyPort}`,
      // By default Chromium bypasses the proxy for loopback; route it too, so it is recorded.
      "--proxy-bypass-list=<-loopback>",
      ...(options.locale ? [`--lang=${options.locale}`] : []),
    ],
  });
  if (options.withoutExtension) return new ChromiumExtensionBrowser(context, "", profile.cleanup);
  let worker = context.serviceWorkers()[0];
  worker ??= await context.waitForEvent("serviceworker", { timeout: 20_000 });
  // Node's URL gives "null" as the origin of non-special schemes such as chrome-extension:.
  const extensionOrigin = worker.url().split("/").slice(0, 3).join("/");
  return new ChromiumExtensionBrowser(context, extensionOrigin, profile.cleanup);
}

/** The extension's moz-extension UUID: kept in a reused profile, so its storage is found again. */
function extensionUuidFor(profileDir: string, reused: boolean): string {
  const file = join(profileDir, "context-cards-extension-uuid.txt");
  if (reused && existsSync(file)) return readFileSync(file, "utf8").trim();
  const uuid = randomUUID();
  if (reused) writeFileSync(file, uuid);
  return uuid;
}

async function launchFirefox(options: LaunchOptions): Promise<ExtensionBrowser> {
  const puppeteer = (await import("puppeteer-core")).default;
  const extensionDir = options.extensionDir ?? join(REPO_ROOT, "dist/firefox");
  const profile = makeProfileDir(options);
  const uuid = extensionUuidFor(profile.dir, Boolean(options.profileDir));
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: BROWSER_EXECUTABLES.firefox,
    headless: true,
    userDataDir: profile.dir,
    // Release builds honour `services.settings.server` only with this set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: "1" },
    defaultViewport: { width: 1280, height: 900 },
    args: ["--remote-allow-system-access"],
    extraPrefsFirefox: {
      "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: uuid }),
      // The extension is installed temporarily for each launch; a restart test reuses the profile
      // as a real install would keep its data, so the data (and the origin it lives under) stay.
      "extensions.webextensions.keepStorageOnUninstall": true,
      "extensions.webextensions.keepUuidOnUninstall": true,
      // Firefox's own services (remote settings, captive portal, telemetry …) would otherwise
      // show up in the recording proxy and hide what the extension does.
      "services.settings.server": "data:,#remote-settings-dummy/v1",
      "network.connectivity-service.enabled": false,
      "network.captive-portal-service.enabled": false,
      "browser.safebrowsing.malware.enabled": false,
      "browser.safebrowsing.phishing.enabled": false,
      "browser.safebrowsing.downloads.enabled": false,
      "browser.safebrowsing.update.enabled": false,
      "extensions.getAddons.cache.enabled": false,
      "extensions.update.enabled": false,
      "app.normandy.enabled": false,
      "toolkit.telemetry.enabled": false,
      "datareporting.healthreport.uploadEnabled": false,
      "browser.region.network.url": "",
      "browser.region.update.enabled": false,
      "network.dns.disablePrefetch": true,
      "network.prefetch-next": false,
      "network.proxy.type": 1,
      "network.proxy.http": "127.0.0.1",
      "network.proxy.http_port": options.proxyPort,
      "network.proxy.ssl": "127.0.0.1",
      "network.proxy.ssl_port": options.proxyPort,
      "network.proxy.no_proxies_on": "",
      "network.proxy.allow_hijacking_localhost": true,
      "ui.systemUsesDarkTheme": options.colorScheme === "dark" ? 1 : 0,
      "layout.css.prefers-color-scheme.content-override": options.colorScheme === "dark" ? 0 : 1,
      ...(options.locale
        ? { "intl.locale.requested": options.locale, "intl.accept_languages": options.locale }
        : {}),
    },
  });
  if (!options.withoutExtension) await browser.installExtension(extensionDir);
  return new FirefoxExtensionBrowser(browser, `moz-extension://${uuid}`, profile.cleanup);
}

/** Launches `name` with the built extension loaded. One browser at a time on CI's two cores. */
export function launchExtensionBrowser(name: BrowserName, options: LaunchOptions): Promise<ExtensionBrowser> {
  return name === "chromium" ? launchChromium(options) : launchFirefox(options);
}
