// @vitest-environment happy-dom
import { act } from "preact/test-utils";
import { describe, expect, it, vi } from "vitest";
import { searchEntities } from "../../src/core/entity-search";
import { buildKnowledgeIndex } from "../../src/core/knowledge-index";
import type { KnowledgePack } from "../../src/core/knowledge-schema";
import type { PageSummary } from "../../src/core/messages";
import { BUNDLED_PACKS } from "../../src/knowledge/bundled-packs";
import { type PageState, PopupApp, type PopupAppProps, SEARCH_LIMIT } from "../../src/popup/popup-app";
import { bindQueries, buttonNamed as namedButton, renderInto, text, useContainer } from "./dom-fixture";
import { t } from "./i18n-fixture";

const index = buildKnowledgeIndex(BUNDLED_PACKS);
const articlePack = BUNDLED_PACKS.find((pack) => pack.origin === "article") as KnowledgePack;
const timeline = articlePack.timeline ?? [];

/** A page summary as the content script sends it: most mentioned first, then by name. */
function summaryOf(counts: Record<string, number>, scanned = true): PageSummary {
  const entities = Object.entries(counts).map(([id, count]) => {
    const entity = index.entities.get(id)?.entity;
    if (!entity) throw new Error(`no entity ${id}`);
    return { id, name: entity.name, kind: entity.kind, count };
  });
  entities.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return {
    url: "https://www.example.com/news/ai-race",
    active: true,
    scanned,
    mentionCount: entities.reduce((sum, e) => sum + e.count, 0),
    entities,
  };
}

const ready = (counts: Record<string, number>, scanned = true): PageState => ({
  status: "ready",
  site: "example.com",
  summary: summaryOf(counts, scanned),
});

/** The article's own counts, plus two names from the reference pack. */
const ARTICLE_COUNTS = {
  deepseek: 11,
  alibaba: 4,
  "liang-wenfeng": 4,
  "deepseek-v3": 3,
  "qwen-2.5-max": 5,
  bytedance: 2,
  aime: 1,
  kimi: 2,
  "kai-fu-lee": 1,
};

const root = useContainer();

function renderPopup(overrides: Partial<PopupAppProps> = {}) {
  const props: PopupAppProps = {
    t,
    identity: { name: "Context Cards", version: "1.2.3" },
    index,
    packs: BUNDLED_PACKS,
    page: ready(ARTICLE_COUNTS),
    enabled: true,
    onSetEnabled: vi.fn(),
    onSetSitePaused: vi.fn(),
    onRevealEntity: vi.fn(),
    onOpenOptions: vi.fn(),
    ...overrides,
  };
  renderInto(root.current, <PopupApp {...props} />);
  return props;
}

const { $, $$, click } = bindQueries(root);
const buttonNamed = (name: string, within: ParentNode = root.current) => namedButton(name, within);
const pageSection = () => $("section[data-state]");
const searchInput = () => $<HTMLInputElement>("input[type=search]");
const typeSearch = (value: string) =>
  act(() => {
    const input = searchInput();
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
const press = (target: HTMLElement, key: string) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  });
const storyEventIds = () => $$("[data-event-id]").map((item) => item.dataset.eventId);

describe("PopupApp: a settings change that could not be saved", () => {
  it("says so in an alert, with the reason", () => {
    renderPopup({ saveError: "Your settings could not be saved: QUOTA_BYTES_PER_ITEM quota exceeded" });
    const alert = $("[role=alert]");
    expect(text(alert)).toContain("Your change could not be saved.");
    expect(text(alert)).toContain("QUOTA_BYTES_PER_ITEM");
  });

  it("shows no alert otherwise", () => {
    renderPopup({ saveError: null });
    expect($$("[role=alert]")).toEqual([]);
    renderPopup();
    expect($$("[role=alert]")).toEqual([]);
  });
});

describe("PopupApp: header and footer", () => {
  it("shows the name, the version and a settings button", () => {
    const props = renderPopup();
    expect(text($("h1"))).toBe("Context Cards");
    expect(text($("[data-testid=version]"))).toBe("Version 1.2.3");
    click(buttonNamed("Settings"));
    expect(props.onOpenOptions).toHaveBeenCalledTimes(1);
  });

  it("has a labelled global switch that turns the extension off and on", () => {
    const props = renderPopup();
    const toggle = $<HTMLButtonElement>("[role=switch]");
    expect(toggle.getAttribute("aria-label")).toBe("Mark names on web pages");
    expect(toggle.getAttribute("aria-checked")).toBe("true");
    click(toggle);
    expect(props.onSetEnabled).toHaveBeenCalledWith(false);

    const off = renderPopup({ enabled: false, page: { status: "disabled" } });
    expect($("[role=switch]").getAttribute("aria-checked")).toBe("false");
    click($("[role=switch]"));
    expect(off.onSetEnabled).toHaveBeenCalledWith(true);
  });
});

