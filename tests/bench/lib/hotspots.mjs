/**
 * Where our content script's time goes: the JS stack samples of the profiles, each charged to
 * the innermost function of the extension on its stack (so a DOM call is charged to the
 * function that made it), mapped back to the TypeScript source through the scripts' sourcemaps.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

// A sample's share of time is the gap to the next one, capped: a longer gap means the thread
// was descheduled or idle, not busy in that function.
const MAX_SAMPLE_GAP_US = 1000;

/**
 * Time (ms) per function of `origin` in a DevTools CPU profile, keyed `file:line:column:name`
 * (`file`: the script's path under `origin`, such as `content-main.js`).
 */
export function functionTimes(profile, origin) {
  const times = {};
  if (!profile?.nodes) return times;
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const innermost = new Map();
  const keyOf = (id) => {
    if (innermost.has(id)) return innermost.get(id);
    const frame = byId.get(id)?.callFrame ?? {};
    const key = frame.url?.startsWith(origin)
      ? `${frame.url.slice(origin.length)}:${frame.lineNumber}:${frame.columnNumber}:${frame.functionName}`
      : parentOf.has(id)
        ? keyOf(parentOf.get(id))
        : undefined;
    innermost.set(id, key);
    return key;
  };
  // timeDeltas[i] is the time before sample i; a sample's share is the gap to the next one.
  for (let i = 0; i + 1 < profile.samples.length; i++) {
    const key = keyOf(profile.samples[i]);
    if (key === undefined) continue;
    const gap = Math.min(profile.timeDeltas[i + 1] ?? 0, MAX_SAMPLE_GAP_US);
    times[key] = (times[key] ?? 0) + gap / 1000;
  }
  return times;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes a source map's `mappings` into, per generated line, `[column, source, line, col]`. */
function decodeMappings(mappings) {
  const lines = [];
  const state = [0, 0, 0, 0, 0];
  for (const line of mappings.split(";")) {
    const segments = [];
    state[0] = 0;
    for (const segment of line.split(",")) {
      if (segment === "") continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      for (let i = 0; i < values.length; i++) state[i] += values[i];
      if (values.length >= 4) segments.push([state[0], state[1], state[2], state[3]]);
    }
    lines.push(segments);
  }
  return lines;
}

/**
 * A lookup from a script of the build in `dir` and a generated (0-based line, column) in it to
 * `file:line  source text`, through the script's sourcemap (undefined where there is none).
 */
export function loadSourceMap(dir) {
  const maps = new Map();
  const mapOf = (script) => {
    if (!maps.has(script)) {
      const file = join(dir, `${script}.map`);
      const map = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
      maps.set(script, map && { map, lines: decodeMappings(map.mappings) });
    }
    return maps.get(script);
  };
  return (script, line, column) => {
    const { map, lines } = mapOf(script) ?? {};
    if (!map) return undefined;
    let best;
    for (const segment of lines[line] ?? []) {
      if (segment[0] > column) break;
      best = segment;
    }
    if (!best) return undefined;
    const source = map.sources[best[1]].replace(/^(\.\.\/)+/, "");
    const text = map.sourcesContent?.[best[1]]?.split("\n")[best[2]]?.trim() ?? "";
    return `${source}:${best[2] + 1}  ${text.slice(0, 60)}`;
  };
}

/** The `limit` functions with the most time over all `perPage` maps, with their share. */
export function topFunctions(perPage, lookup, limit = 8) {
  const totals = {};
  for (const times of perPage) {
    for (const [key, ms] of Object.entries(times ?? {})) totals[key] = (totals[key] ?? 0) + ms;
  }
  const all = Object.values(totals).reduce((a, b) => a + b, 0);
  return Object.entries(totals)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, ms]) => {
      const [script, line, column] = key.split(":");
      const where =
        lookup?.(script, Number(line), Number(column)) ??
        `${script}:${Number(line) + 1}:${column}  (bundle top level: module start-up)`;
      return { ms, share: ms / all, where };
    });
}
