/** The extension's keyboard commands (declared in the manifest; rebindable in the browser). */
import { browser, type Tabs } from "./browser";

/** Command names, as declared under `commands` in manifest.json. */
export type CommandName = "next-mention" | "previous-mention";

/** Calls `handler` with the command and the tab it was pressed in (if any). */
export function listenForCommands(handler: (command: CommandName, tabId: number | undefined) => void): void {
  browser.commands.onCommand.addListener((command: string, tab?: Tabs.Tab) => {
    if (command === "next-mention" || command === "previous-mention") handler(command, tab?.id);
  });
}

/** The id of the active tab of the focused window, if there is one. */
export async function getActiveTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** The extension's commands with their current shortcuts ("" when not set). */
export async function getCommandShortcuts(): Promise<
  { name: string; description: string; shortcut: string }[]
> {
  const commands = await browser.commands.getAll();
  return commands
    .filter((c) => c.name !== "_execute_action")
    .map((c) => ({ name: c.name ?? "", description: c.description ?? "", shortcut: c.shortcut ?? "" }));
}
