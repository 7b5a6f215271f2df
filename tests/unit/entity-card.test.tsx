// @vitest-environment happy-dom
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { render } from "preact";
import { act } from "preact/test-utils";
import { describe, expect, it, vi } from "vitest";
import { buildKnowledgeIndex, type KnowledgeIndex } from "../../src/core/knowledge-index";
import type { Entity, KnowledgePack } from "../../src/core/knowledge-schema";
import { BUNDLED_PACKS } from "../../src/knowledge/bundled-packs";
import { EntityCard, type EntityCardProps, RELATED_VISIBLE } from "../../src/ui/card/entity-card";
import { queryAll, renderInto, text, useContainer } from "./dom-fixture";
import { t } from "./i18n-fixture";

const index = buildKnowledgeIndex(BUNDLED_PACKS);
const [articlePack, referencePack] = BUNDLED_PACKS as [KnowledgePack, KnowledgePack];

function entityOf(id: string): Entity {
  const entity = index.entities.get(id)?.entity;
  if (!entity) throw new Error(`no entity ${id}`);
  return entity;
}

function factOf(entityId: string, factId: string) {
  const fact = entityOf(entityId).facts.find((candidate) => candidate.id === factId);
  if (!fact) throw new Error(`no fact ${factId}`);
  return fact;
}

const root = useContainer();

function renderCard(overrides: Partial<EntityCardProps> & { entityId: string }) {
  const props: EntityCardProps = {
    index,
    packs: BUNDLED_PACKS,
    mentionCount: 0,
    pinned: false,
    t,
    onSelectEntity: vi.fn(),
    onTogglePin: vi.fn(),
    onClose: vi.fn(),
    ...overrides,
  };
  renderInto(root.current, <EntityCard {...props} />);
  return props;
}

const $ = <T extends Element = HTMLElement>(selector: string, within: ParentNode = root.current): T => {
  const found = within.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};
const $$ = <T extends Element = HTMLElement>(selector: string, within: ParentNode = root.current): T[] =>
  queryAll<T>(selector, within);
const factItem = (factId: string) => $(`li[data-fact-id="${factId}"]`);
const click = (element: HTMLElement) =>
  act(() => {
    element.click();
  });

/** The accessible name of a button: aria-label, else its text. */
const accessibleName = (element: Element) => element.getAttribute("aria-label") ?? text(element);

describe("EntityCard: structure and accessibility", () => {
  it("is a non-modal dialog labelled by the heading with the entity's name", () => {
    renderCard({ entityId: "deepseek" });
    const dialog = $("section[role=dialog]");
    expect(dialog.parentElement).toBe(root.current);
    expect(dialog.getAttribute("aria-modal")).toBe("false");
    const labelledBy = dialog.getAttribute("aria-labelledby");
    expect(labelledBy).toBeTruthy();
    const heading = root.current.querySelector(`[id="${labelledBy}"]`);
    expect(heading?.tagName).toBe("H2");
    expect(text(heading)).toBe("DeepSeek");
  });

  it("shows the kind and the one-line summary", () => {
    renderCard({ entityId: "liang-wenfeng" });
    expect(text($(".cc-card__kind"))).toBe("Person");
    expect(text($(".cc-card__summary"))).toBe(entityOf("liang-wenfeng").summary);
  });

  it("has pin and close buttons with accessible names that call their callbacks", () => {
    const props = renderCard({ entityId: "deepseek" });
    const buttons = $$<HTMLButtonElement>("header button");
    expect(buttons.map(accessibleName)).toEqual(["Pin card", "Close card"]);
    for (const button of buttons) expect(button.type).toBe("button");
    click(buttons[0] as HTMLButtonElement);
    expect(props.onTogglePin).toHaveBeenCalledTimes(1);
    expect(props.onClose).not.toHaveBeenCalled();
    click(buttons[1] as HTMLButtonElement);
    expect(props.onClose).toHaveBeenCalledTimes(1);
  });

  it("names the pin button for unpinning while pinned", () => {
    renderCard({ entityId: "deepseek", pinned: true });
    expect(accessibleName($(".cc-pin"))).toBe("Unpin card");
  });

  it("gives every button an accessible name and every control a keyboard route", () => {
    for (const id of ["deepseek", "qwen-2.5-max", "aime", "anthropic", "liang-wenfeng"]) {
      renderCard({ entityId: id });
      for (const button of $$<HTMLButtonElement>("button")) {
        expect(accessibleName(button), `${id}: ${button.outerHTML}`).not.toBe("");
        expect(button.tabIndex, `${id}: ${button.outerHTML}`).toBeGreaterThanOrEqual(0);
      }
      for (const link of $$<HTMLAnchorElement>("a")) expect(link.getAttribute("href")).toBeTruthy();
    }
  });

  it("shows a not-found card with a close button for an unknown id", () => {
    const props = renderCard({ entityId: "no-such-entity" });
    const dialog = $("section[role=dialog]");
    expect(text(root.current.querySelector(`[id="${dialog.getAttribute("aria-labelledby")}"]`))).toBe(
      "Nothing is known about this name.",
    );
    click($(".cc-close"));
    expect(props.onClose).toHaveBeenCalledTimes(1);
  });
});

