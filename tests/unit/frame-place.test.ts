import { describe, expect, it } from "vitest";
import { readFramePath } from "../../src/content/frame-place";

/**
 * A window as readFramePath sees one: its parent (the top: itself), its frames by index (in
 * the order they were made), and its frame element where the parent is of its origin.
 */
interface FakeWindow {
  parent: FakeWindow;
  length: number;
  frameElement: FakeElement | null;
  /** The frame elements of its document, in document order. */
  containers: FakeElement[];
  [index: number]: FakeWindow;
}

interface FakeElement {
  ownerDocument: { querySelectorAll(selector: string): FakeElement[] };
}

function makeWindow(parent?: FakeWindow, options: { at?: number; sameOrigin?: boolean } = {}): FakeWindow {
  const view = { length: 0, frameElement: null, containers: [] } as unknown as FakeWindow;
  view.parent = parent ?? view;
  if (parent) {
    parent[parent.length++] = view;
    const owner = parent;
    const element: FakeElement = {
      ownerDocument: {
        querySelectorAll: (selector) => {
          expect(selector).toBe("iframe, frame, object, embed");
          return owner.containers;
        },
      },
    };
    parent.containers.splice(options.at ?? parent.containers.length, 0, element);
    if (options.sameOrigin !== false) view.frameElement = element;
  }
  return view;
}

/** Makes `view` a window of another origin: reading its frame element throws, as in a browser. */
function makeForeign(view: FakeWindow): FakeWindow {
  Object.defineProperty(view, "frameElement", {
    get() {
      throw new DOMException("Blocked a frame from accessing a cross-origin frame.", "SecurityError");
    },
  });
  return view;
}

const asWindow = (view: FakeWindow) => view as unknown as Window;

describe("readFramePath", () => {
  it("is empty in the top frame, and each frame element's place in its parent's document up to the top", () => {
    const top = makeWindow();
    const first = makeWindow(top);
    const second = makeWindow(top);
    const inner = [makeWindow(second), makeWindow(second), makeWindow(second)];
    const deepest = makeWindow(inner[2]);
    expect(readFramePath(asWindow(top))).toEqual([]);
    expect(readFramePath(asWindow(first))).toEqual([0]);
    expect(readFramePath(asWindow(second))).toEqual([1]);
    expect(readFramePath(asWindow(inner[1] as FakeWindow))).toEqual([1, 1]);
    expect(readFramePath(asWindow(deepest))).toEqual([1, 2, 0]);
  });

  it("follows the document's order, not the order the frames were made in", () => {
    const top = makeWindow();
    const made = makeWindow(top);
    // Made second, put before the first.
    const inserted = makeWindow(top, { at: 0 });
    expect(readFramePath(asWindow(inserted))).toEqual([0]);
    expect(readFramePath(asWindow(made))).toEqual([1]);
  });

  it("under a parent of another origin, takes the order the parent's frames were made in", () => {
    const top = makeWindow();
    makeWindow(top);
    // Second in the top page, of another origin: the top page's document still places it.
    const foreign = makeForeign(makeWindow(top));
    makeWindow(foreign, { sameOrigin: false });
    const second = makeWindow(foreign, { at: 0, sameOrigin: false });
    expect(readFramePath(asWindow(second))).toEqual([1, 1]);
    // Deeper still, under a frame of our origin inside the foreign one.
    const deeper = makeWindow(second);
    expect(readFramePath(asWindow(deeper))).toEqual([1, 1, 0]);
  });

  it("puts a frame its parent's document does not list (one in a shadow tree) after its siblings", () => {
    const top = makeWindow();
    makeWindow(top);
    makeWindow(top);
    const unlisted = makeWindow(top);
    top.containers.pop();
    expect(readFramePath(asWindow(unlisted))).toEqual([2]);
  });

  it("knows no place when a window on the way cannot be read", () => {
    const top = makeWindow();
    const frame = makeWindow(top, { sameOrigin: false });
    Object.defineProperty(top, "length", {
      get() {
        throw new Error("torn down");
      },
    });
    expect(readFramePath(asWindow(frame))).toEqual([]);
  });
});
