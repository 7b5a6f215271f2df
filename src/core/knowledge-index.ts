/**
 * One read-only view over every loaded knowledge pack: entities by id, every alias to compile
 * into the matcher, and which entities are related (for resolving ambiguous names).
 *
 * Pure: no DOM, no extension APIs.
 */
import type { Alias, Entity, KnowledgePack } from "./knowledge-schema";
import type { IndexedName } from "./name-index";
import { normaliseForComparison } from "./text-boundaries";

/** An entity with the pack it came from. */
export interface IndexedEntity {
  entity: Entity;
  packId: string;
  /** Where it comes from: the article pack, a reference pack, or the user's own names. */
  origin: "article" | "reference" | "user";
}

/** The pack id given to the user's own names. */
export const USER_PACK_ID = "user";

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
 * - `userNames` (the user's tracked names) come after the packs, as entities of origin "user"
 *   with no facts and no relations; their name and aliases are matched like any alias (case
 *   ignored unless the name says otherwise). A user name never replaces a pack entity, and
 *   never takes over a pack's alias: a spelling a pack already knows ("DeepSeek", ignoring
 *   case, spaces and dashes) keeps leading to the pack's entity and its cited facts.
 */
export function buildKnowledgeIndex(
  packs: readonly KnowledgePack[],
  userNames: readonly IndexedName[] = [],
): KnowledgeIndex {
  const entities = new Map<string, IndexedEntity>();
  const aliasEntries: AliasEntry[] = [];
  for (const pack of packs) {
    for (const entity of pack.entities) {
      if (entities.has(entity.id)) continue;
      entities.set(entity.id, { entity, packId: pack.id, origin: pack.origin });
      for (const alias of entity.aliases) aliasEntries.push({ entityId: entity.id, alias });
    }
  }
  // Only with tracked names: normalising every pack spelling is start-up work on every page.
  const packSpellings =
    userNames.length > 0
      ? new Set(aliasEntries.map((entry) => normaliseForComparison(entry.alias.text)))
      : null;
  for (const name of userNames) {
    if (entities.has(name.id)) continue;
    const entity = userNameEntity(name);
    entities.set(name.id, { entity, packId: USER_PACK_ID, origin: "user" });
    for (const alias of entity.aliases) {
      if (!packSpellings?.has(normaliseForComparison(alias.text)))
        aliasEntries.push({ entityId: name.id, alias });
    }
  }

  // Built on first need: only ambiguous names ask, and most pages have none.
  let related: Map<string, Set<string>> | undefined;
  const relations = (): Map<string, Set<string>> => {
    if (related) return related;
    related = new Map();
    const map = related;
    const link = (from: string, to: string): void => {
      let ids = map.get(from);
      if (!ids) {
        ids = new Set();
        map.set(from, ids);
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
    return map;
  };

  return {
    entities,
    aliasEntries,
    relatedIds: (id) => relations().get(id) ?? NO_IDS,
  };
}

/**
 * The alias entries of the entities whose kind is in `kinds` (the names a page marks), in
 * index order: what the content script compiles into its matcher.
 */
export function aliasEntriesOfKinds(index: KnowledgeIndex, kinds: Iterable<string>): AliasEntry[] {
  const wanted = new Set(kinds);
  return index.aliasEntries.filter((entry) => {
    const kind = index.entities.get(entry.entityId)?.entity.kind;
    return kind !== undefined && wanted.has(kind);
  });
}

/** A tracked name as an entity: its name and aliases (each once) as aliases, nothing else. */
function userNameEntity(name: IndexedName): Entity {
  const aliases: Alias[] = [];
  const seen = new Set<string>();
  for (const text of [name.name, ...name.aliases]) {
    const key = name.caseSensitive ? text : text.toLowerCase();
    if (text.trim() === "" || seen.has(key)) continue;
    seen.add(key);
    aliases.push(name.caseSensitive ? { text, caseSensitive: true } : { text });
  }
  return {
    id: name.id,
    name: name.name,
    kind: name.kind,
    summary: name.summary ?? "",
    aliases,
    facts: [],
    relations: [],
  };
}
