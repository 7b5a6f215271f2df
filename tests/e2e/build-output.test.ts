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
const SCRIPTS = ["background.js", "content.js", "content-main.js", "card-ui.js", "popup.js", "options.js"];

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
      if (script === "content-main.js") expect(code).not.toMatch(/\bsliceStart\b/);
      expect(code, script).not.toMatch(
        /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource|importScripts/,
      );
    }
  });

  it("keeps the facts out of the content script: they come with the card UI module", () => {
    const article = JSON.parse(readFileSync(join(REPO_ROOT, "src/knowledge/article.json"), "utf8")) as {
      entities: { name: string; summary: string; facts: { text: string }[] }[];
    };
    const sample = article.entities.find((entity) => entity.facts.length > 0);
    const fact = sample?.facts[0]?.text as string;
    const content = readFileSync(join(dir, "content-main.js"), "utf8");
    const cardUi = readFileSync(join(dir, "card-ui.js"), "utf8");
    expect(content).toContain(JSON.stringify(sample?.name).slice(1, -1));
    expect(content).not.toContain(fact.slice(0, 40));
    expect(cardUi).toContain(fact.slice(0, 40));
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(
      manifest.web_accessible_resources.map((entry: { resources: string[] }) => entry.resources),
    ).toEqual([["content-main.js", "card-ui.js"]]);
    // Chrome hides the files behind a per-session URL; Firefox does not know the key.
    expect(manifest.web_accessible_resources[0].use_dynamic_url).toBe(build === "chrome" ? true : undefined);
  });

  it("gives the content script the browser's own API, and the extension pages the polyfill", () => {
    // The polyfill's API table names every method's argument counts.
    const polyfillMarker = "maxArgs:";
    for (const script of ["content.js", "content-main.js"]) {
      expect(readFileSync(join(dir, script), "utf8"), script).not.toContain(polyfillMarker);
    }
    for (const script of ["background.js", "popup.js", "options.js", "card-ui.js"]) {
      expect(readFileSync(join(dir, script), "utf8"), script).toContain(polyfillMarker);
    }
  });

  it("makes the classic content script the first stage, which loads the app, both with V8's compile hint", () => {
    const first = readFileSync(join(dir, "content.js"), "utf8");
    expect(first).toContain('"content-main.js"');
    // The first stage carries the page filter made at build time, and none of the app.
    expect(first).toContain('starts:"');
    expect(first).not.toContain('"edgeStart":');
    expect(first).not.toMatch(/^\s*(import|export)\b/m);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(manifest.content_scripts[0].js).toEqual(["content.js"]);
    // The hint counts only as a script's first line.
    for (const module of ["content.js", "content-main.js"]) {
      expect(readFileSync(join(dir, module), "utf8").split("\n", 1)[0], module).toBe(
        "//# allFunctionsCalledOnLoad",
      );
    }
  });

  it("gives the content script the names' trie made at build time", () => {
    const content = readFileSync(join(dir, "content-main.js"), "utf8");
    // A JSON text inside JSON.parse('…'): the snapshot's first node list, as data.
    expect(content).toContain('"edgeStart":[0,');
    expect(readFileSync(join(dir, "popup.js"), "utf8")).not.toContain('"edgeStart":');
  });
});
