// @vitest-environment happy-dom
import { act } from "preact/test-utils";
import { describe, expect, it, vi } from "vitest";
import { ENTITY_KINDS } from "../../src/core/entity-kinds";
import { UserDataError } from "../../src/core/user-data-records";
import type { UserName } from "../../src/core/user-data-schema";
import { applyUserDataChanges, sortNames } from "../../src/options/user-data-state";
import {
  buildEditedName,
  parseAliasesInput,
  UserNamesSection,
  type UserNamesSectionProps,
} from "../../src/options/user-names-section";
import { buttonNamed, queryAll, renderInto, settle, text, useContainer } from "./dom-fixture";
import { t, translatorFor } from "./i18n-fixture";
import { makeTestName, makeTestNote, T0 } from "./user-data-fixture";

const NOW = T0 + 60_000;

const ACME = makeTestName({
  id: "user:acme-labs-aaaaaa",
  name: "Acme Labs",
  aliases: ["Acme", "ACME AI"],
  kind: "company",
  summary: "A lab in Zürich",
});
const ZETA = makeTestName({ id: "user:zeta-bbbbbb", name: "zeta", kind: "model" });
const BETA = makeTestName({ id: "user:beta-cccccc", name: "Beta Bot", kind: "product" });
const NOTES = [
  makeTestNote({ id: "n1", entityId: ACME.id }),
  makeTestNote({ id: "n2", entityId: ACME.id }),
  makeTestNote({ id: "n3", entityId: ACME.id }),
  makeTestNote({ id: "n4", entityId: BETA.id }),
  makeTestNote({ id: "n5", entityId: "deepseek" }),
];

const root = useContainer();

function renderSection(overrides: Partial<UserNamesSectionProps> = {}) {
  const props: UserNamesSectionProps = {
    t,
    data: { notes: NOTES, names: [ZETA, ACME, BETA] },
    loadError: null,
    problems: [],
    onSave: vi.fn(() => Promise.resolve()),
    onDelete: vi.fn(() => Promise.resolve()),
    now: () => NOW,
    ...overrides,
  };
  renderInto(root.current, <UserNamesSection {...props} />);
  return props;
}

const all = <T extends Element = HTMLElement>(selector: string, within: ParentNode = root.current) =>
  queryAll<T>(selector, within);
const one = <T extends Element = HTMLElement>(selector: string, within: ParentNode = root.current): T => {
  const found = within.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};
const button = (name: string, within: ParentNode = root.current) => buttonNamed(name, within);
/** The field whose <label for> reads `label`. */
const field = <T extends HTMLElement = HTMLInputElement>(label: string): T => {
  const element = all<HTMLLabelElement>("label").find((l) => text(l) === label);
  const target = element && root.current.querySelector(`[id="${element.htmlFor}"]`);
  if (!target) throw new Error(`no field labelled ${label}`);
  return target as T;
};
/** Clicks and lets the promises the click started settle. */
const press = async (element: HTMLElement) => {
  act(() => element.click());
  await settle();
};
const type = (element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) =>
  act(() => {
    element.value = value;
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? "change" : "input"));
  });
const item = (id: string) => one(`[data-name-id="${id}"]`);
const status = () => text(one("[data-testid=names-status] [role=status]"));
const alertText = () => text(root.current.querySelector("[role=alert]"));

