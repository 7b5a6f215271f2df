/** Changes the tests make to a page, the way the page's own scripts would. */
import type { TestPage } from "./extension-browser";

/** Appends a paragraph `id` holding `text` to the first element matching `parent`. */
export function appendParagraph(
  page: TestPage,
  paragraph: { parent: string; id: string; text: string },
): Promise<void> {
  return page.evaluate((arg) => {
    const element = document.createElement("p");
    element.id = arg.id;
    element.textContent = arg.text;
    const parent = document.querySelector(arg.parent);
    if (!parent) throw new Error(`no ${arg.parent}`);
    parent.append(element);
  }, paragraph);
}
