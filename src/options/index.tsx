/** Options page entry: loads the settings, renders them, and saves every change at once. */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { DEFAULT_SETTINGS, type Settings } from "../core/settings";
import { getCommandShortcuts } from "../platform/commands";
import { getUiLanguage, translate } from "../platform/i18n";
import { isFirefox } from "../platform/runtime";
import { loadSettings, saveSettings, watchSettings } from "../platform/settings-storage";
import { OptionsApp } from "./options-app";

type Shortcuts = { name: string; description: string; shortcut: string }[];

function Options() {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [problems, setProblems] = useState<string[]>([]);
  const [shortcuts, setShortcuts] = useState<Shortcuts>([]);

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
    />
  );
}

document.documentElement.lang = getUiLanguage();
const root = document.getElementById("root");
if (root) render(<Options />, root);
