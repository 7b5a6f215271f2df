/**
 * The knowledge-pack schema: the types every card, summary and timeline is built from,
 * and the runtime validation that guards bundled packs and, later, user imports.
 *
 * Validation happens in two layers:
 * - {@link parseKnowledgePack} checks the shape (valibot) and reports each problem with
 *   its path in plain words (`entities[3].facts[0].quote: …`).
 * - `checkPackIntegrity` (knowledge-integrity.ts) checks what a shape cannot: unique ids,
 *   relation targets and inverses, alias collisions, timeline order.
 */
import * as v from "valibot";
import { ENTITY_KINDS } from "./entity-kinds";

/** Stable identifiers: lowercase ASCII words joined by hyphens or dots ("qwen-2.5-max"). */
const IdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, "must be lowercase letters, digits, '-' or '.'"),
);

const TextSchema = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"));

export { ENTITY_KINDS, type EntityKind } from "./entity-kinds";

/** How a fact is to be presented: claims and quotes are always attributed (`by`). */
export const FACT_KINDS = ["fact", "claim", "quote", "definition"] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/**
 * Relation types, each with its inverse. Symmetric relations are their own inverse.
 * Relations are stored on both entities so that a card can list them without a join.
 */
export const RELATION_INVERSES = {
  "made-by": "makes",
  makes: "made-by",
  "founder-of": "founded-by",
  "founded-by": "founder-of",
  owns: "owned-by",
  "owned-by": "owns",
  "backed-by": "backs",
  backs: "backed-by",
  "division-of": "has-division",
  "has-division": "division-of",
  "family-of": "member-of-family",
  "member-of-family": "family-of",
  "powered-by": "powers",
  powers: "powered-by",
  "interviewed-by": "interviewed",
  interviewed: "interviewed-by",
  "defined-by": "defines",
  defines: "defined-by",
  "evaluated-on": "evaluates",
  evaluates: "evaluated-on",
  "compared-with": "compared-with",
  "competes-with": "competes-with",
} as const;
export type RelationType = keyof typeof RELATION_INVERSES;
const RELATION_TYPES = Object.keys(RELATION_INVERSES) as RelationType[];

/** A link to a public reference, for anything that does not come from the article. */
export const ReferenceSchema = v.strictObject({
  url: v.pipe(v.string(), v.url("must be a URL"), v.startsWith("https://", "must be an https URL")),
  title: TextSchema,
});
export type Reference = v.InferOutput<typeof ReferenceSchema>;

/**
 * A date as the source gives it. `iso` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `text` is how
 * the source phrases it; `assumed` says, in plain words, which part comes from outside the
 * source and why (the article never prints a year, for instance).
 */
export const DateInfoSchema = v.strictObject({
  iso: v.pipe(
    v.string(),
    v.regex(
      /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/,
      "must be YYYY, YYYY-MM or YYYY-MM-DD",
    ),
  ),
  text: TextSchema,
  assumed: v.optional(TextSchema),
});
export type DateInfo = v.InferOutput<typeof DateInfoSchema>;

/**
 * A note from outside the source: shown clearly labelled, always with a reference.
 * Used where the article is wrong or incomplete.
 */
export const ContextNoteSchema = v.strictObject({
  text: TextSchema,
  reference: ReferenceSchema,
});
export type ContextNote = v.InferOutput<typeof ContextNoteSchema>;

/**
 * One way of writing an entity's name.
 * - `caseSensitive`: match the exact case only (default false).
 * - `lang`: BCP 47 language of the alias ("en", "zh"); Chinese aliases match inside Chinese text.
 * - `ambiguous`: an ordinary word elsewhere ("Waves", "o1"); counts only with context
 *   (a mention of a related entity on the page, or one of `contextWords` nearby).
 * - `versioned`: the alias may be followed by a version ("Qwen3", "Qwen-72B") and still
 *   mean this entity when no more specific entity matches.
 * - `notBefore` / `notAfter`: strings that, directly around the alias, mean it is another
 *   word (阿里 is not 阿里山).
 */
export const AliasSchema = v.strictObject({
  text: TextSchema,
  caseSensitive: v.optional(v.boolean()),
  lang: v.optional(
    v.pipe(v.string(), v.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/, "must be a language tag like en or zh")),
  ),
  ambiguous: v.optional(v.boolean()),
  contextWords: v.optional(v.array(TextSchema)),
  versioned: v.optional(v.boolean()),
  notBefore: v.optional(v.array(TextSchema)),
  notAfter: v.optional(v.array(TextSchema)),
});
export type Alias = v.InferOutput<typeof AliasSchema>;

