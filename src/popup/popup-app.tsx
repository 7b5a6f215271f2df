/**
 * The toolbar popup: the global switch, what the current page mentions (click a name to go to
 * it on the page), the article's story restricted to those names, a search over every known
 * name that opens its card right here, and the way to the settings.
 *
 * Pure Preact: every browser call is the host's (src/popup/index.tsx), through the callbacks.
 * The popup has a fixed size and scrolls inside, so nothing jumps when the page's data arrives.
 */
import type { JSX } from "preact";
import { useEffect, useId, useMemo, useRef, useState } from "preact/hooks";
import { searchEntities } from "../core/entity-search";
import type { IndexedEntity, KnowledgeIndex } from "../core/knowledge-index";
import { ENTITY_KINDS, type EntityKind, type KnowledgePack } from "../core/knowledge-schema";
import type { PageSummary } from "../core/messages";
import { adoptStyles } from "../ui/adopt-styles";
import { CARD_STYLES } from "../ui/card/card-styles";
import { EntityCard, type Translate } from "../ui/card/entity-card";
import { type NotesProps, type NotesSource, notesPropsFor } from "../ui/card/notes-section";
import {
  BackIcon,
  BlockedIcon,
  EmptyIcon,
  GearIcon,
  PauseIcon,
  PlayIcon,
  PowerIcon,
  SearchIcon,
} from "../ui/icons";
import { KIND_GROUP_KEYS, KIND_KEYS } from "../ui/kind-labels";
import { StorySection } from "./story-section";

/** What the popup knows about the active tab. */
export type PageState =
  | { status: "loading" }
  /** No content script: browser pages, stores, PDFs, file://. */
  | { status: "unavailable" }
  /** The global switch is off. */
  | { status: "disabled" }
  /** Paused on this site. */
  | { status: "paused"; site: string }
  | { status: "ready"; site: string; summary: PageSummary };

export interface PopupAppProps {
  t: Translate;
  identity: { name: string; version: string };
  index: KnowledgeIndex;
  packs: readonly KnowledgePack[];
  page: PageState;
  enabled: boolean;
  onSetEnabled: (enabled: boolean) => void;
  onSetSitePaused: (site: string, paused: boolean) => void;
  /** The user clicked a name: the page scrolls to its next mention and opens its card. */
  onRevealEntity: (entityId: string) => void;
  onOpenOptions: () => void;
  /** Why the last settings change could not be saved (the popup then shows what is stored). */
  saveError?: string | null | undefined;
  /** The user's notes (the card shows and edits them); none when absent. */
  notes?: NotesSource | undefined;
}

/** Search results shown at once; the rest are counted ("keep typing"). */
export const SEARCH_LIMIT = 8;

function isEntityKind(kind: string): kind is EntityKind {
  return (ENTITY_KINDS as readonly string[]).includes(kind);
}

/** A whole, non-negative count (the summary crosses a process boundary). */
function safeCount(count: number): number {
  return Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
}

/** "1 mention" / "7 mentions". */
export function mentionsText(t: Translate, count: number): string {
  return t(count === 1 ? "popupMentionsOne" : "popupMentionsMany", String(count));
}

/** One name on the page, ready to show. */
export interface PageName {
  id: string;
  name: string;
  kind: EntityKind;
  count: number;
  summary: string | null;
  fromArticle: boolean;
}

/**
 * The page's names grouped by kind, groups in ENTITY_KINDS order, most mentioned first within
 * a group (then A–Z). The index is the authority on name and kind; names it does not know keep
 * the summary's.
 */
export function groupPageNames(
  summary: PageSummary,
  index: KnowledgeIndex,
): { kind: EntityKind; names: PageName[] }[] {
  const byKind = new Map<EntityKind, PageName[]>();
  const seen = new Set<string>();
  for (const item of summary.entities) {
    const count = safeCount(item.count);
    if (count === 0 || seen.has(item.id)) continue;
    seen.add(item.id);
    const indexed = index.entities.get(item.id);
    const kind = indexed?.entity.kind ?? (isEntityKind(item.kind) ? item.kind : "concept");
    const name: PageName = {
      id: item.id,
      name: indexed?.entity.name ?? item.name,
      kind,
      count,
      summary: indexed?.entity.summary ?? null,
      fromArticle: indexed ? indexed.origin === "article" : false,
    };
    const list = byKind.get(kind);
    if (list) list.push(name);
    else byKind.set(kind, [name]);
  }
  const groups: { kind: EntityKind; names: PageName[] }[] = [];
  for (const kind of ENTITY_KINDS) {
    const names = byKind.get(kind);
    if (!names) continue;
    names.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "en", { sensitivity: "base" }));
    groups.push({ kind, names });
  }
  return groups;
}

