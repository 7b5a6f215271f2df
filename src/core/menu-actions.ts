/**
 * The context-menu entries shown on a selection, and what each one asks the page to do.
 * Pure: the background creates the entries and forwards clicks (src/background/index.ts).
 */
import type { ComposeMessage } from "./messages";

/** One entry: its id, the i18n key of its title, and the message it sends to the page. */
export interface MenuAction {
  id: string;
  titleKey: string;
  message: ComposeMessage;
}

/** The entries, in menu order. */
export const MENU_ACTIONS: readonly MenuAction[] = [
  {
    id: "context-cards:add-note",
    titleKey: "menuAddNote",
    message: { type: "context-cards:compose", mode: "note" },
  },
  {
    id: "context-cards:track-name",
    titleKey: "menuTrackName",
    message: { type: "context-cards:compose", mode: "track" },
  },
];

/** The message for a clicked entry, or null when the entry is not ours. */
export function messageForMenuItem(menuItemId: string | number): ComposeMessage | null {
  return MENU_ACTIONS.find((action) => action.id === menuItemId)?.message ?? null;
}

/**
 * Where a menu click that a frame could not answer goes next: a frame of another origin has
 * no content app, so the top page composes from the words the browser's menu hands over,
 * with the frame's address as the note's page when it is a web page's (the top frame's own
 * silence, or a click without words, goes nowhere). Null: nowhere.
 */
export function fallbackForUnanswered(
  message: ComposeMessage,
  click: { frameId: number; selectionText?: string | undefined; frameUrl?: string | undefined },
): ComposeMessage | null {
  const { frameId, selectionText, frameUrl } = click;
  if (frameId === 0 || selectionText === undefined || selectionText.trim() === "") return null;
  const fallback: ComposeMessage = { ...message, selectionText };
  if (frameUrl !== undefined && /^https?:\/\//i.test(frameUrl)) fallback.frameUrl = frameUrl;
  return fallback;
}
