/**
 * Makes the build-time trie snapshot of the content script (see spotting-snapshot.ts): the
 * trie of the names a page marks with the default settings, the packs and no tracked names.
 */
import { aliasEntriesOfKinds, buildKnowledgeIndex } from "../core/knowledge-index";
import type { KnowledgePack } from "../core/knowledge-schema";
import { snapshotTrie, type TrieSnapshot } from "../core/matcher";
import { DEFAULT_SETTINGS } from "../core/settings";

/** The snapshot for `packs` (the content script's copy of the bundled packs). */
export function makeSpottingSnapshot(packs: readonly KnowledgePack[]): TrieSnapshot {
  return snapshotTrie(aliasEntriesOfKinds(buildKnowledgeIndex(packs), DEFAULT_SETTINGS.markedKinds));
}