describe("PopupApp: this page", () => {
  it("groups the page's names by kind in a fixed order, most mentioned first, with counts", () => {
    renderPopup();
    const groups = $$(".group", pageSection()).map((group) => ({
      title: text($("h3", group)),
      names: $$(".row__name", group).map((name) => text(name)),
      counts: $$("[data-testid=count] .cc-visually-hidden", group).map((count) => text(count)),
    }));
    expect(groups).toEqual([
      {
        title: "Companies",
        names: ["DeepSeek", "Alibaba", "ByteDance"],
        counts: ["11 mentions", "4 mentions", "2 mentions"],
      },
      { title: "AI models", names: ["Qwen 2.5-Max", "DeepSeek-V3"], counts: ["5 mentions", "3 mentions"] },
      { title: "Products", names: ["Kimi"], counts: ["2 mentions"] },
      { title: "People", names: ["Liang Wenfeng", "Kai-Fu Lee"], counts: ["4 mentions", "1 mention"] },
      { title: "Benchmarks", names: ["AIME"], counts: ["1 mention"] },
    ]);
  });

  it("shows the site, the totals and each name's one-line summary", () => {
    renderPopup();
    expect(text($("[data-testid=page-site]"))).toBe("example.com");
    expect(text($("[data-testid=page-totals]"))).toBe("33 mentions of 9 names");
    const row = $("button[data-entity-id=liang-wenfeng]");
    expect(text($(".row__summary", row))).toBe(index.entities.get("liang-wenfeng")?.entity.summary);
  });

  it("marks names from the reference pack, and only those", () => {
    renderPopup();
    const marked = $$("[data-testid=not-from-article]", pageSection()).map(
      (marker) => (marker.closest("button") as HTMLElement).dataset.entityId,
    );
    expect(marked.sort()).toEqual(["kai-fu-lee", "kimi"]);
    expect(text($("[data-testid=not-from-article]"))).toBe("not from the article");
  });

  it("reveals a name on the page each time it is clicked", () => {
    const props = renderPopup();
    const alibaba = $("button[data-entity-id=alibaba]");
    click(alibaba);
    click(alibaba);
    expect(props.onRevealEntity).toHaveBeenCalledTimes(2);
    expect(props.onRevealEntity).toHaveBeenNthCalledWith(1, "alibaba");
    expect(props.onRevealEntity).toHaveBeenNthCalledWith(2, "alibaba");
  });

  it("pauses on the site", () => {
    const props = renderPopup();
    click(buttonNamed("Pause on example.com"));
    expect(props.onSetSitePaused).toHaveBeenCalledWith("example.com", true);
  });

  it("says when the page has no names, and still offers to pause", () => {
    const props = renderPopup({ page: ready({}) });
    expect(text($("[data-testid=page-empty]"))).toBe("No names from the AI race on this page.");
    expect($$(".row", pageSection())).toHaveLength(0);
    click(buttonNamed("Pause on example.com"));
    expect(props.onSetSitePaused).toHaveBeenCalledWith("example.com", true);
  });

  it("says when the first pass is not finished", () => {
    renderPopup({ page: ready({ deepseek: 1 }, false) });
    expect(text(pageSection())).toContain("Still reading the page; the counts may grow.");
  });

  it("shows a busy skeleton while loading", () => {
    renderPopup({ page: { status: "loading" } });
    expect(pageSection().dataset.state).toBe("loading");
    expect($("[aria-busy=true]", pageSection())).toBeTruthy();
    expect(text($("[role=status]", pageSection()))).toBe("Reading this page…");
    expect($$(".row", pageSection())).toHaveLength(0);
  });

  it("explains a page it cannot read", () => {
    renderPopup({ page: { status: "unavailable" } });
    expect(text($("[data-testid=page-unavailable]"))).toBe(
      "Context Cards can't read this page — browser pages, extension stores and PDFs are off limits.",
    );
    expect($$("button", pageSection())).toHaveLength(0);
  });

  it("offers to turn the extension on when it is off", () => {
    const props = renderPopup({ enabled: false, page: { status: "disabled" } });
    expect(text($("[data-testid=page-disabled] .state__title"))).toBe("Context Cards is off");
    click(buttonNamed("Turn on", pageSection()));
    expect(props.onSetEnabled).toHaveBeenCalledWith(true);
    expect(props.onSetSitePaused).not.toHaveBeenCalled();
  });

  it("offers to resume on a paused site", () => {
    const props = renderPopup({ page: { status: "paused", site: "news.example.org" } });
    expect(text($("[data-testid=page-paused] .state__title"))).toBe("Paused on news.example.org");
    click(buttonNamed("Resume", pageSection()));
    expect(props.onSetSitePaused).toHaveBeenCalledWith("news.example.org", false);
    expect(props.onSetEnabled).not.toHaveBeenCalled();
  });
});

