/**
 * The options page: hover delay, highlight style (and whether the user's own names are
 * painted), which kinds of names are marked, code blocks, paused sites, the keyboard shortcuts and a word on privacy.
 *
 * Pure Preact: the host (src/options/index.tsx) loads and saves. Every change calls
 * `onChange` with a whole new Settings object (props are never mutated) and applies at once.
 * The host's own sections (your names, backup) come in as `children`, after the paused sites.
 */
import { type ComponentChildren, Fragment, type JSX } from "preact";
import { useId, useState } from "preact/hooks";
import { ENTITY_KINDS, type EntityKind } from "../core/knowledge-schema";
import { HIGHLIGHT_STYLES, type HighlightStyle, HOVER_DELAY_RANGE, type Settings } from "../core/settings";
import type { Translate } from "../ui/card/entity-card";
import { KIND_GROUP_KEYS } from "../ui/kind-labels";
import { CheckboxWithHint, Section } from "./section";
import { normalizeSiteInput } from "./site-input";

export interface OptionsAppProps {
  t: Translate;
  settings: Settings;
  /** Settings values that were invalid and were reset (shown politely, dismissible). */
  problems: string[];
  /** Called with the whole new settings object on every change (the host saves it). */
  onChange: (next: Settings) => void;
  /** From browser.commands.getAll(); shortcut "" = not set. */
  shortcuts: { name: string; description: string; shortcut: string }[];
  /** "chrome://extensions/shortcuts" on Chromium, null on Firefox. */
  shortcutsHelpUrl: string | null;
  /** More sections (each a `<Section>`), placed after the paused sites. */
  children?: ComponentChildren;
}

/** Step of the hover-delay slider, in ms; the number field takes any whole value. */
export const HOVER_DELAY_STEP = 50;

/** A hover delay the settings accept: a whole number of ms within HOVER_DELAY_RANGE. */
export function clampHoverDelay(value: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(HOVER_DELAY_RANGE.max, Math.max(HOVER_DELAY_RANGE.min, Math.round(value)));
}

const STYLE_KEYS: Record<HighlightStyle, { label: string; hint: string }> = {
  tint: { label: "optionsStyleTint", hint: "optionsStyleTintHint" },
  underline: { label: "optionsStyleUnderline", hint: "optionsStyleUnderlineHint" },
  "hover-only": { label: "optionsStyleHoverOnly", hint: "optionsStyleHoverOnlyHint" },
};

/** Stands for the shortcuts page's address in the translated help sentence, which is split on it. */
const HELP_SLOT = "\uE000";

/** The browser's own command that opens the popup has no description of ours. */
const POPUP_COMMANDS = new Set(["_execute_action", "_execute_browser_action"]);

