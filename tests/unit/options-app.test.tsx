// @vitest-environment happy-dom
import { act } from "preact/test-utils";
import { describe, expect, it, vi } from "vitest";
import { ENTITY_KINDS } from "../../src/core/knowledge-schema";
import { DEFAULT_SETTINGS, HOVER_DELAY_RANGE, type Settings } from "../../src/core/settings";
import { OptionsApp, type OptionsAppProps } from "../../src/options/options-app";
import { Section } from "../../src/options/section";
import { normalizeSiteInput } from "../../src/options/site-input";
import { bindQueries, buttonNamed as namedButton, renderInto, text, useContainer } from "./dom-fixture";
import { t } from "./i18n-fixture";

/** Settings that throw if anything tries to change them in place. */
function frozen(patch: Partial<Settings> = {}): Settings {
  const settings = {
    ...DEFAULT_SETTINGS,
    pausedSites: [...DEFAULT_SETTINGS.pausedSites],
    markedKinds: [...DEFAULT_SETTINGS.markedKinds],
    ...patch,
  };
  Object.freeze(settings.pausedSites);
  Object.freeze(settings.markedKinds);
  return Object.freeze(settings);
}

const SHORTCUTS: OptionsAppProps["shortcuts"] = [
  { name: "_execute_action", description: "", shortcut: "" },
  {
    name: "next-mention",
    description: "Go to the next name on the page and open its card",
    shortcut: "Alt+Shift+J",
  },
  {
    name: "previous-mention",
    description: "Go to the previous name on the page and open its card",
    shortcut: "",
  },
];

const root = useContainer();

function renderOptions(overrides: Partial<OptionsAppProps> = {}) {
  const props: OptionsAppProps = {
    t,
    settings: frozen(),
    problems: [],
    onChange: vi.fn(),
    shortcuts: SHORTCUTS,
    shortcutsHelpUrl: "chrome://extensions/shortcuts",
    ...overrides,
  };
  renderInto(root.current, <OptionsApp {...props} />);
  return props;
}

const { $, $$, click } = bindQueries(root);
const buttonNamed = (name: string) => namedButton(name, root.current);
/** The form control labelled `label` (a wrapping label, `for`, or aria-label). */
const control = <T extends HTMLElement = HTMLInputElement>(label: string): T => {
  for (const element of $$<HTMLLabelElement>("label")) {
    const name = text(element.querySelector(".check__label") ?? element);
    if (name !== label) continue;
    const target = element.htmlFor
      ? root.current.querySelector(`[id="${element.htmlFor}"]`)
      : element.querySelector("input");
    if (target) return target as T;
  }
  const byAria = root.current.querySelector(`[aria-label="${label}"]`);
  if (byAria) return byAria as T;
  throw new Error(`no control labelled ${label}`);
};
const setValue = (input: HTMLInputElement, value: string, type: "input" | "change") =>
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event(type, { bubbles: true }));
  });
const sectionTitled = (title: string) => {
  const heading = $$("h2").find((h) => text(h) === title);
  const section = heading?.closest("section");
  if (!section) throw new Error(`no section ${title}`);
  return section as HTMLElement;
};
const lastChange = (props: OptionsAppProps): Settings => {
  const calls = vi.mocked(props.onChange).mock.calls;
  const last = calls[calls.length - 1];
  if (!last) throw new Error("onChange was not called");
  return last[0];
};