describe("PopupApp: the story", () => {
  it("shows only the events that involve names on the page", () => {
    renderPopup({ page: ready({ bytedance: 3 }) });
    expect(storyEventIds()).toEqual(["bytedance-model-update"]);
    expect(text($("[data-testid=story-scope]"))).toBe(
      `1 of ${timeline.length} events involve names on this page.`,
    );
  });

  it("keeps the timeline's order when several events match", () => {
    renderPopup({ page: ready({ "deepseek-r1": 1, alibaba: 2 }) });
    const expected = timeline
      .filter((event) => event.entities.includes("deepseek-r1") || event.entities.includes("alibaba"))
      .map((event) => event.id);
    expect(expected.length).toBeGreaterThan(1);
    expect(storyEventIds()).toEqual(expected);
  });

  it("shows every event when the page has no names or is not read", () => {
    const all = timeline.map((event) => event.id);
    for (const page of [
      ready({}),
      { status: "unavailable" },
      { status: "loading" },
      { status: "disabled" },
      { status: "paused", site: "example.com" },
    ] as PageState[]) {
      renderPopup({ page });
      expect(storyEventIds(), page.status).toEqual(all);
      expect(root.current.querySelector("[data-testid=story-scope]")).toBeNull();
    }
  });

  it("can show all events on request", () => {
    renderPopup({ page: ready({ bytedance: 3 }) });
    const toggle = buttonNamed("Show all events");
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    click(toggle);
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    expect(storyEventIds()).toEqual(timeline.map((event) => event.id));
    click(toggle);
    expect(storyEventIds()).toEqual(["bytedance-model-update"]);
  });

  it("shows each event's date text and title, and the article's words only when expanded", () => {
    renderPopup({ page: ready({ bytedance: 3 }) });
    const event = timeline.find((candidate) => candidate.id === "bytedance-model-update");
    if (!event) throw new Error("no ByteDance event");
    const item = $("[data-event-id=bytedance-model-update]");
    expect(text($(".story__date", item))).toContain(event.date.text);
    const toggle = $<HTMLButtonElement>(".story__toggle", item);
    expect(text(toggle)).toBe(event.title);
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(item.querySelector("blockquote")).toBeNull();

    click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const region = $(`[id="${toggle.getAttribute("aria-controls")}"]`);
    expect($("blockquote", region).textContent).toBe(event.quote);

    click(toggle);
    expect(item.querySelector("blockquote")).toBeNull();
  });

  it("explains an assumed date behind a disclosure", () => {
    renderPopup({ page: ready({ "deepseek-r1": 1 }) });
    const event = timeline.find((candidate) => candidate.id === "deepseek-r1-release");
    const item = $("[data-event-id=deepseek-r1-release]");
    const info = buttonNamed("How this date was worked out", item);
    const note = $(`[id="${info.getAttribute("aria-controls")}"]`);
    expect(note.hidden).toBe(true);
    expect(text(note)).toBe(event?.date.assumed);
    click(info);
    expect(info.getAttribute("aria-expanded")).toBe("true");
    expect(note.hidden).toBe(false);
  });

  it("says where the facts come from", () => {
    renderPopup();
    expect(text($("[data-testid=story-source]"))).toBe(`Facts from: ${articlePack.source.title}`);
  });
});

