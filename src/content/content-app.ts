/**
 * The content script's whole life on one page: it scans and paints while the extension is
 * active there, stops cleanly when it is switched off or paused on the site (highlights and
 * card gone, DOM untouched), and applies every settings change live, without a reload.
 */

import type { FrameReport } from "../core/frame-reports";
import { aliasEntriesOfKinds, buildKnowledgeIndex, type KnowledgeIndex } from "../core/knowledge-index";
import type { KnowledgePack } from "../core/knowledge-schema";
import { compileMatcher, type Matcher, type TrieSnapshot } from "../core/matcher";
import type { PageSummary } from "../core/messages";
import type { IndexedName } from "../core/name-index";
import { isActiveOn, type Settings } from "../core/settings";
import { CardController, type FocusStep, type MentionSource } from "./card-controller";
import type { CardSurface } from "./card-surface";
import { HIGHLIGHT_PREFIX, HighlightLayer } from "./highlight-layer";
import { MutationQueue } from "./mutation-queue";
import { pageClock } from "./page-clock";
import type { ProbeHandover } from "./page-probe";
import { PageScanner } from "./page-scanner";
import { UI_HOST_TAG } from "./readable-text";
import { draftFromSelection, draftFromText } from "./selection-draft";

/** What a document counts: its part of a frame report. */
export type FrameCounts = Pick<FrameReport, "active" | "entities">;

/** What the app needs from the extension around it. */
export interface ContentAppDeps {
  /** The packs as spotting needs them (names, aliases, kinds, relations). */
  packs: readonly KnowledgePack[];
  /** The packs' trie made at build time (see `compileMatcher`); used while it still fits. */
  snapshot?: TrieSnapshot;
  /** Where cards are shown (normally a LazyCardSurface). */
  cards: CardSurface;
  /** Tells the background what this document counts (for the badge and the page summary). */
  report: (counts: FrameCounts) => void;
  /**
   * Whether a change of counts alone is reported. A frame's counts reach the page summary
   * only through its reports; the top frame answers for itself, and its reports only feed
   * the badge, which changes only when the set of names does.
   */
  reportCounts: boolean;
}

// The page may clear the shared highlight registry (its own search feature, say).
const REGISTRY_CHECK_MS = 2000;
// Reports are coalesced: dynamic pages may change many times a second.
const REPORT_DELAY_MS = 250;

const STYLE_NAMES: Record<Settings["highlightStyle"], string> = {
  tint: HIGHLIGHT_PREFIX,
  underline: `${HIGHLIGHT_PREFIX}-underline`,
  // No rule styles this name: names stay unpainted until the pointer (or keyboard) reaches one.
  "hover-only": `${HIGHLIGHT_PREFIX}-hidden`,
};

const highlightRegistry = (): HighlightRegistry => CSS.highlights;

/** The frame element whose document has the focus, if any (where the user just selected). */
function focusedFrame(): Element | null {
  const active = document.activeElement;
  return active instanceof HTMLIFrameElement || active?.localName === "frame" ? active : null;
}

/** See the module comment. */
export class ContentApp {
  private settings: Settings | null = null;
  private activeHere = false;
  private interactive = false;
  private readonly layer = new HighlightLayer(STYLE_NAMES.tint, highlightRegistry);
  private readonly currentLayer = new HighlightLayer(`${HIGHLIGHT_PREFIX}-current`, highlightRegistry);
  private scanner: PageScanner | null = null;
  private queue: MutationQueue | null = null;
  /** Made on first need (most pages never show a name): see `cards`. */
  private cardController: CardController | null = null;
  private cardOptions = { dwellMs: 0, markOnHover: false };
  private readonly matchers = new Map<string, Matcher>();
  private index: KnowledgeIndex;
  private namesKey = "[]";
  /** Ids of the user's tracked names: painted only when the settings say so. */
  private ownIds: ReadonlySet<string> = new Set();
  /** Whether mentions of an entity enter the page-readable highlight registry. */
  private readonly paints = (entityId: string): boolean =>
    this.settings?.markOwnNames === true || !this.ownIds.has(entityId);
  private work: Promise<unknown> = Promise.resolve();
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  private lastReport: string | undefined;

  constructor(private readonly deps: ContentAppDeps) {
    this.index = buildKnowledgeIndex(deps.packs);
  }

