// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";
import {
  isInSkippedSubtree,
  MAX_RESTARTS,
  type ReadableTextOptions,
  ReadableTextWalker,
} from "../../src/content/readable-text";

const WITHOUT_CODE = { includeCode: false };

/**
 * The text a person reads, as the page scanner sees it: what the walker yields (skipping by
 * tag), minus nodes in a part skipped for an attribute (the check the scanner makes).
 */
function walkReadableText(root: Node, options: ReadableTextOptions): Text[] {
  const nodes: Text[] = [];
  new ReadableTextWalker(root, options).take({ texts: [], nodes }, Number.POSITIVE_INFINITY);
  return nodes.filter((node) => !isInSkippedSubtree(node, options));
}

function texts(root: Node, options = WITHOUT_CODE): string[] {
  return walkReadableText(root, options)
    .map((t) => t.data.trim())
    .filter(Boolean);
}

describe("walkReadableText", () => {
  beforeEach(() => {
    document.designMode = "off";
    document.body.replaceChildren();
  });

  it("visits readable text in document order", () => {
    document.body.innerHTML = "<h1>One</h1><p>Two <b>three</b> four</p><ul><li>five</li></ul>";
    expect(texts(document.body)).toEqual(["One", "Two", "three", "four", "five"]);
  });

  it("skips scripts, styles, form fields, templates and the head", () => {
    document.body.innerHTML = `<p>kept</p><script>var DeepSeek = 1;</script><style>.x{}</style>
      <noscript>no</noscript><template><p>tpl</p></template><textarea>Qwen</textarea>
      <select><option>opt</option></select><input value="DeepSeek"><button>button text</button>`;
    expect(texts(document.body)).toEqual(["kept", "button text"]);
  });

  it("skips editable regions, hidden subtrees and our own UI", () => {
    document.body.innerHTML = `<div contenteditable>edit <b>me</b></div><div contenteditable="plaintext-only">x</div>
      <div contenteditable="false">kept</div><div hidden>hidden</div><context-cards-ui>card</context-cards-ui>`;
    expect(texts(document.body)).toEqual(["kept"]);
  });

  it("skips code unless asked to include it", () => {
    document.body.innerHTML = "<p>prose</p><pre>pre text</pre><p><code>code text</code></p>";
    expect(texts(document.body)).toEqual(["prose"]);
    expect(texts(document.body, { includeCode: true })).toEqual(["prose", "pre text", "code text"]);
  });

  it("enters open shadow roots", () => {
    document.body.innerHTML = "<p>light</p><div id=host></div>";
    const host = document.getElementById("host") as HTMLElement;
    const shadow = host.attachShadow({ mode: "open" });
    shadow.innerHTML = "<span>in shadow</span><script>no</script>";
    expect(texts(document.body)).toEqual(["light", "in shadow"]);
  });

  it("takes the same nodes a few at a time as all at once, through nested shadow roots", () => {
    document.body.innerHTML = "<p>first</p><div id=outer></div><p>middle</p><x-card id=last></x-card>";
    const outer = (document.getElementById("outer") as HTMLElement).attachShadow({ mode: "open" });
    outer.innerHTML = "<span>outer one</span><div id=inner></div><span>outer two</span>";
    const inner = (outer.getElementById("inner") as HTMLElement).attachShadow({ mode: "open" });
    inner.innerHTML = "<b>inner one</b><i>inner two</i>";
    const last = (document.getElementById("last") as HTMLElement).attachShadow({ mode: "open" });
    last.innerHTML = "<span>last one</span>";
    const all = { texts: [] as string[] };
    new ReadableTextWalker(document.body, WITHOUT_CODE).take(all, Number.POSITIVE_INFINITY);
    expect(all.texts).toEqual([
      "first",
      "middle",
      "outer one",
      "outer two",
      "inner one",
      "inner two",
      "last one",
    ]);
    // One node a call (each node's weight reaches the limit), until a call takes nothing.
    const walker = new ReadableTextWalker(document.body, WITHOUT_CODE);
    const oneByOne = { texts: [] as string[] };
    let calls = 0;
    while (walker.take(oneByOne, 1) > 0) calls++;
    expect(oneByOne.texts).toEqual(all.texts);
    expect(calls).toBe(all.texts.length);
  });

  it("enters the shadow roots of custom elements and of every built-in element that may host one", () => {
    // The DOM standard's list of built-in elements that attachShadow accepts.
    const hosts = ["article", "aside", "blockquote", "body", "div", "footer", "h1", "h2", "h3", "h4"].concat([
      "h5",
      "h6",
      "header",
      "main",
      "nav",
      "p",
      "section",
      "span",
      "x-card",
    ]);
    document.body.replaceChildren();
    for (const tag of hosts.filter((tag) => tag !== "body")) {
      document.body.append(document.createElement(tag));
      (document.body.lastElementChild as Element).attachShadow({ mode: "open" }).append(`in ${tag}`);
    }
    const bodyShadow = document.body.attachShadow({ mode: "open" });
    bodyShadow.append("in body", document.createElement("slot"));
    const nested = document.createElement("y-inner");
    nested.attachShadow({ mode: "open" }).append("in a nested root");
    bodyShadow.append(nested);
    expect(texts(document.body).sort()).toEqual(
      [...hosts.map((tag) => `in ${tag}`), "in a nested root"].sort(),
    );
  });

  it("starts again from its root when the node it stood on left the page, a few times at most", () => {
    // In a part of the body of its own (an earlier test gave the body a shadow root).
    const root = document.body.appendChild(document.createElement("main"));
    root.innerHTML = `<div id="part"><p>one</p><p>two</p></div><p>after</p>`;
    const walker = new ReadableTextWalker(root, WITHOUT_CODE);
    const first: string[] = [];
    walker.take({ texts: first }, 1);
    expect(first).toEqual(["one"]);
    // The walk now stands on "two": the page takes its part out.
    document.getElementById("part")?.remove();
    const rest: string[] = [];
    walker.take({ texts: rest }, Number.POSITIVE_INFINITY);
    expect(rest).toEqual(["after"]);

    // A page that keeps pulling the ground away: after MAX_RESTARTS starts, the walk goes on as it stands.
    root.innerHTML = "<div><p>aa</p><p>bb</p></div>";
    const stubborn = new ReadableTextWalker(root, WITHOUT_CODE);
    const seen: string[] = [];
    for (let round = 0; round <= MAX_RESTARTS; round++) {
      stubborn.take({ texts: seen }, 1);
      root.firstElementChild?.replaceWith(root.firstElementChild.cloneNode(true));
    }
    expect(seen).toEqual(Array(MAX_RESTARTS + 1).fill("aa"));
    const last: string[] = [];
    stubborn.take({ texts: last }, Number.POSITIVE_INFINITY);
    expect(last).toEqual(["bb"]);
  });

  it("visits nothing under a root that holds no text (a comment from a mutation record)", () => {
    const comment = document.createComment("DeepSeek");
    document.body.append(comment);
    expect([...walkReadableText(comment, WITHOUT_CODE)]).toEqual([]);
  });

  it("visits nothing in a document in design mode", () => {
    document.body.innerHTML = "<p>text</p>";
    document.designMode = "on";
    expect(texts(document.body)).toEqual([]);
  });
});

describe("isInSkippedSubtree", () => {
  it("knows a text node inside a textarea, an editable region or code", () => {
    document.designMode = "off";
    document.body.innerHTML = "<textarea>a</textarea><div contenteditable><p>b</p></div><pre>c</pre><p>d</p>";
    const [textarea, editable, pre, p] = [
      document.querySelector("textarea"),
      document.querySelector("div p"),
      document.querySelector("pre"),
      document.querySelector("body > p"),
    ].map((el) => el?.firstChild as Node);
    expect(isInSkippedSubtree(textarea as Node, WITHOUT_CODE)).toBe(true);
    expect(isInSkippedSubtree(editable as Node, WITHOUT_CODE)).toBe(true);
    expect(isInSkippedSubtree(pre as Node, WITHOUT_CODE)).toBe(true);
    expect(isInSkippedSubtree(pre as Node, { includeCode: true })).toBe(false);
    expect(isInSkippedSubtree(p as Node, WITHOUT_CODE)).toBe(false);
  });
});
