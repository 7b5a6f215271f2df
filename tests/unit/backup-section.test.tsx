// @vitest-environment happy-dom
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import { UserDataError } from "../../src/core/user-data-records";
import type { Note, UserName } from "../../src/core/user-data-schema";
import {
  BackupSection,
  type BackupSectionProps,
  type CurrentData,
  previewImport,
} from "../../src/options/backup-section";
import { backupFileName, offerDownload, REVOKE_AFTER_MS } from "../../src/options/download";
import { buttonNamed as buttonIn, renderInto, settle, text, useContainer } from "./dom-fixture";
import { t } from "./i18n-fixture";
import { makeTestExport, makeTestName, makeTestNote, T0 } from "./user-data-fixture";

// Noon, local time: the file's date is the same in every time zone the tests run in.
const EXPORTED_AT = new Date(2026, 2, 7, 12, 0, 0).getTime();
const NOW = T0 + 3_600_000;

const settings = (patch: Partial<Settings> = {}): Settings => ({
  ...DEFAULT_SETTINGS,
  pausedSites: [],
  markedKinds: [...DEFAULT_SETTINGS.markedKinds],
  ...patch,
});

// What is stored: three notes and four names.
const KEPT = makeTestNote({ id: "kept", text: "Stored and in the file" });
const KEPT2 = makeTestNote({ id: "kept2", text: "Also stored and in the file" });
const MINE = makeTestNote({ id: "mine", text: "My version" });
const ACME = makeTestName({ id: "user:acme-aaaaaa", name: "Acme", aliases: ["A1"] });
const SAME_NAMES = ["b1", "b2", "b3"].map((slug) => makeTestName({ id: `user:${slug}-bbbbbb`, name: slug }));
const STORED: CurrentData = {
  notes: [KEPT, KEPT2, MINE],
  names: [ACME, ...SAME_NAMES],
  settings: settings({ highlightStyle: "underline" }),
};

// The file, so that every count differs: notes 3 added, 2 unchanged, 1 in conflict (another
// version of MINE); names 2 added, 3 unchanged, 1 merged (ACME under another id, with one
// more alias), none in conflict; and settings.
const THEIRS = makeTestNote({ id: "mine", text: "Their version" });
const NOVA = makeTestName({ id: "user:nova-cccccc", name: "Nova" });
const OMEGA = makeTestName({ id: "user:omega-cccccc", name: "Omega", kind: "person" });
const NEW_NOTES = [
  makeTestNote({ id: "fresh1", entityId: NOVA.id, text: "New" }),
  makeTestNote({ id: "fresh2", entityId: "deepseek", text: "New too" }),
  makeTestNote({ id: "fresh3", entityId: OMEGA.id, text: "And this" }),
];
const ACME_TWIN = makeTestName({ id: "user:acme-dddddd", name: "Acme", aliases: ["Acme AI"] });
const FILE_SETTINGS = settings({
  hoverDelayMs: 700,
  highlightStyle: "hover-only",
  pausedSites: ["example.com"],
});
const FILE = makeTestExport(
  [KEPT, THEIRS, ...NEW_NOTES, KEPT2],
  [NOVA, ...SAME_NAMES, ACME_TWIN, OMEGA],
  FILE_SETTINGS,
);

const root = useContainer();

afterEach(() => {
  vi.useRealTimers();
});

function renderBackup(overrides: Partial<BackupSectionProps> = {}) {
  const props: BackupSectionProps = {
    t,
    exportFile: vi.fn(() =>
      Promise.resolve({ ...makeTestExport([KEPT], [ACME], STORED.settings), exportedAt: EXPORTED_AT }),
    ),
    download: vi.fn(),
    loadCurrent: vi.fn(() => Promise.resolve(STORED)),
    writeRecords: vi.fn(() => Promise.resolve()),
    saveSettings: vi.fn(() => Promise.resolve()),
    now: () => NOW,
    ...overrides,
  };
  renderInto(root.current, <BackupSection {...props} />);
  return props;
}

