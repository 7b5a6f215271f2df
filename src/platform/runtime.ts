/** Facts about the running extension itself. */
import { browser } from "./browser";

/** The extension's name and version as the browser reports them from the manifest. */
export function getExtensionIdentity(): { name: string; version: string } {
  const manifest = browser.runtime.getManifest();
  return { name: manifest.name, version: manifest.version };
}

/** Opens the extension's options page. */
export async function openOptionsPage(): Promise<void> {
  await browser.runtime.openOptionsPage();
}

/** True in Firefox (whose extension pages and shortcuts live in different places). */
export function isFirefox(): boolean {
  return browser.runtime.getURL("").startsWith("moz-extension:");
}

/** The URL of one of the extension's own files (as the content script may load it). */
export function getResourceUrl(path: string): string {
  return browser.runtime.getURL(path);
}

/** Runs `setup` when the extension is installed or updated, and when the browser starts. */
export function onInstalledOrStartup(setup: () => Promise<void> | void): void {
  const run = () => {
    Promise.resolve(setup()).catch((error: unknown) => console.error("Context Cards:", error));
  };
  browser.runtime.onInstalled.addListener(run);
  browser.runtime.onStartup.addListener(run);
}
