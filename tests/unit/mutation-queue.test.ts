// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";
import { type MutationBatch, MutationQueue } from "../../src/content/mutation-queue";

function nextBatch(queue: { batches: MutationBatch[] }): Promise<MutationBatch> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const batch = queue.batches.shift();
      if (batch) resolve(batch);
      else if (Date.now() - started > 2000) reject(new Error("no batch"));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

function watch(options?: ConstructorParameters<typeof MutationQueue>[1]) {
  const state = { batches: [] as MutationBatch[] };
  const queue = new MutationQueue((batch) => state.batches.push(batch), options);
  queue.observe(document.body);
  return { state, queue };
}

describe("MutationQueue", () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it("delivers added elements and text in one batch, later", async () => {
    const { state, queue } = watch();
    const p = document.createElement("p");
    p.textContent = "DeepSeek";
    const text = document.createTextNode("Qwen");
    document.body.append(p, text);
    expect(state.batches).toEqual([]);
    const batch = await nextBatch(state);
    expect([...batch.nodes]).toEqual([p, text]);
    expect(batch).toMatchObject({ removed: false, overflow: false });
    queue.disconnect();
  });

  it("ignores edited comments (framework markers), and still delivers the text added with them", async () => {
    const marker = document.createComment("$?");
    document.body.append(marker);
    const { state, queue } = watch();
    marker.data = "$";
    const p = document.createElement("p");
    p.textContent = "DeepSeek";
    document.body.append(p);
    const batch = await nextBatch(state);
    expect([...batch.nodes]).toEqual([p]);
    queue.disconnect();
  });

  it("delivers edited text nodes", async () => {
    const p = document.createElement("p");
    p.textContent = "before";
    document.body.append(p);
    const { state, queue } = watch();
    (p.firstChild as Text).data = "after Baidu";
    const batch = await nextBatch(state);
    expect([...batch.nodes]).toEqual([p.firstChild]);
    queue.disconnect();
  });

  it("flags removals", async () => {
    const p = document.createElement("p");
    document.body.append(p);
    const { state, queue } = watch();
    p.remove();
    const batch = await nextBatch(state);
    expect(batch.removed).toBe(true);
    queue.disconnect();
  });

  it("delivers a part shown, hidden or made editable, flagged; other attributes are not its business", async () => {
    const part = document.createElement("div");
    part.hidden = true;
    part.textContent = "DeepSeek";
    document.body.append(part);
    const { state, queue } = watch();
    part.className = "open";
    part.title = "A title";
    part.hidden = false;
    const shown = await nextBatch(state);
    expect([...shown.nodes]).toEqual([part]);
    expect(shown).toMatchObject({ readability: true, removed: false, overflow: false });
    part.setAttribute("contenteditable", "true");
    expect(await nextBatch(state)).toMatchObject({ readability: true });
    part.dataset.x = "1";
    document.body.append(document.createElement("p"));
    expect(await nextBatch(state)).toMatchObject({ readability: false });
    queue.disconnect();
  });

  it("watches nothing once disconnected, even when asked to again", async () => {
    const { state, queue } = watch();
    queue.disconnect();
    queue.observe(document.body);
    document.body.append(Object.assign(document.createElement("p"), { textContent: "DeepSeek" }));
    await expect(nextBatch(state)).rejects.toThrow("no batch");
  });

  it("collapses a large burst into one overflow batch", async () => {
    const { state, queue } = watch({ overflowAt: 10 });
    for (let i = 0; i < 11; i++) document.body.append(document.createElement("p"));
    const batch = await nextBatch(state);
    expect(batch.overflow).toBe(true);
    expect(batch.nodes.size).toBe(0);
    queue.disconnect();
  });

  it("ignores changes under ignored nodes", async () => {
    const host = document.createElement("div");
    document.body.append(host);
    const { state, queue } = watch({ isIgnored: (node) => node === host });
    host.append(document.createElement("span"));
    document.body.append(document.createElement("em"));
    const batch = await nextBatch(state);
    expect([...batch.nodes].map((n) => n.nodeName)).toEqual(["EM"]);
    queue.disconnect();
  });
});
