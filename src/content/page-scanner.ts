/**
 * The page scanner: finds every mention in the readable text of a document, keeps an index
 * from text node to its mentions (for hit-testing), paints confirmed mentions through a
 * HighlightLayer and counts them for the page summary. It never changes the DOM.
 */
import { compareEntityCounts } from "../core/frame-reports";
import type { KnowledgeIndex } from "../core/knowledge-index";
import { isMentionConfirmed, type Matcher, type Mention } from "../core/matcher";
import type { EntityCount, PageSummary } from "../core/messages";
import { runInSlices, type SliceClock, type SliceReport } from "../core/time-slicer";
import type { HighlightLayer } from "./highlight-layer";
import type { ProbeHandover } from "./page-probe";
import {
  isInSkippedSubtree,
  MIN_TEXT_LENGTH,
  NODE_WEIGHT,
  type ReadableTextOptions,
  ReadableTextWalker,
  type TextBatch,
  takeBatch,
} from "./readable-text";

/** A mention found in one text node, with the range that paints it. */
export interface TrackedMention extends Mention {
  readonly node: Text;
  readonly range: StaticRange;
  /** Painted and counted: unambiguous, or ambiguous and confirmed by the page. */
  confirmed: boolean;
}

/** What the scanner needs from its surroundings. */
export interface PageScannerDeps {
  matcher: Matcher;
  index: KnowledgeIndex;
  layer: HighlightLayer;
  /**
   * Whether mentions of `entityId` are painted (all are when absent). The rest are still
   * found, indexed for hit-testing and counted, but never enter the page-readable registry.
   */
  paints?: (entityId: string) => boolean;
  clock: SliceClock;
  options: ReadableTextOptions;
  /** Time budget of one slice, in ms. */
  sliceBudgetMs?: number;
}

/**
 * How much text (in NODE_WEIGHT units, see readable-text.ts) a full pass gathers before asking
 * the matcher's filter about it in one search: large enough that a page needs few searches,
 * small enough that the slicer still reads its clock every fraction of a millisecond.
 */
export const SCAN_BATCH_WEIGHT = 4096;

/** Scans one document; see the module comment. */
export class PageScanner {
  private readonly byNode = new Map<Text, TrackedMention[]>();
  /** Unambiguous mentions per entity: these confirm ambiguous mentions of related entities. */
  private readonly anchorCounts = new Map<string, number>();
  private readonly anchors = new Set<string>();
  private anchorsChanged = false;
  private generation = 0;
  /** True once the first full pass has finished. */
  scanned = false;
  /** Reports of the passes so far (first full pass first), for benchmarks. */
  readonly reports: SliceReport[] = [];

  constructor(private readonly deps: PageScannerDeps) {}

  /**
   * Forgets everything and scans `root` (normally the document) again, in slices. With
   * `keepPainted` (a rescan of a page already shown) the old highlights stay until the new
   * pass is done, so names do not blink off for the frames it takes.
   */
  async scanAll(root: Node, options: { keepPainted?: boolean } = {}): Promise<SliceReport> {
    const generation = ++this.generation;
    const stale = options.keepPainted ? [...this.confirmedMentions()].map((item) => item.range) : [];
    this.reset({ keepPainted: options.keepPainted === true });
    return this.walkAll(new ReadableTextWalker(root, this.deps.options), generation, stale);
  }

  /**
   * The first pass of a page the probe has read (see ProbeHandover): scans what it handed over
   * (its batch, the changes), then the rest of its walk, if any (which starts again from the
   * root if the page has taken away the node it stood on: see ReadableTextWalker).
   */
  async scanHandedOver(handover: ProbeHandover): Promise<SliceReport> {
    const walk = handover.walk;
    const generation = ++this.generation;
    this.reset();
    // As the page is now: a node may have left, or its text changed, since the probe read it.
    const nodes = handover.batch?.nodes.filter((node) => node.isConnected) ?? [];
    this.processBatch({ nodes, texts: nodes.map((node) => node.data), weight: 0 });
    const changes = await this.scanChanged(handover.changed);
    if (!walk) {
      if (generation === this.generation) {
        this.scanned = true;
        this.reports.push(changes);
      }
      return changes;
    }
    return this.walkAll(walk, generation, []);
  }

