/**
 * Which mention is under a point of the viewport, without touching the DOM: the browser's
 * caret-from-point API gives the text node and offset, the scanner's index gives that node's
 * mentions, and the mention's own client rects confirm the point is really on it (the caret
 * API also answers over blank space beside a line).
 */
import type { TrackedMention } from "./page-scanner";

/** The node-to-mentions index the scanner keeps. */
export interface MentionLookup {
  mentionsIn(node: Text): readonly TrackedMention[];
}

interface CaretHit {
  node: Node;
  offset: number;
}

type CaretDocument = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

function caretAt(doc: CaretDocument, x: number, y: number): CaretHit | null {
  if (typeof doc.caretPositionFromPoint === "function") {
    const position = doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/** The viewport rects of a mention (several when the name wraps across lines). */
export function mentionRects(mention: TrackedMention): DOMRect[] {
  const range = mention.node.ownerDocument.createRange();
  range.setStart(mention.node, mention.start);
  range.setEnd(mention.node, mention.end);
  return [...range.getClientRects()];
}

/** True when (x, y) lies inside one of `rects` (with a pixel of slack for sub-pixel edges). */
export function isPointInRects(rects: readonly DOMRect[], x: number, y: number): boolean {
  return rects.some((r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1);
}

/** The confirmed mention under viewport point (x, y), or null. */
export function findMentionAt(
  doc: Document,
  lookup: MentionLookup,
  x: number,
  y: number,
): TrackedMention | null {
  const hit = caretAt(doc as CaretDocument, x, y);
  if (!hit || hit.node.nodeType !== Node.TEXT_NODE) return null;
  for (const mention of lookup.mentionsIn(hit.node as Text)) {
    // The caret sits between characters, so the name's end offset still belongs to it.
    if (!mention.confirmed || hit.offset < mention.start || hit.offset > mention.end) continue;
    if (isPointInRects(mentionRects(mention), x, y)) return mention;
  }
  return null;
}