describe("EntityCard: kinds of facts", () => {
  it("labels a claim with its maker, by name", () => {
    renderCard({ entityId: "qwen-2.5-max" });
    const item = factItem("qwen-2.5-max-outperforms-claim");
    expect(text($(".cc-fact__label", item))).toBe("Claim by Alibaba Cloud");
    expect(text($(".cc-fact__text", item))).toBe(
      factOf("qwen-2.5-max", "qwen-2.5-max-outperforms-claim").text,
    );
  });

  it("labels every claim in the bundled packs with its maker's name", () => {
    for (const { entity } of index.entities.values()) {
      const claims = entity.facts.filter((fact) => fact.kind === "claim");
      if (claims.length === 0) continue;
      renderCard({ entityId: entity.id });
      for (const claim of claims) {
        const maker = entityOf(claim.by as string).name;
        expect(text($(".cc-fact__label", factItem(claim.id))), claim.id).toBe(`Claim by ${maker}`);
      }
    }
  });

  it("leaves plain facts unlabelled", () => {
    renderCard({ entityId: "qwen-2.5-max" });
    expect(factItem("qwen-2.5-max-launch").querySelector(".cc-fact__label")).toBeNull();
  });

  it("labels Liang Wenfeng's quote as his and shows his words as a quotation", () => {
    renderCard({ entityId: "liang-wenfeng" });
    const item = factItem("liang-wenfeng-giants-limits");
    expect(text($(".cc-fact__label", item))).toBe("Quote from Liang Wenfeng");
    const quote = $("blockquote q", item);
    expect(quote.textContent).toBe(factOf("liang-wenfeng", "liang-wenfeng-giants-limits").quote);
    expect(quote.textContent).toBe(
      "Large foundational models require continued innovation, tech giants’ capabilities have their limits",
    );
  });

  it("labels a definition with who gave it", () => {
    renderCard({ entityId: "agi" });
    expect(text($(".cc-fact__label", factItem("agi-openai-definition")))).toBe("Definition by OpenAI");
  });

  it("lists every fact of the entity in pack order", () => {
    renderCard({ entityId: "deepseek" });
    expect($$("li[data-fact-id]").map((item) => item.dataset.factId)).toEqual(
      entityOf("deepseek").facts.map((fact) => fact.id),
    );
  });
});

