import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { manifestFor } from "../../build.mjs";

const root = resolve(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));
const localesDir = join(root, "assets/_locales");
const locales = Object.fromEntries(
  readdirSync(localesDir).map((locale) => [
    locale,
    JSON.parse(readFileSync(join(localesDir, locale, "messages.json"), "utf8")) as Record<
      string,
      { message: string }
    >,
  ]),
);

describe("manifest.json", () => {
  it("is Manifest V3 with a background for both browsers", () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background).toEqual({ service_worker: "background.js", scripts: ["background.js"] });
  });

  it("declares Firefox's id, minimum version and that it collects no data", () => {
    expect(manifest.browser_specific_settings.gecko).toEqual({
      id: expect.stringMatching(/@/),
      strict_min_version: "142.0",
      data_collection_permissions: { required: ["none"] },
    });
  });

  it("asks for no permission the README does not justify", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    for (const permission of [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])]) {
      expect(readme, `README explains ${permission}`).toContain(`\`${permission}\``);
    }
    expect(manifest.optional_permissions ?? []).toEqual([]);
  });

  it("forbids network access from its own pages", () => {
    expect(manifest.content_security_policy.extension_pages).toMatch(/connect-src 'none'/);
    expect(manifest.content_security_policy.extension_pages).toMatch(/script-src 'self';/);
  });

  it("has every __MSG_…__ key in every locale, and the locales agree on their keys", () => {
    const used = [...JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)].map((m) => m[1] as string);
    expect(used.length).toBeGreaterThan(0);
    expect(Object.keys(locales).sort()).toEqual(["en", "zh_CN"]);
    const englishKeys = Object.keys(locales.en ?? {}).sort();
    for (const [locale, messages] of Object.entries(locales)) {
      expect(Object.keys(messages).sort(), locale).toEqual(englishKeys);
      for (const key of used) expect(messages[key]?.message, `${locale}: ${key}`).toBeTruthy();
    }
  });
});

describe("manifestFor", () => {
  it("gives Chromium the service worker only, without Firefox's settings", () => {
    const chrome = manifestFor("chrome", manifest);
    expect(chrome.background).toEqual({ service_worker: "background.js" });
    expect(chrome.browser_specific_settings).toBeUndefined();
  });

  it("gives Firefox the background scripts only", () => {
    const firefox = manifestFor("firefox", manifest);
    expect(firefox.background).toEqual({ scripts: ["background.js"] });
    expect(firefox.browser_specific_settings.gecko.id).toBe(manifest.browser_specific_settings.gecko.id);
    expect(firefox.minimum_chrome_version).toBeUndefined();
  });

  it("leaves the source manifest untouched", () => {
    const before = JSON.stringify(manifest);
    manifestFor("chrome", manifest);
    manifestFor("firefox", manifest);
    expect(JSON.stringify(manifest)).toBe(before);
  });
});
