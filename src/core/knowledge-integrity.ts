/**
 * Semantic checks for knowledge packs: what a shape check (knowledge-schema.ts) cannot see.
 * Unique ids, relation targets and their inverses, attributions, timeline order, alias
 * collisions, citation promises, and quotes that must occur verbatim in the source article.
 *
 * Pure functions: no DOM, no extension APIs. Every problem is one plain-language line that
 * names where it is, e.g. `article: entities[4] (deepseek-v3).relations[1]: …`.
 */
import { type Entity, type KnowledgePack, RELATION_INVERSES } from "./knowledge-schema";

/** Where an entity sits: its pack, its index in that pack, and the entity itself. */
interface EntityLocation {
  pack: KnowledgePack;
  index: number;
  entity: Entity;
}

/** Dash-like characters that writers use interchangeably inside names ("GPT-4o", "GPT‑4o"). */
const DASHES = "\\-\\u2010\\u2011\\u2012\\u2013\\u2014\\u2015\\u2212\\uFE58\\uFE63\\uFF0D";
const SEPARATOR_RUN = new RegExp(`[\\s${DASHES}]+`, "gu");

/** The longest stretch of quoted text a problem line repeats before cutting it short. */
const EXCERPT_LENGTH = 60;

/**
 * Collapses every run of whitespace (spaces, tabs, line breaks, no-break and other Unicode
 * spaces) to a single ASCII space and trims both ends. Nothing else changes: quotes,
 * apostrophes, dashes and case are kept exactly as written.
 */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/**
 * The form in which two alias texts count as the same name: NFKC, lower case, and every run
 * of whitespace or dashes turned into one space ("Qwen 2.5-Max" = "qwen 2.5 max").
 */
function normaliseAliasKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(SEPARATOR_RUN, " ").trim();
}

function describeEntity(pack: KnowledgePack, index: number, entity: Entity): string {
  return `${pack.id}: entities[${index}] (${entity.id})`;
}

