/**
 * The extension draws its cards in a *closed* shadow root, so a page's scripts cannot read
 * them — and neither can the tests' functions, which run in the page's main world too. The
 * automation protocols can see closed roots: this module hands each one found to the page's
 * main world as the host's `contextCardsRoot` property, in every frame of the page, for tests
 * only. A real page has no such protocol and never gets it.
 */
import type { Page as PlaywrightPage } from "playwright-core";
import type { Page as PuppeteerPage } from "puppeteer-core";

declare global {
  interface Element {
    /** Test-only: the closed shadow root of an extension UI host, once revealed (see above). */
    contextCardsRoot?: ShadowRoot;
  }
}

/** The tag of the extension's UI host, as the DOM names it. */
const HOST_NAME = "context-cards-ui";

/** Sets `contextCardsRoot` on its host; runs in the page, with the root as `this` or argument. */
const STASH_ROOT = `function (root) {
  root = root ?? this;
  Object.defineProperty(root.host, "contextCardsRoot", { value: root, configurable: true });
}`;

// True when some host in the document or its same-origin frames is not revealed yet.
const ANY_UNREVEALED = `(() => {
  const pending = (doc) => {
    if ([...doc.querySelectorAll("${HOST_NAME}")].some((host) => !host.contextCardsRoot)) return true;
    for (const frame of doc.querySelectorAll("iframe, frame")) {
      let inner = null;
      try { inner = frame.contentDocument; } catch {}
      if (inner && pending(inner)) return true;
    }
    return false;
  };
  return pending(document);
})()`;

interface CdpNode {
  backendNodeId: number;
  localName?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

type CdpSession = { send(method: string, params?: object): Promise<unknown> };
const cdpSessions = new WeakMap<PlaywrightPage, Promise<CdpSession>>();

/** Chromium: finds the hosts' roots in the DOM tree CDP reports (it pierces closed roots). */
export async function revealUiRootsInChromium(page: PlaywrightPage): Promise<void> {
  if (!(await page.evaluate(ANY_UNREVEALED))) return;
  let session = cdpSessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page) as Promise<CdpSession>;
    cdpSessions.set(page, session);
  }
  const cdp = await session;
  const { root } = (await cdp.send("DOM.getDocument", { depth: -1, pierce: true })) as { root: CdpNode };
  const roots: CdpNode[] = [];
  const visit = (node: CdpNode): void => {
    if (node.localName === HOST_NAME && node.shadowRoots?.[0]) roots.push(node.shadowRoots[0]);
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) visit(child);
    if (node.contentDocument) visit(node.contentDocument);
  };
  visit(root);
  for (const shadow of roots) {
    // Resolved without a context, a node lands in the main world of its own frame.
    const { object } = (await cdp.send("DOM.resolveNode", { backendNodeId: shadow.backendNodeId })) as {
      object: { objectId: string };
    };
    await cdp.send("Runtime.callFunctionOn", { objectId: object.objectId, functionDeclaration: STASH_ROOT });
    await cdp.send("Runtime.releaseObject", { objectId: object.objectId });
  }
}

interface BidiRemoteValue {
  type: string;
  sharedId?: string;
  value?: unknown;
}
interface BidiContextInfo {
  context: string;
  children?: BidiContextInfo[] | null;
}
type BidiConnection = { send(method: string, params: object): Promise<{ result: unknown }> };

/** Firefox: WebDriver BiDi serializes an element's shadow root whatever its mode. */
export async function revealUiRootsInFirefox(page: PuppeteerPage): Promise<void> {
  if (!(await page.evaluate(ANY_UNREVEALED).catch(() => false))) return;
  const connection = (page.browser() as unknown as { connection: BidiConnection }).connection;
  const top = (page.mainFrame() as unknown as { _id: string })._id;
  const { contexts } = (await connection.send("browsingContext.getTree", { root: top })).result as {
    contexts: BidiContextInfo[];
  };
  const all: string[] = [];
  const collect = (info: BidiContextInfo): void => {
    all.push(info.context);
    for (const child of info.children ?? []) collect(child);
  };
  for (const info of contexts) collect(info);
  for (const context of all) {
    const found = await connection
      .send("script.evaluate", {
        expression: `[...document.querySelectorAll("${HOST_NAME}")].filter((host) => !host.contextCardsRoot)`,
        target: { context },
        awaitPromise: false,
        resultOwnership: "none",
        serializationOptions: { maxDomDepth: 0, maxObjectDepth: 1 },
      })
      .catch(() => undefined);
    const result = (found?.result as { result?: BidiRemoteValue } | undefined)?.result;
    const hosts = result?.type === "array" ? (result.value as BidiRemoteValue[]) : [];
    for (const host of hosts) {
      const shadow = (host.value as { shadowRoot?: BidiRemoteValue | null } | undefined)?.shadowRoot;
      if (!shadow?.sharedId) continue;
      await connection.send("script.callFunction", {
        functionDeclaration: STASH_ROOT,
        arguments: [{ sharedId: shadow.sharedId }],
        target: { context },
        awaitPromise: false,
      });
    }
  }
}
