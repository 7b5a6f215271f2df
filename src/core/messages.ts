/**
 * The typed messages that cross extension contexts (content script, background, popup).
 * Pure types and guards: the sending and receiving lives in `src/platform/messaging.ts`.
 * Every message type starts with `context-cards:` so that no other extension's or page's
 * message is ever mistaken for ours.
 */
import type { FrameReport } from "./frame-reports";

/** Asks a context whether it is alive; answered by the content script and the background. */
export interface PingMessage {
  type: "context-cards:ping";
}

/** The content script's answer to a ping. */
export interface ContentPong {
  from: "content";
  url: string;
  /** True in the top-level frame, false in iframes. */
  topFrame: boolean;
  /** The answering document's key (see FrameReport's `frameKey`). */
  frameKey: number;
}

/** The background's answer to a ping. */
export interface BackgroundPong {
  from: "background";
  version: string;
}

/** Asks a tab's content script (top frame) what the page mentions, its same-origin frames included. */
export interface PageSummaryMessage {
  type: "context-cards:page-summary";
}

/** One entity mentioned on a page, with how often. */
export interface EntityCount {
  id: string;
  name: string;
  kind: string;
  count: number;
}

/**
 * What a page mentions. `scanned` is true once the first full pass is done; counts include
 * text added later. `entities` is sorted by count (most first), then by name.
 */
export interface PageSummary {
  url: string;
  /** The page's title (for notes written about it from the popup). */
  title?: string;
  /** False when the extension is off or paused here: then nothing is scanned or shown. */
  active: boolean;
  scanned: boolean;
  mentionCount: number;
  entities: EntityCount[];
}

/**
 * Asks a frame's content script to move to the next or previous mention and open its card.
 * The keyboard commands and the popup's names send it through the background, which walks
 * the tab's frames (see `frameStepsOf`).
 */
export interface FocusMentionMessage {
  type: "context-cards:focus-mention";
  direction: "next" | "previous";
  /** Only mentions of this entity (a name clicked in the popup). */
  entityId?: string;
  /** Keyboard focus goes into the card (default); false leaves it where it is (the popup). */
  focus?: boolean;
  /** From the first (last) mention, not from where the last move landed. */
  restart?: boolean;
  /** Past the last (first) mention: answer `moved: false` and close the card, not wrap around. */
  stopAtEnd?: boolean;
}

/** Whether there was a mention to move to. */
export interface FocusMentionResult {
  moved: boolean;
}

/**
 * Tells the background what the sender's frame counts: the badge and the page summary add
 * frames up. Sent by a frame when its counts change (the top frame: when its set of names
 * does, since it answers for its own counts), and again when the page is shown after being
 * prerendered or coming back from the back-forward cache.
 */
export interface FrameReportMessage extends FrameReport {
  type: "context-cards:frame-report";
}

/**
 * From the background to a tab's top frame: send your frame report again. Asked when another
 * frame of the page reports and the top frame's report for that page is not in (a page without
 * names does not report by itself, see src/content/bootstrap.ts): the other frames' names count
 * only with it.
 */
export interface ReportAgainMessage {
  type: "context-cards:report-again";
}

/** Tells the background that the sender's frame is going away (its report no longer counts). */
export interface FrameLeftMessage {
  type: "context-cards:frame-left";
}

/** The top frame asks the background what its same-origin frames count (top document `topKey`). */
export interface FrameCountsMessage {
  type: "context-cards:frame-counts";
  topKey: number;
}

/**
 * The popup asks the background to go to the next mention of `entityId` in tab `tabId`, in
 * whichever of the page's frames shows it (the card opens; focus stays in the popup).
 */
export interface RevealInTabMessage {
  type: "context-cards:reveal-in-tab";
  tabId: number;
  entityId: string;
}

/**
 * From the background's context menu: open a card in the page to add the selection to notes
 * ("note") or to track it as a name of the user's own ("track").
 */
export interface ComposeMessage {
  type: "context-cards:compose";
  mode: "note" | "track";
  /**
   * The words selected in a frame of another origin, where the extension does not run: the
   * top page composes from them instead of from its own selection.
   */
  selectionText?: string;
  /** That frame's address (the note's page: where the words are). */
  frameUrl?: string;
}

/** Asks a frame's content script to close its card (a walk through mentions moved on elsewhere). */
export interface CloseCardMessage {
  type: "context-cards:close-card";
}

/** Whether there was a selection to start from. */
export interface ComposeResult {
  opened: boolean;
}

/** Every message a context may receive, keyed by type, with the type of its answer. */
export interface MessageMap {
  "context-cards:ping": { request: PingMessage; response: ContentPong | BackgroundPong };
  "context-cards:page-summary": { request: PageSummaryMessage; response: PageSummary };
  "context-cards:focus-mention": { request: FocusMentionMessage; response: FocusMentionResult };
  "context-cards:frame-report": { request: FrameReportMessage; response: undefined };
  "context-cards:frame-left": { request: FrameLeftMessage; response: undefined };
  "context-cards:report-again": { request: ReportAgainMessage; response: undefined };
  "context-cards:frame-counts": { request: FrameCountsMessage; response: EntityCount[][] };
  "context-cards:reveal-in-tab": { request: RevealInTabMessage; response: FocusMentionResult };
  "context-cards:compose": { request: ComposeMessage; response: ComposeResult };
  "context-cards:close-card": { request: CloseCardMessage; response: undefined };
}

export type MessageType = keyof MessageMap;
export type RequestOf<T extends MessageType> = MessageMap[T]["request"];
export type ResponseOf<T extends MessageType> = MessageMap[T]["response"];
export type AnyRequest = RequestOf<MessageType>;