describe("OptionsApp: sections", () => {
  const SETTINGS_SECTIONS = ["Hover cards", "Highlights", "Which names to mark", "Code", "Paused sites"];
  const LAST_SECTIONS = ["Keyboard shortcuts", "Privacy"];

  it("has a title and every section, in order", () => {
    renderOptions();
    expect(text($("h1"))).toBe("Context Cards settings");
    expect($$("h2").map(text)).toEqual([...SETTINGS_SECTIONS, ...LAST_SECTIONS]);
    expect(text(sectionTitled("Privacy"))).toContain("makes no network requests");
  });

  it("places the host's own sections after the paused sites", () => {
    renderOptions({
      children: [
        <Section key="a" id="extra-a" title="Extra A">
          <p>a</p>
        </Section>,
        <Section key="b" id="extra-b" title="Extra B">
          <p>b</p>
        </Section>,
      ],
    });
    expect($$("h2").map(text)).toEqual([...SETTINGS_SECTIONS, "Extra A", "Extra B", ...LAST_SECTIONS]);
    expect(sectionTitled("Extra B").getAttribute("aria-labelledby")).toBe("extra-b");
  });
});

describe("OptionsApp: hover delay", () => {
  it("shows the current value", () => {
    renderOptions({ settings: frozen({ hoverDelayMs: 600 }) });
    expect(control("Delay in milliseconds").value).toBe("600");
    expect(text($("[data-testid=hover-delay-unit]"))).toBe("ms");
    const range = control("Delay before a card opens");
    expect(range.type).toBe("range");
    expect(range.min).toBe(String(HOVER_DELAY_RANGE.min));
    expect(range.max).toBe(String(HOVER_DELAY_RANGE.max));
    expect(range.value).toBe("600");
    expect(range.getAttribute("aria-valuetext")).toBe("600 ms");
  });

  it("sends the whole settings object when the slider moves", () => {
    const props = renderOptions();
    setValue(control("Delay before a card opens"), "500", "input");
    expect(props.onChange).toHaveBeenCalledTimes(1);
    expect(lastChange(props)).toEqual({ ...DEFAULT_SETTINGS, hoverDelayMs: 500 });
  });

  it("clamps and rounds what is typed into the number field", () => {
    const props = renderOptions();
    const number = control("Delay in milliseconds");
    expect(number.type).toBe("number");
    setValue(number, "5000", "change");
    expect(lastChange(props).hoverDelayMs).toBe(HOVER_DELAY_RANGE.max);
    expect(number.value).toBe(String(HOVER_DELAY_RANGE.max));
    setValue(number, "12", "change");
    expect(lastChange(props).hoverDelayMs).toBe(HOVER_DELAY_RANGE.min);
    setValue(number, "437.6", "change");
    expect(lastChange(props)).toEqual({ ...DEFAULT_SETTINGS, hoverDelayMs: 438 });
    const calls = vi.mocked(props.onChange).mock.calls.length;
    setValue(number, "soon", "change");
    expect(vi.mocked(props.onChange).mock.calls.length).toBe(calls);
  });
});

describe("OptionsApp: highlight style", () => {
  it("offers the three styles as radios, the current one checked", () => {
    renderOptions({ settings: frozen({ highlightStyle: "underline" }) });
    const radios = $$<HTMLInputElement>("input[type=radio]");
    expect(radios.map((radio) => radio.value)).toEqual(["tint", "underline", "hover-only"]);
    expect(radios.filter((radio) => radio.checked).map((radio) => radio.value)).toEqual(["underline"]);
    expect(text($("fieldset legend"))).toBe("How names are marked");
  });

  it("sends the chosen style and previews it", () => {
    const props = renderOptions();
    expect($("[data-testid=highlight-preview]").dataset.style).toBe("tint");
    expect($$(".preview__mark").map(text)).toEqual(["Alibaba", "DeepSeek", "Qwen 2.5-Max"]);
    click(control("Off until hover"));
    expect(lastChange(props)).toEqual({ ...DEFAULT_SETTINGS, highlightStyle: "hover-only" });

    renderOptions({ ...props, settings: frozen({ highlightStyle: "hover-only" }) });
    expect($("[data-testid=highlight-preview]").dataset.style).toBe("hover-only");
    expect(text($("[data-testid=highlight-preview]"))).toContain("Point at a name to see it marked.");
  });
});

