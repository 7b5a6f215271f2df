/**
 * `describeInBrowsers` runs the same suite once in Chromium and once in Firefox ESR, one
 * browser at a time, with one browser and one test server shared by the tests of a file.
 * A missing browser skips its suite with the reason in the name — except in CI, where the
 * global setup has already failed the run.
 */
import { afterAll, beforeAll, describe } from "vitest";
import {
  BROWSER_EXECUTABLES,
  BROWSER_NAMES,
  type BrowserName,
  type ExtensionBrowser,
  isBrowserInstalled,
  type LaunchOptions,
  launchExtensionBrowser,
} from "./extension-browser";
import { startTestServer, type TestServer } from "./test-server";

/** What each test of a suite gets: the running browser and server (valid inside tests). */
export interface SuiteContext {
  readonly name: BrowserName;
  readonly browser: ExtensionBrowser;
  readonly server: TestServer;
}

/** Declares `body` once per browser. */
export function describeInBrowsers(
  title: string,
  body: (ctx: SuiteContext) => void,
  options: Omit<LaunchOptions, "proxyPort"> = {},
): void {
  for (const name of BROWSER_NAMES) {
    const installed = isBrowserInstalled(name) || Boolean(process.env.CI);
    const suiteTitle = installed
      ? `${title} [${name}]`
      : `${title} [${name}] (skipped: ${BROWSER_EXECUTABLES[name]} not installed)`;
    describe.skipIf(!installed)(suiteTitle, () => {
      let browser: ExtensionBrowser | undefined;
      let server: TestServer | undefined;
      const ctx: SuiteContext = {
        name,
        get browser() {
          if (!browser) throw new Error(`${name} did not start`);
          return browser;
        },
        get server() {
          if (!server) throw new Error("test server did not start");
          return server;
        },
      };
      beforeAll(async () => {
        server = await startTestServer();
        browser = await launchExtensionBrowser(name, { ...options, proxyPort: server.port });
      });
      afterAll(async () => {
        await browser?.close();
        await server?.close();
      });
      body(ctx);
    });
  }
}
