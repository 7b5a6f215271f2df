/** The toolbar button's badge, per tab. */
import { browser } from "./browser";

const BADGE_COLOUR = "#b4441c";

/** Shows `text` on the toolbar button for tab `tabId` ("" clears it). */
export async function setBadge(tabId: number, text: string): Promise<void> {
  await browser.action.setBadgeText({ tabId, text });
  if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOUR });
}