describe("OptionsApp: kinds, code", () => {
  it("has a checkbox per kind of name", () => {
    renderOptions({ settings: frozen({ markedKinds: ["company", "person"] }) });
    const boxes = $$<HTMLInputElement>("input[type=checkbox][value]", sectionTitled("Which names to mark"));
    expect(boxes.map((box) => box.value)).toEqual([...ENTITY_KINDS]);
    expect(boxes.filter((box) => box.checked).map((box) => box.value)).toEqual(["company", "person"]);
    expect(text(sectionTitled("Which names to mark"))).toContain("Companies");
  });

  it("unticks and ticks kinds, keeping the kinds in their usual order", () => {
    const props = renderOptions();
    click(control("People"));
    expect(lastChange(props)).toEqual({
      ...DEFAULT_SETTINGS,
      markedKinds: ENTITY_KINDS.filter((kind) => kind !== "person"),
    });

    const fewer = renderOptions({ ...props, settings: frozen({ markedKinds: ["concept", "company"] }) });
    click(control("AI models"));
    expect(lastChange(fewer).markedKinds).toEqual(["company", "model", "concept"]);
  });

  it("warns when no kind is ticked", () => {
    renderOptions({ settings: frozen({ markedKinds: [] }) });
    expect(text(sectionTitled("Which names to mark"))).toContain(
      "Nothing is ticked, so no names will be marked.",
    );
  });

  it("turns code blocks on", () => {
    const props = renderOptions();
    const box = control("Also mark names inside code blocks");
    expect(box.checked).toBe(false);
    click(box);
    expect(lastChange(props)).toEqual({ ...DEFAULT_SETTINGS, includeCode: true });
  });

  it("leaves the user's own names unpainted until asked, and says why", () => {
    const props = renderOptions();
    const box = control("Also mark my own names on pages");
    expect(box.checked).toBe(false);
    // Named by its label alone (the wrapping label holds the hint too), described by the hint.
    expect(document.getElementById(box.getAttribute("aria-labelledby") ?? "")?.textContent).toBe(
      "Also mark my own names on pages",
    );
    expect(document.getElementById(box.getAttribute("aria-describedby") ?? "")?.textContent).toContain(
      "could tell which names you track",
    );
    click(box);
    expect(lastChange(props)).toEqual({ ...DEFAULT_SETTINGS, markOwnNames: true });
  });
});

describe("OptionsApp: paused sites", () => {
  const addSite = (value: string) => {
    setValue(control("Pause another site"), value, "input");
    click(buttonNamed("Add"));
  };
  const error = () => text($("[data-testid=site-error]"));

  it("says when no site is paused", () => {
    renderOptions();
    expect(text($("[data-testid=paused-empty]"))).toBe("No sites are paused.");
  });

  it("lists the paused sites, each with a Remove button", () => {
    const props = renderOptions({ settings: frozen({ pausedSites: ["news.example.org", "example.com"] }) });
    expect($$(".sites__name").map(text)).toEqual(["example.com", "news.example.org"]);
    click(buttonNamed("Remove news.example.org"));
    expect(lastChange(props)).toEqual({ ...DEFAULT_SETTINGS, pausedSites: ["example.com"] });
  });

  it("adds a site in its normal form: lower-case, without www., path or scheme", () => {
    const props = renderOptions({ settings: frozen({ pausedSites: ["a.example"] }) });
    addSite("  WWW.Example.COM/news ");
    expect(lastChange(props)).toEqual({ ...DEFAULT_SETTINGS, pausedSites: ["a.example", "example.com"] });
    expect(control("Pause another site").value).toBe("");
    expect(error()).toBe("");
  });

  it("rejects what is not a site, and says why", () => {
    const props = renderOptions();
    for (const value of ["not a site", "exa_mple..com", "-bad.com", "javascript:alert(1)"]) {
      addSite(value);
      expect(error(), value).toBe(`“${value}” isn't a site name. Try something like example.com.`);
      expect(control("Pause another site").getAttribute("aria-invalid")).toBe("true");
    }
    addSite("   ");
    expect(error()).toBe("Type a site first, like example.com.");
    expect(props.onChange).not.toHaveBeenCalled();
  });

  it("rejects a site that is already paused", () => {
    const props = renderOptions({ settings: frozen({ pausedSites: ["example.com"] }) });
    addSite("https://www.example.com/page");
    expect(error()).toBe("example.com is already paused.");
    expect(props.onChange).not.toHaveBeenCalled();
  });
});

