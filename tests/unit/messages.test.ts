import { describe, expect, it } from "vitest";
import { isOurMessage } from "../../src/core/messages";

describe("isOurMessage", () => {
  it("accepts our message types", () => {
    expect(isOurMessage({ type: "context-cards:ping" })).toBe(true);
  });

  it.each([
    null,
    undefined,
    "context-cards:ping",
    42,
    {},
    { type: 1 },
    { type: "context-cards:unknown" },
    { type: "other-extension:ping" },
    { type: "__proto__" },
  ])("rejects %j", (value) => {
    expect(isOurMessage(value)).toBe(false);
  });
});