export function OptionsApp(props: OptionsAppProps): JSX.Element {
  const { t, settings, onChange } = props;
  const baseId = useId();
  const [problemsDismissed, setProblemsDismissed] = useState(false);
  const update = (patch: Partial<Settings>) => onChange({ ...settings, ...patch });

  return (
    <main class="options" aria-labelledby={`${baseId}-title`}>
      <header class="options__header">
        <h1 class="options__title" id={`${baseId}-title`}>
          {t("optionsTitle")}
        </h1>
        <p class="options__lead">{t("optionsAutosave")}</p>
      </header>

      {props.problems.length > 0 && !problemsDismissed ? (
        <section class="notice" aria-labelledby={`${baseId}-problems`} data-testid="problems">
          <div class="notice__body">
            <h2 class="notice__title" id={`${baseId}-problems`}>
              {t("optionsProblemsTitle")}
            </h2>
            <ul class="notice__list">
              {props.problems.map((problem, i) => (
                <li key={i}>{problem}</li>
              ))}
            </ul>
          </div>
          <button type="button" class="button" onClick={() => setProblemsDismissed(true)}>
            {t("optionsProblemsDismiss")}
          </button>
        </section>
      ) : null}

      <Section id={`${baseId}-hover`} title={t("optionsHoverTitle")}>
        <HoverDelayControl
          t={t}
          value={settings.hoverDelayMs}
          onChange={(hoverDelayMs) => update({ hoverDelayMs })}
        />
      </Section>

      <Section id={`${baseId}-highlights`} title={t("optionsHighlightTitle")}>
        <HighlightStyleControl
          t={t}
          value={settings.highlightStyle}
          onChange={(highlightStyle) => update({ highlightStyle })}
        />
        <CheckboxWithHint
          id={`${baseId}-own`}
          checked={settings.markOwnNames}
          label={t("optionsMarkOwnNames")}
          hint={t("optionsMarkOwnNamesHint")}
          onChange={(markOwnNames) => update({ markOwnNames })}
        />
      </Section>

      <Section id={`${baseId}-kinds`} title={t("optionsKindsTitle")}>
        <KindsControl
          t={t}
          value={settings.markedKinds}
          onChange={(markedKinds) => update({ markedKinds })}
        />
      </Section>

      <Section id={`${baseId}-code`} title={t("optionsCodeTitle")}>
        <CheckboxWithHint
          id={`${baseId}-code`}
          checked={settings.includeCode}
          label={t("optionsIncludeCode")}
          hint={t("optionsIncludeCodeHint")}
          onChange={(includeCode) => update({ includeCode })}
        />
      </Section>

      <Section id={`${baseId}-paused`} title={t("optionsPausedTitle")}>
        <PausedSites t={t} sites={settings.pausedSites} onChange={(pausedSites) => update({ pausedSites })} />
      </Section>

      {props.children}

      <Section id={`${baseId}-shortcuts`} title={t("optionsShortcutsTitle")}>
        <Shortcuts t={t} shortcuts={props.shortcuts} helpUrl={props.shortcutsHelpUrl} />
      </Section>

      <Section id={`${baseId}-privacy`} title={t("optionsPrivacyTitle")}>
        <p class="prose">{t("optionsPrivacyText")}</p>
      </Section>
    </main>
  );
}

function HoverDelayControl({
  t,
  value,
  onChange,
}: {
  t: Translate;
  value: number;
  onChange: (ms: number) => void;
}) {
  const id = useId();
  const current = clampHoverDelay(value, HOVER_DELAY_RANGE.min);
  // The number field may hold a half-typed value; it is committed (clamped) on change.
  const commit = (raw: string, input: HTMLInputElement) => {
    const next = clampHoverDelay(Number.parseFloat(raw), current);
    input.value = String(next);
    if (next !== value) onChange(next);
  };
  return (
    <div class="field">
      <label class="field__label" for={`${id}-range`}>
        {t("optionsHoverDelay")}
      </label>
      <div class="delay">
        <input
          id={`${id}-range`}
          class="delay__range"
          type="range"
          min={HOVER_DELAY_RANGE.min}
          max={HOVER_DELAY_RANGE.max}
          step={HOVER_DELAY_STEP}
          value={current}
          aria-describedby={`${id}-hint`}
          aria-valuetext={t("optionsHoverDelayValue", String(current))}
          onInput={(event) => {
            const next = clampHoverDelay(Number(event.currentTarget.value), current);
            if (next !== value) onChange(next);
          }}
        />
        <span class="delay__number">
          <input
            class="delay__input"
            type="number"
            inputMode="numeric"
            min={HOVER_DELAY_RANGE.min}
            max={HOVER_DELAY_RANGE.max}
            step={1}
            value={current}
            aria-label={t("optionsHoverDelayNumber")}
            aria-describedby={`${id}-hint`}
            onChange={(event) => commit(event.currentTarget.value, event.currentTarget)}
          />
          <span class="delay__unit" aria-hidden="true" data-testid="hover-delay-unit">
            {t("optionsMs")}
          </span>
        </span>
      </div>
      <p class="hint" id={`${id}-hint`}>
        {t("optionsHoverDelayHint", [String(HOVER_DELAY_RANGE.min), String(HOVER_DELAY_RANGE.max)])}
      </p>
    </div>
  );
}

