/**
 * Runs once before the end-to-end files: builds the extension (so the tests always load the
 * current source) and checks that both browsers exist. Outside CI a missing browser makes
 * its tests skip with the reason; in CI (CI=true) it fails the run.
 */
import { execFileSync } from "node:child_process";
import { BROWSER_EXECUTABLES, BROWSER_NAMES, isBrowserInstalled } from "./extension-browser";
import { REPO_ROOT } from "./test-server";

export default function setup(): void {
  execFileSync(process.execPath, ["build.mjs"], { cwd: REPO_ROOT, stdio: "inherit" });
  const missing = BROWSER_NAMES.filter((name) => !isBrowserInstalled(name));
  if (missing.length === 0) return;
  const list = missing.map((name) => `${name} (${BROWSER_EXECUTABLES[name]})`).join(", ");
  if (process.env.CI) {
    throw new Error(
      `CI: browser(s) missing: ${list}. Install them (see .ci/run); end-to-end tests never skip in CI.`,
    );
  }
  console.warn(
    `Browser(s) missing: ${list}; their end-to-end tests are skipped. Run .ci/run or apt-get install them.`,
  );
}
