import { describe, expect, it } from "vitest";
import { ENTITY_KINDS } from "../../src/core/knowledge-schema";
import { KIND_GROUP_KEYS, KIND_KEYS } from "../../src/ui/kind-labels";
import { translatorFor } from "./i18n-fixture";

describe.each(["en", "zh_CN"])("kind labels in %s", (locale) => {
  const t = translatorFor(locale);

  it.each([
    ["a name's kind", KIND_KEYS],
    ["a group's heading", KIND_GROUP_KEYS],
  ])("gives every kind %s, each different", (_what, keys) => {
    expect(Object.keys(keys).sort()).toEqual([...ENTITY_KINDS].sort());
    const labels = ENTITY_KINDS.map((kind) => t(keys[kind]));
    for (const label of labels) expect(label.trim()).not.toBe("");
    expect(new Set(labels).size).toBe(ENTITY_KINDS.length);
  });
});