export function PopupApp(props: PopupAppProps): JSX.Element {
  const { t, identity, index, packs, page, enabled, onSetEnabled } = props;
  const baseId = useId();
  const [query, setQuery] = useState("");
  const [cardId, setCardId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const resultsRef = useRef<HTMLUListElement>(null);
  const focusCardOnOpen = useRef(false);

  const counts = useMemo(() => {
    const map = new Map<string, number>();
    if (page.status === "ready") {
      for (const item of page.summary.entities)
        map.set(item.id, (map.get(item.id) ?? 0) + safeCount(item.count));
    }
    return map;
  }, [page]);
  const pageIds = useMemo(() => new Set([...counts].filter(([, n]) => n > 0).map(([id]) => id)), [counts]);
  const articlePack = packs.find((pack) => pack.origin === "article");

  const trimmed = query.trim();
  const view = cardId !== null ? "card" : trimmed !== "" ? "search" : "home";

  // Each view starts at its top; an opened card takes keyboard focus.
  useEffect(() => {
    if (bodyRef.current) bodyRef.current.scrollTop = 0;
    if (view === "card" && focusCardOnOpen.current) {
      focusCardOnOpen.current = false;
      // Like the hover card on pages: the dialog itself takes focus, so its name is announced.
      const dialog = bodyRef.current?.querySelector<HTMLElement>(".cc-card");
      if (dialog && !dialog.hasAttribute("tabindex")) dialog.setAttribute("tabindex", "-1");
      dialog?.focus();
    }
  }, [view, cardId]);

  // In a card, Escape goes back to where the card was opened from.
  useEffect(() => {
    if (view !== "card") return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      setCardId(null);
      searchRef.current?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [view]);

  const openCard = (id: string) => {
    focusCardOnOpen.current = true;
    setCardId(id);
  };
  const closeCard = () => {
    setCardId(null);
    searchRef.current?.focus();
  };

  const onSearchKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && query !== "") {
      // Clear the search; with nothing left to clear, Escape closes the popup as usual.
      event.preventDefault();
      event.stopPropagation();
      setQuery("");
      setCardId(null);
    } else if (event.key === "ArrowDown") {
      const first = resultsRef.current?.querySelector<HTMLButtonElement>("button");
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === "Enter" && view === "search") {
      const first = resultsRef.current?.querySelector<HTMLButtonElement>("button");
      if (first) {
        event.preventDefault();
        first.click();
      }
    }
  };

  const onResultsKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(resultsRef.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) searchRef.current?.focus();
      else buttons[Math.min(next, buttons.length - 1)]?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setQuery("");
      searchRef.current?.focus();
    }
  };

  return (
    <div class="popup" data-view={view}>
      <header class="popup__header">
        <img class="popup__icon" src="assets/icons/icon-32.png" alt="" width={20} height={20} />
        <h1 class="popup__title">{identity.name}</h1>
        <button
          type="button"
          class="switch"
          role="switch"
          aria-checked={enabled ? "true" : "false"}
          aria-label={t("popupSwitchLabel")}
          title={t("popupSwitchLabel")}
          data-testid="global-switch"
          onClick={() => onSetEnabled(!enabled)}
        >
          <span class="switch__state" aria-hidden="true">
            {enabled ? t("popupSwitchOn") : t("popupSwitchOff")}
          </span>
          <span class="switch__track" aria-hidden="true">
            <span class="switch__thumb" />
          </span>
        </button>
      </header>

      {props.saveError ? (
        <div class="popup__notice" role="alert">
          <p class="popup__notice-title">{t("popupSaveFailed")}</p>
          <p class="popup__notice-reason">{props.saveError}</p>
        </div>
      ) : null}

      <search class="popup__search">
        <label class="cc-visually-hidden" for={`${baseId}-search`}>
          {t("popupSearchLabel")}
        </label>
        <span class="popup__search-icon">
          <SearchIcon />
        </span>
        <input
          ref={searchRef}
          id={`${baseId}-search`}
          class="popup__search-input"
          type="search"
          autoComplete="off"
          spellcheck={false}
          placeholder={t("popupSearchPlaceholder")}
          value={query}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setCardId(null);
          }}
          onKeyDown={onSearchKeyDown}
        />
      </search>

      <div class="popup__body" ref={bodyRef}>
        {view === "card" && cardId !== null ? (
          <div class="popup__card-view">
            <button type="button" class="popup__back" onClick={closeCard}>
              <BackIcon />
              <span>{t("popupBack")}</span>
            </button>
            <PopupCard
              entityId={cardId}
              index={index}
              packs={packs}
              t={t}
              notes={notesPropsFor(props.notes, cardId, () =>
                page.status === "ready"
                  ? { url: page.summary.url, title: page.summary.title ?? "" }
                  : undefined,
              )}
              mentionCount={counts.get(cardId) ?? 0}
              onSelectEntity={setCardId}
              onClose={closeCard}
            />
          </div>
        ) : view === "search" ? (
          <SearchResults
            t={t}
            query={trimmed}
            index={index}
            counts={counts}
            listRef={resultsRef}
            onOpen={openCard}
            onKeyDown={onResultsKeyDown}
          />
        ) : (
          <>
            <PageSection {...props} />
            {articlePack ? <StorySection t={t} pack={articlePack} pageIds={pageIds} /> : null}
          </>
        )}
      </div>

      <footer class="popup__footer">
        <span class="popup__version" data-testid="version">
          {t("popupVersion", identity.version)}
        </span>
        <button type="button" class="popup__settings" onClick={props.onOpenOptions}>
          <GearIcon />
          <span>{t("popupSettings")}</span>
        </button>
      </footer>
    </div>
  );
}

