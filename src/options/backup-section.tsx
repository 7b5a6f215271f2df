/**
 * "Backup": export everything (notes, names, settings) as one JSON file, and import such a
 * file after a preview of what it would do. An import never replaces what is stored (see
 * core/import-plan.ts): new records are added, records that differ are kept side by side,
 * names of the same spelling are merged, and settings only fill in what is still default.
 *
 * Pure Preact over the core's pure steps: the host passes the storage calls, whose
 * rejections (a `UserDataError` in plain words, e.g. a full store) are shown here.
 */
import type { JSX } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import {
  applyPlan,
  type ImportPlan,
  type ImportSummary,
  mergeSettings,
  planImport,
  readImportFile,
  summarizePlan,
} from "../core/import-plan";
import type { LoadedSettings, Settings } from "../core/settings";
import { type ExportFile, MAX_IMPORT_BYTES, type Note, type UserName } from "../core/user-data-schema";
import type { Translate } from "../ui/card/entity-card";
import { backupFileName } from "./download";
import { errorMessage, Section, type Status, StatusLine } from "./section";

/** What is stored now, read afresh for each preview and again when the import is confirmed. */
export interface CurrentData {
  notes: readonly Note[];
  names: readonly UserName[];
  settings: Settings;
}

export interface BackupSectionProps {
  t: Translate;
  /** Everything as one export file (the host: `exportUserData(settings)`). */
  exportFile: () => Promise<ExportFile>;
  /** Offers `blob` as a download (the host: `offerDownload`). */
  download: (blob: Blob, fileName: string) => void;
  /** The stored notes and names and the current settings. */
  loadCurrent: () => Promise<CurrentData>;
  /** Writes the imported records in one go (the host: `writeRecords`). */
  writeRecords: (records: { notes: Note[]; names: UserName[] }) => Promise<void>;
  /** Saves the merged settings (the host: `saveSettings`). */
  saveSettings: (settings: Settings) => Promise<void>;
  /** The clock for the plan; Date.now by default. */
  now?: () => number;
}

type ImportedSetting = Exclude<keyof Settings, "settingsVersion">;

/** The label a setting has on this page. */
const SETTING_LABEL_KEYS: Record<ImportedSetting, string> = {
  enabled: "backupSettingEnabled",
  pausedSites: "optionsPausedTitle",
  hoverDelayMs: "optionsHoverDelay",
  highlightStyle: "optionsStyleLegend",
  markedKinds: "optionsKindsTitle",
  includeCode: "optionsIncludeCode",
  markOwnNames: "optionsMarkOwnNames",
};

/** What an import of a file would do, given what is stored. */
export interface ImportPreview {
  plan: ImportPlan;
  summary: ImportSummary;
  /** Null when the file has no settings. */
  settings: {
    /** The settings after the import. */
    next: Settings;
    /** Settings the import changes. */
    changed: ImportedSetting[];
    /** Settings where the user's own value is kept over the file's. */
    kept: ImportedSetting[];
    /** Values in the file that could not be read (they are left out). */
    problems: string[];
  } | null;
  /** How many records would be written. */
  writes: number;
}

