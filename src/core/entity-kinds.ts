/**
 * What sort of thing an entity is. On its own, apart from the pack schema, so that code on every
 * page (settings, spotting) can name the kinds without loading the schema library.
 */
export const ENTITY_KINDS = [
  "company",
  "model",
  "product",
  "person",
  "media",
  "benchmark",
  "concept",
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
