// @vitest-environment happy-dom
import fc from "fast-check";
import { act } from "preact/test-utils";
import { describe, expect, it, vi } from "vitest";
import { ENTITY_KINDS } from "../../src/core/entity-kinds";
import { buildKnowledgeIndex } from "../../src/core/knowledge-index";
import { BUNDLED_PACKS } from "../../src/knowledge/bundled-packs";
import {
  type ClipDraft,
  Composer,
  type ComposerProps,
  parseAliasField,
  type TrackDraft,
} from "../../src/ui/card/composer";
import { KIND_KEYS } from "../../src/ui/kind-labels";
import { buttonNamed, queryAll, renderInto, settle, text, useContainer } from "./dom-fixture";
import { t, translatorFor } from "./i18n-fixture";

const index = buildKnowledgeIndex(BUNDLED_PACKS);
const CLIP: ClipDraft = {
  kind: "clip",
  quote: "DeepSeek and Qwen now compete on price.",
  candidates: ["deepseek", "qwen"],
};
const TRACK: TrackDraft = { kind: "track", text: "  Kestrel Robotics \n" };

const root = useContainer();

function renderComposer(draft: ClipDraft | TrackDraft, overrides: Partial<ComposerProps> = {}) {
  const props = {
    draft,
    index,
    t,
    onSaveClip: vi.fn<ComposerProps["onSaveClip"]>(() => Promise.resolve()),
    onSaveTrack: vi.fn<ComposerProps["onSaveTrack"]>(() => Promise.resolve()),
    onOpenEntity: vi.fn<ComposerProps["onOpenEntity"]>(),
    onCancel: vi.fn<() => void>(),
    ...overrides,
  };
  renderInto(root.current, <Composer {...props} />);
  return props;
}

const all = <T extends Element = HTMLElement>(selector: string) => queryAll<T>(selector, root.current);
/** The field whose <label for> reads `label`. */
function field<T extends HTMLElement = HTMLInputElement>(label: string): T {
  const labelled = all<HTMLLabelElement>("label[for]").find((element) => text(element) === label);
  const target = labelled && root.current.querySelector(`[id="${labelled.htmlFor}"]`);
  if (!target) throw new Error(`no field labelled ${label}`);
  return target as T;
}
const enter = (element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) =>
  act(() => {
    element.value = value;
    element.dispatchEvent(
      new Event(element instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }),
    );
  });
const submitButton = () =>
  root.current.querySelector<HTMLButtonElement>("button[type=submit]") as HTMLButtonElement;
const submit = async () => {
  act(() => submitButton().click());
  await settle();
};
const radios = () => all<HTMLInputElement>("input[type=radio]");
const searchResults = () => all<HTMLButtonElement>("[aria-label='Names found'] button");
const alertText = () => text(root.current.querySelector("[role=alert]"));

