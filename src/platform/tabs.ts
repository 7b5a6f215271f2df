/** Tab events the background follows. */
import { browser } from "./browser";

/** Calls `listener` with the id of every tab that is closed. */
export function listenForClosedTabs(listener: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener((tabId) => listener(tabId));
}
