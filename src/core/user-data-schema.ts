/**
 * The user's own data: notes on any entity (a built-in id like "deepseek" or one of their own
 * names) and the names they track themselves. This module holds the valibot schemas (the
 * types), their limits, the export-file shape and id makers. Everything untrusted — what
 * storage holds, what a user imports — goes through {@link parseNote}, {@link parseUserName}
 * or {@link parseExportFile}, which never throw and name every problem in plain words.
 */
import * as v from "valibot";
import { describeIssues, ENTITY_KINDS, type EntityKind, type ParseResult } from "./knowledge-schema";

/** The version of the user-data shapes (stored records and export files). Version 1 is the first. */
export const USER_DATA_VERSION = 1;

/** Every size limit of the user's data, in one place (string lengths are UTF-16 units). */
export const USER_DATA_LIMITS = {
  /** Note ids: letters, digits, '_' and '-'. */
  noteIdLength: 64,
  entityIdLength: 200,
  noteTextLength: 20_000,
  quoteLength: 2_000,
  quoteContextLength: 64,
  urlLength: 2_048,
  pageTitleLength: 300,
  nameLength: 120,
  aliasLength: 120,
  aliasesPerName: 50,
  summaryLength: 500,
  /** User-name ids: what follows `user:`. */
  userNameIdLength: 80,
  notesPerFile: 50_000,
  namesPerFile: 5_000,
} as const;

/** The largest import file accepted, in bytes (10 MiB). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** The `format` field that marks a file as a Context Cards export. */
export const EXPORT_FORMAT = "context-cards-export";

/** The kind a user name gets when none is given: the least specific one. */
export const DEFAULT_USER_NAME_KIND: EntityKind = "concept";

/** The latest instant a JavaScript Date can hold; later "timestamps" are junk. */
const MAX_TIMESTAMP = 8.64e15;

const NOTE_ID = new RegExp(`^[A-Za-z0-9_-]{1,${USER_DATA_LIMITS.noteIdLength}}$`);
const USER_NAME_ID = new RegExp(`^user:[a-z0-9-]{1,${USER_DATA_LIMITS.userNameIdLength}}$`);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replaces lone surrogates with U+FFFD, so a record reads back from storage and JSON the same. */
function makeWellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\ufffd");
}

/** A string of `min`..`max` units, made well-formed, optionally trimmed first. */
function textSchema(min: number, max: number, trim: boolean) {
  return v.pipe(
    v.string(),
    v.transform((text) => makeWellFormed(trim ? text.trim() : text)),
    v.minLength(min, min === 1 ? "must not be empty" : `must be at least ${min} characters`),
    v.maxLength(max, `must be at most ${max} characters`),
  );
}

const TimestampSchema = v.pipe(
  v.number(),
  v.integer("must be a whole number of milliseconds"),
  v.minValue(0, "must not be negative"),
  v.maxValue(MAX_TIMESTAMP, "is too far in the future"),
);

/** True for an absolute http, https or file URL. */
function isPageUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === "http:" || protocol === "https:" || protocol === "file:";
  } catch {
    return false;
  }
}

/** Marks a copy made by an import, where the original id was already taken. */
const ImportedSchema = v.strictObject({
  originalId: textSchema(1, USER_DATA_LIMITS.entityIdLength, false),
  at: TimestampSchema,
});

const UPDATED_BEFORE_CREATED = "updatedAt must not be before createdAt";

/** A pipe check that an array has at most `limit` items. */
function maxItems<T>(limit: number, noun: string) {
  return v.maxLength<T[], number, string>(limit, `must have at most ${limit} ${noun}`);
}

/**
 * A note on an entity. `quote` anchors it to words on a page (`exact`, with up to 64
 * characters of `prefix` / `suffix` around them, kept verbatim, not trimmed); `page` is
 * where it was written. A note has non-empty `text` (trimmed), a `quote`, or both.
 * `imported` marks a copy an import made because the original id was taken.
 */
