import { translate } from "../platform/i18n";

/** What the popup shows: the extension's identity (its page summary comes with the spotting issue). */
export interface PopupAppProps {
  name: string;
  version: string;
}

/** The toolbar popup's root component. */
export function PopupApp({ name, version }: PopupAppProps) {
  return (
    <main class="popup" aria-labelledby="popup-title">
      <header class="popup__header">
        <img class="popup__icon" src="assets/icons/icon-32.png" alt="" width={24} height={24} />
        <h1 id="popup-title" class="popup__title">
          {name}
        </h1>
      </header>
      <p class="popup__tagline">{translate("popupTagline")}</p>
      <footer class="popup__footer" data-testid="version">
        {translate("popupVersion", version)}
      </footer>
    </main>
  );
}
