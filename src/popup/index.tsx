/**
 * Popup entry: finds the tab it is about, asks its content script for the page summary, and
 * renders the popup; settings changes (pause, off switch) are saved and re-read live.
 */
import { render } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { buildKnowledgeIndex, type KnowledgeIndex } from "../core/knowledge-index";
import type { PageSummary } from "../core/messages";
import { DEFAULT_SETTINGS, type Settings, siteOf, withSitePaused } from "../core/settings";
import { BUNDLED_PACKS } from "../knowledge/bundled-packs";
import { getActiveTabId } from "../platform/commands";
import { getUiLanguage, translate } from "../platform/i18n";
import { sendToExtension, sendToTab } from "../platform/messaging";
import { loadTrackedNames, watchTrackedNames } from "../platform/name-index-storage";
import { NotesStore } from "../platform/notes-store";
import { getExtensionIdentity, openOptionsPage } from "../platform/runtime";
import { loadSettings, saveSettings, watchSettings } from "../platform/settings-storage";
import { type PageState, PopupApp } from "./popup-app";

const notes = new NotesStore();
const identity = getExtensionIdentity();
// While the popup is open, counts follow the page (dynamic pages keep changing).
const REFRESH_MS = 1000;

/** The tab the popup is about: `?tab=ID` when opened as a page (tests), else the active tab. */
async function findTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get("tab"));
  return Number.isInteger(fromQuery) && fromQuery > 0 ? fromQuery : getActiveTabId();
}

async function readPage(tabId: number | undefined, settings: Settings): Promise<PageState> {
  if (tabId === undefined) return { status: "unavailable" };
  if (!settings.enabled) return { status: "disabled" };
  let summary: PageSummary;
  try {
    summary = await sendToTab<"context-cards:page-summary">(tabId, { type: "context-cards:page-summary" });
  } catch {
    // No content script answers on browser pages, the stores, PDFs and file:// pages.
    return { status: "unavailable" };
  }
  const site = summary ? siteOf(summary.url) : null;
  if (!site) return { status: "unavailable" };
  if (settings.pausedSites.includes(site)) return { status: "paused", site };
  if (!summary.scanned) return { status: "loading" };
  return { status: "ready", site, summary };
}

function Popup() {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [page, setPage] = useState<PageState>({ status: "loading" });
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  const [index, setIndex] = useState<KnowledgeIndex>(() => buildKnowledgeIndex(BUNDLED_PACKS));
  // Re-rendered on every change to the notes, so an open card shows them at once.
  const [, setNotesVersion] = useState(0);

  useEffect(() => {
    const rebuild = (names: Parameters<typeof buildKnowledgeIndex>[1]) =>
      setIndex(buildKnowledgeIndex(BUNDLED_PACKS, names));
    void loadTrackedNames().then(rebuild);
    const stopNames = watchTrackedNames(rebuild);
    const stopNotes = notes.subscribe(() => setNotesVersion((version) => version + 1));
    return () => {
      stopNames();
      stopNotes();
    };
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current = DEFAULT_SETTINGS;
    const refresh = async (id: number | undefined) => {
      const next = await readPage(id, current);
      if (stopped) return;
      setPage(next);
      timer = setTimeout(() => void refresh(id), REFRESH_MS);
    };
    void (async () => {
      const [id, loaded] = await Promise.all([findTabId(), loadSettings()]);
      current = loaded.settings;
      setSettings(current);
      setTabId(id);
      await refresh(id);
    })();
    const unwatch = watchSettings(({ settings: next }) => {
      current = next;
      setSettings(next);
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      unwatch();
    };
  }, []);

  const [saveError, setSaveError] = useState<string | null>(null);
  const update = useCallback((next: Settings) => {
    setSettings(next);
    setSaveError(null);
    saveSettings(next).catch(async (error: unknown) => {
      setSaveError(error instanceof Error ? error.message : String(error));
      // The switch and the pause button show what is stored, not what failed to be.
      setSettings((await loadSettings()).settings);
    });
  }, []);

  return (
    <PopupApp
      t={translate}
      identity={identity}
      index={index}
      packs={BUNDLED_PACKS}
      page={page}
      enabled={settings.enabled}
      onSetEnabled={(enabled) => update({ ...settings, enabled })}
      onSetSitePaused={(site, paused) => update(withSitePaused(settings, site, paused))}
      onRevealEntity={(entityId) => {
        if (tabId !== undefined) {
          // The background knows which of the page's frames show the name.
          sendToExtension({ type: "context-cards:reveal-in-tab", tabId, entityId }).catch(() => undefined);
        }
      }}
      onOpenOptions={() => void openOptionsPage()}
      saveError={saveError}
      notes={notes}
    />
  );
}

document.documentElement.lang = getUiLanguage();
const root = document.getElementById("root");
if (root) render(<Popup />, root);