function HighlightStyleControl({
  t,
  value,
  onChange,
}: {
  t: Translate;
  value: HighlightStyle;
  onChange: (style: HighlightStyle) => void;
}) {
  const id = useId();
  return (
    <div class="style-picker">
      <fieldset class="choices">
        <legend class="field__label">{t("optionsStyleLegend")}</legend>
        {HIGHLIGHT_STYLES.map((style) => (
          <label key={style} class="choice" data-style={style}>
            <input
              type="radio"
              name={`${id}-style`}
              value={style}
              checked={value === style}
              aria-describedby={`${id}-${style}-hint`}
              onChange={() => onChange(style)}
            />
            <span class="check__text">
              <span class="check__label">{t(STYLE_KEYS[style].label)}</span>
              <span class="hint" id={`${id}-${style}-hint`}>
                {t(STYLE_KEYS[style].hint)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <HighlightPreview t={t} style={value} />
    </div>
  );
}

/**
 * A sample sentence with its names marked in the chosen style. The translated sentence marks
 * its names with [brackets].
 */
export function HighlightPreview({ t, style }: { t: Translate; style: HighlightStyle }) {
  const parts = t("optionsPreviewSentence").split(/\[([^\]]+)\]/);
  return (
    <figure class="preview" data-testid="highlight-preview" data-style={style}>
      <figcaption class="preview__caption">{t("optionsPreviewLabel")}</figcaption>
      <p class="preview__text">
        {parts.map((part, i) =>
          i % 2 === 1 ? (
            <mark key={i} class={`preview__mark preview__mark--${style}`}>
              {part}
            </mark>
          ) : (
            part
          ),
        )}
      </p>
      {style === "hover-only" ? <p class="hint">{t("optionsPreviewHoverHint")}</p> : null}
    </figure>
  );
}

function KindsControl({
  t,
  value,
  onChange,
}: {
  t: Translate;
  value: readonly EntityKind[];
  onChange: (kinds: EntityKind[]) => void;
}) {
  const id = useId();
  const marked = new Set(value);
  const toggle = (kind: EntityKind, on: boolean) => {
    if (on) marked.add(kind);
    else marked.delete(kind);
    onChange(ENTITY_KINDS.filter((k) => marked.has(k)));
  };
  return (
    <fieldset class="choices choices--grid" aria-describedby={`${id}-hint`}>
      <legend class="cc-visually-hidden">{t("optionsKindsTitle")}</legend>
      <p class="hint choices__hint" id={`${id}-hint`}>
        {t("optionsKindsHint")}
      </p>
      {ENTITY_KINDS.map((kind) => (
        <label key={kind} class="check" data-kind={kind}>
          <input
            type="checkbox"
            value={kind}
            checked={marked.has(kind)}
            onChange={(event) => toggle(kind, event.currentTarget.checked)}
          />
          <span class="check__label">{t(KIND_GROUP_KEYS[kind])}</span>
        </label>
      ))}
      {marked.size === 0 ? (
        <p class="warning choices__hint" role="status">
          {t("optionsKindsNone")}
        </p>
      ) : null}
    </fieldset>
  );
}

function PausedSites({
  t,
  sites,
  onChange,
}: {
  t: Translate;
  sites: readonly string[];
  onChange: (sites: string[]) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const sorted = [...sites].sort((a, b) => a.localeCompare(b, "en"));

  const add = (event: Event) => {
    event.preventDefault();
    if (draft.trim() === "") {
      setError(t("optionsPausedEmptyInput"));
      return;
    }
    const site = normalizeSiteInput(draft);
    if (site === null) {
      setError(t("optionsPausedInvalid", draft.trim()));
      return;
    }
    if (sites.includes(site)) {
      setError(t("optionsPausedDuplicate", site));
      return;
    }
    setError(null);
    setDraft("");
    onChange([...sites, site]);
  };

  return (
    <div class="sites">
      <p class="hint">{t("optionsPausedHint")}</p>
      {sorted.length === 0 ? (
        <p class="sites__empty" data-testid="paused-empty">
          {t("optionsPausedEmpty")}
        </p>
      ) : (
        <ul class="sites__list" data-testid="paused-list">
          {sorted.map((site) => (
            <li key={site} class="sites__item">
              <span class="sites__name">{site}</span>
              <button
                type="button"
                class="button button--small"
                aria-label={t("optionsPausedRemoveLabel", site)}
                onClick={() => onChange(sites.filter((s) => s !== site))}
              >
                {t("optionsPausedRemove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="sites__add" onSubmit={add} noValidate>
        <label class="field__label" for={`${id}-site`}>
          {t("optionsPausedAddLabel")}
        </label>
        <div class="sites__add-row">
          <input
            id={`${id}-site`}
            class="text-input"
            type="text"
            inputMode="url"
            autoComplete="off"
            autoCapitalize="none"
            spellcheck={false}
            placeholder="example.com"
            value={draft}
            aria-invalid={error ? "true" : "false"}
            aria-describedby={`${id}-site-error`}
            onInput={(event) => {
              setDraft(event.currentTarget.value);
              if (error) setError(null);
            }}
          />
          <button type="submit" class="button">
            {t("optionsPausedAdd")}
          </button>
        </div>
        <p class="field__error" id={`${id}-site-error`} aria-live="polite" data-testid="site-error">
          {error ?? ""}
        </p>
      </form>
    </div>
  );
}

function Shortcuts({
  t,
  shortcuts,
  helpUrl,
}: {
  t: Translate;
  shortcuts: OptionsAppProps["shortcuts"];
  helpUrl: string | null;
}) {
  const describe = (command: OptionsAppProps["shortcuts"][number]) =>
    POPUP_COMMANDS.has(command.name) ? t("optionsShortcutOpenPopup") : command.description || command.name;
  const help = helpUrl === null ? null : t("optionsShortcutsChangeChromium", HELP_SLOT).split(HELP_SLOT);
  return (
    <div class="shortcuts">
      {shortcuts.length === 0 ? (
        <p class="hint">{t("optionsShortcutsNone")}</p>
      ) : (
        <dl class="shortcuts__list" data-testid="shortcuts">
          {shortcuts.map((command) => (
            <div key={command.name} class="shortcuts__item" data-command={command.name}>
              <dt class="shortcuts__description">{describe(command)}</dt>
              <dd class="shortcuts__keys">
                {command.shortcut ? (
                  <ShortcutKeys shortcut={command.shortcut} />
                ) : (
                  <span class="shortcuts__unset">{t("optionsShortcutNotSet")}</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p class="hint" data-testid="shortcuts-help">
        {help === null ? (
          t("optionsShortcutsChangeFirefox")
        ) : (
          <>
            {help[0]}
            <code class="copyable">{helpUrl}</code>
            {help.slice(1).join("")}
          </>
        )}
      </p>
    </div>
  );
}

/** "Alt+Shift+J" as keys; macOS symbols ("⌥⇧J") stay as the browser gives them. */
function ShortcutKeys({ shortcut }: { shortcut: string }) {
  const keys = shortcut.includes("+") ? shortcut.split("+").filter((key) => key !== "") : [shortcut];
  return (
    <kbd class="keys">
      {keys.map((key, i) => (
        <Fragment key={i}>
          {i > 0 ? <span class="keys__plus">+</span> : null}
          <kbd class="key">{key}</kbd>
        </Fragment>
      ))}
    </kbd>
  );
}
