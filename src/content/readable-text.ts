/**
 * Which text a person reads: the text nodes under a root, minus scripts, styles, form
 * fields, editable regions, hidden subtrees and our own UI — and, by construction, never
 * attributes or URLs (only Text nodes are visited). Open shadow roots are entered.
 */

/**
 * Tag names as `tagName` and `nodeName` give them: upper case for HTML elements in an HTML
 * document, lower case in an XHTML one (and for SVG and MathML everywhere).
 */
function inBothCases(tags: readonly string[]): Set<string> {
  return new Set(tags.flatMap((tag) => [tag.toUpperCase(), tag.toLowerCase()]));
}

/** Elements whose text is never read as prose, or must never be touched. */
const ALWAYS_SKIPPED = inBothCases([
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
const CODE_ELEMENTS = inBothCases(["CODE", "PRE", "KBD", "SAMP", "VAR"]);

/** The tag of the element that hosts our own UI; its subtree is never scanned. */
export const UI_HOST_TAG = "CONTEXT-CARDS-UI";

/** Every tag whose subtree is skipped whatever the options. */
const SKIPPED_TAGS = new Set([...ALWAYS_SKIPPED, ...inBothCases([UI_HOST_TAG])]);

/**
 * The built-in elements that may host a shadow root (the DOM standard's list for
 * `attachShadow`, which declarative shadow roots follow too); custom elements, whose names hold
 * a hyphen, may as well. Upper case as in HTML documents, lower case as in XHTML.
 */
const SHADOW_CAPABLE = inBothCases([
  "article",
  "aside",
  "blockquote",
  "body",
  "div",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "main",
  "nav",
  "p",
  "section",
  "span",
]);

/** True when an element named `tag` may host a shadow root. */
function mayHostShadow(tag: string): boolean {
  return SHADOW_CAPABLE.has(tag) || tag.includes("-");
}

// Node types and TreeWalker masks as numbers: the first use of an interface object such as
// `Element` or `NodeFilter` in the content script's world instantiates it (tenths of a ms each).
const ELEMENT_NODE = 1;
/** `nodeName` of every Text node. */
const TEXT_NAME = "#text";
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;

/** What visiting one text node costs, in characters of matching: the scans weigh their work in these. */
export const NODE_WEIGHT = 64;
/** Text shorter than the shortest name (two CJK characters) cannot hold one. */
export const MIN_TEXT_LENGTH = 2;

/** Text nodes taken together from a walk, with their texts as read, and their weight. */
export interface TextBatch {
  nodes: Text[];
  texts: string[];
  weight: number;
}

/** The next batch of about `maxWeight` from `walker` (see `take`); undefined once the walk is over. */
export function takeBatch(walker: ReadableTextWalker, maxWeight: number): TextBatch | undefined {
  const batch: TextBatch = { nodes: [], texts: [], weight: 0 };
  batch.weight = walker.take(batch, maxWeight);
  return batch.weight > 0 ? batch : undefined;
}

/** Options of the walk. */
export interface ReadableTextOptions {
  /** Also visit text inside code, pre, kbd, samp and var. */
  includeCode: boolean;
  /**
   * Called with each open shadow root as the walk enters it (a watch of the document does not
   * reach into shadow roots: the caller watches them too).
   */
  onShadowRoot?: (root: ShadowRoot) => void;
}

/** True when `element` and everything under it must be left out of the scan. */
export function isSkippedElement(element: Element, options: ReadableTextOptions): boolean {
  const tag = element.tagName;
  if (SKIPPED_TAGS.has(tag)) return true;
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
  const host = root.nodeType === DOCUMENT_FRAGMENT_NODE ? (root as ShadowRoot).host : undefined;
  if (host) return isInSkippedSubtree(host, options) || isSkippedElement(host, options);
  return (node.ownerDocument ?? document).designMode === "on";
}

/**
 * Walks the text nodes under `root` in document order, a batch at a time (so a time-sliced
 * scan can stop between any two nodes), entering open shadow roots after their host's light-DOM
 * children. Skips the subtrees of skipped tags (scripts, form fields, code unless included, our
 * own UI…) and everything when the root itself is skipped or the document is in design mode.
 *
 * Elements skipped for an attribute (`hidden`, `contenteditable`) are not looked for during
 * the walk: finding them costs a pass over every element, and almost no text node needs it.
 * A caller that acts on a node it got from here checks it with `isInSkippedSubtree` first
 * (the page scanner does so for the few nodes that hold a name).
 */
export class ReadableTextWalker {
  private readonly walker: TreeWalker | null;
  private readonly shadowHosts: Element[] = [];
  private inner: ReadableTextWalker | null = null;
  private node: Node | null;
  /** How often the walk started again from its root (see `take`). */
  private restarts = 0;

  constructor(
    private readonly root: Node,
    private readonly options: ReadableTextOptions,
  ) {
    const doc = root.ownerDocument ?? (root as Document);
    const type = root.nodeType;
    const rootSkipped = type === ELEMENT_NODE && isSkippedElement(root as Element, options);
    // Only elements, documents and shadow roots have text under them to walk (a comment or a
    // doctype may reach here from a mutation record).
    const walkable = type === ELEMENT_NODE || type === DOCUMENT_NODE || type === DOCUMENT_FRAGMENT_NODE;
    if (!walkable || doc.designMode === "on" || rootSkipped) {
      this.walker = null;
      this.node = null;
      return;
    }
    // No NodeFilter: a filter is a call from C++ into JS for every node, which costs more than
    // the walk itself. Elements are checked in the loop, and skipped subtrees jumped over.
    this.walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
    if (type === ELEMENT_NODE && (root as Element).shadowRoot) this.shadowHosts.push(root as Element);
    this.node = this.walker.nextNode();
  }

  /**
   * Takes readable text nodes in walk order, until their weight
   * ({@link NODE_WEIGHT} per node plus its length) reaches `maxWeight` or the walk ends. The
   * text of each node of at least `minLength` ({@link MIN_TEXT_LENGTH}: shorter text holds no
   * name) goes to `batch.texts`, and the node to `batch.nodes` when given. Returns the weight taken: 0 once the walk is over. One loop for
   * many nodes (a first pass visits every node of the page; a call per node costs while code
   * is cold).
   *
   * Where the node the walk stands on has left the page since the last call (the page
   * re-rendered that part between two slices), the walk starts again from its root, which must
   * still be in the page: text already taken comes again (both callers are idempotent about
   * that), and the rest of the page is not lost. After {@link MAX_RESTARTS} such starts the walk
   * goes on as it stands.
   */
  take(batch: { texts: string[]; nodes?: Text[] }, maxWeight: number, minLength = MIN_TEXT_LENGTH): number {
    const walker = this.walker;
    if (!walker) return 0;
    const { texts, nodes } = batch;
    const includeCode = this.options.includeCode;
    let weight = 0;
    let node = this.node;
    if (node && !node.isConnected && this.restarts < MAX_RESTARTS && this.root.isConnected) {
      node = this.startAgain(walker);
    }
    while (node && weight < maxWeight) {
      const name = node.nodeName;
      if (name === TEXT_NAME) {
        const text = (node as Text).data;
        weight += NODE_WEIGHT + text.length;
        if (text.length >= minLength) {
          texts.push(text);
          nodes?.push(node as Text);
        }
        node = walker.nextNode();
      } else if (SKIPPED_TAGS.has(name) || (!includeCode && CODE_ELEMENTS.has(name))) {
        node = nextOutside(walker, node);
      } else {
        if (mayHostShadow(name) && (node as Element).shadowRoot) this.shadowHosts.push(node as Element);
        node = walker.nextNode();
      }
    }
    this.node = node;
    // The light tree is done: on into the shadow roots found in it (few pages have any).
    while (node === null && weight < maxWeight) {
      const inner = this.inner;
      if (inner) {
        weight += inner.take(batch, maxWeight - weight, minLength);
        // A walk stops short of what was asked only at its end.
        if (weight < maxWeight) this.inner = null;
        continue;
      }
      const host = this.shadowHosts.shift();
      if (!host) break;
      const shadow = host.shadowRoot;
      if (shadow) this.options.onShadowRoot?.(shadow);
      this.inner = shadow ? new ReadableTextWalker(shadow, this.options) : null;
    }
    return weight;
  }

  /** Puts the walk back at its root's first node (its shadow roots to be found again). */
  private startAgain(walker: TreeWalker): Node | null {
    this.restarts++;
    this.shadowHosts.length = 0;
    this.inner = null;
    const root = this.root;
    if (root.nodeType === ELEMENT_NODE && (root as Element).shadowRoot)
      this.shadowHosts.push(root as Element);
    walker.currentNode = root;
    return walker.nextNode();
  }
}

/** How many times a walk starts again from its root after losing its place (see `take`). */
export const MAX_RESTARTS = 3;

/** The first node after `node`'s subtree in walk order (null at the end of the root). */
function nextOutside(walker: TreeWalker, node: Node): Node | null {
  walker.currentNode = node;
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}
