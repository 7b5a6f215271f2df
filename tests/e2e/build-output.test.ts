/**
 * What `npm run build` leaves behind (the global setup has just run it): both unpacked
 * builds, both store zips without sourcemaps, and bundles with no way to reach the network.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./test-server";

const dist = join(REPO_ROOT, "dist");
const BUILDS = ["chrome", "firefox"] as const;
const SCRIPTS = ["background.js", "content.js", "popup.js", "options.js"];

describe.each(BUILDS)("dist/%s", (build) => {
  const dir = join(dist, build);

  it("holds the manifest, every script, page, icon and locale", () => {
    for (const file of [
      "manifest.json",
      ...SCRIPTS,
      "popup.html",
      "popup.css",
      "options.html",
      "options.css",
      "assets/icons/icon-128.png",
      "_locales/en/messages.json",
      "_locales/zh_CN/messages.json",
    ]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
  });

  it("has a zip with the same files and no sourcemaps", () => {
    const zip = unzipSync(readFileSync(join(dist, `context-cards-${build}.zip`)));
    const names = Object.keys(zip);
    expect(names).toContain("manifest.json");
    for (const script of SCRIPTS) expect(names).toContain(script);
    expect(names.filter((name) => name.endsWith(".map"))).toEqual([]);
    const built = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith(".map"))
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
      .sort();
    expect(names.sort()).toEqual(built);
  });

  it("ships minified bundles that contain no network API", () => {
    for (const script of SCRIPTS) {
      const code = readFileSync(join(dir, script), "utf8");
      // Minified: doc comments stripped, and local names (such as `sliceStart`) mangled.
      expect(code, `${script} keeps no doc comments`).not.toContain("/**");
      if (script === "content.js") expect(code).not.toMatch(/\bsliceStart\b/);
      expect(code, script).not.toMatch(
        /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource|importScripts/,
      );
    }
  });
});
