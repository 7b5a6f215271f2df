// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GUARDED_EVENT_TYPES, guardTyping } from "../../src/content/typing-firewall";

/** What the page's listeners heard: type and key or data of every event. */
let heard: string[];
/** What the card's own field heard. */
let inside: Array<{ type: string; detail: string; composed: boolean }>;
let host: HTMLElement;
let field: HTMLTextAreaElement;
let button: HTMLButtonElement;
let stop: () => void;
let ui: { host: Element; root: ShadowRoot } | null;
const pageListeners: Array<[EventTarget, string, EventListener, boolean]> = [];

const describeEvent = (event: Event) =>
  `${event.type}:${(event as KeyboardEvent).key ?? (event as InputEvent).data ?? ""}`;

function listenAsPage(target: EventTarget, capture: boolean): void {
  for (const type of GUARDED_EVENT_TYPES) {
    const listener = (event: Event) => heard.push(describeEvent(event));
    target.addEventListener(type, listener, capture);
    pageListeners.push([target, type, listener, capture]);
  }
}

/**
 * An event as the browser fires it at a focused field: composed, so it leaves the shadow root,
 * and trusted (here marked so by hand: happy-dom trusts no event a test dispatches).
 */
function typeAt(target: Element, event: Event): Event {
  Object.defineProperty(event, "isTrusted", { value: true });
  target.dispatchEvent(event);
  return event;
}
const keydown = (key: string) =>
  new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, composed: true });
const input = (data: string) =>
  new InputEvent("input", { data, inputType: "insertText", bubbles: true, composed: true });

beforeEach(() => {
  heard = [];
  inside = [];
  host = document.createElement("context-cards-ui");
  const root = host.attachShadow({ mode: "closed" });
  field = document.createElement("textarea");
  button = document.createElement("button");
  root.append(field, button);
  document.body.append(host);
  for (const type of ["keydown", "input", "paste"]) {
    field.addEventListener(type, (event) =>
      inside.push({ type, detail: describeEvent(event), composed: event.composed }),
    );
  }
  // The page listens everywhere it can, before the firewall starts (as a page's scripts do).
  listenAsPage(document, true);
  listenAsPage(document, false);
  listenAsPage(document.body, false);
  listenAsPage(window, false);
  ui = { host, root };
  stop = guardTyping(window, () => ui);
});

afterEach(() => {
  stop();
  for (const [target, type, listener, capture] of pageListeners.splice(0))
    target.removeEventListener(type, listener, capture);
  host.remove();
});

describe("guardTyping", () => {
  it("keeps keys and text typed in a field of the card from the page, and hands them to the field", () => {
    field.focus();
    typeAt(field, keydown("s"));
    typeAt(field, input("s"));
    typeAt(field, new Event("paste", { bubbles: true, cancelable: true, composed: true }));
    expect(heard).toEqual([]);
    // The field's handlers get copies that stay inside the shadow root; paste it does not handle.
    expect(inside).toEqual([
      { type: "keydown", detail: "keydown:s", composed: false },
      { type: "input", detail: "input:s", composed: false },
    ]);
  });

  it("holds back a page listener on the window's capture phase added after it", () => {
    listenAsPage(window, true);
    field.focus();
    typeAt(field, keydown("x"));
    expect(heard).toEqual([]);
  });

  it("cancels the original when the field cancels the copy", () => {
    field.addEventListener("keydown", (event) => {
      if ((event as KeyboardEvent).key === "Enter") event.preventDefault();
    });
    field.focus();
    expect(typeAt(field, keydown("Enter")).defaultPrevented).toBe(true);
    expect(typeAt(field, keydown("a")).defaultPrevented).toBe(false);
  });

  it("lets keys on the card's buttons, and everything typed in the page, through", () => {
    button.focus();
    typeAt(button, keydown("Escape"));
    const pageField = document.createElement("input");
    document.body.append(pageField);
    pageField.focus();
    typeAt(pageField, keydown("p"));
    typeAt(pageField, input("p"));
    pageField.remove();
    // Each event once per page listener: document (capture, bubble), body, window.
    expect(heard).toEqual([
      ...Array(4).fill("keydown:Escape"),
      ...Array(4).fill("keydown:p"),
      ...Array(4).fill("input:p"),
    ]);
  });

  it("passes nothing a page dispatches at the host into the card (a page's own events are its own)", () => {
    field.focus();
    // Not trusted: as a page's script would send it, to save or cancel a note being written.
    host.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
    expect(inside).toEqual([]);
    expect(heard).toHaveLength(4);
  });

  it("guards the host the UI has now, made again or gone", () => {
    const again = document.createElement("context-cards-ui");
    const againRoot = again.attachShadow({ mode: "closed" });
    const againField = document.createElement("input");
    againRoot.append(againField);
    document.body.append(again);
    ui = { host: again, root: againRoot };
    againField.focus();
    typeAt(againField, keydown("q"));
    expect(heard).toEqual([]);
    // No UI: nothing held back.
    ui = null;
    typeAt(againField, keydown("w"));
    expect(heard).toHaveLength(4);
    again.remove();
  });

  it("guards nothing once stopped", () => {
    stop();
    field.focus();
    typeAt(field, keydown("k"));
    expect(heard).toHaveLength(4);
    expect(inside).toEqual([{ type: "keydown", detail: "keydown:k", composed: true }]);
  });
});
