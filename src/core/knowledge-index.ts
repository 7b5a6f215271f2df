/**
 * One read-only view over every loaded knowledge pack: entities by id, every alias to compile
 * into the matcher, and which entities are related (for resolving ambiguous names).
 *
 * Pure: no DOM, no extension APIs.
 */
import type { Alias, Entity, KnowledgePack } from "./knowledge-schema";

/** An entity with the pack it came from. */
export interface IndexedEntity {
  entity: Entity;
  packId: string;
  origin: "article" | "reference";
}

/** One alias of one entity: the unit the matcher compiles. */
export interface AliasEntry {
  entityId: string;
  alias: Alias;
}

/** Every loaded pack, indexed. */
export interface KnowledgeIndex {
  /** Entities by id, across all packs. */
  readonly entities: ReadonlyMap<string, IndexedEntity>;
  /** Every alias of every entity, in pack order, then entity order, then alias order. */
  readonly aliasEntries: readonly AliasEntry[];
  /** Ids related to `id` in either direction (stored relations plus derived inverses of cross-pack ones). */
  relatedIds(id: string): ReadonlySet<string>;
}

const NO_IDS: ReadonlySet<string> = new Set();

/**
 * Indexes packs that will be used together.
 *
 * Contract:
 * - Never throws and never mutates the packs. Packs are expected to have passed
 *   `parseKnowledgePack` and `checkPackIntegrity`, but unsound input is tolerated:
 *   when an entity id occurs twice, the first occurrence (pack order) wins and the later
 *   entity and its aliases are left out.
 * - `aliasEntries` lists every alias of every kept entity, in pack, entity and alias order.
 * - `relatedIds(id)` is symmetric: `b ∈ relatedIds(a)` ⇔ `a ∈ relatedIds(b)`. It contains
 *   every stored relation target of `id` and every entity whose relation targets `id`, so a
 *   relation from a reference pack into the article pack (stored on one side only) counts both
 *   ways. Targets that are not loaded and `id` itself are never included; an unknown id gives an
 *   empty set.
 */
export function buildKnowledgeIndex(packs: readonly KnowledgePack[]): KnowledgeIndex {
  const entities = new Map<string, IndexedEntity>();
  const aliasEntries: AliasEntry[] = [];
  for (const pack of packs) {
    for (const entity of pack.entities) {
      if (entities.has(entity.id)) continue;
      entities.set(entity.id, { entity, packId: pack.id, origin: pack.origin });
      for (const alias of entity.aliases) aliasEntries.push({ entityId: entity.id, alias });
    }
  }

  const related = new Map<string, Set<string>>();
  const link = (from: string, to: string): void => {
    let ids = related.get(from);
    if (!ids) {
      ids = new Set();
      related.set(from, ids);
    }
    ids.add(to);
  };
  for (const { entity } of entities.values()) {
    for (const relation of entity.relations ?? []) {
      if (relation.target === entity.id || !entities.has(relation.target)) continue;
      link(entity.id, relation.target);
      link(relation.target, entity.id);
    }
  }

  return {
    entities,
    aliasEntries,
    relatedIds: (id) => related.get(id) ?? NO_IDS,
  };
}
