/** The extension's entries in the page's context menu (shown on a selection). */
import { browser } from "./browser";

/** (Re)creates one entry per item, shown when text is selected. */
export async function installSelectionMenu(items: readonly { id: string; title: string }[]): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const item of items) {
    browser.contextMenus.create({ id: item.id, title: item.title, contexts: ["selection"] });
  }
}

/** A click on one of the entries. */
export interface MenuClick {
  menuItemId: string | number;
  tabId: number | undefined;
  /** The frame the menu was opened in (0: the top page). */
  frameId: number | undefined;
  /** The selected words, as the browser hands them over. */
  selectionText: string | undefined;
  /** The address of the frame the menu was opened in, when it is not the top page. */
  frameUrl: string | undefined;
}

/** Calls `handler` with each click on an entry. */
export function listenForMenuClicks(handler: (click: MenuClick) => void): void {
  browser.contextMenus.onClicked.addListener((info, tab) =>
    handler({
      menuItemId: info.menuItemId,
      tabId: tab?.id,
      frameId: info.frameId,
      selectionText: info.selectionText,
      frameUrl: info.frameUrl,
    }),
  );
}
