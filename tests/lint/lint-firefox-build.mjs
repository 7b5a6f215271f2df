// Runs `web-ext lint` on dist/firefox and fails on any error, and on any warning or notice
// that our own code causes. A warning is attributed through the build's sourcemap: the only
// ones tolerated are those that map into a third-party package we ship on purpose (Preact's
// renderer assigns innerHTML for `dangerouslySetInnerHTML`, which our code never uses) — and
// two of ours, named exactly: the content script imports the app and the card UI module by
// computed URLs, `import(runtime.getURL("content-main.js"))` in the first stage and
// `import(runtime.getURL("card-ui.js"))` in the app, fixed files of the extension's own package.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const sourceDir = join(root, "dist/firefox");
const TOLERATED = [
  { code: "UNSAFE_VAR_ASSIGNMENT", source: /node_modules\/preact\// },
  {
    code: "UNSAFE_VAR_ASSIGNMENT",
    source: /^\.\.\/src\/content\/(index|main)\.ts$/,
    message: /call to import/,
  },
];

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes one line of sourcemap `mappings` into [generatedColumn, sourceIndex] pairs. */
function decodeLine(mappings, lineIndex) {
  const lines = mappings.split(";");
  const segments = [];
  let sourceIndex = 0;
  // Source index is relative across lines, so earlier lines must be decoded too.
  for (let l = 0; l <= lineIndex && l < lines.length; l++) {
    let column = 0;
    for (const segment of lines[l].split(",")) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = B64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length > 1) sourceIndex += values[1];
      if (l === lineIndex && values.length > 1) segments.push([column, sourceIndex]);
    }
  }
  return segments;
}

/** The original source file that produced `file` at (line, column), via its .map file. */
function originalSourceOf(file, line, column) {
  let map;
  try {
    map = JSON.parse(readFileSync(join(sourceDir, `${file}.map`), "utf8"));
  } catch {
    return undefined;
  }
  const segments = decodeLine(map.mappings, line - 1);
  let found;
  for (const [generatedColumn, sourceIndex] of segments) {
    if (generatedColumn <= column) found = sourceIndex;
    else break;
  }
  return found === undefined ? undefined : map.sources[found];
}

let output;
try {
  output = execFileSync(
    join(root, "node_modules/.bin/web-ext"),
    ["lint", "--source-dir", sourceDir, "--self-hosted", "--output", "json"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
} catch (error) {
  // web-ext exits non-zero when it finds errors; its JSON is still on stdout.
  output = error.stdout;
}
const report = JSON.parse(output);
const problems = [];
for (const error of report.errors)
  problems.push(`error ${error.code} in ${error.file ?? "?"}: ${error.message}`);
let tolerated = 0;
for (const item of [...report.warnings, ...report.notices]) {
  const source = item.file ? originalSourceOf(item.file, item.line ?? 1, item.column ?? 0) : undefined;
  const ok = TOLERATED.some(
    (t) =>
      t.code === item.code &&
      source &&
      t.source.test(source) &&
      (t.message === undefined || t.message.test(item.message)),
  );
  if (ok) tolerated++;
  else
    problems.push(
      `${item._type} ${item.code} in ${item.file ?? "?"} (from ${source ?? "unknown source"}): ${item.message}`,
    );
}
console.log(
  `web-ext lint dist/firefox: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ` +
    `${report.summary.notices} notices; ${tolerated} tolerated (traced to Preact, or the content module and card UI imports).`,
);
if (problems.length > 0) {
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