  private async walkAll(
    walker: ReadableTextWalker,
    generation: number,
    stale: StaticRange[],
  ): Promise<SliceReport> {
    const report = await runInSlices(
      () => takeBatch(walker, SCAN_BATCH_WEIGHT),
      (batch) => this.processBatch(batch),
      this.deps.clock,
      this.deps.sliceBudgetMs,
      () => generation !== this.generation,
    );
    // Also when cancelled: the pass that replaced this one cannot know these ranges.
    for (const range of stale) this.deps.layer.delete(range);
    if (report.slices > 1) this.dropNewlySkipped();
    if (!report.cancelled) {
      this.settleAmbiguous();
      this.scanned = true;
      this.reports.push(report);
    }
    return report;
  }

  /** Scans what changed: text nodes and subtrees (skipped ones are ignored), in slices. */
  async scanChanged(nodes: Iterable<Node>): Promise<SliceReport> {
    const pending: Text[] = [];
    for (const node of nodes) {
      if (!node.isConnected || isInSkippedSubtree(node, this.deps.options)) continue;
      if (node.nodeType === Node.TEXT_NODE) pending.push(node as Text);
      else {
        // Every node, the shortest too: one may have held a name before it changed (its
        // mentions are dropped when it is processed).
        const walker = new ReadableTextWalker(node, this.deps.options);
        walker.take({ texts: [], nodes: pending }, Number.POSITIVE_INFINITY, 0);
      }
    }
    let i = 0;
    const report = await runInSlices(
      () => pending[i++],
      (node) => this.processTextNode(node),
      this.deps.clock,
      this.deps.sliceBudgetMs,
    );
    this.settleAmbiguous();
    return report;
  }

  /** Processes the nodes of `batch` the matcher's filter lets through; returns the batch's weight. */
  private processBatch(batch: TextBatch): number {
    for (const index of this.deps.matcher.findCandidates(batch.texts)) {
      this.processTextNode(batch.nodes[index] as Text);
    }
    return batch.weight;
  }

  /**
   * (Re)computes the mentions of one text node, replacing what it had. Returns the work's
   * weight for the time slicer: its characters, plus a fixed cost per node.
   */
  processTextNode(node: Text): number {
    if (this.byNode.has(node)) this.dropNode(node);
    const text = node.data;
    const weight = NODE_WEIGHT + text.length;
    if (text.length < MIN_TEXT_LENGTH) return weight;
    const found = this.deps.matcher.findMentions(text);
    if (found.length === 0) return weight;
    // The walk skips by tag only; hidden and editable parts are ruled out here, for the few
    // nodes that hold a name (see ReadableTextWalker).
    if (isInSkippedSubtree(node, this.deps.options)) return weight;
    const tracked: TrackedMention[] = [];
    for (const mention of found) {
      const range = new StaticRange({
        startContainer: node,
        startOffset: mention.start,
        endContainer: node,
        endOffset: mention.end,
      });
      const item: TrackedMention = { ...mention, node, range, confirmed: !mention.needsContext };
      if (!item.needsContext) this.addAnchor(item.entityId, 1);
      else item.confirmed = isMentionConfirmed(item, this.anchors, this.deps.index);
      if (item.confirmed) this.paint(item);
      tracked.push(item);
    }
    this.byNode.set(node, tracked);
    return weight;
  }

  /** Forgets the mentions of `node` and stops painting them. */
  dropNode(node: Text): void {
    const tracked = this.byNode.get(node);
    if (!tracked) return;
    for (const item of tracked) {
      if (item.confirmed) this.deps.layer.delete(item.range);
      if (!item.needsContext) this.addAnchor(item.entityId, -1);
    }
    this.byNode.delete(node);
  }

