/**
 * Adds CSS held in a string (such as CARD_STYLES) to one of the extension's own pages.
 *
 * The pages' CSP (`style-src 'self'`) blocks `<style>` elements and style attributes, but not
 * constructed stylesheets, so the text goes into a `CSSStyleSheet` adopted by the document.
 * Each text is adopted once per document; engines without constructed stylesheets (old
 * browsers, test DOMs) are left unstyled rather than broken.
 */
const adopted = new WeakMap<Document, Set<string>>();

export function adoptStyles(doc: Document, css: string): void {
  let done = adopted.get(doc);
  if (!done) {
    done = new Set();
    adopted.set(doc, done);
  }
  if (done.has(css)) return;
  done.add(css);
  try {
    const view = doc.defaultView;
    if (!view || typeof view.CSSStyleSheet !== "function") return;
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  } catch {
    // No constructed stylesheets here: the content still renders, only unstyled.
  }
}
