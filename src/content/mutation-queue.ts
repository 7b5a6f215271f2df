/**
 * Watches a document for changed text and only queues work: the callback gets the batch on
 * the next frame (or soon after, in a background tab where frames do not come). A burst of
 * more than `overflowAt` nodes collapses into one "rescan everything" batch.
 */

/** One batch of changes. */
export interface MutationBatch {
  /** Added subtrees and changed text nodes (deduplicated). Empty when `overflow`. */
  nodes: Set<Node>;
  /** Some nodes were removed: their mentions must be dropped. */
  removed: boolean;
  /**
   * An element was hidden or shown, made editable or not (its `hidden` or `contenteditable`
   * changed; it is in `nodes`): the mentions in parts now left out must be dropped.
   */
  readability: boolean;
  /** Too much changed at once: rescan the whole document instead. */
  overflow: boolean;
}

/** Options of {@link MutationQueue}. */
export interface MutationQueueOptions {
  overflowAt?: number;
  /** Nodes under this predicate (our own UI) are ignored. */
  isIgnored?: (node: Node) => boolean;
}

const FALLBACK_DELAY_MS = 100;

/** The attributes that decide whether a part is read (see readable-text.ts). */
const READABILITY_ATTRIBUTES = ["hidden", "contenteditable"];

/** See the module comment. */
export class MutationQueue {
  private readonly observer: MutationObserver;
  private nodes = new Set<Node>();
  private removed = false;
  private readability = false;
  private overflow = false;
  private scheduled = false;
  /** Once disconnected, for good: a pass still running may not start the watch again. */
  private disconnected = false;
  private readonly overflowAt: number;
  private readonly isIgnored: (node: Node) => boolean;

  constructor(
    private readonly onBatch: (batch: MutationBatch) => void,
    options: MutationQueueOptions = {},
  ) {
    this.overflowAt = options.overflowAt ?? 1000;
    this.isIgnored = options.isIgnored ?? (() => false);
    this.observer = new MutationObserver((records) => this.enqueue(records));
  }

  /**
   * Starts watching `root` (the document, or a shadow root: a document's watch does not reach
   * into those) for added, removed and edited text, and for parts shown, hidden or made
   * editable. Watching a root again changes nothing, and nothing is watched once disconnected.
   */
  observe(root: Node): void {
    if (this.disconnected) return;
    this.observer.observe(root, {
      childList: true,
      characterData: true,
      subtree: true,
      attributeFilter: READABILITY_ATTRIBUTES,
    });
  }

  /** Stops watching, for good, and drops what was queued. */
  disconnect(): void {
    this.disconnected = true;
    this.observer.disconnect();
    this.nodes.clear();
    this.removed = false;
    this.readability = false;
    this.overflow = false;
  }

  private enqueue(records: MutationRecord[]): void {
    for (const record of records) {
      if (this.isIgnored(record.target)) continue;
      if (record.type === "characterData") {
        // Comments and processing instructions change too (streaming frameworks rewrite their
        // markers); only text is ever read.
        if (record.target.nodeType === Node.TEXT_NODE) this.add(record.target);
      } else if (record.type === "attributes") {
        this.readability = true;
        this.add(record.target);
      } else {
        if (record.removedNodes.length > 0) this.removed = true;
        for (const node of record.addedNodes) {
          if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.ELEMENT_NODE) this.add(node);
        }
      }
    }
    if ((this.nodes.size > 0 || this.removed || this.readability || this.overflow) && !this.scheduled) {
      this.schedule();
    }
  }

  private add(node: Node): void {
    if (this.overflow) return;
    this.nodes.add(node);
    if (this.nodes.size > this.overflowAt) {
      this.overflow = true;
      this.nodes.clear();
    }
  }

  private schedule(): void {
    this.scheduled = true;
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      this.flush();
    };
    requestAnimationFrame(run);
    setTimeout(run, FALLBACK_DELAY_MS);
  }

  private flush(): void {
    this.scheduled = false;
    const batch: MutationBatch = {
      nodes: this.nodes,
      removed: this.removed,
      readability: this.readability,
      overflow: this.overflow,
    };
    this.nodes = new Set();
    this.removed = false;
    this.readability = false;
    this.overflow = false;
    this.onBatch(batch);
  }
}
