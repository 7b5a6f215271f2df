/**
 * The content script's watch before its app is loaded: looks through the page's readable
 * text for anything the page filter says may be a name — the whole document once, in slices,
 * then whatever is added or changed — and calls `onName` the first time it finds some. Most
 * pages name none of the players, and on them the content script costs little more than this
 * walk: the app, its settings of highlights and cards, and its module are never loaded.
 */
import type { PageFilter } from "../core/page-filter";
import { runInSlices, type SliceClock } from "../core/time-slicer";
import { type ReadableTextOptions, ReadableTextWalker } from "./readable-text";

/** What the probe needs. */
export interface PageProbeDeps {
  filter: PageFilter;
  options: ReadableTextOptions;
  clock: SliceClock;
  /** Called once, when some text may hold a name (and the probe has stopped). */
  onName: () => void;
}

// As the page scanner weighs its work (see page-scanner.ts).
const NODE_WEIGHT = 64;
// No name is shorter (two CJK characters).
const MIN_TEXT_LENGTH = 2;
const BATCH_WEIGHT = 16_384;
/**
 * Past this much added text in one batch of changes, the app takes over without the probe
 * looking (it scans in slices; the probe's look would be one long task).
 */
const CHANGE_WEIGHT_LIMIT = 256 * 1024;
// Text, CDATA, processing instruction, comment: numbers, not `Node.TEXT_NODE` and the like (an
// interface object's first use costs, see readable-text.ts).
const CHARACTER_DATA_TYPES = new Set([3, 4, 7, 8]);

interface TextBatch {
  texts: string[];
  weight: number;
}

function takeTexts(walker: ReadableTextWalker): TextBatch | undefined {
  const batch: TextBatch = { texts: [], weight: 0 };
  batch.weight = walker.take(batch, BATCH_WEIGHT, NODE_WEIGHT, MIN_TEXT_LENGTH);
  return batch.weight > 0 ? batch : undefined;
}

/** See the module comment. */
export class PageProbe {
  private observer: MutationObserver | null = null;
  private done = false;
  private foundName = false;
  /** Once a change may hold a name: the nodes changed since the pass found none (see `takeChanges`). */
  private changes: Node[] | null = null;

  constructor(private readonly deps: PageProbeDeps) {}

  /**
   * Watches `doc` for changes, and looks through its text in slices. Resolves true when some
   * text may hold a name (`onName` has been called), false when none does (the watch goes on)
   * or the probe was stopped.
   */
  async start(doc: Document): Promise<boolean> {
    this.observer = new MutationObserver((records) => this.lookAtChanges(records));
    this.observer.observe(doc, { childList: true, characterData: true, subtree: true });
    const walker = new ReadableTextWalker(doc, this.deps.options);
    await runInSlices(
      () => takeTexts(walker),
      (batch) => {
        if (this.deps.filter.mayMention(batch.texts)) this.found();
        return batch.weight;
      },
      this.deps.clock,
      undefined,
      () => this.done,
    );
    return this.foundName;
  }

  /** Stops watching; `onName` is not called from now on. */
  stop(): void {
    this.done = true;
    this.changes = null;
    this.observer?.disconnect();
    this.observer = null;
  }

  /**
   * After a change woke the app: every node added or changed since the first pass found no
   * name (the one that may hold one included), to be scanned instead of the whole page, which
   * holds nothing else. Stops the probe. Undefined when the app must scan the whole page: the
   * name was found by the first pass, or in a burst too large to look through.
   */
  takeChanges(): Node[] | undefined {
    const changes = this.changes ?? undefined;
    this.stop();
    return changes;
  }

  private found(changes?: Node[]): void {
    if (this.done || this.foundName) return;
    this.foundName = true;
    if (changes) {
      // The watch goes on, recording, until the app takes over (its module is on its way).
      this.changes = changes;
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
    if (this.changes) {
      for (const node of changed) this.changes.push(node);
      return;
    }
    const texts: string[] = [];
    let weight = 0;
    for (const node of changed) {
      if (CHARACTER_DATA_TYPES.has(node.nodeType)) {
        const text = (node as CharacterData).data;
        texts.push(text);
        weight += NODE_WEIGHT + text.length;
        continue;
      }
      const walker = new ReadableTextWalker(node, this.deps.options);
      weight += walker.take({ texts }, CHANGE_WEIGHT_LIMIT - weight + 1, NODE_WEIGHT, MIN_TEXT_LENGTH);
      if (weight > CHANGE_WEIGHT_LIMIT) {
        this.found();
        return;
      }
    }
    if (this.deps.filter.mayMention(texts)) this.found(changed);
  }
}