describe("normalizeSiteInput", () => {
  it("turns addresses and hostnames into the site key", () => {
    expect(normalizeSiteInput("Example.COM")).toBe("example.com");
    expect(normalizeSiteInput("www.example.com")).toBe("example.com");
    expect(normalizeSiteInput("http://www.example.com:8080/a?b#c")).toBe("example.com");
    expect(normalizeSiteInput("sub.www.example.com")).toBe("sub.www.example.com");
    expect(normalizeSiteInput("localhost")).toBe("localhost");
    expect(normalizeSiteInput("192.168.0.1")).toBe("192.168.0.1");
    expect(normalizeSiteInput("例子.中国")).toBe("xn--fsqu00a.xn--fiqs8s");
  });

  it("rejects what the content script could never see as a site", () => {
    for (const value of [
      "",
      "a b",
      "ftp://example.com",
      "file:///x",
      "http://",
      "exa_mple.com",
      "1.2.3",
      "a.-b.com",
    ]) {
      expect(normalizeSiteInput(value), value).toBeNull();
    }
  });
});

describe("OptionsApp: keyboard shortcuts", () => {
  it("lists each command with its keys, or Not set", () => {
    renderOptions();
    const items = $$("[data-command]").map((item) => ({
      name: text($("dt", item)),
      keys: $$(".key", item).map(text),
      shown: text($("dd", item)),
    }));
    expect(items).toEqual([
      { name: "Open the Context Cards popup", keys: [], shown: "Not set" },
      {
        name: "Go to the next name on the page and open its card",
        keys: ["Alt", "Shift", "J"],
        shown: "Alt+Shift+J",
      },
      { name: "Go to the previous name on the page and open its card", keys: [], shown: "Not set" },
    ]);
  });

  it("tells Chromium users which page to copy into the address bar", () => {
    renderOptions();
    const help = $("[data-testid=shortcuts-help]");
    expect(text(help)).toBe(
      "To change them, copy chrome://extensions/shortcuts into the address bar and press Enter.",
    );
    expect(text($("code", help))).toBe("chrome://extensions/shortcuts");
    expect(help.querySelector("a")).toBeNull();
  });

  it("tells Firefox users where the shortcuts are", () => {
    renderOptions({ shortcutsHelpUrl: null });
    expect(text($("[data-testid=shortcuts-help]"))).toBe(
      "To change them, open about:addons, click the gear icon and choose “Manage Extension Shortcuts”.",
    );
  });
});

describe("OptionsApp: problems", () => {
  it("lists values that were reset, and can be dismissed", () => {
    const problems = [
      "settings.hoverDelayMs: invalid value; using the default",
      "settings.highlightStyle: invalid value; using the default",
    ];
    const props = renderOptions({ problems });
    const notice = $("[data-testid=problems]");
    expect(text($("h2", notice))).toBe("Some settings couldn't be read and were reset to their defaults:");
    expect($$("li", notice).map(text)).toEqual(problems);
    click(buttonNamed("Dismiss"));
    expect(root.current.querySelector("[data-testid=problems]")).toBeNull();
    expect(props.onChange).not.toHaveBeenCalled();
  });

  it("shows nothing when there is no problem", () => {
    renderOptions();
    expect(root.current.querySelector("[data-testid=problems]")).toBeNull();
  });
});
