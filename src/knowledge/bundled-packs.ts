/**
 * The knowledge packs that ship inside the extension. Their shape and integrity are proven
 * by tests/unit/knowledge-packs.test.ts, so they are not validated again at run time.
 */
import type { KnowledgePack } from "../core/knowledge-schema";
import article from "./article.json";
import morePlayers from "./more-players.json";

/** The article pack first: its entities are the product's core. */
export const BUNDLED_PACKS: readonly KnowledgePack[] = [
  article as unknown as KnowledgePack,
  morePlayers as unknown as KnowledgePack,
];
