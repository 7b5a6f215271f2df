import { beforeEach, describe, expect, it, vi } from "vitest";
import { listenForMessages } from "../../src/platform/messaging";

// The runtime's onMessage, keeping the listener added so a test can call it as the browser would.
const fake = vi.hoisted(() => {
  const state = { listener: null as ((...args: unknown[]) => unknown) | null };
  const onMessage = {
    addListener: (listener: (...args: unknown[]) => unknown) => {
      state.listener = listener;
    },
    removeListener: (listener: unknown) => {
      if (state.listener === listener) state.listener = null;
    },
  };
  return { state, browser: { runtime: { onMessage } } };
});

vi.mock("../../src/platform/browser", () => ({ browser: fake.browser }));

const SENDER = { id: "context-cards" };

/** Delivers `message` as the browser does; resolves to what the listener returned and what it answered. */
async function deliver(message: unknown): Promise<{ kept: unknown; answers: unknown[] }> {
  const answers: unknown[] = [];
  const kept = fake.state.listener?.(message, SENDER, (answer: unknown) => answers.push(answer));
  await new Promise((settle) => setTimeout(settle, 0));
  return { kept, answers };
}

describe("listenForMessages", () => {
  const ping = vi.fn(() => ({
    from: "content" as const,
    url: "https://example.com/",
    topFrame: true,
    frameKey: 0.5,
  }));
  const summary = vi.fn(async () => {
    throw new Error("the page is going away");
  });

  beforeEach(() => {
    ping.mockClear();
    summary.mockClear();
    vi.spyOn(console, "error").mockImplementation(() => {});
    listenForMessages({ "context-cards:ping": ping, "context-cards:page-summary": summary });
  });

  it("answers our messages with their handler's answer, through sendResponse", async () => {
    const message = { type: "context-cards:ping" };
    expect(await deliver(message)).toEqual({
      kept: true,
      answers: [{ from: "content", url: "https://example.com/", topFrame: true, frameKey: 0.5 }],
    });
    expect(ping).toHaveBeenCalledWith(message, SENDER);
  });

  it("answers undefined when a handler fails, and says why in the console", async () => {
    expect(await deliver({ type: "context-cards:page-summary" })).toEqual({
      kept: true,
      answers: [undefined],
    });
    expect(console.error).toHaveBeenCalledWith("Context Cards:", expect.any(Error));
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
    { type: "toString" },
    { type: "hasOwnProperty" },
    // Ours, but not handled in this context: left for the context that handles it.
    { type: "context-cards:frame-report" },
  ])("leaves %j to other listeners", async (message) => {
    expect(await deliver(message)).toEqual({ kept: undefined, answers: [] });
    expect(ping).not.toHaveBeenCalled();
    expect(summary).not.toHaveBeenCalled();
  });

  it("stops listening when asked", () => {
    const stop = listenForMessages({ "context-cards:ping": ping });
    stop();
    expect(fake.state.listener).toBeNull();
  });
});
