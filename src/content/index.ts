/**
 * Content-script entry. Runs at `document_idle` in every http(s) page. It answers the
 * extension's messages and never changes the page's DOM.
 */
import { listenForMessages } from "../platform/messaging";

listenForMessages({
  "context-cards:ping": () => ({ from: "content", url: location.href, topFrame: window === window.top }),
});
