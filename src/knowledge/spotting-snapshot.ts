/**
 * The matcher's trie for the bundled packs, made ahead of time. Empty here: `build.mjs`
 * replaces this module in the content script's bundle with the snapshot it makes with
 * `makeSpottingSnapshot`, so no page pays for building the trie. Everywhere else (tests,
 * extension pages) the trie is built at run time, which gives the same matcher.
 */
import type { TrieSnapshot } from "../core/matcher";

/** The snapshot, where the build has put one. */
export const SPOTTING_SNAPSHOT: TrieSnapshot | undefined = undefined;