describe("PopupApp: search", () => {
  const resultIds = () => $$("[data-testid=search-results] button").map((button) => button.dataset.entityId);

  it("finds names by their Chinese alias", () => {
    renderPopup();
    typeSearch("深度求索");
    expect(resultIds()[0]).toBe("deepseek");
  });

  it("finds names by an alias in another case and spelling", () => {
    renderPopup();
    typeSearch("qwen2.5");
    expect(resultIds()[0]).toBe("qwen-2.5-max");
    typeSearch("ALIYUN");
    expect(resultIds()).toEqual(["alibaba-cloud"]);
    typeSearch("deepseek v3");
    expect(resultIds()[0]).toBe("deepseek-v3");
  });

  it("searches every known name, not only the page's", () => {
    renderPopup({ page: { status: "unavailable" } });
    typeSearch("月之暗面");
    expect(resultIds()).toEqual(["moonshot-ai"]);
    expect($$("[data-testid=not-from-article]")).toHaveLength(1);
  });

  it("shows at most a handful of results and says how many more match", () => {
    const { total } = searchEntities(index, "a", SEARCH_LIMIT);
    expect(total).toBeGreaterThan(SEARCH_LIMIT);
    renderPopup();
    typeSearch("a");
    expect(resultIds()).toHaveLength(SEARCH_LIMIT);
    expect(text(root.current)).toContain(`${total - SEARCH_LIMIT} more — keep typing to narrow the search.`);
  });

  it("says when nothing matches", () => {
    renderPopup();
    typeSearch("zzzz");
    expect(text($(".results__empty"))).toBe("No names match “zzzz”.");
  });

  it("opens a result's card, with its count on the page, and goes back", () => {
    renderPopup();
    typeSearch("深度求索");
    click($("[data-testid=search-results] button[data-entity-id=deepseek]"));
    const dialog = $("[role=dialog]");
    expect(text($(`[id="${dialog.getAttribute("aria-labelledby")}"]`))).toBe("DeepSeek");
    expect(text($("[data-testid=mentions]", dialog))).toBe("11 mentions on this page");
    expect(document.activeElement).toBe(dialog);

    click(buttonNamed("Back"));
    expect(root.current.querySelector("[role=dialog]")).toBeNull();
    expect(resultIds()[0]).toBe("deepseek");
  });

  it("switches the card to a related name and closes it with its close button", () => {
    renderPopup({ page: { status: "unavailable" } });
    typeSearch("alibaba");
    click($("[data-testid=search-results] button[data-entity-id=alibaba]"));
    expect(root.current.querySelector("[data-testid=mentions]")).toBeNull();
    const chip = $<HTMLButtonElement>('.cc-chip[data-entity-id="qwen-2.5-max"]');
    click(chip);
    expect($("[role=dialog]").dataset.entityId).toBe("qwen-2.5-max");
    click(buttonNamed("Close card"));
    expect(root.current.querySelector("[role=dialog]")).toBeNull();
  });

  it("opens the first result on Enter and clears the search on Escape", () => {
    renderPopup();
    typeSearch("qwen2.5");
    press(searchInput(), "Enter");
    expect($("[role=dialog]").dataset.entityId).toBe("qwen-2.5-max");
    press($("[role=dialog]"), "Escape");
    expect(root.current.querySelector("[role=dialog]")).toBeNull();
    expect(searchInput().value).toBe("qwen2.5");

    press(searchInput(), "Escape");
    expect(searchInput().value).toBe("");
    expect(root.current.querySelector("[data-testid=search-results]")).toBeNull();
    expect(pageSection().dataset.state).toBe("ready");
  });

  it("moves between the search field and the results with the arrow keys", () => {
    renderPopup();
    typeSearch("deepseek");
    const buttons = $$<HTMLButtonElement>("[data-testid=search-results] button");
    press(searchInput(), "ArrowDown");
    expect(document.activeElement).toBe(buttons[0]);
    press(buttons[0] as HTMLElement, "ArrowDown");
    expect(document.activeElement).toBe(buttons[1]);
    press(buttons[1] as HTMLElement, "ArrowUp");
    press(buttons[0] as HTMLElement, "ArrowUp");
    expect(document.activeElement).toBe(searchInput());
  });

  it("labels the search field", () => {
    renderPopup();
    const input = searchInput();
    expect(text($(`label[for="${input.id}"]`))).toBe("Search names");
  });
});

describe("PopupApp: content rules", () => {
  it("renders hostile page data as text", () => {
    const hostile = "<img src=x onerror=alert(1)>";
    renderPopup({
      page: {
        status: "ready",
        site: hostile,
        summary: {
          url: "https://example.com/",
          active: true,
          scanned: true,
          mentionCount: 1,
          entities: [{ id: "not-known", name: hostile, kind: "company", count: 1 }],
        },
      },
    });
    expect(root.current.querySelector("img[src=x]")).toBeNull();
    expect(text($("[data-testid=page-site]"))).toBe(hostile);
    expect(text($("button[data-entity-id=not-known] .row__name"))).toBe(hostile);
  });

  it("gives every button an accessible name", () => {
    renderPopup();
    click($(".story__toggle"));
    for (const button of $$<HTMLButtonElement>("button")) {
      expect(button.getAttribute("aria-label") ?? text(button), button.outerHTML).not.toBe("");
      expect(button.type).toBe("button");
    }
  });
});
