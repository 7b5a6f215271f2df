/**
 * The page summary a frame answers the popup with. The top frame adds in the names its page's
 * same-origin frames counted (the background keeps their reports); a frame whose app has not
 * started answers that it found no names (yet), from the first stage (see bootstrap.ts).
 */
import { withFrameCounts } from "../core/frame-reports";
import type { PageSummary } from "../core/messages";
import type { sendToExtension } from "../platform/messaging";
import type { FramePlace } from "./frame-place";

/** Adds to `own` the names counted by the other frames of the page, when this is its top frame. */
export async function withOtherFrames(
  own: PageSummary,
  place: FramePlace,
  send: typeof sendToExtension,
): Promise<PageSummary> {
  if (!place.topFrame || !own.active) return own;
  const frames = await send({ type: "context-cards:frame-counts", topKey: place.topKey }).catch(() => []);
  return withFrameCounts(own, Array.isArray(frames) ? frames : []);
}

/** What the first stage knows of a page whose app has not started. */
export interface QuietPage {
  place: FramePlace;
  /** Whether the extension runs here (not off, not paused on the site). */
  active: boolean;
  /** Whether the first stage has looked through the whole page (and found no name). */
  probed: boolean;
}

/** The summary of a page whose app has not started: no names here, and its frames' names. */
export function summarizeQuietPage(page: QuietPage, send: typeof sendToExtension): Promise<PageSummary> {
  const own: PageSummary = {
    url: location.href,
    active: page.active,
    scanned: page.active && page.probed,
    mentionCount: 0,
    entities: [],
    ...(page.active ? { title: document.title } : {}),
  };
  return withOtherFrames(own, page.place, send);
}
