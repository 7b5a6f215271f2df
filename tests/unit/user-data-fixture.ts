/**
 * Builders and fast-check arbitraries for notes, user names and export files, shared by the
 * user-data tests. The arbitraries draw ids from small pools so that collisions (the
 * interesting cases of an import) are common.
 */
import fc from "fast-check";
import type { EntityKind } from "../../src/core/knowledge-schema";
import {
  EXPORT_FORMAT,
  type ExportFile,
  type Note,
  type RandomSource,
  USER_DATA_VERSION,
  type UserName,
} from "../../src/core/user-data-schema";

export const T0 = 1_700_000_000_000;

/** A valid note; `overrides` replace fields. */
export function makeTestNote(overrides: Partial<Note> = {}): Note {
  return { id: "note-1", entityId: "deepseek", text: "A note", createdAt: T0, updatedAt: T0, ...overrides };
}

/** A valid user name; `overrides` replace fields. */
export function makeTestName(overrides: Partial<UserName> = {}): UserName {
  return {
    id: "user:acme-labs-abc123",
    name: "Acme Labs",
    aliases: [],
    kind: "concept",
    caseSensitive: false,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** A valid export file of `notes` and `names`. */
export function makeTestExport(notes: Note[], names: UserName[], settings?: unknown): ExportFile {
  return {
    format: EXPORT_FORMAT,
    schemaVersion: USER_DATA_VERSION,
    exportedAt: T0,
    notes,
    names,
    ...(settings === undefined ? {} : { settings }),
  };
}

/** A deterministic random source (a 32-bit linear congruential generator) for reproducible ids. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const NAME_IDS = ["user:acme-aaaaaa", "user:nova-bbbbbb", "user:zeta-cccccc", "user:x-dddddd"];
const NAME_TEXTS = ["Acme", "Nova", "Zeta", "acme", "深度求索"];
const ALIAS_TEXTS = ["A1", "Nova AI", "Zeta Labs", "nova ai", "北极星", "Beta"];
const ENTITY_IDS = ["deepseek", "qwen", ...NAME_IDS];
const timestamps = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }));

/** Valid user names from small pools of ids, spellings and aliases. */
export const userNameArb: fc.Arbitrary<UserName> = fc
  .record({
    id: fc.constantFrom(...NAME_IDS),
    name: fc.constantFrom(...NAME_TEXTS),
    aliases: fc.uniqueArray(fc.constantFrom(...ALIAS_TEXTS), {
      maxLength: 4,
      selector: (alias) => alias.toLowerCase(),
    }),
    kind: fc.constantFrom<EntityKind>("concept", "company"),
    summary: fc.option(fc.constantFrom("", "A lab", "A company"), { nil: undefined }),
    caseSensitive: fc.boolean(),
    times: timestamps,
  })
  .map(({ times: [created, later], summary, ...rest }) => ({
    ...rest,
    ...(summary === undefined ? {} : { summary }),
    createdAt: T0 + created,
    updatedAt: T0 + created + later,
  }));

/** Valid notes from small pools of ids, entities and texts. */
export const noteArb: fc.Arbitrary<Note> = fc
  .record({
    id: fc.constantFrom("n1", "n2", "n3", "n4", "n5"),
    entityId: fc.constantFrom(...ENTITY_IDS),
    text: fc.constantFrom("", "one", "two", "see https://example.com"),
    quote: fc.option(fc.record({ exact: fc.constantFrom("DeepSeek", "Qwen") }), { nil: undefined }),
    times: timestamps,
  })
  .map(({ times: [created, later], quote, text, ...rest }) => ({
    ...rest,
    // A note needs text or a quote.
    text: text === "" && quote === undefined ? "fallback" : text,
    ...(quote === undefined ? {} : { quote }),
    createdAt: T0 + created,
    updatedAt: T0 + created + later,
  }));

/** Valid export files (possibly with repeated ids) from the arbitraries above. */
export const exportArb: fc.Arbitrary<ExportFile> = fc
  .record({ notes: fc.array(noteArb, { maxLength: 8 }), names: fc.array(userNameArb, { maxLength: 5 }) })
  .map(({ notes, names }) => makeTestExport(notes, names));