/**
 * One statement about an entity, in our own words (`text`).
 * - From the article: `quote` holds the supporting words copied verbatim from it.
 * - From elsewhere: `reference` names the public source.
 * `by` names the entity that made a claim or said a quote.
 */
export const FactSchema = v.pipe(
  v.strictObject({
    id: IdSchema,
    kind: v.picklist(FACT_KINDS, `must be one of: ${FACT_KINDS.join(", ")}`),
    text: TextSchema,
    by: v.optional(IdSchema),
    date: v.optional(DateInfoSchema),
    quote: v.optional(TextSchema),
    reference: v.optional(ReferenceSchema),
    context: v.optional(v.array(ContextNoteSchema)),
  }),
  v.check((f) => f.quote !== undefined || f.reference !== undefined, "needs a quote or a reference"),
  v.check(
    (f) => (f.kind !== "claim" && f.kind !== "quote") || f.by !== undefined,
    "a claim or quote needs `by`",
  ),
);
export type Fact = v.InferOutput<typeof FactSchema>;

/** A typed link from one entity to another, with the article words that support it. */
export const RelationSchema = v.strictObject({
  type: v.picklist(RELATION_TYPES, "must be a known relation type"),
  target: IdSchema,
  quote: v.optional(TextSchema),
  reference: v.optional(ReferenceSchema),
});
export type Relation = v.InferOutput<typeof RelationSchema>;

/** A named player: company, model, product, person, media outlet, benchmark or concept. */
export const EntitySchema = v.strictObject({
  id: IdSchema,
  name: TextSchema,
  kind: v.picklist(ENTITY_KINDS, `must be one of: ${ENTITY_KINDS.join(", ")}`),
  summary: TextSchema,
  aliases: v.pipe(v.array(AliasSchema), v.minLength(1, "needs at least one alias")),
  facts: v.array(FactSchema),
  relations: v.optional(v.array(RelationSchema), []),
  context: v.optional(v.array(ContextNoteSchema)),
});
export type Entity = v.InferOutput<typeof EntitySchema>;

/** One event of the story, in order. */
export const TimelineEventSchema = v.strictObject({
  id: IdSchema,
  date: DateInfoSchema,
  title: TextSchema,
  entities: v.pipe(v.array(IdSchema), v.minLength(1, "needs at least one entity")),
  quote: TextSchema,
});
export type TimelineEvent = v.InferOutput<typeof TimelineEventSchema>;

/** Where a pack's facts come from. */
export const SourceSchema = v.strictObject({
  title: TextSchema,
  context: TextSchema,
  retrieved: TextSchema,
});
export type Source = v.InferOutput<typeof SourceSchema>;

/**
 * A knowledge pack. `origin: "article"` packs cite the article by quote;
 * `origin: "reference"` packs cite public references and are shown as not from the article.
 */
export const KnowledgePackSchema = v.strictObject({
  schemaVersion: v.literal(1, "must be 1"),
  id: IdSchema,
  version: TextSchema,
  origin: v.picklist(["article", "reference"], "must be article or reference"),
  source: SourceSchema,
  entities: v.array(EntitySchema),
  timeline: v.optional(v.array(TimelineEventSchema), []),
});
export type KnowledgePack = v.InferOutput<typeof KnowledgePackSchema>;

/** The result of validating untrusted input: the value, or every problem in plain words. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Renders a valibot issue path as `entities[3].facts[0].quote`. */
export function formatIssuePath(path: readonly { key: unknown }[] | undefined): string {
  if (!path || path.length === 0) return "(root)";
  let out = "";
  for (const item of path) {
    out += typeof item.key === "number" ? `[${item.key}]` : `${out ? "." : ""}${String(item.key)}`;
  }
  return out;
}

/** Turns valibot issues into `path: problem` lines, without echoing the (possibly hostile) input. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const where = formatIssuePath(issue.path as { key: unknown }[] | undefined);
    if (issue.kind === "schema" && issue.type === "strict_object" && issue.expected === "never") {
      return `${where}: is not a known field`;
    }
    if (issue.kind === "schema" && issue.received === "undefined") {
      return `${where}: is missing`;
    }
    const message = issue.message.startsWith("Invalid")
      ? `expected ${issue.expected ?? "something else"}`
      : issue.message;
    return `${where}: ${message}`;
  });
}

/**
 * Validates the shape of an untrusted value as a knowledge pack. Never throws; on failure
 * every problem is named with its path. Semantic checks live in knowledge-integrity.ts.
 */
export function parseKnowledgePack(input: unknown): ParseResult<KnowledgePack> {
  const result = v.safeParse(KnowledgePackSchema, input);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, problems: describeIssues(result.issues) };
}
