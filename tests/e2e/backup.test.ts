/**
 * Backup, end to end: a note, a name of the user's and a changed setting are exported from
 * the options page as one file, which a fresh profile then imports after a preview, ending
 * with the same note, name and setting. A malformed file is refused with its reason and
 * changes nothing.
 */
import { expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { makeNameKey, makeNoteKey } from "../../src/core/user-data-records";
import type { Note, UserName } from "../../src/core/user-data-schema";
import {
  catchDownloads,
  chooseFile,
  launchFreshBrowser,
  type OfferedFile,
  readStorage,
  SETTINGS_STORAGE_KEY,
  waitForOfferedFile,
  writeStorage,
} from "./backup-helpers";
import { describeInBrowsers } from "./browser-suite";
import { isExtensionError, type TestPage } from "./extension-browser";

const CREATED = 1_764_000_000_000;

const NAME: UserName = {
  id: "user:harbour-lab-e2e001",
  name: "Harbour Lab",
  aliases: ["HBL", "港湾实验室"],
  kind: "company",
  summary: "A lab made up for this test",
  caseSensitive: false,
  createdAt: CREATED,
  updatedAt: CREATED + 1000,
};

const NOTE: Note = {
  id: "e2eNoteOnHarbourLab01",
  entityId: NAME.id,
  text: "Said to train on 2,000 chips.",
  quote: { exact: "Harbour Lab", prefix: "rivals such as ", suffix: " and" },
  page: { url: "https://news.example.com/ai-race", title: "The AI race" },
  createdAt: CREATED,
  updatedAt: CREATED,
};

const SETTINGS = { ...DEFAULT_SETTINGS, hoverDelayMs: 700, highlightStyle: "underline" as const };

const IMPORT_INPUT = "input[type=file]";
const STATUS = "[data-testid=backup-status] [role=status]";

/** The options page, once the user's names have loaded (the list or the empty state shows). */
async function openOptions(open: (path: string) => Promise<TestPage>): Promise<TestPage> {
  const page = await open("options.html");
  await page.waitForSelector("[data-testid=names-list], [data-testid=names-empty]");
  return page;
}

/** The preview's counts, row by row ("—" where a row does not apply). */
function readPreviewCounts(): Record<string, string> {
  const counts: Record<string, string> = {};
  for (const cell of document.querySelectorAll<HTMLElement>("[data-testid^=preview-n]")) {
    counts[(cell.dataset.testid as string).slice("preview-".length)] = (cell.textContent ?? "").trim();
  }
  return counts;
}

describeInBrowsers("backup", (ctx) => {
  let offered: OfferedFile | undefined;

  it("exports a note, a name and a changed setting as one JSON file", async () => {
    const options = await openOptions((path) => ctx.browser.openExtensionPage(path));
    await writeStorage(options, {
      local: { [makeNoteKey(NOTE.id)]: NOTE, [makeNameKey(NAME.id)]: NAME },
      sync: { [SETTINGS_STORAGE_KEY]: SETTINGS },
    });
    // The page follows storage: the name appears without a reload.
    await options.waitForSelector(`[data-name-id="${NAME.id}"]`);
    expect(await options.textOf("[data-testid=notes-total]")).toBe("You have 1 note in all.");
    expect(await options.textOf(`[data-name-id="${NAME.id}"] [data-testid=name-notes]`)).toBe("1 note");

    await catchDownloads(options);
    await options.clickRole("button", "Export everything");
    offered = await waitForOfferedFile(options);
    expect(offered.fileName).toMatch(/^context-cards-backup-\d{4}-\d{2}-\d{2}\.json$/);
    expect(offered.type).toBe("application/json");
    const file = JSON.parse(offered.text);
    expect(file).toMatchObject({ format: "context-cards-export", schemaVersion: 1 });
    expect(file.notes).toEqual([NOTE]);
    expect(file.names).toEqual([NAME]);
    expect(file.settings).toEqual(SETTINGS);
    await expect.poll(() => options.textOf(STATUS)).toContain(offered.fileName);
    await options.close();
  });

  it("imports that file into a fresh profile after a preview", async () => {
    if (!offered) throw new Error("the export test did not produce a file");
    const fresh = await launchFreshBrowser(ctx);
    try {
      const options = await openOptions((path) => fresh.openExtensionPage(path));
      const before = await readStorage(options);
      expect(before.local[makeNoteKey(NOTE.id)]).toBeUndefined();
      expect(before.local[makeNameKey(NAME.id)]).toBeUndefined();
      expect(before.sync[SETTINGS_STORAGE_KEY]).toBeUndefined();

      await chooseFile(options, IMPORT_INPUT, offered.fileName, offered.text);
      await options.waitForSelector("[data-testid=import-preview]");
      expect(await options.evaluate(readPreviewCounts, undefined)).toEqual({
        "notes-added": "1",
        "names-added": "1",
        "notes-unchanged": "0",
        "names-unchanged": "0",
        "notes-conflicts": "0",
        "names-conflicts": "0",
        "notes-merged": "—",
        "names-merged": "0",
      });
      const changedSettings = await options.evaluate(
        () =>
          [...document.querySelectorAll("[data-testid=preview-settings-changed] li")].map((li) =>
            li.getAttribute("data-setting"),
          ),
        undefined,
      );
      expect(changedSettings).toEqual(["hoverDelayMs", "highlightStyle"]);
      // Nothing is written before the import is confirmed.
      expect((await readStorage(options)).local[makeNoteKey(NOTE.id)]).toBeUndefined();
      await fresh.screenshot(options, `backup-preview-${ctx.name}.png`, "[data-testid=import-preview]");

      await options.clickRole("button", "Import");
      await expect
        .poll(() => options.textOf(STATUS))
        .toBe("Imported. Notes added: 1. Names added: 1. Names merged: 0. Settings updated: 2.");
      const after = await readStorage(options);
      expect(after.local[makeNoteKey(NOTE.id)]).toEqual(NOTE);
      expect(after.local[makeNameKey(NAME.id)]).toEqual(NAME);
      expect(after.sync[SETTINGS_STORAGE_KEY]).toEqual(SETTINGS);
      // The page shows the imported name and the imported setting.
      await options.waitForSelector(`[data-name-id="${NAME.id}"]`);
      expect(
        await options.evaluate(
          () => document.querySelector<HTMLInputElement>("input[type=radio]:checked")?.value,
          undefined,
        ),
      ).toBe("underline");
      expect(fresh.errors.filter(isExtensionError)).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it("refuses a malformed file with its reason and leaves storage as it was", async () => {
    const options = await openOptions((path) => ctx.browser.openExtensionPage(path));
    const before = await readStorage(options);
    expect(before.local[makeNameKey(NAME.id)]).toEqual(NAME);

    await chooseFile(options, IMPORT_INPUT, "broken.json", '{"format": "context-cards-export", "notes": [');
    await options.waitForSelector("[data-testid=backup-status] [role=alert]");
    expect(await options.textOf("[data-testid=backup-status] [role=alert]")).toMatch(
      /^This file can't be imported: not JSON: .+\. Nothing was changed\.$/,
    );
    expect(
      await options.evaluate(() => document.querySelector("[data-testid=import-preview]"), undefined),
    ).toBeNull();
    expect(await readStorage(options)).toEqual(before);
    await options.close();
  });

  it("reports no errors from the extension", () => {
    expect(ctx.browser.errors.filter(isExtensionError)).toEqual([]);
  });
});
