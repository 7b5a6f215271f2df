/**
 * The settings the content script's first stage needs — whether it runs on a page at all, and
 * whether it reads code — read straight from the stored value. The first stage runs on every
 * page, and most pages never need more; the whole parse (`parseSettings`, settings.ts) is the
 * app's. Both read these fields alike for any stored value: settings-gist.test.ts holds them
 * to it. This module imports nothing, so the first stage carries only this.
 *
 * Pure: no DOM, no extension APIs.
 */

/** What the first stage needs of the settings. */
export interface SettingsGist {
  /** Off switch for every page. */
  enabled: boolean;
  /** Sites (see `siteOf`) where the extension is paused. */
  pausedSites: readonly string[];
  /** Also look inside code and pre blocks. */
  includeCode: boolean;
}

/** The current settings version; bump it and add a migration (settings.ts) when the shape changes. */
export const SETTINGS_VERSION = 1;

/** The longest pause list a stored value may hold. */
export const MAX_PAUSED_SITES = 5000;

/** A stored pause-list entry as a site key (trimmed, lower case); undefined when unusable. */
export function readSite(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const site = value.trim().toLowerCase();
  return site.length >= 1 && site.length <= 253 ? site : undefined;
}

/**
 * A stored list of at most `maxLength` entries, each read by `item`; undefined when `value` is
 * not such a list or any entry is unusable (the whole list is then dropped).
 */
export function readListOf<T>(
  value: unknown,
  item: (entry: unknown) => T | undefined,
  maxLength: number,
): T[] | undefined {
  if (!Array.isArray(value) || value.length > maxLength) return undefined;
  const out: T[] = [];
  for (const entry of value) {
    const read = item(entry);
    if (read === undefined) return undefined;
    out.push(read);
  }
  return out;
}

/** A stored pause list; undefined when it is not one. */
export function readPausedSites(value: unknown): string[] | undefined {
  return readListOf(value, readSite, MAX_PAUSED_SITES);
}

/**
 * The version a stored settings record is written in: its `settingsVersion` when that is a
 * whole number of at least 0; 0 (before versions existed) when it is missing or unusable; the
 * current version for an empty record (a fresh install wrote nothing to migrate).
 */
export function storedSettingsVersion(record: Record<string, unknown>): number {
  const version = record.settingsVersion;
  if (Number.isSafeInteger(version) && (version as number) >= 0) return version as number;
  return Object.keys(record).length === 0 ? SETTINGS_VERSION : 0;
}

/** Reads the gist of whatever storage holds under the settings key; never throws. */
export function readSettingsGist(stored: unknown): SettingsGist {
  const gist: SettingsGist = { enabled: true, pausedSites: [], includeCode: false };
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return gist;
  const record = stored as Record<string, unknown>;
  if (typeof record.enabled === "boolean") gist.enabled = record.enabled;
  if (typeof record.includeCode === "boolean") gist.includeCode = record.includeCode;
  // Version 0 called the pause list `disabledSites` (the first of settings.ts's migrations).
  const paused =
    storedSettingsVersion(record) === 0 ? (record.pausedSites ?? record.disabledSites) : record.pausedSites;
  gist.pausedSites = readPausedSites(paused) ?? [];
  return gist;
}

/** A URL, or the parts of one that name its site (a page's `location` has them). */
export type SiteAddress = string | { readonly protocol: string; readonly hostname: string };

/** The site key used for pausing: the page's hostname, lower-case, without a leading "www.". */
export function siteOf(address: SiteAddress): string | null {
  let protocol: string;
  let hostname: string;
  if (typeof address === "string") {
    try {
      ({ protocol, hostname } = new URL(address));
    } catch {
      return null;
    }
  } else ({ protocol, hostname } = address);
  if (protocol !== "http:" && protocol !== "https:") return null;
  const host = hostname.toLowerCase();
  return host.startsWith("www.") ? host.slice(4) : host;
}

/** True when the extension should run at `address` (a URL, or a page's `location`) under `settings`. */
export function isActiveOn(
  settings: Pick<SettingsGist, "enabled" | "pausedSites">,
  address: SiteAddress,
): boolean {
  const site = siteOf(address);
  return settings.enabled && site !== null && !settings.pausedSites.includes(site);
}
