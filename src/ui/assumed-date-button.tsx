/**
 * The ⓘ button beside a date the article only implies: it shows or hides the sentence that
 * says what was assumed (an element with id `controls`, rendered by the caller).
 */
export function AssumedDateButton(props: {
  /** The button's class on its surface ("cc-info-button" in the card, "info-button" in pages). */
  class: string;
  open: boolean;
  onToggle: () => void;
  /** The id of the explanation it shows. */
  controls: string;
  /** Its accessible name and tooltip. */
  label: string;
}) {
  return (
    <button
      type="button"
      class={props.class}
      aria-expanded={props.open ? "true" : "false"}
      aria-controls={props.controls}
      aria-label={props.label}
      title={props.label}
      onClick={props.onToggle}
    >
      <span aria-hidden="true">ⓘ</span>
    </button>
  );
}
