/**
 * Typed messaging between extension contexts. Handlers only ever see our own messages (a
 * handler's key is its message type); anything else is left for other listeners.
 */
import type { AnyRequest, MessageType, RequestOf, ResponseOf } from "../core/messages";
import { browser, type Runtime } from "./browser";

/** A handler for one message type; may answer synchronously or with a promise. */
export type MessageHandler<T extends MessageType> = (
  message: RequestOf<T>,
  sender: Runtime.MessageSender,
) => ResponseOf<T> | Promise<ResponseOf<T>>;

/** Handlers by message type; a context registers only the ones it answers. */
export type MessageHandlers = { [T in MessageType]?: MessageHandler<T> };

/**
 * Starts answering our messages in this context with `handlers`. Returns a function that
 * stops listening. Messages without a handler here are not answered (another context may).
 * Answers go through `sendResponse` (returning true keeps it open while a promise settles):
 * the one way every browser's native API and the polyfill all understand.
 */
export function listenForMessages(handlers: MessageHandlers): () => void {
  const listener = (
    message: unknown,
    sender: Runtime.MessageSender,
    sendResponse: (response: unknown) => void,
  ): true | undefined => {
    // Only our messages have handlers here: their types are the handlers' keys.
    const type =
      typeof message === "object" && message !== null ? (message as { type?: unknown }).type : null;
    if (typeof type !== "string" || !Object.hasOwn(handlers, type)) return undefined;
    const handler = handlers[type as MessageType] as
      | ((m: AnyRequest, s: Runtime.MessageSender) => unknown)
      | undefined;
    if (!handler) return undefined;
    new Promise((resolve) => resolve(handler(message as AnyRequest, sender))).then(
      sendResponse,
      (error: unknown) => {
        console.error("Context Cards:", error);
        sendResponse(undefined);
      },
    );
    return true;
  };
  // The typings want `true` always; returning nothing for others' messages leaves them to others.
  const callback = listener as Runtime.OnMessageListenerCallback;
  browser.runtime.onMessage.addListener(callback);
  return () => browser.runtime.onMessage.removeListener(callback);
}

/** Sends a message to the background (and other extension pages); resolves with the answer. */
export function sendToExtension<T extends MessageType>(message: RequestOf<T>): Promise<ResponseOf<T>> {
  return browser.runtime.sendMessage(message) as Promise<ResponseOf<T>>;
}

/** Sends a message to the content script of tab `tabId` (top frame); resolves with the answer. */
export function sendToTab<T extends MessageType>(
  tabId: number,
  message: RequestOf<T>,
): Promise<ResponseOf<T>> {
  return sendToFrame(tabId, 0, message);
}

/** Sends a message to the content script in one frame of tab `tabId`; resolves with the answer. */
export function sendToFrame<T extends MessageType>(
  tabId: number,
  frameId: number,
  message: RequestOf<T>,
): Promise<ResponseOf<T>> {
  return browser.tabs.sendMessage(tabId, message, { frameId }) as Promise<ResponseOf<T>>;
}
