/**
 * Finds known entities by what the user types: their name or any alias, case-insensitive,
 * in Latin or Chinese script, tolerant of spaces, hyphens and dots ("qwen 2.5", "deepseekv3").
 * Pure: no DOM.
 */
import type { IndexedEntity, KnowledgeIndex } from "./knowledge-index";

/** Case- and width-folded text: "ＤｅｅｐＳｅｅｋ" and "deepseek" are the same. */
export function foldText(text: string): string {
  return text.normalize("NFKC").toLocaleLowerCase("en").replace(/\s+/g, " ").trim();
}

/** Folded text without separators, so "Qwen 2.5-Max" and "qwen2.5max" meet. */
function compact(folded: string): string {
  return folded.replace(/[\s\-_.·・/]+/g, "");
}

/** 0 exact, 1 prefix, 2 start of a word, 3 anywhere; null when `candidate` does not match. */
function scoreText(candidate: string, query: string, compactQuery: string): number | null {
  const folded = foldText(candidate);
  if (folded === query) return 0;
  if (folded.startsWith(query)) return 1;
  const at = folded.indexOf(query);
  if (at > 0) return /[\s\-_.(（/]/.test(folded.charAt(at - 1)) ? 2 : 3;
  if (compactQuery === "") return null;
  const squeezed = compact(folded);
  if (squeezed === compactQuery) return 0;
  if (squeezed.startsWith(compactQuery)) return 1;
  return squeezed.includes(compactQuery) ? 3 : null;
}

export interface SearchResult {
  /** The best matches, best first, at most `limit`. */
  hits: IndexedEntity[];
  /** How many entities matched in all. */
  total: number;
}

/**
 * Entities whose name or an alias contains `query`, best first: exact matches, then prefixes,
 * then word starts, then anywhere; ties go to article entities, then shorter names, then A–Z.
 */
export function searchEntities(index: KnowledgeIndex, query: string, limit: number): SearchResult {
  const folded = foldText(query);
  if (folded === "") return { hits: [], total: 0 };
  const compactQuery = compact(folded);
  const scored: { item: IndexedEntity; score: number }[] = [];
  for (const item of index.entities.values()) {
    let best: number | null = null;
    for (const text of [item.entity.name, ...item.entity.aliases.map((alias) => alias.text)]) {
      const score = scoreText(text, folded, compactQuery);
      if (score !== null && (best === null || score < best)) best = score;
      if (best === 0) break;
    }
    if (best !== null) scored.push({ item, score: best });
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      Number(b.item.origin === "article") - Number(a.item.origin === "article") ||
      a.item.entity.name.length - b.item.entity.name.length ||
      a.item.entity.name.localeCompare(b.item.entity.name, "en", { sensitivity: "base" }),
  );
  return { hits: scored.slice(0, Math.max(0, limit)).map(({ item }) => item), total: scored.length };
}