/** Plans the import of `file` (with its read settings) into `current`. Pure. */
export function previewImport(
  current: CurrentData,
  file: ExportFile,
  fileSettings: LoadedSettings | null,
  now: number,
): ImportPreview {
  const plan = planImport(current, file, { now });
  const { notesToWrite, namesToWrite } = applyPlan(plan);
  let settings: ImportPreview["settings"] = null;
  if (fileSettings) {
    const merged = mergeSettings(current.settings, fileSettings.settings);
    const keys = Object.keys(SETTING_LABEL_KEYS) as ImportedSetting[];
    settings = {
      next: merged.settings,
      changed: keys.filter((key) => !sameValue(merged.settings[key], current.settings[key])),
      kept: keys.filter((key) => merged.kept.includes(key)),
      problems: fileSettings.problems,
    };
  }
  return { plan, summary: summarizePlan(plan), settings, writes: notesToWrite.length + namesToWrite.length };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** True when two previews would do the same (conflict copies aside, whose ids are drawn anew). */
function sameEffect(a: ImportPreview, b: ImportPreview): boolean {
  return (
    a.writes === b.writes && sameValue(a.summary, b.summary) && sameValue(a.settings?.next, b.settings?.next)
  );
}

interface PendingImport {
  fileName: string;
  file: ExportFile;
  fileSettings: LoadedSettings | null;
  preview: ImportPreview;
}

export function BackupSection(props: BackupSectionProps): JSX.Element {
  const { t } = props;
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const now = props.now ?? Date.now;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setStatus(null);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  const exportAll = () =>
    run(async () => {
      try {
        const file = await props.exportFile();
        const fileName = backupFileName(file.exportedAt);
        const blob = new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: "application/json" });
        props.download(blob, fileName);
        setStatus({
          status: t("backupExportDone", [fileName, String(file.notes.length), String(file.names.length)]),
        });
      } catch (error) {
        setStatus({ alert: t("backupExportFailed", errorMessage(error)) });
      }
    });

  const choose = (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    // Cleared at once, so choosing the same file again is a change too.
    input.value = "";
    if (!chosen) return;
    setPending(null);
    void run(async () => {
      // A file over three bytes per allowed character can only be refused; do not read it.
      if (chosen.size > 3 * MAX_IMPORT_BYTES) {
        setStatus({ alert: t("backupImportTooLarge", String(Math.ceil(chosen.size / (1024 * 1024)))) });
        return;
      }
      let text: string;
      try {
        text = await chosen.text();
      } catch (error) {
        setStatus({ alert: t("backupImportReadFailed", errorMessage(error)) });
        return;
      }
      const read = readImportFile(text);
      if (!read.ok) {
        setStatus({ alert: t("backupImportRefused", read.message) });
        return;
      }
      try {
        const current = await props.loadCurrent();
        const preview = previewImport(current, read.file, read.settings, now());
        setPending({ fileName: chosen.name, file: read.file, fileSettings: read.settings, preview });
      } catch (error) {
        setStatus({ alert: t("backupImportFailed", errorMessage(error)) });
      }
    });
  };

  const finish = (next: Status) => {
    setPending(null);
    setStatus(next);
    setTimeout(() => fileInput.current?.focus(), 0);
  };

  const confirm = (shown: PendingImport) =>
    run(async () => {
      let preview: ImportPreview;
      try {
        // Planned again on what is stored now: another tab may have changed it meanwhile.
        preview = previewImport(await props.loadCurrent(), shown.file, shown.fileSettings, now());
        if (!sameEffect(preview, shown.preview)) {
          setPending({ ...shown, preview });
          setStatus({ alert: t("backupImportChanged") });
          return;
        }
        const { notesToWrite, namesToWrite } = applyPlan(preview.plan);
        if (preview.writes > 0) await props.writeRecords({ notes: notesToWrite, names: namesToWrite });
      } catch (error) {
        // Nothing was written (writeRecords writes all or nothing); the preview stays to retry.
        setStatus({ alert: t("backupImportFailed", errorMessage(error)) });
        return;
      }
      const done = t("backupImportDone", [
        String(preview.plan.notes.added.length + preview.plan.notes.conflicts.length),
        String(preview.plan.names.added.length + preview.plan.names.conflicts.length),
        String(preview.plan.names.merged.filter((merge) => merge.changed).length),
      ]);
      const settings = preview.settings;
      if (!settings || settings.changed.length === 0) {
        finish({ status: done });
        return;
      }
      try {
        await props.saveSettings(settings.next);
        finish({ status: `${done} ${t("backupImportSettingsDone", String(settings.changed.length))}` });
      } catch (error) {
        finish({ status: done, alert: t("backupImportSettingsFailed", errorMessage(error)) });
      }
    });

  return (
    <Section id={`${id}-title`} title={t("backupTitle")}>
      <p class="hint">{t("backupHint")}</p>
      <div class="backup__actions">
        <button type="button" class="button" disabled={busy} onClick={exportAll}>
          {t("backupExport")}
        </button>
        <label class={`button file-button${busy ? " file-button--disabled" : ""}`}>
          <input
            ref={fileInput}
            class="cc-visually-hidden"
            type="file"
            accept=".json,application/json"
            disabled={busy}
            aria-describedby={`${id}-import-hint`}
            onChange={(event) => choose(event.currentTarget)}
          />
          <span>{t("backupImport")}</span>
        </label>
      </div>
      <p class="hint" id={`${id}-import-hint`}>
        {t("backupImportHint")}
      </p>
      {pending ? (
        <ImportPreviewPanel
          t={t}
          pending={pending}
          busy={busy}
          onConfirm={() => confirm(pending)}
          onCancel={() => finish({ status: t("backupImportCanceled") })}
        />
      ) : null}
      <StatusLine status={status} testId="backup-status" />
    </Section>
  );
}

