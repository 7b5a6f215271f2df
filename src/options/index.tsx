/** Options page entry, in the browser's UI language. */
import { render } from "preact";
import { getUiLanguage } from "../platform/i18n";
import { OptionsApp } from "./options-app";

document.documentElement.lang = getUiLanguage();
const root = document.getElementById("root");
if (root) render(<OptionsApp />, root);
