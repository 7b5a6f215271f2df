/**
 * The first stage's gist of the settings must read the three fields it needs exactly as the
 * full parse does, for anything storage may hold: a mismatch would run the extension where
 * the user paused it (or keep it off where they resumed it).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isActiveOn, parseSettings, SETTINGS_VERSION } from "../../src/core/settings";
import { readSettingsGist } from "../../src/core/settings-gist";

const site = fc.oneof(
  fc.constantFrom("example.com", " Example.COM ", "news.example", "", "x".repeat(254)),
  fc.string({ maxLength: 12 }),
);
const siteList = fc.oneof(fc.array(site, { maxLength: 4 }), fc.anything());
const version = fc.oneof(
  fc.constantFrom(0, 1, SETTINGS_VERSION, 2, 99, -1, -1e20, 0.5, "1", null),
  fc.anything(),
);
/** Stored values: settings-shaped records (some fields missing or wrong), and anything at all. */
const stored = fc.oneof(
  fc.record(
    {
      settingsVersion: version,
      enabled: fc.oneof(fc.boolean(), fc.anything()),
      includeCode: fc.oneof(fc.boolean(), fc.anything()),
      pausedSites: siteList,
      disabledSites: siteList,
      hoverDelayMs: fc.integer(),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

function gistOfFullParse(value: unknown) {
  const { settings } = parseSettings(value);
  return { enabled: settings.enabled, pausedSites: settings.pausedSites, includeCode: settings.includeCode };
}

describe("readSettingsGist", () => {
  it("reads enabled, the paused sites and includeCode as parseSettings does, for any stored value", () => {
    fc.assert(
      fc.property(stored, (value) => {
        const gist = readSettingsGist(value);
        const full = gistOfFullParse(value);
        expect(gist.enabled).toBe(full.enabled);
        expect(gist.includeCode).toBe(full.includeCode);
        // The full parse drops repeats; the gist need not (it is only searched).
        expect([...new Set(gist.pausedSites)]).toEqual(full.pausedSites);
      }),
      { numRuns: 2000 },
    );
  });

  it("pauses a site paused in any version's words", () => {
    const page = { protocol: "https:", hostname: "www.example.com" };
    expect(isActiveOn(readSettingsGist({ settingsVersion: 1, pausedSites: ["example.com"] }), page)).toBe(
      false,
    );
    expect(isActiveOn(readSettingsGist({ disabledSites: [" EXAMPLE.com"] }), page)).toBe(false);
    // Version 1 has no `disabledSites`: that key is left over, not a pause.
    expect(isActiveOn(readSettingsGist({ settingsVersion: 1, disabledSites: ["example.com"] }), page)).toBe(
      true,
    );
    expect(isActiveOn(readSettingsGist({ enabled: false }), page)).toBe(false);
    expect(isActiveOn(readSettingsGist(undefined), page)).toBe(true);
    expect(readSettingsGist("corrupt")).toEqual({ enabled: true, pausedSites: [], includeCode: false });
  });
});