export const NoteSchema = v.pipe(
  v.strictObject({
    id: v.pipe(
      v.string(),
      v.regex(NOTE_ID, `must be 1 to ${USER_DATA_LIMITS.noteIdLength} letters, digits, '_' or '-'`),
    ),
    entityId: textSchema(1, USER_DATA_LIMITS.entityIdLength, false),
    text: textSchema(0, USER_DATA_LIMITS.noteTextLength, true),
    quote: v.optional(
      v.strictObject({
        exact: v.pipe(
          textSchema(1, USER_DATA_LIMITS.quoteLength, false),
          v.regex(/\S/, "must not be only spaces"),
        ),
        prefix: v.optional(textSchema(0, USER_DATA_LIMITS.quoteContextLength, false)),
        suffix: v.optional(textSchema(0, USER_DATA_LIMITS.quoteContextLength, false)),
      }),
    ),
    page: v.optional(
      v.strictObject({
        url: v.pipe(
          v.string(),
          v.maxLength(USER_DATA_LIMITS.urlLength, `must be at most ${USER_DATA_LIMITS.urlLength} characters`),
          v.check(isPageUrl, "must be an http, https or file URL"),
        ),
        title: textSchema(0, USER_DATA_LIMITS.pageTitleLength, true),
      }),
    ),
    imported: v.optional(ImportedSchema),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  }),
  v.check((note) => note.text !== "" || note.quote !== undefined, "needs text or a quote"),
  v.check((note) => note.updatedAt >= note.createdAt, UPDATED_BEFORE_CREATED),
);
export type Note = v.InferOutput<typeof NoteSchema>;

/** True when no two aliases are the same ignoring case. */
function hasNoFoldedDuplicates(aliases: string[]): boolean {
  return new Set(aliases.map((alias) => alias.toLowerCase())).size === aliases.length;
}

/**
 * A name the user tracks: a custom entity matched on every page by its `name` and `aliases`
 * (the name counts as an alias and need not be repeated; aliases must differ from each other
 * ignoring case). Missing `aliases` read as none, `kind` as {@link DEFAULT_USER_NAME_KIND},
 * `caseSensitive` as false.
 */
export const UserNameSchema = v.pipe(
  v.strictObject({
    id: v.pipe(
      v.string(),
      v.regex(
        USER_NAME_ID,
        `must be 'user:' then 1 to ${USER_DATA_LIMITS.userNameIdLength} lowercase letters, digits or '-'`,
      ),
    ),
    name: textSchema(1, USER_DATA_LIMITS.nameLength, true),
    aliases: v.optional(
      v.pipe(
        v.array(textSchema(1, USER_DATA_LIMITS.aliasLength, true)),
        maxItems<string>(USER_DATA_LIMITS.aliasesPerName, "aliases"),
        v.check(hasNoFoldedDuplicates, "must not repeat an alias (case is ignored)"),
      ),
      [],
    ),
    kind: v.optional(
      v.picklist(ENTITY_KINDS, `must be one of: ${ENTITY_KINDS.join(", ")}`),
      DEFAULT_USER_NAME_KIND,
    ),
    summary: v.optional(textSchema(0, USER_DATA_LIMITS.summaryLength, true)),
    caseSensitive: v.optional(v.boolean(), false),
    imported: v.optional(ImportedSchema),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  }),
  v.check((name) => name.updatedAt >= name.createdAt, UPDATED_BEFORE_CREATED),
);
export type UserName = v.InferOutput<typeof UserNameSchema>;

/**
 * An export file: every note and name, and optionally the settings (validated separately
 * by `parseSettings`, so one bad setting never refuses the file).
 */
export const ExportFileSchema = v.strictObject({
  format: v.literal(EXPORT_FORMAT, `must be "${EXPORT_FORMAT}"`),
  schemaVersion: v.literal(USER_DATA_VERSION, `must be ${USER_DATA_VERSION}`),
  exportedAt: TimestampSchema,
  notes: v.pipe(v.array(NoteSchema), maxItems<Note>(USER_DATA_LIMITS.notesPerFile, "notes")),
  names: v.pipe(v.array(UserNameSchema), maxItems<UserName>(USER_DATA_LIMITS.namesPerFile, "names")),
  settings: v.optional(v.unknown()),
});
export type ExportFile = v.InferOutput<typeof ExportFileSchema>;

// The file's frame with the records unchecked: records are then checked one by one, so a
// file of 50,000 bad notes costs a few listed problems, not millions of issue objects.
const ExportFrameSchema = v.strictObject({
  ...ExportFileSchema.entries,
  notes: v.pipe(v.array(v.unknown()), maxItems<unknown>(USER_DATA_LIMITS.notesPerFile, "notes")),
  names: v.pipe(v.array(v.unknown()), maxItems<unknown>(USER_DATA_LIMITS.namesPerFile, "names")),
});

/** Validates an untrusted value as a note. Never throws. */
export function parseNote(input: unknown): ParseResult<Note> {
  return parseWith(NoteSchema, input);
}

/** Validates an untrusted value as a user name. Never throws. */
export function parseUserName(input: unknown): ParseResult<UserName> {
  return parseWith(UserNameSchema, input);
}

