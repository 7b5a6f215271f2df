/**
 * DOM helpers for component tests under happy-dom: a fresh container per test, queries by
 * what a person reads, and a way to let the promises an action started settle.
 */
import { type ComponentChild, render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach } from "vitest";

/** A container in the document for each test of the file, emptied and removed after it. */
export function useContainer(): { readonly current: HTMLElement } {
  const ref = { current: document.body };
  beforeEach(() => {
    ref.current = document.createElement("div");
    document.body.append(ref.current);
  });
  afterEach(() => {
    render(null, ref.current);
    ref.current.remove();
  });
  return ref;
}

/** Renders `vnode` into `container`, effects and all. */
export function renderInto(container: HTMLElement, vnode: ComponentChild): void {
  act(() => {
    render(vnode, container);
  });
}

/** The text of `node` as read: runs of white space as one space, trimmed. */
export const text = (node: Node | null | undefined): string =>
  (node?.textContent ?? "").replace(/\s+/g, " ").trim();

/** The elements matching `selector` in `root`. */
export const queryAll = <T extends Element = HTMLElement>(selector: string, root: ParentNode): T[] => [
  ...root.querySelectorAll<T>(selector),
];

/** The one button in `root` whose accessible name (aria-label, else its text) is `name`. */
export function buttonNamed(name: string, root: ParentNode): HTMLButtonElement {
  const found = queryAll<HTMLButtonElement>("button", root).filter(
    (button) => (button.getAttribute("aria-label") ?? text(button)) === name,
  );
  if (found.length !== 1) throw new Error(`${found.length} buttons named ${name}`);
  return found[0] as HTMLButtonElement;
}

/** Lets the promises (and zero-delay timers) the last action started settle. */
export const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((done) => setTimeout(done, 0));
  });

/**
 * Queries bound to a container from `useContainer` (read when called, so per test): `$` the
 * one element matching (throws when none), `$$` all of them, and `click` inside `act`.
 */
export function bindQueries(container: { readonly current: HTMLElement }) {
  return {
    $: <T extends Element = HTMLElement>(selector: string, within: ParentNode = container.current): T => {
      const found = within.querySelector<T>(selector);
      if (!found) throw new Error(`nothing matches ${selector}`);
      return found;
    },
    $$: <T extends Element = HTMLElement>(selector: string, within: ParentNode = container.current): T[] =>
      queryAll<T>(selector, within),
    click: (element: HTMLElement) =>
      act(() => {
        element.click();
      }),
  };
}