describe("UserNamesSection: the list", () => {
  it("lists the names sorted by name, each with its label, kind, aliases, summary and notes", () => {
    renderSection();
    expect(text(one("h2"))).toBe("Your names");
    expect(all(".names__name").map(text)).toEqual(["Acme Labs", "Beta Bot", "zeta"]);
    const acme = item(ACME.id);
    expect(text(one(".badge", acme))).toBe("Your name");
    expect(text(one("[data-testid=name-kind]", acme))).toBe("Company");
    expect(text(one("[data-testid=name-aliases]", acme))).toBe("Also written: Acme, ACME AI");
    expect(text(one("[data-testid=name-summary]", acme))).toBe("A lab in Zürich");
    expect(text(one("[data-testid=name-notes]", acme))).toBe("3 notes");
    expect(text(one("[data-testid=name-notes]", item(BETA.id)))).toBe("1 note");
    expect(text(one("[data-testid=name-notes]", item(ZETA.id)))).toBe("No notes");
    expect(item(ZETA.id).querySelector("[data-testid=name-aliases]")).toBeNull();
    expect(item(ZETA.id).querySelector("[data-testid=name-summary]")).toBeNull();
    expect(text(one("[data-testid=name-kind]", item(ZETA.id)))).toBe("AI model");
  });

  it("counts every note, on built-in names too", () => {
    renderSection();
    expect(text(one("[data-testid=notes-total]"))).toBe("You have 5 notes in all.");
    renderSection({ data: { notes: NOTES.slice(0, 1), names: [] } });
    expect(text(one("[data-testid=notes-total]"))).toBe("You have 1 note in all.");
    renderSection({ data: { notes: [], names: [] } });
    expect(text(one("[data-testid=notes-total]"))).toBe("You have no notes yet.");
  });

  it("says in plain words how to track a name when there is none", () => {
    renderSection({ data: { notes: [], names: [] } });
    expect(text(one("[data-testid=names-empty]"))).toContain(
      "Select text on any page and choose “Track this name” from the context menu",
    );
    expect(root.current.querySelector("[data-testid=names-list]")).toBeNull();
  });

  it("says it is loading, and shows a load failure as an alert", () => {
    renderSection({ data: null });
    expect(text(root.current)).toContain("Loading your names and notes…");
    expect(root.current.querySelector("[data-testid=names-empty]")).toBeNull();
    renderSection({ data: null, loadError: "Something went wrong, so nothing was read." });
    expect(alertText()).toBe(
      "Your names and notes couldn't be loaded: Something went wrong, so nothing was read.",
    );
  });

  it("lists records that were set aside", () => {
    renderSection({ problems: ["context-cards:name:user:x: could not be read"] });
    const problems = one("[data-testid=names-problems]");
    expect(text(problems)).toContain("They were set aside, not deleted");
    expect(all("li", problems).map(text)).toEqual(["context-cards:name:user:x: could not be read"]);
  });

  it("renders in Chinese with every string translated", () => {
    renderSection({ t: translatorFor("zh_CN") });
    expect(text(one("h2"))).toBe("你的名称");
    expect(text(one("[data-testid=name-notes]", item(ACME.id)))).toBe("3 条笔记");
    expect(text(one("[data-testid=name-kind]", item(ACME.id)))).toBe("公司");
  });
});

