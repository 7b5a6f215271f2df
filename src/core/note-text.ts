/**
 * Links in the plain text of a note. A note is shown as text, never as HTML; the only markup
 * it gets is its web addresses turned into links, and only ever http or https ones.
 */

/** A piece of a note: plain text, or a web address with the href it opens. */
export type NotePart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// A candidate starts at a word boundary with a scheme or "www." and runs to white space, a
// character URLs do not carry unescaped (<>"`{}|\^), a typographic quote, or CJK punctuation.
const CANDIDATE =
  /\b(?:https?:\/\/|www\.)[^\s<>"`{}|\\^\u00ab\u00bb\u2018-\u201f\u2039\u203a\u3000-\u303f\uff00-\uffef]+/giu;
const TRAILING_PUNCTUATION = ".,;:!?'*";
const CLOSERS: Record<string, string> = { ")": "(", "]": "[" };

/** Drops trailing punctuation and unbalanced closing brackets from a candidate address. */
function trimCandidate(candidate: string): string {
  let end = candidate.length;
  for (;;) {
    const last = candidate[end - 1];
    if (last === undefined) return "";
    const opener = CLOSERS[last];
    if (TRAILING_PUNCTUATION.includes(last)) end--;
    else if (opener !== undefined && count(candidate, last, end) > count(candidate, opener, end)) end--;
    else return candidate.slice(0, end);
  }
}

function count(text: string, char: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (text[i] === char) n++;
  return n;
}

/** The normalised href of an address as written, or null when it is not a usable http(s) URL. */
function toHref(written: string): string | null {
  const withScheme = /^www\./i.test(written) ? `https://${written}` : written;
  try {
    const url = new URL(withScheme);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return null;
    return url.href;
  } catch {
    return null;
  }
}

/**
 * Splits plain text into text and link parts. Links are http:// and https:// addresses and
 * bare `www.` ones (opened as https); trailing punctuation (`.,;:!?'*`) and unbalanced `)` or
 * `]` stay text. Every href is an http or https URL normalised by `URL`; anything else
 * (`javascript:`, `data:`, malformed hosts) stays text. Joining every part's `text` gives
 * `text` back exactly; no part is empty and no two text parts are adjacent.
 */
export function splitLinks(text: string): NotePart[] {
  const parts: NotePart[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const written = trimCandidate(match[0]);
    const href = written ? toHref(written) : null;
    if (href === null) continue;
    if (start > plainFrom) parts.push({ kind: "text", text: text.slice(plainFrom, start) });
    parts.push({ kind: "link", text: written, href });
    plainFrom = start + written.length;
  }
  if (plainFrom < text.length) parts.push({ kind: "text", text: text.slice(plainFrom) });
  return parts;
}