  /** The card controller, made (with the current hover settings) on first use. */
  private get cards(): CardController {
    if (!this.cardController) {
      // The cards always see the current scanner, which is replaced when settings change.
      const scannerProxy: MentionSource = {
        confirmedMentions: () => this.scanner?.confirmedMentions() ?? [],
        mentionsIn: (node: Text) => this.scanner?.mentionsIn(node) ?? [],
        countOf: (id: string) => this.scanner?.countOf(id) ?? 0,
      };
      this.cardController = new CardController({
        doc: document,
        scanner: scannerProxy,
        host: this.deps.cards,
        currentLayer: this.currentLayer,
        paints: this.paints,
      });
      this.cardController.configure(this.cardOptions);
    }
    return this.cardController;
  }

  /**
   * Once the page shows a name: listens for the pointer and keys (cards), and keeps our
   * highlights registered. Until then there is nothing to hover, so a page without names
   * never pays for either.
   */
  private startInteraction(): void {
    // Not `layer.size`: mentions of the user's own names are carded though never painted.
    if (this.interactive || this.scanner?.confirmedMentions().next().done !== false) return;
    this.interactive = true;
    this.cards.start();
    setInterval(() => {
      if (!this.active) return;
      this.layer.ensureRegistered();
      this.currentLayer.ensureRegistered();
    }, REGISTRY_CHECK_MS);
  }

  /** After every pass: interaction once there are names, and the report. */
  private afterScan(): void {
    this.startInteraction();
    this.scheduleReport();
  }

  /** True while the extension runs on this page. */
  get active(): boolean {
    return this.activeHere;
  }

  /**
   * Applies `next` (first call starts the app). A pass that starts now scans only what
   * `handover` says may name someone, when given (see ContentAppStart).
   */
  applySettings(next: Settings, handover?: ProbeHandover): void {
    const previous = this.settings;
    this.settings = next;
    // A document never changes site (history navigation keeps the origin), so once per change.
    this.activeHere = isActiveOn(next, location);
    if (!this.active) {
      this.stop();
      return;
    }
    this.layer.rename(STYLE_NAMES[next.highlightStyle]);
    this.cardOptions = { dwellMs: next.hoverDelayMs, markOnHover: next.highlightStyle === "hover-only" };
    this.cardController?.configure(this.cardOptions);
    const needsRescan =
      this.scanner === null ||
      previous === null ||
      previous.includeCode !== next.includeCode ||
      previous.markOwnNames !== next.markOwnNames ||
      previous.markedKinds.join() !== next.markedKinds.join();
    if (needsRescan) this.restart(next, handover);
  }

  /** The page summary; empty (and inactive) while paused or off. */
  summarize(): PageSummary {
    if (!this.active || !this.scanner) {
      return { url: location.href, active: this.active, scanned: false, mentionCount: 0, entities: [] };
    }
    return { ...this.scanner.summarize(location.href), title: document.title };
  }

  /** The user's tracked names changed: they are spotted (and carded) like the packs' names. */
  setTrackedNames(names: readonly IndexedName[]): void {
    const key = JSON.stringify(names);
    if (key === this.namesKey) return;
    this.namesKey = key;
    this.ownIds = new Set(names.map((name) => name.id));
    this.index = buildKnowledgeIndex(this.deps.packs, names);
    this.matchers.clear();
    this.deps.cards.setTrackedNames(names);
    const scanner = this.scanner;
    if (!this.active || !this.settings || !scanner) return;
    // Rescanned in place: open cards stay open, and names do not blink off meanwhile.
    scanner.useKnowledge(this.matcherFor(this.settings.markedKinds), this.index);
    this.enqueue(async () => {
      if (scanner !== this.scanner) return;
      await scanner.scanAll(document, { keepPainted: true });
      this.afterScan();
    });
  }

