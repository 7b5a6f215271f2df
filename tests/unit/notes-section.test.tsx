// @vitest-environment happy-dom
import { act } from "preact/test-utils";
import { describe, expect, it, vi } from "vitest";
import { buildTextFragmentUrl } from "../../src/core/text-fragment";
import { type NotesProps, NotesSection, sortNotesNewestFirst } from "../../src/ui/card/notes-section";
import { buttonNamed, queryAll, renderInto, settle, text, useContainer } from "./dom-fixture";
import { t, translatorFor } from "./i18n-fixture";
import { makeTestNote, T0 } from "./user-data-fixture";

const OLD = makeTestNote({ id: "old", text: "The first note", createdAt: T0, updatedAt: T0 });
const NEW = makeTestNote({
  id: "newest",
  text: "The latest note",
  createdAt: T0 + 2000,
  updatedAt: T0 + 2000,
});
const MID = makeTestNote({ id: "mid", text: "In between", createdAt: T0 + 1000, updatedAt: T0 + 5000 });
const CLIPPED = makeTestNote({
  id: "clip",
  text: "",
  quote: { exact: "DeepSeek released R1", prefix: "In January ", suffix: " to acclaim" },
  page: { url: "https://example.com/story?id=7#top", title: "The story" },
});

const root = useContainer();

function renderNotes(overrides: Partial<NotesProps> & { t?: typeof t } = {}) {
  const props = {
    notes: [OLD, NEW, MID],
    onSave: vi.fn<NotesProps["onSave"]>(() => Promise.resolve()),
    onDelete: vi.fn<NotesProps["onDelete"]>(() => Promise.resolve()),
    onEditing: vi.fn<(editing: boolean) => void>(),
    t,
    ...overrides,
  };
  renderInto(root.current, <NotesSection {...props} />);
  return props;
}

const button = (name: string, within: ParentNode = root.current) => buttonNamed(name, within);
const noteItem = (id: string) => {
  const found = root.current.querySelector<HTMLElement>(`li[data-note-id="${id}"]`);
  if (!found) throw new Error(`no note ${id}`);
  return found;
};
const editor = () => root.current.querySelector<HTMLTextAreaElement>("textarea");
const saveButton = () => button("Save note");
const alertText = () => text(root.current.querySelector("[role=alert]"));
const typeNote = (value: string) =>
  act(() => {
    const field = editor();
    if (!field) throw new Error("no editor");
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
  });
const keyDown = (init: KeyboardEventInit) =>
  act(() => {
    editor()?.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init }));
  });
const press = async (element: HTMLElement) => {
  act(() => element.click());
  await settle();
};

describe("NotesSection: the list", () => {
  it("shows the notes newest first, under a heading that labels the section", () => {
    renderNotes();
    expect(queryAll("li[data-note-id]", root.current).map((li) => li.dataset.noteId)).toEqual([
      "newest",
      "mid",
      "old",
    ]);
    expect(queryAll(".cc-usernote__text", root.current).map(text)).toEqual([
      "The latest note",
      "In between",
      "The first note",
    ]);
    const section = root.current.querySelector("section");
    const heading = root.current.querySelector(`[id="${section?.getAttribute("aria-labelledby")}"]`);
    expect(text(heading)).toBe("Your notes");
  });

  it("sorts by creation time, then id, without changing its input", () => {
    const twin = makeTestNote({ id: "a-twin", createdAt: NEW.createdAt });
    const notes = [OLD, NEW, twin, MID];
    expect(sortNotesNewestFirst(notes).map((note) => note.id)).toEqual(["a-twin", "newest", "mid", "old"]);
    expect(notes.map((note) => note.id)).toEqual(["old", "newest", "a-twin", "mid"]);
  });

  it("says there are no notes yet, and nothing else, when there are none", () => {
    renderNotes({ notes: [] });
    expect(text(root.current.querySelector(".cc-usernotes__empty"))).toBe(
      "No notes yet. Your notes on this name appear on every page that mentions it.",
    );
    expect(queryAll("li", root.current)).toEqual([]);
    expect(root.current.querySelector("[role=alert]")).toBeNull();
  });

  it("marks an edited note as edited", () => {
    renderNotes();
    expect(text(noteItem("mid").querySelector(".cc-usernote__meta"))).toMatch(/^Edited /);
    expect(text(noteItem("old").querySelector(".cc-usernote__meta"))).not.toMatch(/Edited/);
  });

  it("shows why the notes could not be read as an alert", () => {
    renderNotes({ notes: [], problem: "Your notes could not be read." });
    expect(alertText()).toBe("Your notes could not be read.");
    renderNotes({ problem: null });
    expect(root.current.querySelector("[role=alert]")).toBeNull();
  });

  it("renders in Chinese", () => {
    renderNotes({ t: translatorFor("zh_CN") });
    expect(text(root.current.querySelector("h3"))).toBe("你的笔记");
    expect(buttonNamed("添加笔记", root.current)).toBeTruthy();
    expect(queryAll("button", noteItem("old")).map(text)).toEqual(["编辑", "删除"]);
  });
});

