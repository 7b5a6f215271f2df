import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  isActiveOn,
  MIGRATIONS,
  parseSettings,
  SETTINGS_VERSION,
  siteOf,
  withSitePaused,
} from "../../src/core/settings";

describe("parseSettings", () => {
  it("gives the defaults for a fresh install, with no problems", () => {
    expect(parseSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(parseSettings({})).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it("keeps every valid value", () => {
    const stored = {
      ...DEFAULT_SETTINGS,
      enabled: false,
      pausedSites: ["example.com"],
      hoverDelayMs: 800,
      highlightStyle: "underline",
      markedKinds: ["company", "model"],
      includeCode: true,
      markOwnNames: true,
    };
    expect(parseSettings(stored)).toEqual({ settings: stored, problems: [] });
  });

  it("replaces only the invalid values, and names each one", () => {
    const { settings, problems } = parseSettings({
      settingsVersion: SETTINGS_VERSION,
      enabled: "yes",
      hoverDelayMs: 5,
      highlightStyle: "sparkles",
      markedKinds: ["company", "planet"],
      pausedSites: ["Example.com", "example.com"],
      markOwnNames: "on",
    });
    expect(settings.enabled).toBe(DEFAULT_SETTINGS.enabled);
    expect(settings.hoverDelayMs).toBe(DEFAULT_SETTINGS.hoverDelayMs);
    expect(settings.highlightStyle).toBe("tint");
    expect(settings.markedKinds).toEqual(DEFAULT_SETTINGS.markedKinds);
    expect(settings.pausedSites).toEqual(["example.com"]);
    expect(problems).toEqual([
      "settings.enabled: invalid value; using the default",
      "settings.hoverDelayMs: invalid value; using the default",
      "settings.highlightStyle: invalid value; using the default",
      "settings.markedKinds: invalid value; using the default",
      "settings.markOwnNames: invalid value; using the default",
    ]);
    // Private by default: a page can read the highlight registry (see DEFAULT_SETTINGS).
    expect(settings.markOwnNames).toBe(false);
  });

  it.each([null, 42, "settings", [1, 2]])("survives a stored %j and says so", (stored) => {
    const { settings, problems } = parseSettings(stored);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems).toEqual(["settings: stored value was not an object; using defaults"]);
  });

  it("migrates version 0 (disabledSites) to the current version", () => {
    const { settings, problems } = parseSettings({ enabled: true, disabledSites: ["old.example"] });
    expect(problems).toEqual([]);
    expect(settings.pausedSites).toEqual(["old.example"]);
    expect(settings.settingsVersion).toBe(SETTINGS_VERSION);
    expect("disabledSites" in settings).toBe(false);
  });

  it("migrates version 0 without any site list, reporting nothing", () => {
    const { settings, problems } = parseSettings({ hoverDelayMs: 600 });
    expect(problems).toEqual([]);
    expect(settings.pausedSites).toEqual([]);
    expect(settings.hoverDelayMs).toBe(600);
  });

  it("has one migration per earlier version", () => {
    expect(MIGRATIONS.length).toBe(SETTINGS_VERSION);
  });

  it("keeps what fits from a newer version, and reports it", () => {
    const { settings, problems } = parseSettings({ settingsVersion: 99, hoverDelayMs: 600, futureThing: 1 });
    expect(settings.hoverDelayMs).toBe(600);
    expect("futureThing" in settings).toBe(false);
    expect(problems[0]).toMatch(/version 99 is newer/);
  });

  it.each([-1, -1e20, 0.5, Number.NaN, "1", null])(
    "reads a version of %j as version 0 (and migrates it) without hanging",
    (settingsVersion) => {
      const { settings } = parseSettings({ settingsVersion, disabledSites: ["old.example"] });
      expect(settings.pausedSites).toEqual(["old.example"]);
      expect(settings.settingsVersion).toBe(SETTINGS_VERSION);
    },
  );

  it("never shares arrays with the defaults", () => {
    const { settings } = parseSettings({});
    settings.pausedSites.push("x.example");
    settings.markedKinds.pop();
    expect(DEFAULT_SETTINGS.pausedSites).toEqual([]);
    expect(DEFAULT_SETTINGS.markedKinds.length).toBe(7);
  });
});

describe("sites", () => {
  it("keys a page by its hostname without www.", () => {
    expect(siteOf("https://www.Example.com/a?b")).toBe("example.com");
    expect(siteOf("http://127.0.0.1:8080/x")).toBe("127.0.0.1");
    expect(siteOf("chrome://extensions")).toBeNull();
    expect(siteOf("not a url")).toBeNull();
  });

  it("keys a page's location the same way as its URL", () => {
    for (const url of ["https://www.Example.com/a?b", "http://127.0.0.1:8080/x", "file:///tmp/a.html"]) {
      const { protocol, hostname } = new URL(url);
      expect(siteOf({ protocol, hostname })).toBe(siteOf(url));
    }
    const paused = withSitePaused(DEFAULT_SETTINGS, "example.com", true);
    expect(isActiveOn(paused, { protocol: "https:", hostname: "WWW.example.com" })).toBe(false);
    expect(isActiveOn(paused, { protocol: "https:", hostname: "example.org" })).toBe(true);
  });

  it("runs only where enabled and not paused", () => {
    const paused = withSitePaused(DEFAULT_SETTINGS, "example.com", true);
    expect(isActiveOn(paused, "https://www.example.com/")).toBe(false);
    expect(isActiveOn(paused, "https://other.example/")).toBe(true);
    expect(isActiveOn({ ...DEFAULT_SETTINGS, enabled: false }, "https://other.example/")).toBe(false);
    expect(withSitePaused(paused, "example.com", false).pausedSites).toEqual([]);
    expect(withSitePaused(paused, "example.com", true).pausedSites).toEqual(["example.com"]);
  });
});