describe("Composer: a clip", () => {
  it("is a non-modal dialog titled Add to notes, showing the quote", () => {
    renderComposer(CLIP);
    const dialog = root.current.querySelector("section[role=dialog]");
    expect(dialog?.getAttribute("aria-modal")).toBe("false");
    expect(text(root.current.querySelector(`[id="${dialog?.getAttribute("aria-labelledby")}"]`))).toBe(
      "Add to notes",
    );
    expect(text(root.current.querySelector("[data-testid=clip-quote]"))).toBe(CLIP.quote);
  });

  it("offers the candidates as one radio group, the first checked and focused", () => {
    renderComposer(CLIP);
    expect(radios().map((radio) => [radio.value, text(radio.closest("label")), radio.checked])).toEqual([
      ["deepseek", "DeepSeek", true],
      ["qwen", "Qwen", false],
    ]);
    expect(new Set(radios().map((radio) => radio.name)).size).toBe(1);
    expect(document.activeElement).toBe(radios()[0]);
    expect(text(submitButton())).toBe("Save to DeepSeek");
    expect(root.current.querySelector(".cc-usernotes__empty")).toBeNull();
  });

  it("saves to the checked name with the trimmed comment", async () => {
    const props = renderComposer(CLIP);
    act(() => radios()[1]?.click());
    expect(radios().map((radio) => radio.checked)).toEqual([false, true]);
    expect(text(submitButton())).toBe("Save to Qwen");
    enter(field<HTMLTextAreaElement>("Your comment (optional)"), "  cheaper than R1  ");
    await submit();
    expect(props.onSaveClip).toHaveBeenCalledExactlyOnceWith("qwen", "cheaper than R1");
    expect(props.onSaveTrack).not.toHaveBeenCalled();
  });

  it("saves to the first candidate with an empty comment by default", async () => {
    const props = renderComposer(CLIP);
    await submit();
    expect(props.onSaveClip).toHaveBeenCalledExactlyOnceWith("deepseek", "");
  });

  it("finds other names by search, leaving out the candidates, and saves to the one chosen", async () => {
    const props = renderComposer(CLIP);
    const search = field("Or find any name");
    enter(search, "deep");
    const found = searchResults().map((result) => result.dataset.entityId);
    expect(found).toContain("deepseek-v3");
    expect(found).toContain("google-deepmind");
    expect(found).not.toContain("deepseek");
    enter(search, "kimi");
    expect(searchResults().map((result) => [result.dataset.entityId, text(result)])).toEqual([
      ["kimi", "Kimi"],
    ]);
    act(() => searchResults()[0]?.click());
    expect(search.value).toBe("");
    expect(searchResults()).toEqual([]);
    expect(radios().map((radio) => [radio.value, radio.checked])).toEqual([
      ["deepseek", false],
      ["qwen", false],
      ["kimi", true],
    ]);
    expect(text(submitButton())).toBe("Save to Kimi");
    enter(field<HTMLTextAreaElement>("Your comment (optional)"), "Moonshot's chatbot");
    await submit();
    expect(props.onSaveClip).toHaveBeenCalledExactlyOnceWith("kimi", "Moonshot's chatbot");
  });

  it("finds a name by an alias in another script", () => {
    renderComposer({ ...CLIP, candidates: [] });
    enter(field("Or find any name"), "深度求索");
    expect(searchResults().map((result) => result.dataset.entityId)).toEqual(["deepseek"]);
  });

  it("without candidates, says so, focuses the search and cannot save until a name is chosen", async () => {
    const props = renderComposer({ ...CLIP, candidates: [] });
    expect(text(root.current.querySelector(".cc-usernotes__empty"))).toBe(
      "No known name in or near the selection — search for one below.",
    );
    expect(radios()).toEqual([]);
    expect(document.activeElement).toBe(field("Or find any name"));
    expect(text(submitButton())).toBe("Save");
    expect(submitButton().disabled).toBe(true);
    enter(field("Or find any name"), "Anthropic");
    act(() => searchResults()[0]?.click());
    expect(submitButton().disabled).toBe(false);
    await submit();
    expect(props.onSaveClip).toHaveBeenCalledExactlyOnceWith("anthropic", "");
  });

  it("keeps the form open and shows the message when saving fails", async () => {
    const props = renderComposer(CLIP, {
      onSaveClip: vi.fn(() => Promise.reject(new Error("Storage is full."))),
    });
    enter(field<HTMLTextAreaElement>("Your comment (optional)"), "keep this");
    await submit();
    expect(props.onSaveClip).toHaveBeenCalledTimes(1);
    expect(alertText()).toBe("Storage is full.");
    expect(field<HTMLTextAreaElement>("Your comment (optional)").value).toBe("keep this");
    expect(submitButton().disabled).toBe(false);
    vi.mocked(props.onSaveClip).mockImplementation(() => Promise.resolve());
    await submit();
    expect(root.current.querySelector("[role=alert]")).toBeNull();
  });

  it("renders in Chinese", () => {
    renderComposer(CLIP, { t: translatorFor("zh_CN") });
    expect(text(root.current.querySelector("h2"))).toBe("添加到笔记");
    expect(text(submitButton())).toBe("保存到 DeepSeek");
  });
});