/** The page section: what the active tab mentions, or why it can't say. */
function PageSection(props: PopupAppProps) {
  const { t, page, index, onSetEnabled, onSetSitePaused, onRevealEntity } = props;
  const headingId = `${useId()}-page`;

  let body: JSX.Element;
  let action: JSX.Element | null = null;
  switch (page.status) {
    case "loading":
      body = (
        <div class="page-loading" aria-busy="true">
          <p class="cc-visually-hidden" role="status">
            {t("popupLoading")}
          </p>
          <div class="skeleton" aria-hidden="true">
            <span class="skeleton__line skeleton__line--short" />
            <span class="skeleton__line skeleton__line--label" />
            {[0, 1, 2, 3].map((i) => (
              <span key={i} class="skeleton__row">
                <span class="skeleton__line skeleton__line--name" />
                <span class="skeleton__line skeleton__line--text" />
              </span>
            ))}
          </div>
        </div>
      );
      break;
    case "unavailable":
      body = <StateMessage icon={<BlockedIcon />} title={t("popupUnavailable")} testId="page-unavailable" />;
      break;
    case "disabled":
      body = (
        <StateMessage
          icon={<PowerIcon />}
          title={t("popupDisabled")}
          text={t("popupDisabledHint")}
          testId="page-disabled"
        >
          <button type="button" class="button button--primary" onClick={() => onSetEnabled(true)}>
            <PowerIcon />
            <span>{t("popupTurnOn")}</span>
          </button>
        </StateMessage>
      );
      break;
    case "paused":
      body = (
        <StateMessage
          icon={<PauseIcon />}
          title={t("popupPausedOn", page.site)}
          text={t("popupPausedHint")}
          testId="page-paused"
        >
          <button
            type="button"
            class="button button--primary"
            onClick={() => onSetSitePaused(page.site, false)}
          >
            <PlayIcon />
            <span>{t("popupResume")}</span>
          </button>
        </StateMessage>
      );
      break;
    case "ready": {
      const groups = groupPageNames(page.summary, index);
      const nameCount = groups.reduce((sum, group) => sum + group.names.length, 0);
      const mentionCount = groups.reduce(
        (sum, group) => sum + group.names.reduce((s, name) => s + name.count, 0),
        0,
      );
      action = (
        <button
          type="button"
          class="button button--quiet page__pause"
          title={t("popupPauseSite", page.site)}
          onClick={() => onSetSitePaused(page.site, true)}
        >
          <PauseIcon />
          <span class="page__pause-text">{t("popupPauseSite", page.site)}</span>
        </button>
      );
      body =
        nameCount === 0 ? (
          <>
            <p class="page__site" data-testid="page-site">
              {page.site}
            </p>
            <StateMessage icon={<EmptyIcon />} title={t("popupEmpty")} testId="page-empty" />
          </>
        ) : (
          <>
            <p class="page__site">
              <span class="page__host" data-testid="page-site">
                {page.site}
              </span>
              <span class="page__totals" data-testid="page-totals">
                {t("popupTotals", [
                  mentionsText(t, mentionCount),
                  t(nameCount === 1 ? "popupNamesOne" : "popupNamesMany", String(nameCount)),
                ])}
              </span>
            </p>
            {page.summary.scanned ? null : <p class="page__note">{t("popupScanning")}</p>}
            {groups.map((group) => (
              <KindGroup
                key={group.kind}
                t={t}
                kind={group.kind}
                names={group.names}
                onReveal={onRevealEntity}
              />
            ))}
            <p class="page__note">{t("popupRevealHint")}</p>
          </>
        );
      break;
    }
  }

  return (
    <section class="popup__section page" aria-labelledby={headingId} data-state={page.status}>
      <div class="section-head">
        <h2 class="section-title" id={headingId}>
          {t("popupThisPage")}
        </h2>
        {action}
      </div>
      {body}
    </section>
  );
}