  /**
   * From the context menu: a card to add the selection to notes, or to track it as a name.
   * With `framed`, the words were selected in a frame of another origin (where the extension
   * does not run): the card starts from them, opens over that frame, and a note's page is
   * the frame's address when known (where the words are).
   */
  compose(mode: "note" | "track", framed?: { text: string; url?: string | undefined }): boolean {
    if (!this.active) return false;
    const matcher = this.matcherFor(this.settings?.markedKinds ?? []);
    const page = { url: location.href, title: document.title };
    const request =
      framed === undefined
        ? draftFromSelection(
            document.getSelection(),
            mode,
            { mentions: this.scanner?.confirmedMentions() ?? [], matcher },
            page,
          )
        : draftFromText(
            framed.text,
            mode,
            matcher,
            { ...page, url: framed.url ?? page.url },
            // A frame the user is working in has the focus in this document.
            { element: focusedFrame() ?? document.documentElement },
          );
    if (!request) return false;
    this.cardController?.close();
    this.deps.cards.compose(request);
    return true;
  }

  /** Closes the card, if one is open (a walk through the tab's mentions went on in another frame). */
  closeCard(): void {
    this.cardController?.close();
  }

  /**
   * The keyboard commands and the popup's names: the next/previous mention (of one entity,
   * from the popup), its card open (see `CardController.focusMention`).
   */
  focusMention(direction: "next" | "previous", step: FocusStep = {}): boolean {
    return this.active && this.cards.focusMention(direction, step);
  }

  private restart(settings: Settings, handover?: ProbeHandover): void {
    this.stop();
    const matcher = this.matcherFor(settings.markedKinds);
    const scanner = new PageScanner({
      matcher,
      index: this.index,
      layer: this.layer,
      paints: this.paints,
      clock: pageClock,
      // The document's watch does not reach into shadow roots: each one read is watched too.
      options: { includeCode: settings.includeCode, onShadowRoot: (root) => queue.observe(root) },
    });
    this.scanner = scanner;
    const queue = new MutationQueue(
      (batch) =>
        this.enqueue(async () => {
          if (scanner !== this.scanner) return;
          if (batch.overflow) await scanner.scanAll(document, { keepPainted: true });
          else {
            if (batch.removed) scanner.dropDisconnected();
            if (batch.readability) scanner.dropNewlySkipped();
            if (batch.nodes.size > 0) await scanner.scanChanged(batch.nodes);
          }
          this.afterScan();
        }),
      { isIgnored: (node) => (node.parentElement ?? (node as Element)).closest?.(UI_HOST_TAG) != null },
    );
    this.queue = queue;
    queue.observe(document);
    handover?.watchShadowRoots((root) => queue.observe(root));
    this.enqueue(async () => {
      if (scanner !== this.scanner) return;
      if (handover) await scanner.scanHandedOver(handover);
      else await scanner.scanAll(document);
      this.afterScan();
    });
  }

  /** The matcher for the names of `kinds` (compiled once per set of kinds and names). */
  private matcherFor(kinds: readonly string[]): Matcher {
    const key = [...new Set(kinds)].sort().join();
    let matcher = this.matchers.get(key);
    if (!matcher) {
      const index = this.index;
      matcher = compileMatcher(aliasEntriesOfKinds(index, kinds), {
        related: index,
        snapshot: this.deps.snapshot,
      });
      this.matchers.set(key, matcher);
    }
    return matcher;
  }

  private stop(): void {
    this.queue?.disconnect();
    this.queue = null;
    this.scanner?.cancel();
    this.scanner = null;
    this.cardController?.close();
    this.currentLayer.clear();
    if (!this.active) {
      this.layer.unregister();
      this.currentLayer.unregister();
      // Paused or switched off: no card of ours stays, not even a note being composed.
      this.deps.cards.destroy();
    }
    this.scheduleReport();
  }

  private enqueue(job: () => Promise<unknown>): void {
    // Chained, so a rescan and a batch of changes never interleave.
    this.work = this.work.then(job).catch((error: unknown) => console.error("Context Cards:", error));
  }

  /** Reports this document's counts again, changed or not (the page came back from the back-forward cache). */
  reportAgain(): void {
    this.lastReport = undefined;
    this.scheduleReport();
  }

  private scheduleReport(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => {
      const counts: FrameCounts =
        this.active && this.scanner
          ? { active: true, entities: this.scanner.summarize(location.href).entities }
          : { active: false, entities: [] };
      const key = JSON.stringify(
        this.deps.reportCounts ? counts : [counts.active, counts.entities.map((item) => item.id).sort()],
      );
      if (key === this.lastReport) return;
      this.lastReport = key;
      this.deps.report(counts);
    }, REPORT_DELAY_MS);
  }
}
