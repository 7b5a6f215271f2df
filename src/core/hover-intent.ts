/**
 * Hover intent, modelled on Wikipedia's page previews: a card opens only after the pointer
 * has rested on a name for a short dwell, not while it sweeps across the page; it stays open
 * while the pointer travels from the name into the card (a grace period), and closes once the
 * pointer has left both. A pinned card stays until it is closed.
 *
 * Pure and time-driven: the adapter feeds events with timestamps and calls `tick` at
 * `nextDeadline()`; every call returns what the card should now show.
 */

/** Tunable timings (ms) and the speed (px/ms) above which the pointer is "just passing". */
export interface HoverIntentOptions {
  dwellMs: number;
  graceMs: number;
  passingSpeed: number;
}

/** Defaults close to Wikipedia's page previews. */
export const DEFAULT_HOVER_INTENT: HoverIntentOptions = { dwellMs: 350, graceMs: 300, passingSpeed: 1.2 };

/** What the card should show: nothing, or the mention `target` (opaque to this module). */
export interface CardState<T> {
  target: T | null;
  pinned: boolean;
}

type Phase<T> =
  | { kind: "idle" }
  | { kind: "dwelling"; target: T; since: number }
  | { kind: "open"; target: T }
  | { kind: "leaving"; target: T; since: number }
  | { kind: "pinned"; target: T };

/** See the module comment. `T` identifies a mention; `same` says whether two are one. */
export class HoverIntent<T> {
  private phase: Phase<T> = { kind: "idle" };
  private lastMove: { x: number; y: number; time: number } | null = null;

  constructor(
    private readonly options: HoverIntentOptions = DEFAULT_HOVER_INTENT,
    private readonly same: (a: T, b: T) => boolean = Object.is,
  ) {}

  /** The card as it should be now. */
  get state(): CardState<T> {
    const p = this.phase;
    if (p.kind === "open" || p.kind === "leaving") return { target: p.target, pinned: false };
    if (p.kind === "pinned") return { target: p.target, pinned: true };
    return { target: null, pinned: false };
  }

  /** When `tick` must next be called (ms, same clock as the events), or null if never. */
  nextDeadline(): number | null {
    const p = this.phase;
    if (p.kind === "dwelling") return p.since + this.options.dwellMs;
    if (p.kind === "leaving") return p.since + this.options.graceMs;
    return null;
  }

  /**
   * The pointer moved to (x, y) at `time`, over the mention `target` (null: over neither a
   * mention nor the card). `blocked` is true while a button is down or text is selected.
   */
  pointerMoved(x: number, y: number, time: number, target: T | null, blocked = false): CardState<T> {
    const speed = this.speedTo(x, y, time);
    const p = this.phase;
    if (p.kind === "pinned") return this.state;
    if (target === null) {
      if (p.kind === "dwelling") this.phase = { kind: "idle" };
      else if (p.kind === "open") this.phase = { kind: "leaving", target: p.target, since: time };
      return this.state;
    }
    if (p.kind === "open" || p.kind === "leaving") {
      if (this.same(p.target, target)) this.phase = { kind: "open", target };
      else if (p.kind === "open") this.phase = { kind: "leaving", target: p.target, since: time };
      // While leaving, another name does not replace the card until the grace period ends.
      return this.state;
    }
    if (blocked) {
      this.phase = { kind: "idle" };
      return this.state;
    }
    // Moving fast restarts the dwell: the pointer is passing over the name, not resting on it.
    if (p.kind !== "dwelling" || !this.same(p.target, target) || speed > this.options.passingSpeed) {
      this.phase = { kind: "dwelling", target, since: time };
    }
    return this.state;
  }

  /** The pointer is over the card itself at `time`: keep it open. */
  pointerOverCard(): CardState<T> {
    const p = this.phase;
    if (p.kind === "leaving") this.phase = { kind: "open", target: p.target };
    return this.state;
  }

  /** Time passed: a dwell may complete, a grace period may run out. */
  tick(time: number): CardState<T> {
    const p = this.phase;
    if (p.kind === "dwelling" && time >= p.since + this.options.dwellMs)
      this.phase = { kind: "open", target: p.target };
    else if (p.kind === "leaving" && time >= p.since + this.options.graceMs) this.phase = { kind: "idle" };
    return this.state;
  }

  /** A click or tap on `target`, or the keyboard chose it: open it pinned at once. */
  pin(target: T): CardState<T> {
    this.phase = { kind: "pinned", target };
    return this.state;
  }

  /** Pin or unpin the open card (the card's pin button). */
  togglePin(): CardState<T> {
    const p = this.phase;
    if (p.kind === "pinned") this.phase = { kind: "open", target: p.target };
    else if (p.kind === "open" || p.kind === "leaving") this.phase = { kind: "pinned", target: p.target };
    return this.state;
  }

  /** Escape, the close button, or the page going away: close whatever is open. */
  close(): CardState<T> {
    this.phase = { kind: "idle" };
    return this.state;
  }

  private speedTo(x: number, y: number, time: number): number {
    const last = this.lastMove;
    this.lastMove = { x, y, time };
    if (!last || time <= last.time) return 0;
    return Math.hypot(x - last.x, y - last.y) / (time - last.time);
  }
}