const DASH = "—";

function ImportPreviewPanel({
  t,
  pending,
  busy,
  onConfirm,
  onCancel,
}: {
  t: Translate;
  pending: PendingImport;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { summary, settings } = pending.preview;
  const nothingToDo = pending.preview.writes === 0 && (settings?.changed.length ?? 0) === 0;
  const rows: { key: string; label: string; notes: number | null; names: number }[] = [
    { key: "added", label: "backupPreviewAdded", notes: summary.notesAdded, names: summary.namesAdded },
    {
      key: "unchanged",
      label: "backupPreviewUnchanged",
      notes: summary.notesUnchanged,
      names: summary.namesUnchanged,
    },
    {
      key: "conflicts",
      label: "backupPreviewConflicts",
      notes: summary.notesConflicting,
      names: summary.namesConflicting,
    },
    { key: "merged", label: "backupPreviewMerged", notes: null, names: summary.namesMerged },
  ];
  return (
    <section class="import-preview" aria-labelledby={`${id}-title`} data-testid="import-preview">
      <h3 class="import-preview__title" id={`${id}-title`} tabIndex={-1} ref={heading}>
        {t("backupPreviewTitle", pending.fileName)}
      </h3>
      <table class="counts">
        <thead>
          <tr>
            <td />
            <th scope="col">{t("backupPreviewNotes")}</th>
            <th scope="col">{t("backupPreviewNames")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{t(row.label)}</th>
              <td data-testid={`preview-notes-${row.key}`}>{row.notes ?? DASH}</td>
              <td data-testid={`preview-names-${row.key}`}>{row.names}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.notesConflicting + summary.namesConflicting > 0 ? (
        <p class="hint">{t("backupPreviewConflictsHint")}</p>
      ) : null}
      {summary.notesRepointed > 0 ? (
        <p class="hint">{t("backupPreviewRepointed", String(summary.notesRepointed))}</p>
      ) : null}
      {settings ? <SettingsPreview t={t} settings={settings} /> : null}
      {nothingToDo ? (
        <p class="import-preview__nothing" data-testid="preview-nothing">
          {t("backupPreviewNothing")}
        </p>
      ) : null}
      <div class="names__actions">
        {nothingToDo ? null : (
          <button type="button" class="button button--primary" disabled={busy} onClick={onConfirm}>
            {t("backupPreviewConfirm")}
          </button>
        )}
        <button type="button" class="button" disabled={busy} onClick={onCancel}>
          {t("backupPreviewCancel")}
        </button>
      </div>
    </section>
  );
}

function SettingsPreview({
  t,
  settings,
}: {
  t: Translate;
  settings: NonNullable<ImportPreview["settings"]>;
}) {
  const list = (keys: ImportedSetting[], testId: string) => (
    <ul class="import-preview__settings" data-testid={testId}>
      {keys.map((key) => (
        <li key={key} data-setting={key}>
          {t(SETTING_LABEL_KEYS[key])}
        </li>
      ))}
    </ul>
  );
  return (
    <div class="import-preview__block">
      {settings.changed.length > 0 ? (
        <>
          <p>{t("backupPreviewSettingsChanged")}</p>
          {list(settings.changed, "preview-settings-changed")}
        </>
      ) : (
        <p class="hint">{t("backupPreviewSettingsSame")}</p>
      )}
      {settings.kept.length > 0 ? (
        <>
          <p>{t("backupPreviewSettingsKept")}</p>
          {list(settings.kept, "preview-settings-kept")}
        </>
      ) : null}
      {settings.problems.length > 0 ? <p class="hint">{t("backupPreviewSettingsProblems")}</p> : null}
    </div>
  );
}