const buttonNamed = (name: string) => buttonIn(name, root.current);
const clickAndSettle = async (element: HTMLElement) => {
  act(() => element.click());
  await settle();
};
const fileInput = () => root.current.querySelector("input[type=file]") as HTMLInputElement;
/** Chooses a file with `content` (or the file itself) in the Import… file input. */
async function chooseFile(content: string | File, name = "backup.json") {
  const input = fileInput();
  Object.defineProperty(input, "files", {
    configurable: true,
    value: [typeof content === "string" ? new File([content], name, { type: "application/json" }) : content],
  });
  act(() => {
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await settle();
}
const cell = (testId: string) => text(root.current.querySelector(`[data-testid=${testId}]`));
const statusText = () => text(root.current.querySelector("[data-testid=backup-status] [role=status]"));
const alertText = () => text(root.current.querySelector("[role=alert]"));
const preview = () => root.current.querySelector("[data-testid=import-preview]");

describe("BackupSection: export", () => {
  it("offers one JSON file named by the date, holding the export", async () => {
    const props = renderBackup();
    expect(text(root.current.querySelector("h2"))).toBe("Backup");
    await clickAndSettle(buttonNamed("Export everything"));
    expect(props.exportFile).toHaveBeenCalledTimes(1);
    expect(props.download).toHaveBeenCalledTimes(1);
    const [blob, fileName] = vi.mocked(props.download).mock.calls[0] as [Blob, string];
    expect(fileName).toBe("context-cards-backup-2026-03-07.json");
    expect(blob.type).toBe("application/json");
    expect(JSON.parse(await blob.text())).toEqual(await vi.mocked(props.exportFile).mock.results[0]?.value);
    expect(statusText()).toBe(
      "Exported context-cards-backup-2026-03-07.json (notes: 1, names: 1, plus your settings).",
    );
  });

  it("shows why the export failed, and offers nothing", async () => {
    const failure = new UserDataError(
      "Something went wrong, so your notes and names could not be read: x",
      "failed",
    );
    const props = renderBackup({ exportFile: vi.fn(() => Promise.reject(failure)) });
    await clickAndSettle(buttonNamed("Export everything"));
    expect(alertText()).toBe(`The export failed: ${failure.message}`);
    expect(props.download).not.toHaveBeenCalled();
    expect(buttonNamed("Export everything").disabled).toBe(false);
  });
});

describe("BackupSection: import", () => {
  it("is a labelled file input that takes .json", () => {
    renderBackup();
    const input = fileInput();
    expect(input.accept).toBe(".json,application/json");
    expect(text(input.closest("label"))).toBe("Import…");
    const hint = root.current.querySelector(`[id="${input.getAttribute("aria-describedby")}"]`);
    expect(text(hint)).toContain("Choose a Context Cards backup (.json)");
  });

  it("refuses a malformed file with the reason, reading and writing nothing", async () => {
    const props = renderBackup();
    await chooseFile('{"format": "context-cards-export", ');
    expect(alertText()).toMatch(/^This file can't be imported: not JSON: .+\. Nothing was changed\.$/);
    expect(preview()).toBeNull();
    expect(props.loadCurrent).not.toHaveBeenCalled();
    expect(props.writeRecords).not.toHaveBeenCalled();
    expect(props.saveSettings).not.toHaveBeenCalled();
    expect(fileInput().value).toBe("");
  });

  it("does not even read a file far over the size limit", async () => {
    const props = renderBackup();
    const huge = new File(["{}"], "huge.json");
    Object.defineProperty(huge, "size", { value: 40 * 1024 * 1024 });
    const read = vi.spyOn(huge, "text");
    await chooseFile(huge);
    expect(alertText()).toBe(
      "This file is too large to be a Context Cards backup (40 MB). Nothing was changed.",
    );
    expect(read).not.toHaveBeenCalled();
    expect(props.writeRecords).not.toHaveBeenCalled();
  });

  it("refuses JSON that is not an export", async () => {
    const props = renderBackup();
    await chooseFile(JSON.stringify({ notes: [] }));
    expect(alertText()).toBe(
      "This file can't be imported: this is not a Context Cards export. Nothing was changed.",
    );
    expect(props.writeRecords).not.toHaveBeenCalled();
  });

  it("previews how many notes and names are added, unchanged, in conflict and merged, and the settings", async () => {
    const props = renderBackup();
    await chooseFile(JSON.stringify(FILE), "my-backup.json");
    expect(props.loadCurrent).toHaveBeenCalledTimes(1);
    expect(text(preview()?.querySelector("h3"))).toBe("Import “my-backup.json”?");
    expect(document.activeElement).toBe(preview()?.querySelector("h3"));
    const counts = Object.fromEntries(
      ["added", "unchanged", "conflicts", "merged"].flatMap((row) => [
        [`notes-${row}`, cell(`preview-notes-${row}`)],
        [`names-${row}`, cell(`preview-names-${row}`)],
      ]),
    );
    expect(counts).toEqual({
      "notes-added": "3",
      "names-added": "2",
      "notes-unchanged": "2",
      "names-unchanged": "3",
      "notes-conflicts": "1",
      "names-conflicts": "0",
      "notes-merged": "—",
      "names-merged": "1",
    });
    expect(text(preview())).toContain("yours stays as it is and the file's is added as a copy");
    const listed = (testId: string) =>
      [...root.current.querySelectorAll(`[data-testid=${testId}] li`)].map((li) =>
        li.getAttribute("data-setting"),
      );
    expect(listed("preview-settings-changed")).toEqual(["pausedSites", "hoverDelayMs"]);
    expect(listed("preview-settings-kept")).toEqual(["highlightStyle"]);
    expect(text(root.current.querySelector("[data-testid=preview-settings-changed]"))).toContain(
      "Delay before a card opens",
    );
    expect(props.writeRecords).not.toHaveBeenCalled();
  });

  it("imports on confirmation: one write of the planned records, then the merged settings", async () => {
    const props = renderBackup();
    await chooseFile(JSON.stringify(FILE));
    await clickAndSettle(buttonNamed("Import"));
    expect(props.loadCurrent).toHaveBeenCalledTimes(2);
    expect(props.writeRecords).toHaveBeenCalledTimes(1);
    const written = vi.mocked(props.writeRecords).mock.calls[0]?.[0] as { notes: Note[]; names: UserName[] };
    expect(written.notes).toHaveLength(4);
    expect(written.notes.slice(0, 3)).toEqual(NEW_NOTES);
    const copy = written.notes[3] as Note;
    expect(copy).toEqual({ ...THEIRS, id: copy.id, imported: { originalId: "mine", at: NOW } });
    expect(copy.id).not.toBe("mine");
    expect(written.names).toEqual([NOVA, OMEGA, { ...ACME, aliases: ["A1", "Acme AI"], updatedAt: NOW }]);
    expect(props.saveSettings).toHaveBeenCalledTimes(1);
    expect(props.saveSettings).toHaveBeenCalledWith({
      ...STORED.settings,
      hoverDelayMs: 700,
      pausedSites: ["example.com"],
    });
    expect(preview()).toBeNull();
    expect(statusText()).toBe(
      "Imported. Notes added: 4. Names added: 2. Names merged: 1. Settings updated: 2.",
    );
  });

  it("saves no settings when the file's change nothing", async () => {
    const props = renderBackup();
    await chooseFile(JSON.stringify(makeTestExport(NEW_NOTES, [], STORED.settings)));
    expect(text(preview())).toContain("The file's settings change nothing here.");
    await clickAndSettle(buttonNamed("Import"));
    expect(props.writeRecords).toHaveBeenCalledWith({ notes: NEW_NOTES, names: [] });
    expect(props.saveSettings).not.toHaveBeenCalled();
    expect(statusText()).toBe("Imported. Notes added: 3. Names added: 0. Names merged: 0.");
  });

  it("cancels, writing nothing", async () => {
    const props = renderBackup();
    await chooseFile(JSON.stringify(FILE));
    await clickAndSettle(buttonNamed("Cancel"));
    expect(preview()).toBeNull();
    expect(statusText()).toBe("Import canceled. Nothing was changed.");
    expect(props.writeRecords).not.toHaveBeenCalled();
    expect(props.saveSettings).not.toHaveBeenCalled();
  });

  it("says so when everything in the file is already here, and offers no Import", async () => {
    const props = renderBackup();
    await chooseFile(JSON.stringify(makeTestExport([KEPT, MINE], [ACME], STORED.settings)));
    expect(text(root.current.querySelector("[data-testid=preview-nothing]"))).toBe(
      "Everything in this file is already here. There is nothing to import.",
    );
    expect(cell("preview-notes-unchanged")).toBe("2");
    expect(text(preview())).toContain("The file's settings change nothing here.");
    expect([...(preview()?.querySelectorAll("button") ?? [])].map(text)).toEqual(["Cancel"]);
    expect(props.writeRecords).not.toHaveBeenCalled();
  });

  it("shows a storage failure with its message, keeps the preview and saves no settings", async () => {
    const full = new UserDataError(
      "Your browser's storage for Context Cards is full, so nothing was saved. Delete notes you no longer need.",
      "quota",
    );
    const props = renderBackup({ writeRecords: vi.fn(() => Promise.reject(full)) });
    await chooseFile(JSON.stringify(FILE));
    await clickAndSettle(buttonNamed("Import"));
    expect(alertText()).toBe(`The import didn't happen: ${full.message}`);
    expect(props.saveSettings).not.toHaveBeenCalled();
    expect(preview()).not.toBeNull();
    expect(buttonNamed("Import").disabled).toBe(false);
  });

  it("says the settings failed when only they could not be saved", async () => {
    const props = renderBackup({
      saveSettings: vi.fn(() => Promise.reject(new Error("Your settings could not be saved: QUOTA_BYTES"))),
    });
    await chooseFile(JSON.stringify(FILE));
    await clickAndSettle(buttonNamed("Import"));
    expect(props.writeRecords).toHaveBeenCalledTimes(1);
    expect(statusText()).toBe("Imported. Notes added: 4. Names added: 2. Names merged: 1.");
    expect(alertText()).toBe(
      "Your notes and names were imported, but the settings weren't: Your settings could not be saved: QUOTA_BYTES",
    );
  });

  it("plans again on confirmation, and asks again when the stored data changed meanwhile", async () => {
    const changed: CurrentData = { ...STORED, names: [...STORED.names, NOVA] };
    const loadCurrent = vi
      .fn<() => Promise<CurrentData>>()
      .mockResolvedValueOnce(STORED)
      .mockResolvedValue(changed);
    const props = renderBackup({ loadCurrent });
    await chooseFile(JSON.stringify(FILE));
    expect(cell("preview-names-added")).toBe("2");
    await clickAndSettle(buttonNamed("Import"));
    expect(props.writeRecords).not.toHaveBeenCalled();
    expect(alertText()).toBe(
      "Your notes or names changed since this preview. Check the new counts, then import again.",
    );
    expect(cell("preview-names-added")).toBe("1");
    expect(cell("preview-names-unchanged")).toBe("4");
    await clickAndSettle(buttonNamed("Import"));
    expect(props.writeRecords).toHaveBeenCalledTimes(1);
  });
});

describe("previewImport", () => {
  it("leaves settings out when the file has none, and lists unreadable ones", () => {
    const none = previewImport(STORED, makeTestExport([], []), null, NOW);
    expect(none.settings).toBeNull();
    expect(none.writes).toBe(0);
    const bad = previewImport(
      STORED,
      FILE,
      { settings: DEFAULT_SETTINGS, problems: ["settings.x: invalid"] },
      NOW,
    );
    expect(bad.settings?.problems).toEqual(["settings.x: invalid"]);
    expect(bad.settings?.changed).toEqual([]);
    expect(bad.writes).toBe(7);
  });
});

describe("downloads", () => {
  it("names the file by the local date", () => {
    expect(backupFileName(new Date(2026, 0, 5, 0, 30).getTime())).toBe(
      "context-cards-backup-2026-01-05.json",
    );
    expect(backupFileName(new Date(2025, 11, 31, 23, 59).getTime())).toBe(
      "context-cards-backup-2025-12-31.json",
    );
  });

  it("clicks a download link to an object URL, removes it, and revokes the URL after", () => {
    vi.useFakeTimers();
    const blob = new Blob(["{}"], { type: "application/json" });
    const create = vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:test/1");
    const revoke = vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});
    const clicked: { href: string; download: string; connected: boolean }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download, connected: this.isConnected });
    });
    try {
      offerDownload(blob, "context-cards-backup-2026-01-05.json");
      expect(create).toHaveBeenCalledWith(blob);
      expect(clicked).toEqual([
        { href: "blob:test/1", download: "context-cards-backup-2026-01-05.json", connected: true },
      ]);
      expect(document.querySelector("a[download]")).toBeNull();
      expect(revoke).not.toHaveBeenCalled();
      vi.advanceTimersByTime(REVOKE_AFTER_MS);
      expect(revoke).toHaveBeenCalledWith("blob:test/1");
    } finally {
      create.mockRestore();
      revoke.mockRestore();
      click.mockRestore();
    }
  });
});
