/** The extension's entries in the page's context menu (shown on a selection). */
import { browser } from "./browser";

/** (Re)creates one entry per item, shown when text is selected. */
export async function installSelectionMenu(items: readonly { id: string; title: string }[]): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const item of items) {
    browser.contextMenus.create({ id: item.id, title: item.title, contexts: ["selection"] });
  }
}

/** Calls `handler` with the entry clicked, the tab and the frame it was clicked in. */
export function listenForMenuClicks(
  handler: (menuItemId: string | number, tabId: number | undefined, frameId: number | undefined) => void,
): void {
  browser.contextMenus.onClicked.addListener((info, tab) => handler(info.menuItemId, tab?.id, info.frameId));
}