function StateMessage({
  icon,
  title,
  text,
  testId,
  children,
}: {
  icon: JSX.Element;
  title: string;
  text?: string;
  testId: string;
  children?: JSX.Element;
}) {
  return (
    <div class="state" data-testid={testId}>
      <span class="state__icon">{icon}</span>
      <div class="state__body">
        <p class="state__title">{title}</p>
        {text ? <p class="state__text">{text}</p> : null}
        {children ? <div class="state__actions">{children}</div> : null}
      </div>
    </div>
  );
}

function KindGroup({
  t,
  kind,
  names,
  onReveal,
}: {
  t: Translate;
  kind: EntityKind;
  names: PageName[];
  onReveal: (id: string) => void;
}) {
  const headingId = `${useId()}-${kind}`;
  return (
    <div class="group" data-kind={kind}>
      <h3 class="group__title" id={headingId}>
        {t(KIND_GROUP_KEYS[kind])}
      </h3>
      <ul class="rows" aria-labelledby={headingId}>
        {names.map((name) => (
          <li key={name.id}>
            <EntityRow
              t={t}
              id={name.id}
              name={name.name}
              summary={name.summary}
              fromArticle={name.fromArticle}
              count={name.count}
              onClick={() => onReveal(name.id)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A name as a button: name, "not from the article" marker, count badge, one-line summary. */
function EntityRow({
  t,
  id,
  name,
  kindLabel,
  summary,
  fromArticle,
  count,
  onClick,
}: {
  t: Translate;
  id: string;
  name: string;
  kindLabel?: string;
  summary: string | null;
  fromArticle: boolean;
  count: number;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      class="row"
      data-entity-id={id}
      data-origin={fromArticle ? "article" : "reference"}
      onClick={onClick}
    >
      <span class="row__head">
        <span class="row__name">{name}</span>
        {kindLabel ? <span class="row__kind">{kindLabel}</span> : null}
        {fromArticle ? null : (
          <span class="row__marker" title={t("cardNotFromArticle")} data-testid="not-from-article">
            {t("popupNotFromArticle")}
          </span>
        )}
        {count > 0 ? (
          <span class="row__count" data-testid="count">
            <span aria-hidden="true">{count}</span>
            <span class="cc-visually-hidden">{mentionsText(t, count)}</span>
          </span>
        ) : null}
      </span>
      {summary ? (
        <span class="row__summary" title={summary}>
          {summary}
        </span>
      ) : null}
    </button>
  );
}

function SearchResults({
  t,
  query,
  index,
  counts,
  listRef,
  onOpen,
  onKeyDown,
}: {
  t: Translate;
  query: string;
  index: KnowledgeIndex;
  counts: ReadonlyMap<string, number>;
  listRef: { current: HTMLUListElement | null };
  onOpen: (id: string) => void;
  onKeyDown: (event: KeyboardEvent) => void;
}) {
  const headingId = `${useId()}-results`;
  const { hits, total } = useMemo(() => searchEntities(index, query, SEARCH_LIMIT), [index, query]);
  return (
    <section class="popup__section results" aria-labelledby={headingId}>
      <h2 class="section-title" id={headingId}>
        {t("popupSearchResults")}
      </h2>
      {hits.length === 0 ? (
        <p class="results__empty" role="status">
          {t("popupSearchNoResults", query)}
        </p>
      ) : (
        <ul class="rows" ref={listRef} onKeyDown={onKeyDown} data-testid="search-results">
          {hits.map((hit: IndexedEntity) => (
            <li key={hit.entity.id}>
              <EntityRow
                t={t}
                id={hit.entity.id}
                name={hit.entity.name}
                kindLabel={t(KIND_KEYS[hit.entity.kind])}
                summary={hit.entity.summary}
                fromArticle={hit.origin === "article"}
                count={counts.get(hit.entity.id) ?? 0}
                onClick={() => onOpen(hit.entity.id)}
              />
            </li>
          ))}
        </ul>
      )}
      {total > hits.length ? (
        <p class="page__note">{t("popupSearchMore", String(total - hits.length))}</p>
      ) : null}
    </section>
  );
}

/** The hover card, shown inline: no pinning here, closing goes back. */
function PopupCard(props: {
  entityId: string;
  index: KnowledgeIndex;
  packs: readonly KnowledgePack[];
  t: Translate;
  mentionCount: number;
  onSelectEntity: (id: string) => void;
  onClose: () => void;
  notes?: NotesProps | undefined;
}) {
  // The card's own stylesheet; the pages' CSP allows it only as a constructed sheet.
  adoptStyles(document, CARD_STYLES);
  return <EntityCard {...props} pinned={false} onTogglePin={noop} />;
}

function noop(): void {}
