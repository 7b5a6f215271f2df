/**
 * Which text a person reads: the text nodes under a root, minus scripts, styles, form
 * fields, editable regions, hidden subtrees and our own UI — and, by construction, never
 * attributes or URLs (only Text nodes are visited). Open shadow roots are entered.
 */

/** Elements whose text is never read as prose, or must never be touched. */
const ALWAYS_SKIPPED = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "TEMPLATE",
  "TEXTAREA",
  "INPUT",
  "SELECT",
  "OPTION",
  "IFRAME",
  "OBJECT",
  "EMBED",
  "CANVAS",
  "VIDEO",
  "AUDIO",
  "HEAD",
  "TITLE",
  "svg",
  "math",
]);

/** Code blocks are skipped unless the user asks for them. */
const CODE_ELEMENTS = new Set(["CODE", "PRE", "KBD", "SAMP", "VAR"]);

/** The tag of the element that hosts our own UI; its subtree is never scanned. */
export const UI_HOST_TAG = "CONTEXT-CARDS-UI";

/** Options of the walk. */
export interface ReadableTextOptions {
  /** Also visit text inside code, pre, kbd, samp and var. */
  includeCode: boolean;
}

/** True when `element` and everything under it must be left out of the scan. */
export function isSkippedElement(element: Element, options: ReadableTextOptions): boolean {
  const tag = element.tagName;
  if (ALWAYS_SKIPPED.has(tag) || tag === UI_HOST_TAG) return true;
  if (!options.includeCode && CODE_ELEMENTS.has(tag)) return true;
  if (element.hasAttribute("hidden")) return true;
  // Any contenteditable value but "false" makes the subtree editable.
  const editable = element.getAttribute("contenteditable");
  if (editable !== null && editable.toLowerCase() !== "false") return true;
  return false;
}

/** True when `node` sits inside a subtree the scan leaves out (for nodes found by other means). */
export function isInSkippedSubtree(node: Node, options: ReadableTextOptions): boolean {
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (isSkippedElement(el, options)) return true;
  }
  const root = node.getRootNode();
  if (root instanceof ShadowRoot)
    return isInSkippedSubtree(root.host, options) || isSkippedElement(root.host, options);
  return (node.ownerDocument ?? document).designMode === "on";
}

/**
 * Yields the readable text nodes under `root` in document order, entering open shadow
 * roots after their host's light-DOM children. Skips everything `isSkippedElement` rejects.
 */
export function* walkReadableText(root: Node, options: ReadableTextOptions): Generator<Text> {
  const doc = root.ownerDocument ?? (root as Document);
  if (doc.designMode === "on") return;
  if (root instanceof Element && isSkippedElement(root, options)) return;
  // No NodeFilter: a filter is a call from C++ into JS for every node, which costs more than
  // the walk itself. Elements are checked here instead, and skipped subtrees jumped over.
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  const shadowHosts: Element[] = [];
  if (root instanceof Element && root.shadowRoot) shadowHosts.push(root);
  let node = walker.nextNode();
  while (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      yield node as Text;
      node = walker.nextNode();
    } else if (isSkippedElement(node as Element, options)) {
      node = nextOutside(walker, node);
    } else {
      if ((node as Element).shadowRoot) shadowHosts.push(node as Element);
      node = walker.nextNode();
    }
  }
  for (const host of shadowHosts) {
    const shadow = host.shadowRoot;
    if (shadow) yield* walkReadableText(shadow, options);
  }
}

/** The first node after `node`'s subtree in walk order (null at the end of the root). */
function nextOutside(walker: TreeWalker, node: Node): Node | null {
  walker.currentNode = node;
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}