describe("UserNamesSection: editing", () => {
  const openEditor = () => act(() => button("Edit Acme Labs").click());

  it("opens a labelled form filled with the name, focused on the name field", () => {
    renderSection();
    openEditor();
    const form = one<HTMLFormElement>("form");
    expect(form.getAttribute("aria-label")).toBe("Edit Acme Labs");
    expect(field("Name").value).toBe("Acme Labs");
    expect(field("Other spellings").value).toBe("Acme, ACME AI");
    expect(field<HTMLSelectElement>("Kind").value).toBe("company");
    expect(field<HTMLTextAreaElement>("Summary").value).toBe("A lab in Zürich");
    expect(all<HTMLOptionElement>("option").map((o) => [o.value, text(o)])).toEqual(
      ENTITY_KINDS.map((kind) => [kind, t(`kind${kind[0]?.toUpperCase()}${kind.slice(1)}`)]),
    );
    expect(document.activeElement).toBe(field("Name"));
  });

  it("saves the edited record: trimmed, aliases split on commas and once each, summary dropped when empty", async () => {
    const props = renderSection();
    openEditor();
    type(field("Name"), "  Acme Research ");
    type(field("Other spellings"), "Acme, acme ,, ARL，艾克米、ARL");
    type(field<HTMLSelectElement>("Kind"), "concept");
    type(field<HTMLTextAreaElement>("Summary"), "   ");
    await press(button("Save"));
    expect(props.onSave).toHaveBeenCalledTimes(1);
    const { summary: _summary, ...rest } = ACME;
    expect(vi.mocked(props.onSave).mock.calls[0]?.[0]).toEqual({
      ...rest,
      name: "Acme Research",
      aliases: ["Acme", "ARL", "艾克米"],
      kind: "concept",
      updatedAt: NOW,
    });
    expect(root.current.querySelector("form")).toBeNull();
    expect(status()).toBe("Saved “Acme Research”.");
  });

  it("refuses an empty name and an invalid record, saving nothing", async () => {
    const props = renderSection();
    openEditor();
    type(field("Name"), "   ");
    await press(button("Save"));
    expect(text(one("[data-testid=name-error]"))).toBe("Type the name first.");
    expect(field("Name").getAttribute("aria-invalid")).toBe("true");
    type(field("Name"), "Acme");
    expect(root.current.querySelector("[data-testid=name-error]")).toBeNull();
    type(field("Other spellings"), "x".repeat(121));
    await press(button("Save"));
    expect(text(one("[data-testid=name-error]"))).toMatch(/^This can't be saved: aliases.*120 characters/);
    expect(props.onSave).not.toHaveBeenCalled();
    expect(root.current.querySelector("form")).not.toBeNull();
  });

  it("keeps the form and shows the message when saving fails", async () => {
    const failure = new UserDataError(
      "Your browser's storage for Context Cards is full, so nothing was saved.",
      "quota",
    );
    const props = renderSection({ onSave: vi.fn(() => Promise.reject(failure)) });
    openEditor();
    type(field("Name"), "Acme 2");
    await press(button("Save"));
    expect(props.onSave).toHaveBeenCalledTimes(1);
    expect(text(one("[data-testid=name-error]"))).toBe(failure.message);
    expect(field("Name").value).toBe("Acme 2");
    expect(status()).toBe("");
  });

  it("cancels with the button or Escape, saving nothing", () => {
    const props = renderSection();
    openEditor();
    type(field("Name"), "Changed");
    act(() => button("Cancel").click());
    expect(root.current.querySelector("form")).toBeNull();
    openEditor();
    expect(field("Name").value).toBe("Acme Labs");
    act(() => {
      field("Name").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    });
    expect(root.current.querySelector("form")).toBeNull();
    expect(props.onSave).not.toHaveBeenCalled();
  });
});

describe("UserNamesSection: removing", () => {
  const confirmation = () => one("[data-testid=remove-confirmation]");

  it("asks first, saying how many notes the name has; removes it and its notes", async () => {
    const props = renderSection();
    act(() => button("Remove Acme Labs").click());
    expect(props.onDelete).not.toHaveBeenCalled();
    expect(confirmation().getAttribute("role")).toBe("group");
    expect(text(one(".confirm__question"))).toBe("Remove “Acme Labs”? It has 3 notes.");
    expect(document.activeElement).toBe(one(".confirm__question"));
    await press(button("Remove with its notes"));
    expect(props.onDelete).toHaveBeenCalledWith(ACME.id, { deleteNotes: true });
    expect(status()).toBe("Removed “Acme Labs” and its notes.");
  });

  it("removes the name and keeps its notes", async () => {
    const props = renderSection();
    act(() => button("Remove Beta Bot").click());
    expect(text(one(".confirm__question"))).toBe("Remove “Beta Bot”? It has 1 note.");
    await press(button("Remove, keep the notes"));
    expect(props.onDelete).toHaveBeenCalledWith(BETA.id, { deleteNotes: false });
    expect(status()).toBe("Removed “Beta Bot”; its notes are kept.");
  });

  it("offers one Remove for a name without notes, and Cancel does nothing", async () => {
    const props = renderSection();
    act(() => button("Remove zeta").click());
    expect(text(one(".confirm__question"))).toBe("Remove “zeta”? It has no notes.");
    expect(all("button", confirmation()).map(text)).toEqual(["Remove", "Cancel"]);
    act(() => button("Cancel").click());
    expect(root.current.querySelector("[data-testid=remove-confirmation]")).toBeNull();
    expect(props.onDelete).not.toHaveBeenCalled();
    act(() => button("Remove zeta").click());
    await press(button("Remove", confirmation()));
    expect(props.onDelete).toHaveBeenCalledWith(ZETA.id, { deleteNotes: false });
  });

  it("shows why a removal failed, and the name stays", async () => {
    const failure = new UserDataError("Something went wrong, so the name was not deleted: disk", "failed");
    renderSection({ onDelete: vi.fn(() => Promise.reject(failure)) });
    act(() => button("Remove zeta").click());
    await press(button("Remove", confirmation()));
    expect(alertText()).toBe(failure.message);
    expect(root.current.querySelector("[data-testid=remove-confirmation]")).toBeNull();
    expect(all(".names__name").map(text)).toContain("zeta");
  });
});

describe("the names' helpers", () => {
  it("splits aliases on ASCII and Chinese commas, once each ignoring case", () => {
    expect(parseAliasesInput("")).toEqual([]);
    expect(parseAliasesInput(" a , B,b, ,c，d、e ")).toEqual(["a", "B", "c", "d", "e"]);
  });

  it("builds an edited name that keeps its id, creation time and flags", () => {
    const name: UserName = { ...ACME, caseSensitive: true, imported: { originalId: "user:old", at: T0 } };
    const edited = buildEditedName(name, { name: "X", aliases: "", kind: "person", summary: " s " }, T0 - 5);
    expect(edited).toEqual({
      ok: true,
      value: { ...name, name: "X", aliases: [], kind: "person", summary: "s", updatedAt: T0 },
    });
  });

  it("sorts by name ignoring case, then by id", () => {
    const b2 = { ...BETA, id: "user:beta-aaaaaa" };
    expect(sortNames([ZETA, BETA, ACME, b2]).map((n) => n.id)).toEqual([ACME.id, b2.id, BETA.id, ZETA.id]);
  });

  it("applies storage changes: saved records replace theirs or join, deleted ones go", () => {
    const state = { notes: NOTES.slice(0, 2), names: [ACME, BETA] };
    const renamed = { ...ACME, name: "Acme 2" };
    const next = applyUserDataChanges(state, {
      savedNotes: [makeTestNote({ id: "n9", entityId: ZETA.id })],
      deletedNoteIds: ["n1"],
      savedNames: [renamed, ZETA],
      deletedNameIds: [BETA.id],
      problems: [],
    });
    expect(next.notes.map((n) => n.id)).toEqual(["n2", "n9"]);
    expect(next.names).toEqual([renamed, ZETA]);
    expect(state.names).toEqual([ACME, BETA]);
  });
});
