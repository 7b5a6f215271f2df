/**
 * Where this document sits among its tab's frames, as the content script needs to know it:
 * whether it runs here at all, whether it is the top frame, and which page it belongs to.
 */

/** Where a document sits: the top frame or not, and the key of its page (see FrameReport). */
export interface FramePlace {
  readonly topFrame: boolean;
  /** The top document's time origin; NaN when it cannot be read. */
  readonly topKey: number;
  /** This document's own key, drawn at random (see FrameReport's `frameKey`). */
  readonly frameKey: number;
  /**
   * Where the frame sits in the top document now (see FrameReport's `path`): read anew on
   * each call, since frames put before it later move it.
   */
  readPath(): number[];
}

/**
 * True in the top frame and in frames of the top frame's origin (a page's own embedded
 * pages). The manifest injects the content script into every frame; in other origins' frames
 * (ads, widgets) it stops at once, which would only cost time.
 */
export function isTopOrSameOriginFrame(): boolean {
  if (window === window.top) return true;
  try {
    return window.top?.location.origin === location.origin;
  } catch {
    // Reading another origin's location throws.
    return false;
  }
}

/**
 * This document's place (the app runs only in frames of the top document's origin, which may
 * read it). The key is read on first use: only a page that reports needs it, and `performance`
 * costs a DOM object's first use in the content script's world (tenths of a ms), which a page
 * without names is spared.
 */
export function readFramePlace(): FramePlace {
  const topFrame = window === window.top;
  let topKey: number | undefined;
  return {
    topFrame,
    get topKey() {
      topKey ??= readTopKey(topFrame);
      return topKey;
    },
    frameKey: Math.random(),
    readPath: () => (topFrame ? [] : readFramePath(window)),
  };
}

/**
 * `view`'s place in the top document (see FrameReport's `path`), outermost first: for each
 * frame from the top document's child down to `view`, the index of its element among its
 * parent document's frame elements (iframe, frame, object, embed), in document order. Where
 * that element cannot be read (the parent is of another origin) the index is the frame's
 * among the parent's frames, in the order they were made (`length`, the indexed frames and
 * `parent` can be read across origins; window.frames does not follow the document's order).
 * A frame not found among them (in a shadow tree) comes after its siblings. Empty in the top
 * frame, or when a window on the way has gone.
 */
export function readFramePath(view: Window): number[] {
  const path: number[] = [];
  try {
    for (let child = view; child.parent !== child; child = child.parent) {
      path.unshift(placeAmongSiblings(child));
    }
  } catch {
    // A window torn down meanwhile: no place known.
    return [];
  }
  return path;
}

function placeAmongSiblings(child: Window): number {
  let element: Element | null = null;
  try {
    element = child.frameElement;
  } catch {
    // Another origin's window: its element is not ours to read.
  }
  if (element)
    return indexAmong(element.ownerDocument.querySelectorAll("iframe, frame, object, embed"), element);
  return indexAmong(child.parent, child);
}

/** `item`'s index in `list` (a node list, or a window's frames); past the end when not there. */
function indexAmong(list: ArrayLike<unknown>, item: unknown): number {
  let at = 0;
  while (at < list.length && list[at] !== item) at++;
  return at;
}

function readTopKey(topFrame: boolean): number {
  // The top frame reads its own (reaching through `window.top` costs a cross-context lookup).
  if (topFrame) return performance.timeOrigin;
  try {
    return (window.top ?? window).performance.timeOrigin;
  } catch {
    return Number.NaN;
  }
}

/** True while the browser prerenders this page (Chromium's `document.prerendering`). */
export function isPrerendering(): boolean {
  return (document as Document & { prerendering?: boolean }).prerendering === true;
}