describe("NotesSection: links in a note", () => {
  const LINKY = makeTestNote({
    id: "linky",
    text: "See https://example.com/a?b=1, www.qwen.ai and (http://x.org/y). Not javascript:alert(1) <b>bold</b>",
  });

  it("makes http(s) addresses links that open safely in a new tab, and keeps the text as written", () => {
    renderNotes({ notes: [LINKY] });
    const paragraph = root.current.querySelector(".cc-usernote__text");
    expect(paragraph?.textContent).toBe(LINKY.text);
    const links = queryAll<HTMLAnchorElement>("a", paragraph as ParentNode);
    expect(links.map((link) => [text(link), link.getAttribute("href")])).toEqual([
      ["https://example.com/a?b=1", "https://example.com/a?b=1"],
      ["www.qwen.ai", "https://www.qwen.ai/"],
      ["http://x.org/y", "http://x.org/y"],
    ]);
    for (const link of links) {
      expect(link.getAttribute("rel")).toBe("noopener noreferrer");
      expect(link.getAttribute("target")).toBe("_blank");
    }
  });

  it("keeps javascript: addresses and markup as plain text", () => {
    renderNotes({ notes: [LINKY, makeTestNote({ id: "js", text: "javascript:alert(document.cookie)" })] });
    for (const link of queryAll<HTMLAnchorElement>("a", root.current)) {
      expect(link.getAttribute("href")).toMatch(/^https?:\/\//);
    }
    expect(root.current.querySelector("b")).toBeNull();
    expect(text(noteItem("js").querySelector(".cc-usernote__text"))).toBe(
      "javascript:alert(document.cookie)",
    );
    expect(noteItem("js").querySelector(".cc-usernote__text a")).toBeNull();
  });
});

describe("NotesSection: a clipped note", () => {
  const metaLink = (id: string) => noteItem(id).querySelector<HTMLAnchorElement>(".cc-usernote__meta a");

  it("shows the quote and links back to it on its page with a text fragment", () => {
    renderNotes({ notes: [CLIPPED] });
    expect(text(noteItem("clip").querySelector("blockquote"))).toBe("DeepSeek released R1");
    expect(noteItem("clip").querySelector(".cc-usernote__text")).toBeNull();
    const link = metaLink("clip");
    const href = link?.getAttribute("href") ?? "";
    expect(href).toContain("#:~:text=");
    expect(href.startsWith("https://example.com/story?id=7#:~:text=")).toBe(true);
    expect(href).toBe(buildTextFragmentUrl(CLIPPED.page?.url ?? "", CLIPPED.quote ?? { exact: "" }));
    expect(text(link)).toBe("The story");
    expect(link?.getAttribute("title")).toBe("https://example.com/story?id=7#top");
    expect(link?.getAttribute("rel")).toBe("noopener noreferrer");
  });

  it("links to the page itself for a note without a quote, named by its host when untitled", () => {
    const noted = makeTestNote({ id: "paged", page: { url: "https://news.example.org/a", title: "  " } });
    renderNotes({ notes: [noted] });
    expect(metaLink("paged")?.getAttribute("href")).toBe("https://news.example.org/a");
    expect(text(metaLink("paged"))).toBe("news.example.org");
  });

  it("gives no link back to a local file", () => {
    const local = { ...CLIPPED, id: "local", page: { url: "file:///home/me/story.html", title: "Local" } };
    renderNotes({ notes: [local] });
    expect(text(noteItem("local").querySelector("blockquote"))).toBe("DeepSeek released R1");
    expect(metaLink("local")).toBeNull();
  });
});

describe("NotesSection: adding", () => {
  it("opens a focused, empty editor and tells the host", () => {
    const props = renderNotes();
    act(() => button("Add a note").click());
    expect(props.onEditing).toHaveBeenCalledWith(true);
    expect(editor()?.value).toBe("");
    expect(editor()?.getAttribute("aria-label")).toBe("Note text");
    expect(document.activeElement).toBe(editor());
    expect(queryAll("button", root.current).map(text)).not.toContain("Add a note");
  });

  it("saves the trimmed text, then closes the editor and tells the host", async () => {
    const props = renderNotes();
    act(() => button("Add a note").click());
    typeNote("  Worth a look: https://example.com  ");
    await press(saveButton());
    expect(props.onSave).toHaveBeenCalledExactlyOnceWith("Worth a look: https://example.com");
    expect(props.onEditing).toHaveBeenLastCalledWith(false);
    expect(editor()).toBeNull();
    expect(button("Add a note")).toBeTruthy();
  });

  it("cannot save blank text", async () => {
    const props = renderNotes();
    act(() => button("Add a note").click());
    expect(saveButton().disabled).toBe(true);
    typeNote("  \n ");
    expect(saveButton().disabled).toBe(true);
    keyDown({ key: "Enter", ctrlKey: true });
    await settle();
    typeNote("x");
    expect(saveButton().disabled).toBe(false);
    expect(props.onSave).not.toHaveBeenCalled();
  });

  it("saves with Ctrl+Enter or ⌘+Enter, but not with Enter alone", async () => {
    const props = renderNotes();
    act(() => button("Add a note").click());
    typeNote("line one");
    keyDown({ key: "Enter" });
    await settle();
    expect(props.onSave).not.toHaveBeenCalled();
    keyDown({ key: "Enter", ctrlKey: true });
    await settle();
    expect(props.onSave).toHaveBeenCalledExactlyOnceWith("line one");
    expect(editor()).toBeNull();

    act(() => button("Add a note").click());
    typeNote("line two");
    keyDown({ key: "Enter", metaKey: true });
    await settle();
    expect(props.onSave).toHaveBeenLastCalledWith("line two");
  });

  it("cancels with Escape without letting the key reach the card", () => {
    const props = renderNotes();
    const outside = vi.fn();
    root.current.addEventListener("keydown", outside);
    act(() => button("Add a note").click());
    typeNote("never mind");
    keyDown({ key: "Escape" });
    expect(editor()).toBeNull();
    expect(outside).not.toHaveBeenCalled();
    expect(vi.mocked(props.onEditing).mock.calls).toEqual([[true], [false]]);
    expect(props.onSave).not.toHaveBeenCalled();
  });

  it("cancels with the Cancel button", () => {
    const props = renderNotes();
    act(() => button("Add a note").click());
    act(() => button("Cancel").click());
    expect(editor()).toBeNull();
    expect(props.onEditing).toHaveBeenLastCalledWith(false);
  });

  it("keeps the editor and the text and shows the message when saving fails", async () => {
    const props = renderNotes({
      onSave: vi.fn(() => Promise.reject(new Error("Your browser's storage is full."))),
    });
    act(() => button("Add a note").click());
    typeNote("Keep me");
    await press(saveButton());
    expect(props.onSave).toHaveBeenCalledTimes(1);
    expect(alertText()).toBe("Your browser's storage is full.");
    expect(editor()?.value).toBe("Keep me");
    expect(saveButton().disabled).toBe(false);
    expect(props.onEditing).not.toHaveBeenCalledWith(false);

    vi.mocked(props.onSave).mockImplementation(() => Promise.resolve());
    await press(saveButton());
    expect(root.current.querySelector("[role=alert]")).toBeNull();
    expect(editor()).toBeNull();
  });

  it("shows a rejection that is not an Error as text, in place of a stored problem", async () => {
    renderNotes({ problem: "Old problem", onSave: vi.fn(() => Promise.reject("quota exceeded")) });
    expect(alertText()).toBe("Old problem");
    act(() => button("Add a note").click());
    typeNote("text");
    await press(saveButton());
    expect(alertText()).toBe("quota exceeded");
  });
});

describe("NotesSection: editing and deleting", () => {
  it("edits a note in place, starting from its text, and saves it under its id", async () => {
    const props = renderNotes();
    act(() => button("Edit", noteItem("mid")).click());
    expect(props.onEditing).toHaveBeenCalledWith(true);
    expect(editor()?.value).toBe("In between");
    expect(noteItem("mid").contains(editor())).toBe(true);
    expect(document.activeElement).toBe(editor());
    typeNote(" Changed text ");
    await press(saveButton());
    expect(props.onSave).toHaveBeenCalledExactlyOnceWith("Changed text", "mid");
    expect(props.onEditing).toHaveBeenLastCalledWith(false);
    expect(editor()).toBeNull();
  });

  // Regression (fixed): the editor state uses the string "new" for "adding a note", the same value as a note
  // id. A note whose id is "new" (valid for the schema, and kept by an import) opens its own
  // editor when "Add a note" is pressed, and its Edit opens the add-note editor as well.
  it('a note with the id "new" is not edited when adding a note', () => {
    renderNotes({ notes: [makeTestNote({ id: "new", text: "Imported note" })] });
    act(() => button("Add a note").click());
    expect(queryAll("textarea", root.current)).toHaveLength(1);
    expect(noteItem("new").querySelector("textarea")).toBeNull();
  });

  it("lets a clipped note's comment be emptied, but not a plain note's text", async () => {
    const props = renderNotes({ notes: [CLIPPED, OLD] });
    act(() => button("Edit", noteItem("old")).click());
    typeNote(" ");
    expect(saveButton().disabled).toBe(true);
    act(() => button("Cancel").click());
    act(() => button("Edit", noteItem("clip")).click());
    expect(saveButton().disabled).toBe(false);
    await press(saveButton());
    expect(props.onSave).toHaveBeenCalledExactlyOnceWith("", "clip");
  });

  it("asks before deleting, and Cancel keeps the note", () => {
    const props = renderNotes();
    act(() => button("Delete", noteItem("old")).click());
    expect(text(noteItem("old").querySelector(".cc-usernote__confirm"))).toBe("Delete this note?");
    expect(props.onDelete).not.toHaveBeenCalled();
    act(() => button("Cancel", noteItem("old")).click());
    expect(noteItem("old").querySelector(".cc-usernote__confirm")).toBeNull();
    expect(queryAll("button", noteItem("old")).map(text)).toEqual(["Edit", "Delete"]);
    expect(props.onDelete).not.toHaveBeenCalled();
  });

  it("deletes the note on confirmation", async () => {
    const props = renderNotes();
    act(() => button("Delete", noteItem("newest")).click());
    await press(button("Delete", noteItem("newest")));
    expect(props.onDelete).toHaveBeenCalledExactlyOnceWith("newest");
    expect(props.onSave).not.toHaveBeenCalled();
  });

  it("shows why a delete failed", async () => {
    renderNotes({ onDelete: vi.fn(() => Promise.reject(new Error("Could not delete."))) });
    act(() => button("Delete", noteItem("old")).click());
    await press(button("Delete", noteItem("old")));
    expect(alertText()).toBe("Could not delete.");
  });
});
