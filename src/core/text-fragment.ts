/**
 * Links back to a quote on a page with a text fragment (`#:~:text=…`, supported by Chromium,
 * Safari and Firefox 131+): opening the link scrolls to the quoted words and marks them. Where
 * the browser does not support fragments the link still opens the page.
 *
 * Pure: no DOM, no extension APIs.
 */

/** Longest `exact` quoted whole; longer quotes are linked by their first and last words. */
const WHOLE_QUOTE_LIMIT = 150;
const EDGE_WORDS = 5;

/** A fragment directive component: percent-encoded, with the directive's own syntax escaped. */
function encodePart(text: string): string {
  return encodeURIComponent(text.replace(/\s+/g, " ").trim()).replace(/-/g, "%2D");
}

function lastWords(text: string, count: number): string {
  return text.trim().split(/\s+/).slice(-count).join(" ");
}

function firstWords(text: string, count: number): string {
  return text.trim().split(/\s+/).slice(0, count).join(" ");
}

/**
 * `url` with a text fragment for `quote` (any existing fragment replaced). The prefix and
 * suffix add up to three words of context each, so a common phrase finds the right place.
 * Returns `url` unchanged when it is not http(s) or the quote is blank.
 */
export function buildTextFragmentUrl(
  url: string,
  quote: { exact: string; prefix?: string | undefined; suffix?: string | undefined },
): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if ((parsed.protocol !== "http:" && parsed.protocol !== "https:") || quote.exact.trim() === "") return url;
  const exact = quote.exact.replace(/\s+/g, " ").trim();
  const words = exact.split(" ");
  const parts: string[] = [];
  const prefix = lastWords(quote.prefix ?? "", 3);
  if (prefix) parts.push(`${encodePart(prefix)}-`);
  if (exact.length <= WHOLE_QUOTE_LIMIT || words.length <= EDGE_WORDS * 2) parts.push(encodePart(exact));
  else parts.push(encodePart(firstWords(exact, EDGE_WORDS)), encodePart(lastWords(exact, EDGE_WORDS)));
  const suffix = firstWords(quote.suffix ?? "", 3);
  if (suffix) parts.push(`-${encodePart(suffix)}`);
  parsed.hash = "";
  return `${parsed.href}#:~:text=${parts.join(",")}`;
}
