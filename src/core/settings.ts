/**
 * The user's settings: the defaults object is the type, versions are upgraded by ordered
 * migrations, and stored values are validated field by field, so one bad value (from an old
 * version, a sync conflict or a corrupt store) falls back to its default without losing the
 * rest — and is reported.
 */
import { ENTITY_KINDS, type EntityKind } from "./entity-kinds";
import { readListOf, readPausedSites, SETTINGS_VERSION, storedSettingsVersion } from "./settings-gist";

export { isActiveOn, SETTINGS_VERSION, type SiteAddress, siteOf } from "./settings-gist";

/** How mentions are painted. "hover-only": nothing until the pointer is on a name. */
export const HIGHLIGHT_STYLES = ["tint", "underline", "hover-only"] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

/** Every setting with its default. This object is the type. */
export const DEFAULT_SETTINGS = {
  settingsVersion: SETTINGS_VERSION,
  /** Off switch for every page. */
  enabled: true,
  /** Sites (hostnames) where the extension is paused. */
  pausedSites: [] as string[],
  /** Dwell before a hover card opens, in ms. */
  hoverDelayMs: 350,
  highlightStyle: "tint" as HighlightStyle,
  /** Which kinds of names are marked. */
  markedKinds: [...ENTITY_KINDS] as EntityKind[],
  /** Also look inside code and pre blocks. */
  includeCode: false,
  /**
   * Also paint the user's own tracked names on pages. Off by default: the highlight registry
   * is shared with the page, whose scripts could then tell which names the user tracks.
   * Off, own names are still found, counted and carded, only never painted.
   */
  markOwnNames: false,
};
export type Settings = typeof DEFAULT_SETTINGS;

/** Bounds of the hover delay a user can choose. */
export const HOVER_DELAY_RANGE = { min: 100, max: 2000 } as const;

/** A field's validator: the clean value, or undefined when the stored value is unusable. */
type FieldCheck<T> = (value: unknown) => T | undefined;

const isBoolean: FieldCheck<boolean> = (value) => (typeof value === "boolean" ? value : undefined);

function isOneOf<T extends string>(options: readonly T[]): FieldCheck<T> {
  return (value) => (options.includes(value as T) ? (value as T) : undefined);
}

function isListOf<T>(item: FieldCheck<T>, maxLength: number): FieldCheck<T[]> {
  return (value) => readListOf(value, item, maxLength);
}

// Hand-written rather than a schema library: settings are parsed on every page the content
// script runs in, and building schema objects there cost more than the checks themselves.
const FIELD_CHECKS: { [K in keyof Settings]: FieldCheck<Settings[K]> } = {
  settingsVersion: (value) => (value === SETTINGS_VERSION ? SETTINGS_VERSION : undefined),
  enabled: isBoolean,
  pausedSites: readPausedSites,
  hoverDelayMs: (value) =>
    Number.isInteger(value) &&
    (value as number) >= HOVER_DELAY_RANGE.min &&
    (value as number) <= HOVER_DELAY_RANGE.max
      ? (value as number)
      : undefined,
  highlightStyle: isOneOf(HIGHLIGHT_STYLES),
  markedKinds: isListOf(isOneOf(ENTITY_KINDS), 100),
  includeCode: isBoolean,
  markOwnNames: isBoolean,
};

/**
 * Ordered migrations: `MIGRATIONS[n]` turns a version-n object into version n+1. Each takes
 * and returns a plain record, so it never depends on the current types.
 */
export const MIGRATIONS: ReadonlyArray<(old: Record<string, unknown>) => Record<string, unknown>> = [
  // 0 → 1: version 0 (before versions existed) called the pause list `disabledSites`.
  (old) => {
    const { disabledSites, ...rest } = old;
    const pausedSites = rest.pausedSites ?? disabledSites;
    return { ...rest, ...(pausedSites === undefined ? {} : { pausedSites }), settingsVersion: 1 };
  },
];

/** Settings read from storage, and what was wrong with what was stored. */
export interface LoadedSettings {
  settings: Settings;
  /** One line per value that was replaced by its default. */
  problems: string[];
  /** True when storage could not be read at all (the settings are then only the defaults). */
  unreadable?: boolean;
}

/**
 * Turns whatever storage holds into valid settings: migrates old versions in order, keeps
 * every valid field, replaces invalid or missing ones with defaults, drops unknown keys.
 * Never throws.
 */
export function parseSettings(stored: unknown): LoadedSettings {
  const problems: string[] = [];
  const isRecord = typeof stored === "object" && stored !== null && !Array.isArray(stored);
  if (stored !== undefined && !isRecord)
    problems.push("settings: stored value was not an object; using defaults");
  let record: Record<string, unknown> = isRecord ? { ...(stored as Record<string, unknown>) } : {};
  let version = storedSettingsVersion(record);
  if (version > SETTINGS_VERSION) {
    problems.push(
      `settings: version ${version} is newer than this extension understands; using what still fits`,
    );
    version = SETTINGS_VERSION;
  }
  for (let from = version; from < SETTINGS_VERSION; from++) {
    const migrate = MIGRATIONS[from];
    if (migrate) record = migrate(record);
  }
  record.settingsVersion = SETTINGS_VERSION;
  const settings = {
    ...DEFAULT_SETTINGS,
    pausedSites: [],
    markedKinds: [...DEFAULT_SETTINGS.markedKinds],
  } as Settings;
  for (const key of Object.keys(FIELD_CHECKS) as (keyof Settings)[]) {
    if (!(key in record)) continue;
    const checked = FIELD_CHECKS[key](record[key]);
    if (checked !== undefined) (settings as Record<string, unknown>)[key] = checked;
    else problems.push(`settings.${key}: invalid value; using the default`);
  }
  settings.pausedSites = [...new Set(settings.pausedSites)];
  return { settings, problems };
}

/** `settings` with `site` paused or resumed. */
export function withSitePaused(settings: Settings, site: string, paused: boolean): Settings {
  const others = settings.pausedSites.filter((s) => s !== site);
  return { ...settings, pausedSites: paused ? [...others, site] : others };
}
