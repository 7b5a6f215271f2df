/**
 * Turns the user's selection into a request for the composer card (context menu → "Add to
 * notes…" or "Track this name"): the selected words with the text around them (for the link
 * back), the names mentioned in or near them, and where to open the card.
 */
import type { Matcher } from "../core/matcher";
import type { ComposeAnchor, ComposeRequest, TextAnchor } from "./card-surface";
import type { TrackedMention } from "./page-scanner";

/** Longest quote kept (the note schema's limit) and the context kept on each side. */
const QUOTE_LIMIT = 2000;
const CONTEXT_LIMIT = 64;
/** Longest selection offered as a name to track. */
const NAME_LIMIT = 120;

const BLOCKS =
  "p, li, dd, dt, td, th, blockquote, figcaption, h1, h2, h3, h4, h5, h6, pre, article, section, div";

/** What the draft needs from the page. */
export interface SelectionSources {
  /** Every confirmed mention on the page. */
  mentions: Iterable<TrackedMention>;
  /** Finds names in the selected words themselves. */
  matcher: Matcher;
}

/** A compose request for `selection`, or null when nothing (or only space) is selected. */
export function draftFromSelection(
  selection: Selection | null,
  mode: "note" | "track",
  sources: SelectionSources,
  page: { url: string; title: string },
): ComposeRequest | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const exact = selection.toString().replace(/\s+/g, " ").trim();
  const anchor = firstTextIn(range);
  if (exact === "" || !anchor) return null;
  if (mode === "track") return { draft: { kind: "track", text: exact.slice(0, NAME_LIMIT) }, anchor, page };

  const block = closestBlock(range.commonAncestorContainer);
  const quote = {
    exact: exact.slice(0, QUOTE_LIMIT),
    prefix: block ? textBetween(block, range, "before").slice(-CONTEXT_LIMIT) : "",
    suffix: block ? textBetween(block, range, "after").slice(0, CONTEXT_LIMIT) : "",
  };
  return {
    draft: { kind: "clip", quote: quote.exact, candidates: candidatesFor(range, block, exact, sources) },
    quote,
    anchor,
    page,
  };
}

/**
 * A compose request for words selected where the content script cannot read the selection
 * (a frame of another origin; the browser's menu hands over the words): the words alone, with
 * no text around them, and the names they mention; the card opens next to `anchor`. Null
 * when the words are only space.
 */
export function draftFromText(
  text: string,
  mode: "note" | "track",
  matcher: Matcher,
  page: { url: string; title: string },
  anchor: ComposeAnchor,
): ComposeRequest | null {
  const exact = text.replace(/\s+/g, " ").trim();
  if (exact === "") return null;
  if (mode === "track") return { draft: { kind: "track", text: exact.slice(0, NAME_LIMIT) }, anchor, page };
  const quote = exact.slice(0, QUOTE_LIMIT);
  return {
    draft: { kind: "clip", quote, candidates: [...new Set(namesIn(exact, matcher))] },
    quote: { exact: quote, prefix: "", suffix: "" },
    anchor,
    page,
  };
}

/** Names in the selection first (in reading order), then names elsewhere in its block. */
function candidatesFor(
  range: Range,
  block: Element | null,
  exact: string,
  sources: SelectionSources,
): string[] {
  const inside: string[] = [];
  const near: string[] = [];
  for (const mention of sources.mentions) {
    if (overlaps(range, mention)) inside.push(mention.entityId);
    else if (block?.contains(mention.node)) near.push(mention.entityId);
  }
  return [...new Set([...inside, ...namesIn(exact, sources.matcher), ...near])];
}

/** The entities the words themselves name (unambiguously), in reading order. */
function namesIn(words: string, matcher: Matcher): string[] {
  return matcher
    .findMentions(words)
    .filter((mention) => !mention.needsContext)
    .map((mention) => mention.entityId);
}

/** True when the mention's own words (not just its text node) are in the selection. */
function overlaps(range: Range, mention: TrackedMention): boolean {
  try {
    return (
      range.comparePoint(mention.node, mention.start) !== 1 &&
      range.comparePoint(mention.node, mention.end) !== -1
    );
  } catch {
    // A node in another tree (a shadow root) than the selection.
    return false;
  }
}

function firstTextIn(range: Range): TextAnchor | null {
  const start = range.startContainer;
  if (start.nodeType === Node.TEXT_NODE) {
    const node = start as Text;
    const end = range.endContainer === node ? range.endOffset : node.length;
    return { node, start: range.startOffset, end: Math.max(range.startOffset, end) };
  }
  const doc = start.ownerDocument ?? (start as Document);
  const walker = doc.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (range.intersectsNode(node) && (node as Text).data.trim() !== "") {
      const text = node as Text;
      return { node: text, start: 0, end: range.endContainer === text ? range.endOffset : text.length };
    }
  }
  return null;
}

function closestBlock(node: Node): Element | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return element?.closest(BLOCKS) ?? null;
}

function textBetween(block: Element, range: Range, side: "before" | "after"): string {
  const part = block.ownerDocument.createRange();
  part.selectNodeContents(block);
  if (side === "before") part.setEnd(range.startContainer, range.startOffset);
  else part.setStart(range.endContainer, range.endOffset);
  return part.toString().replace(/\s+/g, " ");
}
