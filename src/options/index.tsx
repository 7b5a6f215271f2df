/**
 * Options page entry: loads the settings, renders them, and saves every change at once; also
 * the user's names and the backup, whose storage calls are made here.
 */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { DEFAULT_SETTINGS, type Settings } from "../core/settings";
import { getCommandShortcuts } from "../platform/commands";
import { getUiLanguage, translate } from "../platform/i18n";
import { isFirefox } from "../platform/runtime";
import { loadSettings, saveSettings, watchSettings } from "../platform/settings-storage";
import {
  deleteUserName,
  exportUserData,
  loadUserData,
  saveUserName,
  writeRecords,
} from "../platform/user-data-storage";
import { BackupSection, type CurrentData } from "./backup-section";
import { offerDownload } from "./download";
import { OptionsApp } from "./options-app";
import { useUserData } from "./use-user-data";
import { UserNamesSection } from "./user-names-section";

type Shortcuts = { name: string; description: string; shortcut: string }[];

/** What is stored right now (not this page's copy), for an import to plan against. */
async function loadCurrent(): Promise<CurrentData> {
  const [data, loaded] = await Promise.all([loadUserData(), loadSettings()]);
  // Merging into stand-in defaults would overwrite the user's real settings on save.
  if (loaded.unreadable) throw new Error(loaded.problems.join("; "));
  return { notes: data.notes, names: data.names, settings: loaded.settings };
}

async function exportFile() {
  return exportUserData((await loadSettings()).settings);
}

function Options() {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [problems, setProblems] = useState<string[]>([]);
  const [shortcuts, setShortcuts] = useState<Shortcuts>([]);
  const userData = useUserData();

  useEffect(() => {
    void loadSettings().then((loaded) => {
      setSettings(loaded.settings);
      setProblems(loaded.problems);
    });
    void getCommandShortcuts().then(setShortcuts);
    return watchSettings(({ settings: next }) => setSettings(next));
  }, []);

  return (
    <OptionsApp
      t={translate}
      settings={settings}
      problems={problems}
      shortcuts={shortcuts}
      shortcutsHelpUrl={isFirefox() ? null : "chrome://extensions/shortcuts"}
      onChange={(next) => {
        setSettings(next);
        saveSettings(next).catch((error: unknown) => setProblems((list) => [...list, String(error)]));
      }}
    >
      <UserNamesSection
        t={translate}
        data={userData.data}
        loadError={userData.error}
        problems={userData.problems}
        onSave={saveUserName}
        onDelete={deleteUserName}
      />
      <BackupSection
        t={translate}
        exportFile={exportFile}
        download={offerDownload}
        loadCurrent={loadCurrent}
        writeRecords={writeRecords}
        saveSettings={saveSettings}
      />
    </OptionsApp>
  );
}

document.documentElement.lang = getUiLanguage();
const root = document.getElementById("root");
if (root) render(<Options />, root);
