/**
 * Helpers for the backup tests, the same in both browsers: read and write the extension's
 * storage from one of its pages, catch the file a page offers for download (without saving
 * anything to disk), choose a file in a file input, and launch a second, fresh browser.
 */
import type { SuiteContext } from "./browser-suite";
import { type ExtensionBrowser, launchExtensionBrowser, type TestPage } from "./extension-browser";

/** Where the settings live in `storage.sync` (src/platform/settings-storage.ts, which needs a browser). */
export const SETTINGS_STORAGE_KEY = "context-cards:settings";

/** Both storage areas of the extension. */
export interface StorageSnapshot {
  local: Record<string, unknown>;
  sync: Record<string, unknown>;
}

/** Everything in the extension's storage, read from one of its pages. */
export function readStorage(page: TestPage): Promise<StorageSnapshot> {
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the extension API global differs per browser
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    return { local: await api.storage.local.get(null), sync: await api.storage.sync.get(null) };
  }, undefined);
}

/** Writes `items` into the extension's storage from one of its pages. */
export function writeStorage(page: TestPage, items: Partial<StorageSnapshot>): Promise<void> {
  return page.evaluate(async (arg: Partial<StorageSnapshot>) => {
    // biome-ignore lint/suspicious/noExplicitAny: the extension API global differs per browser
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    if (arg.local) await api.storage.local.set(arg.local);
    if (arg.sync) await api.storage.sync.set(arg.sync);
  }, items);
}

/** A file a page offered for download. */
export interface OfferedFile {
  fileName: string;
  type: string;
  text: string;
}

/**
 * From now on, a click on a download link to an object URL in `page` is caught instead of
 * downloaded: `URL.createObjectURL` remembers each blob, and `HTMLAnchorElement#click` reads
 * the blob behind the link's href (no fetch: extension pages allow no connections). Read
 * the files with {@link waitForOfferedFile}.
 */
export function catchDownloads(page: TestPage): Promise<void> {
  return page.evaluate(() => {
    const blobs = new Map<string, Blob>();
    const offered: { fileName: string; type: string; text: string | null }[] = [];
    (globalThis as unknown as { __offeredFiles: typeof offered }).__offeredFiles = offered;
    const createObjectURL = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      const url = createObjectURL(object);
      if (object instanceof Blob) blobs.set(url, object);
      return url;
    };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      const blob = this.download ? blobs.get(this.href) : undefined;
      if (!blob) return click.call(this);
      const entry: (typeof offered)[number] = { fileName: this.download, type: blob.type, text: null };
      offered.push(entry);
      void blob.text().then((text) => {
        entry.text = text;
      });
    };
  }, undefined);
}

/** The `index`-th file `page` offered since {@link catchDownloads}, once its text is read. */
export async function waitForOfferedFile(
  page: TestPage,
  index = 0,
  timeoutMs = 10_000,
): Promise<OfferedFile> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const file = await page.evaluate(
      (i: number) =>
        (globalThis as unknown as { __offeredFiles?: { text: string | null }[] }).__offeredFiles?.[i] ?? null,
      index,
    );
    if (file && file.text !== null) return file as OfferedFile;
    if (Date.now() > deadline) throw new Error(`no file was offered for download within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * Chooses a file named `fileName` holding `text` in the file input `selector`, as a person
 * picking it would: the input's files are set (through a DataTransfer) and `change` fires.
 */
export function chooseFile(page: TestPage, selector: string, fileName: string, text: string): Promise<void> {
  return page.evaluate(
    (arg: { selector: string; fileName: string; text: string }) => {
      const input = document.querySelector<HTMLInputElement>(arg.selector);
      if (!input) throw new Error(`no file input ${arg.selector}`);
      const transfer = new DataTransfer();
      transfer.items.add(new File([arg.text], arg.fileName, { type: "application/json" }));
      input.files = transfer.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    },
    { selector, fileName, text },
  );
}

/** A second browser of the suite's kind with a new, empty profile, behind the same proxy. */
export function launchFreshBrowser(ctx: SuiteContext): Promise<ExtensionBrowser> {
  return launchExtensionBrowser(ctx.name, { proxyPort: ctx.server.port });
}
