import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fallbackForUnanswered, MENU_ACTIONS, messageForMenuItem } from "../../src/core/menu-actions";
import { translatorFor } from "./i18n-fixture";

const LOCALES = ["en", "zh_CN"];

function messagesOf(locale: string): Record<string, { message: string }> {
  const file = resolve(import.meta.dirname, `../../assets/_locales/${locale}/messages.json`);
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, { message: string }>;
}

describe("MENU_ACTIONS", () => {
  it("offers adding to notes, then tracking a name", () => {
    expect(MENU_ACTIONS.map((action) => action.message.mode)).toEqual(["note", "track"]);
  });

  it("has unique ids, each prefixed with context-cards:", () => {
    const ids = MENU_ACTIONS.map((action) => action.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^context-cards:[a-z-]+$/);
  });

  it.each(LOCALES)("has a non-empty %s title for every entry", (locale) => {
    const messages = messagesOf(locale);
    for (const { titleKey } of MENU_ACTIONS) {
      expect(messages, `${locale} lacks ${titleKey}`).toHaveProperty(titleKey);
      expect(messages[titleKey]?.message.trim()).not.toBe("");
      expect(translatorFor(locale)(titleKey)).toBe(messages[titleKey]?.message);
    }
  });

  it("gives the entries different titles", () => {
    for (const locale of LOCALES) {
      const titles = MENU_ACTIONS.map(({ titleKey }) => translatorFor(locale)(titleKey));
      expect(new Set(titles).size).toBe(titles.length);
    }
  });

  it("sends compose messages", () => {
    for (const { message } of MENU_ACTIONS) expect(message.type).toBe("context-cards:compose");
  });
});

describe("messageForMenuItem", () => {
  it("maps each entry's id to its compose message", () => {
    expect(messageForMenuItem("context-cards:add-note")).toEqual({
      type: "context-cards:compose",
      mode: "note",
    });
    expect(messageForMenuItem("context-cards:track-name")).toEqual({
      type: "context-cards:compose",
      mode: "track",
    });
    for (const action of MENU_ACTIONS) {
      const message = messageForMenuItem(action.id);
      expect(message).toEqual(action.message);
    }
  });

  it.each([
    "",
    "add-note",
    "context-cards:",
    "context-cards:add-note ",
    "CONTEXT-CARDS:ADD-NOTE",
    "other-extension:add-note",
    0,
    1,
  ])("returns null for the foreign id %j", (id) => {
    expect(messageForMenuItem(id)).toBeNull();
  });
});

describe("fallbackForUnanswered", () => {
  const note = { type: "context-cards:compose", mode: "note" } as const;

  it("sends the words of a frame without our content script to the top page, with the frame's address", () => {
    expect(
      fallbackForUnanswered(note, {
        frameId: 5,
        selectionText: "DeepSeek shipped R1",
        frameUrl: "https://embed.example/post/1",
      }),
    ).toEqual({ ...note, selectionText: "DeepSeek shipped R1", frameUrl: "https://embed.example/post/1" });
  });

  it("leaves out a frame address that is not a web page's", () => {
    for (const frameUrl of [undefined, "about:blank", "data:text/html,x", "javascript:alert(1)"]) {
      expect(fallbackForUnanswered(note, { frameId: 5, selectionText: "Qwen", frameUrl })).toEqual({
        ...note,
        selectionText: "Qwen",
      });
    }
  });

  it("goes nowhere when the top page itself did not answer, or there are no words", () => {
    expect(fallbackForUnanswered(note, { frameId: 0, selectionText: "DeepSeek" })).toBeNull();
    expect(fallbackForUnanswered(note, { frameId: 5, selectionText: undefined })).toBeNull();
    expect(fallbackForUnanswered(note, { frameId: 5, selectionText: "  \n " })).toBeNull();
  });
});