describe("EntityCard: the article's words", () => {
  it("hides each fact's quote until its disclosure is opened, then shows it verbatim", () => {
    renderCard({ entityId: "qwen-2.5-max" });
    const item = factItem("qwen-2.5-max-outperforms-claim");
    const toggle = $<HTMLButtonElement>(".cc-disclosure", item);
    expect(item.querySelector("blockquote")).toBeNull();
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(text(toggle)).toBe("Show the article’s words");
    expect(item.textContent).not.toContain("almost across the board");

    click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const region = root.current.querySelector(`[id="${toggle.getAttribute("aria-controls")}"]`);
    const quote = region?.querySelector("blockquote q");
    expect(quote?.textContent).toBe(factOf("qwen-2.5-max", "qwen-2.5-max-outperforms-claim").quote);

    click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(item.querySelector("blockquote")).toBeNull();
  });

  it("offers the verbatim quote of every article fact", () => {
    for (const entity of articlePack.entities) {
      renderCard({ entityId: entity.id });
      for (const fact of entity.facts) {
        const item = factItem(fact.id);
        const toggle = item.querySelector<HTMLButtonElement>(".cc-disclosure");
        if (toggle) click(toggle);
        expect(
          $$("blockquote q", item).map((q) => q.textContent),
          fact.id,
        ).toEqual([fact.quote]);
      }
    }
  });

  it("shows the date and, on demand, how it was worked out", () => {
    renderCard({ entityId: "qwen-2.5-max" });
    const item = factItem("qwen-2.5-max-launch");
    const date = factOf("qwen-2.5-max", "qwen-2.5-max-launch").date;
    expect(text($(".cc-fact__date", item))).toBe(`When: ${date?.text}`);
    const info = $<HTMLButtonElement>(".cc-info-button", item);
    expect(accessibleName(info)).toBe("How this date was worked out");
    const note = root.current.querySelector<HTMLElement>(`[id="${info.getAttribute("aria-controls")}"]`);
    expect(note?.hidden).toBe(true);
    expect(info.getAttribute("aria-expanded")).toBe("false");
    click(info);
    expect(info.getAttribute("aria-expanded")).toBe("true");
    expect(note?.hidden).toBe(false);
    expect(note?.textContent).toBe(date?.assumed);
  });

  it("has no date assumption button for facts without an assumed date", () => {
    renderCard({ entityId: "deepseek" });
    expect(root.current.querySelector(".cc-info-button")).toBeNull();
  });
});

