/** Pieces the options page's sections share: the titled section, labels, counts, status lines. */
import type { ComponentChildren, JSX } from "preact";
import type { EntityKind } from "../core/entity-kinds";
import type { Translate } from "../ui/card/entity-card";

/** One titled section of the options page (a region named by its heading). */
export function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ComponentChildren;
}): JSX.Element {
  return (
    <section class="section" aria-labelledby={id}>
      <h2 class="section__title" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * A checkbox with its label and, under it, a hint. The box is named by the label alone and
 * described by the hint (the wrapping label would otherwise read both as its name).
 */
export function CheckboxWithHint({
  id,
  checked,
  label,
  hint,
  onChange,
}: {
  /** Base of the label's and the hint's ids, unique on the page. */
  id: string;
  checked: boolean;
  label: string;
  hint: string;
  onChange: (checked: boolean) => void;
}): JSX.Element {
  return (
    <label class="check">
      <input
        type="checkbox"
        checked={checked}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <span class="check__text">
        <span class="check__label" id={`${id}-label`}>
          {label}
        </span>
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      </span>
    </label>
  );
}

/** The message key of a kind's label, as the card shows it: kindCompany, kindModel, … kindConcept. */
export function kindLabelKey(kind: EntityKind): string {
  return `kind${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
}

/** A count in words: `none` for 0, `one` for 1, else `many` with the number (English needs all three). */
export function countWords(
  t: Translate,
  count: number,
  keys: { none: string; one: string; many: string },
  before: string[] = [],
): string {
  if (count === 0) return t(keys.none, before);
  if (count === 1) return t(keys.one, before);
  return t(keys.many, [...before, String(count)]);
}

/** A message from anything a callback rejected with. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a section says after an action: a polite status, an alert for a failure, or both. */
export type Status = { status?: string; alert?: string } | null;

/** A polite status line (always there, so changes are announced) and an alert for failures. */
export function StatusLine({ status, testId }: { status: Status; testId: string }) {
  return (
    <div class="status-line" data-testid={testId}>
      <p role="status" class={status?.status ? "status-line__text" : "cc-visually-hidden"}>
        {status?.status ?? ""}
      </p>
      {status?.alert ? (
        <p role="alert" class="warning">
          {status.alert}
        </p>
      ) : null}
    </div>
  );
}