function shortenForMessage(text: string): string {
  const flat = normaliseWhitespace(text);
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

function indexEntities(packs: readonly KnowledgePack[], problems: string[]): Map<string, EntityLocation> {
  const byId = new Map<string, EntityLocation>();
  for (const pack of packs) {
    pack.entities.forEach((entity, index) => {
      const first = byId.get(entity.id);
      if (first) {
        problems.push(
          `${describeEntity(pack, index, entity)}: duplicate entity id, already used at ${describeEntity(first.pack, first.index, first.entity)}`,
        );
        return;
      }
      byId.set(entity.id, { pack, index, entity });
    });
  }
  return byId;
}

function checkUniqueFactIds(pack: KnowledgePack, problems: string[]): void {
  const seen = new Map<string, string>();
  pack.entities.forEach((entity, index) => {
    entity.facts.forEach((fact, factIndex) => {
      const where = `${describeEntity(pack, index, entity)}.facts[${factIndex}]`;
      const first = seen.get(fact.id);
      if (first) {
        problems.push(`${where}: duplicate fact id "${fact.id}", already used at ${first}`);
        return;
      }
      seen.set(fact.id, where);
    });
  });
}

function checkRelations(
  pack: KnowledgePack,
  byId: ReadonlyMap<string, EntityLocation>,
  problems: string[],
): void {
  pack.entities.forEach((entity, index) => {
    (entity.relations ?? []).forEach((relation, relationIndex) => {
      const where = `${describeEntity(pack, index, entity)}.relations[${relationIndex}]`;
      const target = byId.get(relation.target);
      if (!target) {
        problems.push(`${where}: target "${relation.target}" does not exist`);
        return;
      }
      // Only same-pack targets must store the inverse: a reference pack may point at an
      // article entity without editing the article pack.
      if (target.pack !== pack) return;
      const inverse = RELATION_INVERSES[relation.type];
      const stored = (target.entity.relations ?? []).some(
        (back) => back.type === inverse && back.target === entity.id,
      );
      if (!stored) {
        problems.push(
          `${where}: ${relation.type} "${relation.target}" has no inverse; ${describeEntity(target.pack, target.index, target.entity)} needs ${inverse} "${entity.id}"`,
        );
      }
    });
  });
}

function checkAttributions(
  pack: KnowledgePack,
  byId: ReadonlyMap<string, EntityLocation>,
  problems: string[],
): void {
  pack.entities.forEach((entity, index) => {
    entity.facts.forEach((fact, factIndex) => {
      if (fact.by !== undefined && !byId.has(fact.by)) {
        problems.push(
          `${describeEntity(pack, index, entity)}.facts[${factIndex}] (${fact.id}).by: entity "${fact.by}" does not exist`,
        );
      }
    });
  });
}

function checkTimeline(
  pack: KnowledgePack,
  byId: ReadonlyMap<string, EntityLocation>,
  problems: string[],
): void {
  const timeline = pack.timeline ?? [];
  const seen = new Map<string, number>();
  timeline.forEach((event, eventIndex) => {
    const where = `${pack.id}: timeline[${eventIndex}] (${event.id})`;
    const first = seen.get(event.id);
    if (first !== undefined) {
      problems.push(`${where}: duplicate timeline id, already used at timeline[${first}]`);
    } else {
      seen.set(event.id, eventIndex);
    }
    event.entities.forEach((id, idIndex) => {
      if (!byId.has(id)) problems.push(`${where}.entities[${idIndex}]: entity "${id}" does not exist`);
    });
    const previous = timeline[eventIndex - 1];
    // ISO prefixes sort as plain strings: "2024-05" < "2024-05-06" < "2024-06".
    if (previous && event.date.iso < previous.date.iso) {
      problems.push(
        `${where}.date: ${event.date.iso} comes before ${previous.date.iso} of timeline[${eventIndex - 1}] (${previous.id}); the timeline must be in date order`,
      );
    }
  });
}

function checkAliasCollisions(packs: readonly KnowledgePack[], problems: string[]): void {
  const byKey = new Map<string, { where: string; entityId: string; ambiguous: boolean }[]>();
  for (const pack of packs) {
    pack.entities.forEach((entity, index) => {
      entity.aliases.forEach((alias, aliasIndex) => {
        const key = normaliseAliasKey(alias.text);
        const uses = byKey.get(key) ?? [];
        uses.push({
          where: `${describeEntity(pack, index, entity)}.aliases[${aliasIndex}] "${alias.text}"`,
          entityId: entity.id,
          ambiguous: alias.ambiguous === true,
        });
        byKey.set(key, uses);
      });
    });
  }
  for (const uses of byKey.values()) {
    const entityIds = [...new Set(uses.map((use) => use.entityId))];
    if (entityIds.length < 2 || uses.every((use) => use.ambiguous)) continue;
    problems.push(
      `${uses.map((use) => use.where).join(" and ")}: the same alias names ${entityIds.join(", ")}; mark every one ambiguous or keep it on one entity`,
    );
  }
}

function checkCitations(pack: KnowledgePack, problems: string[]): void {
  pack.entities.forEach((entity, index) => {
    const where = describeEntity(pack, index, entity);
    if (pack.origin === "article" && !entity.facts.some((fact) => fact.quote !== undefined)) {
      problems.push(`${where}.facts: an article entity needs at least one fact with a quote`);
    }
    if (pack.origin === "reference") {
      entity.facts.forEach((fact, factIndex) => {
        if (fact.reference === undefined) {
          problems.push(
            `${where}.facts[${factIndex}] (${fact.id}).reference: a reference-pack fact needs a reference`,
          );
        }
      });
    }
  });
}

/**
 * Checks a set of packs that will be loaded together, beyond their shape.
 *
 * Contract:
 * - Input packs have already passed `parseKnowledgePack`; this function never throws.
 * - Returns one plain-language problem per finding, each starting with the pack id and the
 *   path (`article: entities[4] (deepseek-v3).relations[1]: …`); an empty array means sound.
 * - Entity ids must be unique across all packs; fact ids unique within a pack; timeline ids
 *   unique within a pack.
 * - Relation targets, fact `by` and timeline entity ids may point into any of the packs.
 *   A relation whose target is in the same pack needs its inverse (RELATION_INVERSES) stored
 *   on the target; a relation into another pack does not.
 * - Each pack's timeline is in non-decreasing ISO date order; a shorter prefix sorts first
 *   ("2024-05" before "2024-05-06").
 * - One alias text (compared after NFKC, lower-casing, and folding runs of whitespace and
 *   dashes to one space) may name two different entities only if every such alias is marked
 *   `ambiguous`.
 * - Every entity of an `origin: "article"` pack has at least one fact with a `quote`; every
 *   fact of an `origin: "reference"` pack has a `reference`.
 */
export function checkPackIntegrity(packs: readonly KnowledgePack[]): string[] {
  const problems: string[] = [];
  const byId = indexEntities(packs, problems);
  for (const pack of packs) {
    checkUniqueFactIds(pack, problems);
    checkRelations(pack, byId, problems);
    checkAttributions(pack, byId, problems);
    checkTimeline(pack, byId, problems);
    checkCitations(pack, problems);
  }
  checkAliasCollisions(packs, problems);
  return problems;
}

/**
 * Finds every quote in a pack that does not occur verbatim in the article.
 *
 * Contract:
 * - Checks the `quote` of every fact, every relation and every timeline event.
 * - Both sides are compared after {@link normaliseWhitespace} only; matching is otherwise
 *   exact and case-sensitive, so a straight apostrophe (') never matches a curly one (’).
 * - Returns one problem per missing quote, naming its path and the start of the quote
 *   (`article: entities[0] (alibaba).facts[1] (alibaba-claims-beats-deepseek-v3).quote: …`);
 *   an empty array means every quote was found. Never throws.
 */
export function findMissingQuotes(pack: KnowledgePack, articleText: string): string[] {
  const article = normaliseWhitespace(articleText);
  const problems: string[] = [];
  const check = (where: string, quote: string | undefined): void => {
    if (quote === undefined || article.includes(normaliseWhitespace(quote))) return;
    problems.push(`${where}.quote: not found verbatim in the article: "${shortenForMessage(quote)}"`);
  };
  pack.entities.forEach((entity, index) => {
    const where = describeEntity(pack, index, entity);
    entity.facts.forEach((fact, factIndex) => {
      check(`${where}.facts[${factIndex}] (${fact.id})`, fact.quote);
    });
    (entity.relations ?? []).forEach((relation, relationIndex) => {
      check(`${where}.relations[${relationIndex}]`, relation.quote);
    });
  });
  (pack.timeline ?? []).forEach((event, eventIndex) => {
    check(`${pack.id}: timeline[${eventIndex}] (${event.id})`, event.quote);
  });
  return problems;
}
