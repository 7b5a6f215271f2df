/**
 * Turns what a user types as a site to pause into the key the extension pauses by (see
 * `siteOf` in src/core/settings.ts): the hostname, lower-case, without a leading "www.".
 * Accepts a bare hostname ("Example.com"), one with a path or port ("example.com/news"), or a
 * whole address ("https://www.example.com/a"). Pure.
 */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** True for a plausible hostname: letters, digits and hyphens in dot-separated labels, or an IP. */
function isHostname(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  if (host.startsWith("[") && host.endsWith("]")) return host.length > 2; // IPv6, as URL gives it
  const labels = host.split(".");
  if (!labels.every((label) => LABEL.test(label))) return false;
  // A last label of digits only is an IPv4 address, or not a host at all.
  const last = labels[labels.length - 1] ?? "";
  if (/^\d+$/.test(last)) return labels.length === 4 && labels.every((label) => /^\d{1,3}$/.test(label));
  return true;
}

/** The site key for `input`, or null when it is not a site. */
export function normalizeSiteInput(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === "" || /\s/.test(trimmed)) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  if (hasScheme && !/^https?:\/\//i.test(trimmed)) return null;
  let host: string;
  try {
    // URL lower-cases the host, turns international names into their xn-- form and drops
    // ports, paths and credentials — as the content script's `siteOf` sees a page.
    host = new URL(hasScheme ? trimmed : `http://${trimmed}`).hostname;
  } catch {
    return null;
  }
  // URL reads "1.2.3" as the address 1.2.0.3: accept only addresses written out in full.
  if (/^[\d.]+$/.test(host) && !trimmed.includes(host)) return null;
  host = host.replace(/\.$/, "").replace(/^www\./, "");
  return isHostname(host) ? host : null;
}
