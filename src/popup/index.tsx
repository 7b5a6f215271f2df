/** Popup entry: renders the popup into its page, in the browser's UI language. */
import { render } from "preact";
import { getUiLanguage } from "../platform/i18n";
import { getExtensionIdentity } from "../platform/runtime";
import { PopupApp } from "./popup-app";

document.documentElement.lang = getUiLanguage();
const root = document.getElementById("root");
if (root) render(<PopupApp {...getExtensionIdentity()} />, root);