describe("EntityCard: outside the article", () => {
  it("shows AIME's context notes under 'Outside the article' with https links", () => {
    renderCard({ entityId: "aime" });
    const aime = entityOf("aime");
    const section = $('[data-testid="entity-context"]');
    expect(text($(".cc-outside__label", section))).toBe("Outside the article");
    expect(section.textContent).toContain(aime.context?.[0]?.text);
    const link = $<HTMLAnchorElement>("a", section);
    expect(link.getAttribute("href")).toBe(aime.context?.[0]?.reference.url);
    expect(link.getAttribute("href")).toMatch(/^https:\/\//);
    expect(link.target).toBe("_blank");
    expect(link.rel).toBe("noopener noreferrer");
    expect(link.textContent).toContain(aime.context?.[0]?.reference.title);

    const factNote = $('[data-testid="fact-context"]', factItem("aime-article-description"));
    expect(text($(".cc-outside__label", factNote))).toBe("Outside the article");
    expect(factNote.textContent).toContain("This description is wrong.");
    expect($("a", factNote).getAttribute("href")).toBe(
      "https://en.wikipedia.org/wiki/American_Invitational_Mathematics_Examination",
    );
  });

  it("marks a reference-pack entity as not from the article, links its references, and credits public references", () => {
    renderCard({ entityId: "anthropic" });
    expect(text($('[data-testid="not-from-article"]'))).toBe("Not from the article — from public references");
    const anthropic = entityOf("anthropic");
    for (const fact of anthropic.facts) {
      const link = $<HTMLAnchorElement>(".cc-reference a", factItem(fact.id));
      expect(link.getAttribute("href")).toBe(fact.reference?.url);
      expect(link.rel).toBe("noopener noreferrer");
      expect(link.target).toBe("_blank");
    }
    expect(root.current.querySelector(".cc-disclosure")).toBeNull();
    expect(text($('[data-testid="source"]'))).toBe("Source: public references");
  });

  it("credits the article for article entities and shows no not-from-the-article notice", () => {
    renderCard({ entityId: "deepseek" });
    expect(root.current.querySelector('[data-testid="not-from-article"]')).toBeNull();
    expect(text($('[data-testid="source"]'))).toBe(`Source: ${articlePack.source.title}`);
  });

  it("shows the notice on every reference-pack entity and on no article entity", () => {
    for (const pack of BUNDLED_PACKS) {
      for (const entity of pack.entities) {
        renderCard({ entityId: entity.id });
        const notice = root.current.querySelector('[data-testid="not-from-article"]');
        expect(notice !== null, entity.id).toBe(pack.origin === "reference");
      }
    }
    expect(referencePack.origin).toBe("reference");
  });
});

describe("EntityCard: related names and mentions", () => {
  it("lists related entities as chips, article ones first, then by name", () => {
    renderCard({ entityId: "alibaba" });
    const chips = $$<HTMLButtonElement>(".cc-chip:not(.cc-chip--more)");
    const names = chips.map((chip) => text(chip));
    const origins = chips.map((chip) => chip.dataset.origin);
    const firstReference = origins.indexOf("reference");
    expect(firstReference).toBeGreaterThan(0);
    expect(origins.slice(firstReference).every((origin) => origin === "reference")).toBe(true);
    const articleNames = names.slice(0, firstReference);
    expect(articleNames).toEqual([...articleNames].sort((a, b) => a.localeCompare(b)));
    for (const chip of chips) expect(index.relatedIds("alibaba")).toContain(chip.dataset.entityId);
  });

  it("calls onSelectEntity with the chosen chip's id", () => {
    const props = renderCard({ entityId: "deepseek" });
    const chip = $$<HTMLButtonElement>(".cc-chip").find((candidate) => text(candidate) === "Liang Wenfeng");
    expect(chip).toBeDefined();
    click(chip as HTMLButtonElement);
    expect(props.onSelectEntity).toHaveBeenCalledWith("liang-wenfeng");
    expect(props.onSelectEntity).toHaveBeenCalledTimes(1);
  });

  it(`shows at most ${RELATED_VISIBLE} chips and a '+N more' button that reveals the rest`, () => {
    const total = index.relatedIds("deepseek").size;
    expect(total).toBeGreaterThan(RELATED_VISIBLE);
    renderCard({ entityId: "deepseek" });
    expect($$(".cc-chip:not(.cc-chip--more)")).toHaveLength(RELATED_VISIBLE);
    const more = $<HTMLButtonElement>(".cc-chip--more");
    expect(text(more)).toBe(`+${total - RELATED_VISIBLE} more`);
    expect(more.getAttribute("aria-expanded")).toBe("false");
    click(more);
    const chips = $$<HTMLButtonElement>(".cc-chip");
    expect(chips).toHaveLength(total);
    expect(root.current.querySelector(".cc-chip--more")).toBeNull();
    expect(document.activeElement).toBe(chips[RELATED_VISIBLE]);
  });

  it("moves focus to the new name after switching via a chip", () => {
    let props: EntityCardProps;
    const switchTo = (id: string) => {
      props = { ...props, entityId: id };
      act(() => {
        render(<EntityCard {...props} />, root.current);
      });
    };
    props = renderCard({ entityId: "deepseek", onSelectEntity: (id) => switchTo(id) });
    const chip = $$<HTMLButtonElement>(".cc-chip").find((candidate) => text(candidate) === "Liang Wenfeng");
    (chip as HTMLButtonElement).focus();
    click(chip as HTMLButtonElement);
    expect(text($("h2"))).toBe("Liang Wenfeng");
    expect(document.activeElement).toBe($("h2"));
  });

  it("pluralises the mention count and hides the line at zero", () => {
    renderCard({ entityId: "deepseek", mentionCount: 1 });
    expect(text($('[data-testid="mentions"]'))).toBe("1 mention on this page");
    renderCard({ entityId: "deepseek", mentionCount: 3 });
    expect(text($('[data-testid="mentions"]'))).toBe("3 mentions on this page");
    renderCard({ entityId: "deepseek", mentionCount: 0 });
    expect(root.current.querySelector('[data-testid="mentions"]')).toBeNull();
  });
});

describe("EntityCard: renders text, never markup", () => {
  const hostile = "<img src=x onerror=alert(1)>";
  const evilPack = {
    schemaVersion: 1,
    id: "evil",
    version: "1",
    origin: "reference",
    source: { title: hostile, context: "Test only.", retrieved: "Never" },
    entities: [
      {
        id: "evil",
        name: `Evil ${hostile}`,
        kind: "company",
        summary: hostile,
        aliases: [{ text: "Evil" }],
        facts: [
          {
            id: "evil-fact",
            kind: "claim",
            by: "evil",
            text: hostile,
            quote: `<script>alert(1)</script>`,
            reference: { url: "javascript:alert(1)", title: hostile },
            date: { iso: "2025", text: hostile, assumed: hostile },
            context: [{ text: hostile, reference: { url: "http://example.com/", title: "Plain http" } }],
          },
        ],
        relations: [],
        context: [{ text: hostile, reference: { url: "https://example.com/ok", title: hostile } }],
      },
    ],
    timeline: [],
  } as unknown as KnowledgePack;
  const evilIndex: KnowledgeIndex = buildKnowledgeIndex([evilPack]);

  it("renders hostile strings as text, not elements", () => {
    renderCard({ entityId: "evil", index: evilIndex, packs: [evilPack] });
    act(() => {
      for (const button of $$<HTMLButtonElement>(".cc-disclosure, .cc-info-button")) button.click();
    });
    expect(root.current.querySelector("img, script")).toBeNull();
    expect(text($("h2"))).toBe(`Evil ${hostile}`);
    expect(text($(".cc-card__summary"))).toBe(hostile);
    expect(text($(".cc-fact__text"))).toBe(hostile);
    expect($("blockquote q").textContent).toBe("<script>alert(1)</script>");
    expect(root.current.textContent).toContain(hostile);
  });

  it("links only https references", () => {
    renderCard({ entityId: "evil", index: evilIndex, packs: [evilPack] });
    const hrefs = $$<HTMLAnchorElement>("a").map((link) => link.getAttribute("href"));
    expect(hrefs).toEqual(["https://example.com/ok"]);
    expect(root.current.textContent).toContain("Plain http");
  });

  it("sets no inline event-handler attributes anywhere", () => {
    const cases: [string, KnowledgeIndex, readonly KnowledgePack[]][] = [
      ["evil", evilIndex, [evilPack]],
      ...[...index.entities.keys()].map((id): [string, KnowledgeIndex, readonly KnowledgePack[]] => [
        id,
        index,
        BUNDLED_PACKS,
      ]),
    ];
    for (const [entityId, cardIndex, packs] of cases) {
      renderCard({ entityId, index: cardIndex, packs, mentionCount: 2 });
      for (const element of $$("*")) {
        const handlers = element.getAttributeNames().filter((name) => name.toLowerCase().startsWith("on"));
        expect(handlers, `${entityId}: <${element.tagName.toLowerCase()}>`).toEqual([]);
      }
    }
  });

  it("does not use dangerouslySetInnerHTML or innerHTML in its source", () => {
    const source = readFileSync(resolve(import.meta.dirname, "../../src/ui/card/entity-card.tsx"), "utf8");
    expect(source).not.toMatch(/dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML/);
  });
});