// One problem per field: "is not a number" without "is too far in the future" after it.
function parseWith<T>(schema: v.GenericSchema<unknown, T>, input: unknown): ParseResult<T> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, problems: describeIssues(result.issues) };
}

/**
 * Validates an untrusted value as an export file of the current version (migrate older ones
 * first). Never throws. On failure `problems` lists at most `maxProblems` lines
 * (`notes[3].createdAt: …`), then one line counting the records left unlisted.
 */
export function parseExportFile(input: unknown, maxProblems = 5): ParseResult<ExportFile> {
  const frame = v.safeParse(ExportFrameSchema, input);
  if (!frame.success) return { ok: false, problems: describeIssues(frame.issues).slice(0, maxProblems) };
  const problems: string[] = [];
  let unlisted = 0;
  const parseAll = <T>(field: "notes" | "names", schema: v.GenericSchema<unknown, T>): T[] => {
    const out: T[] = [];
    frame.output[field].forEach((item, index) => {
      const listing = problems.length < maxProblems;
      const result = v.safeParse(schema, item, { abortEarly: !listing, abortPipeEarly: true });
      if (result.success) out.push(result.output);
      else if (!listing) unlisted++;
      else {
        const located = result.issues.map((issue) => ({
          ...issue,
          path: [{ key: field }, { key: index }, ...(issue.path ?? [])],
        }));
        problems.push(
          ...describeIssues(located as v.BaseIssue<unknown>[]).slice(0, maxProblems - problems.length),
        );
      }
    });
    return out;
  };
  const notes = parseAll("notes", NoteSchema);
  const names = parseAll("names", UserNameSchema);
  if (unlisted > 0)
    problems.push(`and ${unlisted} more ${unlisted === 1 ? "record" : "records"} with problems`);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ...frame.output, notes, names } };
}

/** A source of uniform numbers in [0, 1); injectable so tests get fixed ids. */
export type RandomSource = () => number;

// Drawn in batches: one getRandomValues call per character would make 50,000 fresh ids slow.
const randomWords = new Uint32Array(256);
let nextWord = randomWords.length;

/** The default {@link RandomSource}: the platform's cryptographic generator. */
export const cryptoRandom: RandomSource = () => {
  if (nextWord >= randomWords.length) {
    crypto.getRandomValues(randomWords);
    nextWord = 0;
  }
  return (randomWords[nextWord++] ?? 0) / 2 ** 32;
};

/** Anything that can say whether an id is taken (a Set, a Map). */
export interface TakenIds {
  has(id: string): boolean;
}

const NO_IDS: TakenIds = { has: () => false };
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

function drawChars(count: number, alphabet: string, random: RandomSource): string {
  let out = "";
  for (let i = 0; i < count; i++) {
    const index = Math.floor(random() * alphabet.length);
    // A broken source (NaN, 1, negative) still gives a valid character.
    out += alphabet[Number.isFinite(index) ? Math.min(alphabet.length - 1, Math.max(0, index)) : 0];
  }
  return out;
}

/** `make()` until the id is free; after many misses (a broken random source), numbers it. */
function makeFreeId(make: () => string, taken: TakenIds): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const id = make();
    if (!taken.has(id)) return id;
  }
  const base = make();
  let counter = 2;
  while (taken.has(`${base}-${counter}`)) counter++;
  return `${base}-${counter}`;
}

/**
 * A new note id: 20 random letters and digits (about 119 bits), never one in `taken`.
 * Always passes the note schema.
 */
export function makeNoteId(random: RandomSource = cryptoRandom, taken: TakenIds = NO_IDS): string {
  return makeFreeId(() => drawChars(20, ALPHANUMERIC, random), taken);
}

/** The ASCII slug of a name ("Zürich AI Labs" → "zurich-ai-labs"); empty when nothing is left. */
export function slugifyName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 60)
    .replace(/^-+|-+$/g, "");
}

/**
 * A new user-name id: `user:` + the name's slug + `-` + 6 random characters, or
 * `user:` + 12 random characters when the name has no ASCII letters or digits ("深度求索",
 * "!!!"). Never one in `taken`; always passes the user-name schema.
 */
export function makeUserNameId(
  name: string,
  random: RandomSource = cryptoRandom,
  taken: TakenIds = NO_IDS,
): string {
  const slug = slugifyName(name);
  return makeFreeId(
    () =>
      slug
        ? `user:${slug}-${drawChars(6, LOWER_ALPHANUMERIC, random)}`
        : `user:${drawChars(12, LOWER_ALPHANUMERIC, random)}`,
    taken,
  );
}
