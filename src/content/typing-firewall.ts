/**
 * Keeps what a person types in our UI away from the page. Keyboard, input, composition and
 * clipboard events are composed: from a field inside the card's closed shadow root they still
 * travel through the page's window, document and body, retargeted to our host, and a page's
 * listener there reads the keys (`key`) and the text (`InputEvent.data`) of a note as it is
 * written. A listener on the page's window in the capture phase is the first on every event's
 * path: there the firewall ends the journey of each such event from our host while a text
 * field of ours has focus, and dispatches a copy that is not composed at that field, so the
 * card's own handlers (Ctrl+Enter, Escape, the fields' input) get what they listen for and the
 * page gets nothing. Stopping an event does not cancel what the browser does with it: the text
 * is typed, pasted or copied as usual.
 *
 * What it cannot cover: a page listener on the window's capture phase added before the
 * firewall (which starts with the content app, see main.ts) still runs first, since listeners
 * of one target and phase run in the order they were added. Keys pressed
 * on the card's buttons and links carry nothing typed and go on to the page as any key does
 * (its shortcuts work around them).
 */

/** The events that carry what is typed, pasted or copied. */
export const GUARDED_EVENT_TYPES = [
  "keydown",
  "keypress",
  "keyup",
  "beforeinput",
  "input",
  "textInput",
  "compositionstart",
  "compositionupdate",
  "compositionend",
  "paste",
  "copy",
  "cut",
] as const;

/** Form fields: what is typed in them, and which choice is made, is the user's own. */
const TEXT_FIELD_TAGS = new Set(["INPUT", "TEXTAREA", "SELECT"]);

/** The element our UI lives in, and its shadow root, as they are now. */
export interface GuardedUi {
  host: Element;
  root: ShadowRoot;
}

/** Where the UI is now: the card host fills it in, the guard reads it (null: nowhere). */
export interface GuardedUiSlot {
  current: GuardedUi | null;
}

/**
 * Starts guarding our UI on `view` (its window); returns the function that stops it. `ui`
 * says where the UI is now (null: nowhere), so one guard serves a host made again later and
 * keeps its early place among the window's listeners. An event is held back only when the
 * browser fired it (a page's own events are left alone: never passed into the card), it comes
 * from inside the host, and the element focused inside the root is a field of ours (text, or
 * a choice) or editable; keydown and input then reach that field as copies that stay inside
 * the shadow root, and a copy's cancellation cancels the original. Other events are left alone.
 */
export function guardTyping(view: Window, ui: () => GuardedUi | null): () => void {
  const guard = (event: Event) => {
    // A page can dispatch events at our host: they must not type, save or cancel in the card.
    if (!event.isTrusted) return;
    const current = ui();
    // From inside the host (the page sees the host as the target of anything from in there).
    if (!current || !event.composedPath().includes(current.host)) return;
    const field = current.root.activeElement;
    if (!field || !isTextEntry(field)) return;
    event.stopImmediatePropagation();
    const copy = copyInside(view, event);
    if (!copy) return;
    field.dispatchEvent(copy);
    if (copy.defaultPrevented) event.preventDefault();
  };
  for (const type of GUARDED_EVENT_TYPES) view.addEventListener(type, guard, true);
  return () => {
    for (const type of GUARDED_EVENT_TYPES) view.removeEventListener(type, guard, true);
  };
}

/** True when typing into `element` writes the user's text. */
function isTextEntry(element: Element): boolean {
  return TEXT_FIELD_TAGS.has(element.tagName) || (element as HTMLElement).isContentEditable === true;
}

/** What the card's handlers read of a key (the copy of a keydown carries these). */
const KEY_FIELDS = [
  "key",
  "code",
  "location",
  "repeat",
  "isComposing",
  "ctrlKey",
  "shiftKey",
  "altKey",
  "metaKey",
] as const;

/**
 * A copy of `event` that stays in the shadow root (not composed), for the events the card
 * handles itself; undefined for the rest, which it does not listen to.
 */
function copyInside(view: Window, event: Event): Event | undefined {
  // The host window's constructors, so the copy belongs to the document it is dispatched in.
  const ctors = view as unknown as { Event: typeof Event; InputEvent: typeof InputEvent };
  const inside = { bubbles: event.bubbles, cancelable: event.cancelable, composed: false };
  if (event.type === "keydown") {
    // A plain Event with the key's fields: Firefox (153 ESR) makes every KeyboardEvent it
    // constructs composed, whatever its init says, and the copy would reach the page.
    const copy = new ctors.Event("keydown", inside);
    for (const field of KEY_FIELDS) {
      Object.defineProperty(copy, field, { value: (event as KeyboardEvent)[field], enumerable: true });
    }
    return copy;
  }
  if (event.type === "input") {
    const input = event as InputEvent;
    return new ctors.InputEvent("input", {
      ...inside,
      data: input.data,
      inputType: input.inputType,
      isComposing: input.isComposing,
    });
  }
  return undefined;
}