describe("Composer: tracking a name", () => {
  it("is titled Track this name and starts from the selected text, trimmed, in a focused field", () => {
    renderComposer(TRACK);
    expect(text(root.current.querySelector("h2"))).toBe("Track this name");
    expect(field("Name").value).toBe("Kestrel Robotics");
    expect(document.activeElement).toBe(field("Name"));
    expect(field<HTMLSelectElement>("Kind").value).toBe("company");
  });

  it("says when the name is already known, offers its card, and does not track it again", async () => {
    const props = renderComposer({ kind: "track", text: "deepseek" });
    expect(text(root.current.querySelector("[data-testid=already-known]"))).toContain(
      "“DeepSeek” is already known.",
    );
    expect(submitButton().disabled).toBe(true);
    const open = all<HTMLButtonElement>("button").find((button) => text(button) === "Open its card");
    await act(() => open?.click());
    expect(props.onOpenEntity).toHaveBeenCalledWith("deepseek");
    await enter(field("Name"), "Kestrel Robotics");
    expect(root.current.querySelector("[data-testid=already-known]")).toBeNull();
    expect(submitButton().disabled).toBe(false);
  });

  it("keeps at most 120 characters of the selection", () => {
    renderComposer({ kind: "track", text: "x".repeat(300) });
    expect(field("Name").value).toBe("x".repeat(120));
  });

  it("offers every kind, translated", () => {
    renderComposer(TRACK);
    expect(all<HTMLOptionElement>("option").map((option) => [option.value, text(option)])).toEqual(
      ENTITY_KINDS.map((kind) => [kind, t(KIND_KEYS[kind])]),
    );
  });

  it("saves the trimmed name, the parsed aliases without the name, the kind and the summary", async () => {
    const props = renderComposer(TRACK);
    enter(field("Other spellings (optional)"), "Kestrel, kestrel，KR、 kestrel robotics ,kr, K-Bot");
    enter(field<HTMLSelectElement>("Kind"), "product");
    enter(field<HTMLTextAreaElement>("One-line summary (optional)"), "  Makes drones.  ");
    await submit();
    expect(props.onSaveTrack).toHaveBeenCalledExactlyOnceWith({
      name: "Kestrel Robotics",
      aliases: ["Kestrel", "KR", "K-Bot"],
      kind: "product",
      summary: "Makes drones.",
    });
    expect(props.onSaveClip).not.toHaveBeenCalled();
  });

  it("saves the edited name", async () => {
    const props = renderComposer(TRACK);
    enter(field("Name"), " Kestrel ");
    enter(field("Other spellings (optional)"), "Kestrel Robotics, KESTREL");
    await submit();
    expect(props.onSaveTrack).toHaveBeenCalledExactlyOnceWith({
      name: "Kestrel",
      aliases: ["Kestrel Robotics"],
      kind: "company",
      summary: "",
    });
  });

  it("cannot save a blank name", () => {
    renderComposer(TRACK);
    expect(submitButton().disabled).toBe(false);
    expect(text(submitButton())).toBe("Track name");
    enter(field("Name"), "   ");
    expect(submitButton().disabled).toBe(true);
  });

  it("shows a failed save as an alert and keeps the input", async () => {
    const props = renderComposer(TRACK, { onSaveTrack: vi.fn(() => Promise.reject("That name is taken.")) });
    enter(field("Other spellings (optional)"), "KR");
    await submit();
    expect(props.onSaveTrack).toHaveBeenCalledTimes(1);
    expect(alertText()).toBe("That name is taken.");
    expect(field("Other spellings (optional)").value).toBe("KR");
  });
});

describe("Composer: cancelling", () => {
  it.each([
    ["a clip", CLIP, "Your comment (optional)"],
    ["a name", TRACK, "Name"],
  ] as const)("cancels %s with Escape, keeping the key from the page", (_what, draft, label) => {
    const props = renderComposer(draft);
    const outside = vi.fn();
    root.current.addEventListener("keydown", outside);
    act(() => {
      field(label).dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
    });
    expect(props.onCancel).not.toHaveBeenCalled();
    expect(outside).toHaveBeenCalledTimes(1);
    act(() => {
      field(label).dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    });
    expect(props.onCancel).toHaveBeenCalledTimes(1);
    expect(outside).toHaveBeenCalledTimes(1);
    act(() => buttonNamed("Cancel", root.current).click());
    expect(props.onCancel).toHaveBeenCalledTimes(2);
    expect(props.onSaveClip).not.toHaveBeenCalled();
    expect(props.onSaveTrack).not.toHaveBeenCalled();
  });
});

describe("parseAliasField", () => {
  it("splits on commas (also Chinese ， and 、) and new lines, trimmed and once each ignoring case", () => {
    expect(parseAliasField(" Acme ,ACME, acme labs，艾克米、 Acme Labs\nAL,, ,")).toEqual([
      "Acme",
      "acme labs",
      "艾克米",
      "AL",
    ]);
    expect(parseAliasField("")).toEqual([]);
    expect(parseAliasField(" , ， 、 ")).toEqual([]);
  });

  it("for any input: trimmed, non-empty, distinct ignoring case, and covering every piece", () => {
    const piece = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("Acme", "acme", " ACME ", "北极星"));
    const separator = fc.constantFrom(",", "，", "、", "\n", " , ");
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, separator), { maxLength: 8 }), (pairs) => {
        const input = pairs.map(([text, sep]) => text + sep).join("");
        const aliases = parseAliasField(input);
        for (const alias of aliases) {
          expect(alias).toBe(alias.trim());
          expect(alias).not.toBe("");
          expect(alias).not.toMatch(/[,，、\n]/);
        }
        expect(new Set(aliases.map((alias) => alias.toLowerCase())).size).toBe(aliases.length);
        const pieces = input.split(/[,，、\n]/).map((part) => part.trim().toLowerCase());
        expect(new Set(aliases.map((alias) => alias.toLowerCase()))).toEqual(
          new Set(pieces.filter((part) => part !== "")),
        );
      }),
    );
  });
});
