import { describe, expect, it } from "vitest";
import { HoverIntent } from "../../src/core/hover-intent";

const OPTIONS = { dwellMs: 300, graceMs: 300, passingSpeed: 1 };

function make() {
  return new HoverIntent<string>(OPTIONS);
}

describe("HoverIntent", () => {
  it("opens after the pointer rests on a name for the dwell time", () => {
    const intent = make();
    expect(intent.pointerMoved(10, 10, 0, "deepseek").target).toBeNull();
    expect(intent.nextDeadline()).toBe(300);
    expect(intent.tick(299).target).toBeNull();
    expect(intent.tick(300)).toEqual({ target: "deepseek", pinned: false });
  });

  it("does not open while the pointer sweeps across names at speed", () => {
    const intent = make();
    intent.pointerMoved(0, 0, 0, "a");
    // 200 px in 50 ms = 4 px/ms: passing, the dwell restarts each time.
    intent.pointerMoved(200, 0, 50, "a");
    intent.pointerMoved(400, 0, 100, "a");
    expect(intent.tick(310).target).toBeNull();
    expect(intent.nextDeadline()).toBe(400);
    expect(intent.tick(400).target).toBe("a");
  });

  it("cancels a dwell when the pointer leaves the name", () => {
    const intent = make();
    intent.pointerMoved(0, 0, 0, "a");
    intent.pointerMoved(1, 0, 100, null);
    expect(intent.tick(1000).target).toBeNull();
    expect(intent.nextDeadline()).toBeNull();
  });

  it("keeps the card open while the pointer travels into it, then closes after it leaves both", () => {
    const intent = make();
    intent.pointerMoved(0, 0, 0, "a");
    intent.tick(300);
    intent.pointerMoved(0, 5, 400, null); // off the name, on the way to the card
    expect(intent.tick(500).target).toBe("a");
    intent.pointerOverCard(); // arrived in the card within the grace period
    expect(intent.tick(2000).target).toBe("a");
    intent.pointerMoved(0, 300, 2100, null); // left the card
    expect(intent.tick(2399).target).toBe("a");
    expect(intent.tick(2400).target).toBeNull();
  });

  it("closes after the grace period when the pointer never reaches the card", () => {
    const intent = make();
    intent.pointerMoved(0, 0, 0, "a");
    intent.tick(300);
    intent.pointerMoved(50, 50, 400, null);
    expect(intent.tick(700).target).toBeNull();
  });

  it("never opens while a button is down or text is selected", () => {
    const intent = make();
    intent.pointerMoved(0, 0, 0, "a", true);
    expect(intent.tick(1000).target).toBeNull();
  });

  it("pins on click and ignores the pointer until closed", () => {
    const intent = make();
    expect(intent.pin("a")).toEqual({ target: "a", pinned: true });
    intent.pointerMoved(500, 500, 10, null);
    expect(intent.tick(5000)).toEqual({ target: "a", pinned: true });
    expect(intent.close().target).toBeNull();
  });

  it("toggles the pin of an open card", () => {
    const intent = make();
    intent.pointerMoved(0, 0, 0, "a");
    intent.tick(300);
    expect(intent.togglePin()).toEqual({ target: "a", pinned: true });
    expect(intent.togglePin()).toEqual({ target: "a", pinned: false });
  });

  it("does not let another name replace the card during the grace period", () => {
    const intent = make();
    intent.pointerMoved(0, 0, 0, "a");
    intent.tick(300);
    intent.pointerMoved(0, 1, 310, "b");
    expect(intent.state.target).toBe("a");
    intent.pointerMoved(0, 2, 320, "b");
    expect(intent.tick(610).target).toBeNull();
  });

  it("uses `same` to compare targets", () => {
    const intent = new HoverIntent<{ id: string }>(OPTIONS, (x, y) => x.id === y.id);
    intent.pointerMoved(0, 0, 0, { id: "a" });
    intent.pointerMoved(0, 0, 100, { id: "a" });
    expect(intent.tick(300).target).toEqual({ id: "a" });
  });
});
