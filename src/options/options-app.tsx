import { translate } from "../platform/i18n";

/** The options page's root component; its settings arrive with the popup issue. */
export function OptionsApp() {
  return (
    <main class="options">
      <h1>{translate("optionsTitle")}</h1>
      <p>{translate("optionsComingSoon")}</p>
    </main>
  );
}
