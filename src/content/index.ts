/**
 * Content-script entry. Runs at `document_idle` in http(s) pages: compiles the matcher,
 * scans the readable text in slices, paints mentions with the CSS Custom Highlight API,
 * follows changes, opens cards on hover, click or keyboard, and answers the extension's
 * messages. It never changes the page's DOM until a card is first shown (then it appends
 * one element of its own).
 */
import { buildKnowledgeIndex } from "../core/knowledge-index";
import { compileMatcher } from "../core/matcher";
import { BUNDLED_PACKS } from "../knowledge/bundled-packs";
import { translate } from "../platform/i18n";
import { listenForMessages } from "../platform/messaging";
import { CardController } from "./card-controller";
import { CardHost } from "./card-host";
import { HIGHLIGHT_PREFIX, HighlightLayer } from "./highlight-layer";
import { MutationQueue } from "./mutation-queue";
import { pageClock } from "./page-clock";
import { PageScanner } from "./page-scanner";
import { UI_HOST_TAG } from "./readable-text";

// The page may clear the shared highlight registry (its own search feature, say).
const REGISTRY_CHECK_MS = 2000;

function startScanning(): void {
  const index = buildKnowledgeIndex(BUNDLED_PACKS);
  const matcher = compileMatcher(index.aliasEntries, { related: index });
  const layer = new HighlightLayer(HIGHLIGHT_PREFIX, CSS.highlights);
  const currentLayer = new HighlightLayer(`${HIGHLIGHT_PREFIX}-current`, CSS.highlights);
  const scanner = new PageScanner({
    matcher,
    index,
    layer,
    clock: pageClock,
    options: { includeCode: false },
  });
  const cards = new CardController({
    doc: document,
    scanner,
    index,
    packs: BUNDLED_PACKS,
    host: new CardHost(document),
    currentLayer,
    translate,
  });
  cards.start();

  // Work is chained so that a rescan and a batch of changes never interleave.
  let work: Promise<unknown> = Promise.resolve();
  const enqueue = (job: () => Promise<unknown>) => {
    work = work.then(job).catch((error: unknown) => console.error("Context Cards:", error));
  };

  const queue = new MutationQueue(
    (batch) =>
      enqueue(async () => {
        if (batch.overflow) {
          await scanner.scanAll(document);
          return;
        }
        if (batch.removed) scanner.dropDisconnected();
        if (batch.nodes.size > 0) await scanner.scanChanged(batch.nodes);
      }),
    { isIgnored: (node) => (node.parentElement ?? (node as Element)).closest?.(UI_HOST_TAG) != null },
  );
  queue.observe(document);
  enqueue(() => scanner.scanAll(document));
  setInterval(() => {
    layer.ensureRegistered();
    currentLayer.ensureRegistered();
  }, REGISTRY_CHECK_MS);

  listenForMessages({
    "context-cards:ping": () => ({ from: "content", url: location.href, topFrame: window === window.top }),
    "context-cards:page-summary": () => scanner.summarize(location.href),
    "context-cards:focus-mention": (message) => ({ moved: cards.focusMention(message.direction) }),
  });
}

startScanning();
