/**
 * Small line icons for the extension's own pages (popup, options), drawn like the card's:
 * 16×16, 1.5px strokes in the current colour. Decorative: hidden from assistive technology,
 * so the text next to them must carry the meaning.
 */
import type { ComponentChildren } from "preact";

/**
 * A 16×16 line icon around `children` (paths). `base` is the class every icon of a surface
 * shares ("ui-icon" on the extension's pages, "cc-icon" in the card), `class` adds to it.
 */
export function Icon({
  children,
  size = 16,
  base = "ui-icon",
  class: className,
}: {
  children: ComponentChildren;
  size?: number;
  base?: string;
  class?: string | undefined;
}) {
  return (
    <svg
      class={`${base}${className ? ` ${className}` : ""}`}
      viewBox="0 0 16 16"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="1.5"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      {children}
    </svg>
  );
}

export function SearchIcon() {
  return (
    <Icon>
      <circle cx="7" cy="7" r="4.25" />
      <path d="M10.2 10.2l3.3 3.3" />
    </Icon>
  );
}

export function PauseIcon() {
  return (
    <Icon size={14}>
      <path d="M5.5 3.5v9M10.5 3.5v9" />
    </Icon>
  );
}

export function PlayIcon() {
  return (
    <Icon size={14}>
      <path d="M5 3.2v9.6L12.5 8z" />
    </Icon>
  );
}

export function PowerIcon() {
  return (
    <Icon size={14}>
      <path d="M8 2v5.5M4.6 4.3a5 5 0 1 0 6.8 0" />
    </Icon>
  );
}

export function GearIcon() {
  return (
    <Icon size={14}>
      <circle cx="8" cy="8" r="2.1" />
      <path d="M8 1.8v1.6M8 12.6v1.6M14.2 8h-1.6M3.4 8H1.8M12.4 3.6l-1.1 1.1M4.7 11.3l-1.1 1.1M12.4 12.4l-1.1-1.1M4.7 4.7L3.6 3.6" />
    </Icon>
  );
}

export function BackIcon() {
  return (
    <Icon size={14} class="ui-icon--flip-rtl">
      <path d="M10 3.5L5.5 8l4.5 4.5" />
    </Icon>
  );
}

export function ChevronIcon() {
  return (
    <Icon size={12} class="ui-icon--chevron">
      <path d="M6 4l4 4-4 4" />
    </Icon>
  );
}

export function BlockedIcon() {
  return (
    <Icon size={20}>
      <circle cx="8" cy="8" r="6" />
      <path d="M3.8 12.2l8.4-8.4" />
    </Icon>
  );
}

export function EmptyIcon() {
  return (
    <Icon size={20}>
      <path d="M2.5 4.5h11M2.5 8h7M2.5 11.5h4" />
    </Icon>
  );
}
