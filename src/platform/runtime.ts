/** Facts about the running extension itself. */
import { browser } from "./browser";

/** The extension's name and version as the browser reports them from the manifest. */
export function getExtensionIdentity(): { name: string; version: string } {
  const manifest = browser.runtime.getManifest();
  return { name: manifest.name, version: manifest.version };
}
