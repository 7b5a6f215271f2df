/**
 * The card UI module (built as `card-ui.js`, an ES module the content script imports on first
 * use): Preact, Floating UI, the card components, the full knowledge packs with their facts, and
 * the user's notes.
 * The content script itself carries only what spotting needs (see build.mjs).
 */
import { BUNDLED_PACKS } from "../knowledge/bundled-packs";
import { NotesStore } from "../platform/notes-store";
import type { Translate } from "../ui/card/entity-card";
import { CardHost } from "./card-host";
import type { CardSurface } from "./card-surface";
import type { GuardedUiSlot } from "./typing-firewall";

/**
 * Creates the surface cards are shown on in `doc`, with `t` for the UI's strings; it keeps
 * `ui` pointing at the card's element and shadow root (the typing guard's, see main.ts).
 */
export function createCardSurface(doc: Document, t: Translate, ui: GuardedUiSlot): CardSurface {
  return new CardHost(doc, { packs: BUNDLED_PACKS, t, notes: new NotesStore() }, ui);
}
