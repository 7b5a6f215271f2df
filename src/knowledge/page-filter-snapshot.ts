/**
 * The page filter's source for the bundled packs (see core/page-filter-source.ts), made
 * ahead of time. Empty here: `build.mjs` replaces this module in the content script's bundle
 * with the source it makes, so no page pays for making it. Without one (a build that lacks
 * it), every page may mention a name and the content app always starts.
 */

import type { PageFilterSource } from "../core/page-filter";

/** The source, where the build has put one; null when the packs have too many names for one. */
export const PAGE_FILTER_SOURCE: PageFilterSource | null | undefined = undefined;