  /** Forgets the mentions in parts now left out (hidden or made editable since they were read). */
  dropNewlySkipped(): void {
    // The walk decides what to skip as it goes; across slices, or later, the page may have
    // hidden a part or made it editable. Only nodes with mentions are checked, so this is cheap.
    for (const node of [...this.byNode.keys()]) {
      if (isInSkippedSubtree(node, this.deps.options)) this.dropNode(node);
    }
  }

  /** Forgets the mentions of every text node that has left the document. */
  dropDisconnected(): void {
    for (const node of [...this.byNode.keys()]) {
      if (!node.isConnected) this.dropNode(node);
    }
    this.settleAmbiguous();
  }

  /** The mentions in `node`, sorted by offset (confirmed or not). */
  mentionsIn(node: Text): readonly TrackedMention[] {
    return this.byNode.get(node) ?? [];
  }

  /** Every confirmed mention in document-scan order. */
  *confirmedMentions(): Generator<TrackedMention> {
    for (const tracked of this.byNode.values()) {
      for (const item of tracked) if (item.confirmed) yield item;
    }
  }

  /** How many confirmed mentions of `entityId` the page has. */
  countOf(entityId: string): number {
    let count = 0;
    for (const item of this.confirmedMentions()) if (item.entityId === entityId) count++;
    return count;
  }

  /** The page summary (see `PageSummary`). */
  summarize(url: string): PageSummary {
    const counts = new Map<string, number>();
    for (const item of this.confirmedMentions())
      counts.set(item.entityId, (counts.get(item.entityId) ?? 0) + 1);
    const entities: EntityCount[] = [];
    for (const [id, count] of counts) {
      const entity = this.deps.index.entities.get(id)?.entity;
      if (entity) entities.push({ id, name: entity.name, kind: entity.kind, count });
    }
    entities.sort(compareEntityCounts);
    const mentionCount = entities.reduce((sum, e) => sum + e.count, 0);
    return { url, active: true, scanned: this.scanned, mentionCount, entities };
  }

  /** Scans with another matcher and index from now on (the user's names changed); call scanAll next. */
  useKnowledge(matcher: Matcher, index: KnowledgeIndex): void {
    this.deps.matcher = matcher;
    this.deps.index = index;
  }

  /** Stops any pass under way (it paints nothing more) and forgets everything. */
  cancel(): void {
    this.generation++;
    this.reset();
  }

  /** Forgets everything and stops painting (unless `keepPainted`); the layer stays registered. */
  reset(options: { keepPainted?: boolean } = {}): void {
    this.byNode.clear();
    this.anchorCounts.clear();
    this.anchors.clear();
    if (!options.keepPainted) this.deps.layer.clear();
  }

  private paint(item: TrackedMention): void {
    if (this.deps.paints?.(item.entityId) ?? true) this.deps.layer.add(item.range);
  }

  private addAnchor(entityId: string, delta: number): void {
    const next = (this.anchorCounts.get(entityId) ?? 0) + delta;
    if (next <= 0) {
      this.anchorCounts.delete(entityId);
      this.anchors.delete(entityId);
      this.anchorsChanged = true;
    } else {
      if (!this.anchors.has(entityId)) {
        this.anchors.add(entityId);
        this.anchorsChanged = true;
      }
      this.anchorCounts.set(entityId, next);
    }
  }

  // Ambiguous mentions depend on the whole page, so they are decided after each batch,
  // and only re-decided when the set of unambiguously mentioned entities has changed.
  private settleAmbiguous(): void {
    if (!this.anchorsChanged) return;
    this.anchorsChanged = false;
    const anchors = this.anchors;
    for (const tracked of this.byNode.values()) {
      for (const item of tracked) {
        if (!item.needsContext) continue;
        const confirmed = isMentionConfirmed(item, anchors, this.deps.index);
        if (confirmed === item.confirmed) continue;
        item.confirmed = confirmed;
        if (confirmed) this.paint(item);
        else this.deps.layer.delete(item.range);
      }
    }
  }
}
