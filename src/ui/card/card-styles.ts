/**
 * The card's CSS, for the host to put into its shadow root (a `<style>` with textContent or a
 * constructable stylesheet). Self-contained: the host element is `all: initial`, so nothing
 * from the page reaches in except inherited properties, which the card resets.
 *
 * Same tokens and type scale as src/ui/page-shell.css. Sizes are px from a fixed 14px root
 * (browser zoom still scales px, page CSS cannot). Logical properties keep it direction-neutral.
 * The host caps the card's height (an inline `max-block-size` on its root, from placement);
 * the body scrolls inside.
 */
export const CARD_STYLES = String.raw`
:host {
  color-scheme: light dark;
}

/* Floating UI places the card with physical left/top, in pages of either direction. */
.cc-card-position {
  position: fixed;
  top: 0;
  left: 0;
  inline-size: max-content;
}

[hidden] {
  display: none !important;
}

/*
 * A hidden card stays laid out, unseen: showing it then costs only what changed, not a first
 * style and layout of the whole card.
 */
.cc-card-position[hidden] {
  display: block !important;
  visibility: hidden;
}

.cc-card {
  --cc-font:
    system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
  --cc-bg: #ffffff;
  --cc-fg: #1d232b;
  --cc-muted: #5b6573;
  --cc-accent: #b4441c;
  --cc-on-accent: #ffffff;
  --cc-border: #dde2e8;
  --cc-size: 14px;
  /* Derived from the tokens above, for quiet surfaces inside the card. */
  --cc-subtle: #f5f7f9;
  --cc-notice-bg: #fdf3ee;
  --cc-notice-border: #f0cdbd;
  --cc-quote-rule: #c9d0d8;
  --cc-hover: #eef1f4;
  --cc-scroll-shadow: rgb(16 24 40 / 0.1);
  --cc-shadow: 0 10px 28px rgb(16 24 40 / 0.14), 0 2px 6px rgb(16 24 40 / 0.08);

  box-sizing: border-box;
  display: flex;
  flex-direction: column;
  inline-size: 344px;
  max-inline-size: calc(100vw - 16px);
  max-block-size: 480px;
  margin: 0;
  overflow: hidden;
  background: var(--cc-bg);
  color: var(--cc-fg);
  border: 1px solid var(--cc-border);
  border-radius: 10px;
  box-shadow: var(--cc-shadow);
  font: 400 var(--cc-size) / 1.45 var(--cc-font);
  text-align: start;
  letter-spacing: normal;
  word-spacing: normal;
  text-transform: none;
  text-indent: 0;
  white-space: normal;
  overflow-wrap: break-word;
  font-style: normal;
  font-variant: normal;
  cursor: auto;
  -webkit-font-smoothing: antialiased;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}

@media (prefers-color-scheme: dark) {
  .cc-card {
    --cc-bg: #1b1f24;
    --cc-fg: #e7eaee;
    --cc-muted: #a3adba;
    --cc-accent: #f08a5d;
    --cc-on-accent: #1b1f24;
    --cc-border: #353c45;
    --cc-subtle: #22272e;
    --cc-notice-bg: #2d221d;
    --cc-notice-border: #5a3a2b;
    --cc-quote-rule: #4a525d;
    --cc-hover: #2a3038;
    --cc-scroll-shadow: rgb(0 0 0 / 0.45);
    --cc-shadow: 0 12px 32px rgb(0 0 0 / 0.5), 0 2px 6px rgb(0 0 0 / 0.35);
  }
}

@media (prefers-reduced-motion: no-preference) {
  .cc-card {
    animation: cc-fade-in 140ms ease-out;
  }
  .cc-chevron {
    transition: transform 120ms ease-out;
  }
}

@keyframes cc-fade-in {
  from {
    opacity: 0;
    transform: translateY(2px);
  }
  to {
    opacity: 1;
    transform: none;
  }
}

.cc-card *,
.cc-card *::before,
.cc-card *::after {
  box-sizing: border-box;
}

.cc-card :where(h2, h3, p, ul, li, blockquote, figure, figcaption) {
  margin: 0;
  padding: 0;
  font: inherit;
  color: inherit;
}

.cc-card :where(ul) {
  list-style: none;
}

.cc-card :where(button) {
  font: inherit;
  color: inherit;
  letter-spacing: inherit;
  margin: 0;
  cursor: pointer;
}

.cc-card :focus {
  outline: none;
}

.cc-card :focus-visible {
  outline: 2px solid var(--cc-accent);
  outline-offset: 2px;
  border-radius: 4px;
}

.cc-card__name:focus-visible,
.cc-card:focus-visible {
  outline-offset: -2px;
}

.cc-icon {
  display: block;
  flex: none;
  inline-size: 16px;
  block-size: 16px;
}

.cc-icon--small {
  inline-size: 13px;
  block-size: 13px;
}

.cc-icon--inline {
  display: inline-block;
  inline-size: 11px;
  block-size: 11px;
  margin-inline-start: 3px;
  vertical-align: -1px;
}

.cc-visually-hidden {
  position: absolute;
  inline-size: 1px;
  block-size: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
  border: 0;
}

/* Header */

.cc-card__header {
  flex: none;
  display: flex;
  align-items: flex-start;
  gap: 8px;
  padding-block: 12px 8px;
  padding-inline: 16px 10px;
}

.cc-card__title {
  flex: 1 1 auto;
  min-inline-size: 0;
  padding-block-start: 2px;
}

.cc-card__kind {
  font-size: 12px;
  line-height: 1.3;
  font-weight: 600;
  letter-spacing: 0.04em;
  text-transform: uppercase;
  color: var(--cc-muted);
}

.cc-card__name {
  margin-block-start: 2px;
  font-size: 17px;
  line-height: 1.3;
  font-weight: 650;
  letter-spacing: -0.005em;
}

.cc-card__actions {
  flex: none;
  display: flex;
  gap: 2px;
}

.cc-icon-button {
  display: grid;
  place-items: center;
  inline-size: 30px;
  block-size: 30px;
  padding: 0;
  border: 1px solid transparent;
  border-radius: 6px;
  background: transparent;
  color: var(--cc-muted);
}

.cc-icon-button:hover {
  background: var(--cc-hover);
  color: var(--cc-fg);
}

.cc-pin[data-pinned="true"] {
  color: var(--cc-accent);
  background: var(--cc-notice-bg);
  border-color: var(--cc-notice-border);
}

/* Body */

.cc-card__body {
  flex: 1 1 auto;
  min-block-size: 0;
  overflow: auto;
  overscroll-behavior: contain;
  padding: 0 16px 14px;
  scrollbar-width: thin;
  /* Scroll shadows: a soft edge appears only where there is more to scroll to. */
  background:
    linear-gradient(var(--cc-bg) 40%, transparent) top / 100% 20px no-repeat local,
    linear-gradient(transparent, var(--cc-bg) 60%) bottom / 100% 20px no-repeat local,
    linear-gradient(var(--cc-scroll-shadow), transparent) top / 100% 8px no-repeat scroll,
    linear-gradient(transparent, var(--cc-scroll-shadow)) bottom / 100% 8px no-repeat scroll,
    var(--cc-bg);
}

.cc-card__summary {
  color: var(--cc-fg);
}

.cc-notice {
  display: flex;
  gap: 8px;
  align-items: flex-start;
  margin-block-start: 10px;
  padding: 7px 10px;
  border: 1px solid var(--cc-notice-border);
  border-radius: 6px;
  background: var(--cc-notice-bg);
  font-size: 13px;
  line-height: 1.4;
  font-weight: 500;
}

.cc-notice .cc-icon {
  margin-block-start: 1px;
  color: var(--cc-accent);
}

.cc-section {
  margin-block-start: 14px;
}

.cc-section__title {
  display: flex;
  align-items: center;
  gap: 6px;
  font-size: 12px;
  line-height: 1.3;
  font-weight: 600;
  letter-spacing: 0.04em;
  text-transform: uppercase;
  color: var(--cc-muted);
}

/* Facts */

.cc-facts {
  margin-block-start: 4px;
}

.cc-fact {
  padding-block: 9px;
  font-size: 13.5px;
  line-height: 1.45;
}

.cc-fact + .cc-fact {
  border-block-start: 1px solid var(--cc-border);
}

.cc-fact__label {
  display: flex;
  align-items: center;
  gap: 5px;
  margin-block-end: 2px;
  font-size: 12px;
  line-height: 1.35;
  font-weight: 600;
  color: var(--cc-accent);
}

.cc-fact--quote .cc-fact__label,
.cc-fact--definition .cc-fact__label {
  color: var(--cc-muted);
}

.cc-fact__meta {
  display: flex;
  align-items: center;
  gap: 4px;
  margin-block-start: 4px;
  font-size: 12px;
  color: var(--cc-muted);
}

.cc-info-button {
  display: inline-grid;
  place-items: center;
  min-inline-size: 22px;
  block-size: 20px;
  padding: 0 4px;
  border: 1px solid transparent;
  border-radius: 4px;
  background: transparent;
  color: var(--cc-muted);
  font-size: 13px;
  line-height: 1;
}

.cc-info-button:hover,
.cc-info-button[aria-expanded="true"] {
  background: var(--cc-hover);
  color: var(--cc-fg);
}

.cc-fact__assumed {
  margin-block-start: 4px;
  padding: 6px 9px;
  border-radius: 6px;
  background: var(--cc-subtle);
  font-size: 12px;
  line-height: 1.45;
  color: var(--cc-muted);
}

.cc-disclosure {
  display: inline-flex;
  align-items: center;
  gap: 3px;
  margin-block-start: 3px;
  margin-inline-start: -4px;
  padding: 2px 4px;
  border: 0;
  border-radius: 4px;
  background: transparent;
  font-size: 12px;
  line-height: 1.4;
  color: var(--cc-muted);
}

.cc-disclosure:hover {
  color: var(--cc-fg);
  background: var(--cc-hover);
}

.cc-disclosure[aria-expanded="true"] .cc-chevron {
  transform: rotate(90deg);
}

.cc-disclosure .cc-chevron:dir(rtl) {
  transform: scaleX(-1);
}

.cc-article-words {
  margin-block-start: 4px;
}

.cc-article-words__caption {
  font-size: 11.5px;
  font-weight: 600;
  color: var(--cc-muted);
  margin-block-end: 2px;
}

.cc-quote {
  padding-block: 3px;
  padding-inline: 10px 0;
  border-inline-start: 3px solid var(--cc-quote-rule);
  font-size: 13px;
  line-height: 1.45;
}

.cc-quote--spoken {
  margin-block-start: 6px;
  border-inline-start-color: var(--cc-accent);
  font-size: 13.5px;
}

.cc-quote q {
  quotes: "\201C" "\201D" "\2018" "\2019";
}

.cc-reference {
  margin-block-start: 3px;
  font-size: 12px;
  line-height: 1.45;
  color: var(--cc-muted);
}

.cc-reference__label {
  font-weight: 500;
}

.cc-link {
  color: var(--cc-accent);
  text-decoration: underline;
  text-decoration-thickness: 1px;
  text-underline-offset: 2px;
  text-decoration-color: color-mix(in srgb, currentColor 45%, transparent);
}

.cc-link:hover {
  text-decoration-color: currentColor;
}

.cc-outside--fact {
  margin-block-start: 7px;
  padding: 7px 10px 8px;
  border-radius: 6px;
  background: var(--cc-subtle);
  border-inline-start: 3px solid var(--cc-border);
}

.cc-outside__label {
  display: flex;
  align-items: center;
  gap: 5px;
  font-size: 12px;
  line-height: 1.35;
  font-weight: 600;
  color: var(--cc-muted);
}

.cc-outside--fact .cc-outside__label {
  margin-block-end: 3px;
}

.cc-note {
  font-size: 13px;
  line-height: 1.45;
}

.cc-section.cc-outside .cc-note {
  margin-block-start: 6px;
  padding: 7px 10px 8px;
  border-radius: 6px;
  background: var(--cc-subtle);
  border-inline-start: 3px solid var(--cc-border);
}

.cc-note + .cc-note {
  margin-block-start: 6px;
}

/* Related */

.cc-chips {
  display: flex;
  flex-wrap: wrap;
  gap: 6px;
  margin-block-start: 7px;
}

.cc-chip {
  display: inline-block;
  max-inline-size: 100%;
  padding: 3px 10px;
  border: 1px solid var(--cc-border);
  border-radius: 999px;
  background: var(--cc-bg);
  font-size: 12.5px;
  line-height: 1.4;
  text-align: start;
  overflow-wrap: anywhere;
}

.cc-chip:hover {
  background: var(--cc-hover);
  border-color: var(--cc-muted);
}

.cc-chip--more {
  border-style: dashed;
  color: var(--cc-muted);
}

/* The user's notes */

.cc-usernotes__head {
  display: flex;
  align-items: baseline;
  justify-content: space-between;
  gap: 8px;
}

.cc-usernotes__list {
  margin: 0;
  padding: 0;
  list-style: none;
}

.cc-usernote {
  margin-block-start: 8px;
  padding: 8px 10px;
  border: 1px solid var(--cc-border);
  border-inline-start: 3px solid var(--cc-accent);
  border-radius: 6px;
  background: var(--cc-subtle);
}

/*
 * In a page, what the user wrote or clipped (perhaps from another site's frame) cannot be
 * selected: the page's scripts read any selection, even one inside the card's closed shadow
 * root (document.getSelection()). In the popup, an extension page (no .cc-card-position
 * there), it can.
 */
.cc-card-position .cc-usernote__body,
.cc-card-position .cc-composer .cc-quote,
.cc-card-position [data-origin="user"] .cc-card__summary {
  -webkit-user-select: none;
  user-select: none;
}

.cc-usernote__text {
  margin: 0;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}

.cc-usernote__quote {
  margin-block-end: 6px;
}

.cc-usernote__meta {
  margin: 4px 0 0;
  font-size: 12px;
  color: var(--cc-muted);
  overflow-wrap: anywhere;
}

.cc-usernote__actions {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 4px 10px;
  margin-block-start: 4px;
}

.cc-usernote__confirm {
  font-size: 12.5px;
}

.cc-usernotes__empty {
  margin: 4px 0 0;
  font-size: 12.5px;
  color: var(--cc-muted);
}

.cc-usernotes__error {
  margin: 6px 0 0;
  padding: 6px 8px;
  border-radius: 6px;
  background: var(--cc-notice-bg);
  border: 1px solid var(--cc-notice-border);
  font-size: 12.5px;
}

.cc-text-button {
  padding: 2px 0;
  border: 0;
  background: none;
  color: var(--cc-accent);
  font-size: 12.5px;
  text-decoration: underline;
  text-underline-offset: 2px;
}

.cc-text-button--danger {
  font-weight: 600;
}

/* Forms: note editor and the composer */

.cc-form {
  display: flex;
  flex-direction: column;
  gap: 6px;
  margin-block-start: 6px;
}

.cc-fieldset {
  margin: 0;
  padding: 0;
  border: 0;
  min-inline-size: 0;
}

.cc-label {
  margin-block-start: 4px;
  font-size: 12.5px;
  font-weight: 600;
}

.cc-hint {
  margin: -2px 0 0;
  font-size: 12px;
  color: var(--cc-muted);
}

.cc-field {
  box-sizing: border-box;
  inline-size: 100%;
  padding: 5px 8px;
  border: 1px solid var(--cc-border);
  border-radius: 6px;
  background: var(--cc-bg);
  color: var(--cc-fg);
  font: inherit;
}

.cc-field--area {
  resize: vertical;
  min-block-size: 56px;
}

.cc-field:focus-visible,
.cc-choice:focus-within {
  outline: 2px solid var(--cc-accent);
  outline-offset: 1px;
}

.cc-form__actions {
  display: flex;
  flex-wrap: wrap;
  gap: 8px;
  margin-block-start: 2px;
}

.cc-button {
  padding: 5px 12px;
  border: 1px solid var(--cc-border);
  border-radius: 6px;
  background: var(--cc-bg);
  color: var(--cc-fg);
  font: inherit;
  font-size: 13px;
}

.cc-button:hover {
  background: var(--cc-hover);
}

.cc-button--primary {
  border-color: var(--cc-accent);
  background: var(--cc-accent);
  color: var(--cc-on-accent);
  font-weight: 600;
}

.cc-button--primary:hover {
  background: var(--cc-accent);
  filter: brightness(1.08);
}

.cc-button:disabled {
  opacity: 0.55;
}

.cc-choice {
  display: inline-flex;
  align-items: center;
  gap: 5px;
}

.cc-choice input {
  margin: 0;
  accent-color: var(--cc-accent);
}

.cc-choice:has(input:checked) {
  border-color: var(--cc-accent);
  background: var(--cc-notice-bg);
}

/* Footer */

.cc-card__footer {
  flex: none;
  padding: 8px 16px 10px;
  border-block-start: 1px solid var(--cc-border);
  background: var(--cc-subtle);
  font-size: 12px;
  line-height: 1.4;
  color: var(--cc-muted);
}

.cc-card__mentions {
  color: var(--cc-fg);
}

.cc-card__source {
  overflow-wrap: anywhere;
}

@media (forced-colors: active) {
  .cc-card {
    border-color: CanvasText;
  }
  .cc-chip,
  .cc-button,
  .cc-field,
  .cc-usernote,
  .cc-icon-button,
  .cc-info-button,
  .cc-disclosure,
  .cc-notice,
  .cc-outside--fact,
  .cc-section.cc-outside .cc-note {
    border: 1px solid ButtonText;
  }
  .cc-card :focus-visible {
    outline-color: Highlight;
  }
}
`;
