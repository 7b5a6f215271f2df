/**
 * The content script's watch before its app is loaded: looks through the page's readable
 * text for anything the page filter says may be a name — the whole document once, in slices,
 * then whatever is added or changed — and calls `onName` the first time it finds some. Most
 * pages name none of the players, and on them the content script costs little more than this
 * walk: the app, its settings of highlights and cards, and its module are never loaded.
 */
import type { PageFilter } from "../core/page-filter";
import { runInSlices, type SliceClock } from "../core/time-slicer";
import { NODE_WEIGHT, type ReadableTextOptions, ReadableTextWalker, takeBatch } from "./readable-text";

/** What the probe needs. */
export interface PageProbeDeps {
  filter: PageFilter;
  options: ReadableTextOptions;
  clock: SliceClock;
  /** Called once, when some text may hold a name (and the probe has stopped). */
  onName: () => void;
}

// A batch of the probe's pass: larger than the scanner's, since the probe asks only the filter.
// Each batch is one search, and fewer, longer searches cost less: 64 K against 16 K took the
// filter's time from about 2.5 to 1.7 ms a page on 12 pages of 500–1,800 text nodes (profiles of
// paired runs). The price is on pages that name someone: the app scans the whole batch where
// the filter found something, text before the name included.
const BATCH_WEIGHT = 65_536;
/**
 * Past this much added text in one batch of changes, the app takes over without the probe
 * looking (it scans in slices; the probe's look would be one long task).
 */
const CHANGE_WEIGHT_LIMIT = 256 * 1024;
// Text, CDATA, processing instruction, comment: numbers, not `Node.TEXT_NODE` and the like (an
// interface object's first use costs, see readable-text.ts).
const CHARACTER_DATA_TYPES = new Set([3, 4, 7, 8]);

/**
 * What the probe has read, for the app's first pass once it found a possible name. All the
 * page may name is in `changed` (nodes to scan as changes are) and, when the probe's own pass
 * found it, in the `batch` of text nodes where it did and the rest of that pass's `walk`: the
 * nodes the walk passed before hold none.
 */
export interface ProbeHandover {
  batch?: { nodes: Text[]; texts: string[] } | undefined;
  walk?: ReadableTextWalker | undefined;
  changed: Node[];
  /**
   * Calls `watch` with each open shadow root the probe's walks have entered (it watched them
   * for changes), and from now on with each one the handed-over walk enters: the app watches
   * them too.
   */
  watchShadowRoots: (watch: (root: ShadowRoot) => void) => void;
}

/** What the probe found, before it is handed over (see `takeHandover`). */
type Found = Omit<ProbeHandover, "watchShadowRoots">;

/** What the probe watches, in the document and in each open shadow root it reads. */
const WATCHED = { childList: true, characterData: true, subtree: true };

/** See the module comment. */
export class PageProbe {
  private observer: MutationObserver | null = null;
  private done = false;
  private foundName = false;
  /** Once some text may hold a name: what the app's first pass is to scan (see `takeHandover`). */
  private handover: Found | null = null;
  /** The probe's own pass through the page while it runs (null before and after). */
  private walking: ReadableTextWalker | null = null;
  /** The batch that pass has taken and not looked through yet (the slicer takes it, then yields). */
  private unread: { nodes: Text[]; texts: string[] } | null = null;
  private readonly shadowRoots = new Set<ShadowRoot>();
  /** Who else watches the shadow roots the walks enter (the app, once handed over). */
  private watchRoot: ((root: ShadowRoot) => void) | null = null;
  /** The walks' options: the deps', and a watch on each shadow root they enter. */
  private readonly options: ReadableTextOptions;

  constructor(private readonly deps: PageProbeDeps) {
    this.options = {
      ...deps.options,
      onShadowRoot: (root) => {
        if (this.shadowRoots.has(root)) return;
        this.shadowRoots.add(root);
        this.observer?.observe(root, WATCHED);
        this.watchRoot?.(root);
      },
    };
  }

  /**
   * Watches `doc` for changes, and looks through its text in slices. Resolves true when some
   * text may hold a name (`onName` has been called), false when none does (the watch goes on)
   * or the probe was stopped.
   */
  async start(doc: Document): Promise<boolean> {
    this.observer = new MutationObserver((records) => this.lookAtChanges(records));
    this.observer.observe(doc, WATCHED);
    const walker = new ReadableTextWalker(doc, this.options);
    this.walking = walker;
    await runInSlices(
      () => {
        const batch = takeBatch(walker, BATCH_WEIGHT);
        this.unread = batch ?? null;
        return batch;
      },
      (batch) => {
        this.unread = null;
        if (this.deps.filter.mayMention(batch.texts)) this.found({ batch, walk: walker, changed: [] });
        return batch.weight;
      },
      this.deps.clock,
      undefined,
      // Once a name may be found the walk stays where it is, for the app (no batch more is taken).
      () => this.done || this.foundName,
    );
    this.walking = null;
    this.unread = null;
    return this.foundName;
  }

  /** Stops watching; `onName` is not called from now on. */
  stop(): void {
    this.done = true;
    this.handover = null;
    this.observer?.disconnect();
    this.observer = null;
  }

  /**
   * Once some text may hold a name: what the app's first pass needs to scan, the rest of the
   * page holding no name — the batch of text in which the first pass found one and the rest of
   * its walk, or the change that may hold one; and, either way, every node added or changed
   * since, recorded until now. Stops the probe. Undefined when the app must scan the whole
   * page: the probe has stopped, or a burst of changes was too large to look through.
   */
  takeHandover(): ProbeHandover | undefined {
    const found = this.handover;
    this.stop();
    if (!found) return undefined;
    return {
      ...found,
      watchShadowRoots: (watch) => {
        this.watchRoot = watch;
        for (const root of this.shadowRoots) watch(root);
      },
    };
  }

  private found(handover?: Found): void {
    if (this.done || this.foundName) return;
    this.foundName = true;
    if (handover) {
      // The watch goes on, recording, until the app takes over (its module is on its way).
      this.handover = handover;
    } else this.stop();
    this.deps.onName();
  }

  private lookAtChanges(records: MutationRecord[]): void {
    if (this.done) return;
    const changed: Node[] = [];
    for (const record of records) {
      if (record.type === "characterData") changed.push(record.target);
      else for (const node of record.addedNodes) changed.push(node);
    }
    if (this.handover) {
      for (const node of changed) this.handover.changed.push(node);
      return;
    }
    const texts: string[] = [];
    let weight = 0;
    for (const node of changed) {
      if (CHARACTER_DATA_TYPES.has(node.nodeType)) {
        const text = (node as CharacterData).data;
        texts.push(text);
        weight += NODE_WEIGHT + text.length;
      } else {
        const walker = new ReadableTextWalker(node, this.options);
        weight += walker.take({ texts }, CHANGE_WEIGHT_LIMIT - weight + 1);
      }
      if (weight > CHANGE_WEIGHT_LIMIT) {
        this.found();
        return;
      }
    }
    // Found while the probe's own pass is still under way: the batch it took and the rest of
    // its walk are the app's too (the text it has looked through holds no name).
    if (this.deps.filter.mayMention(texts)) {
      this.found({ changed, batch: this.unread ?? undefined, walk: this.walking ?? undefined });
    }
  }
}
