/**
 * The card shown for a spotted name: who or what it is, the key facts with their kind and
 * source, notes from outside the article, related names, and where it all comes from.
 *
 * Pure Preact: no extension APIs, no DOM access beyond its own elements. The host mounts it in
 * a shadow root (with CARD_STYLES), positions it, caps its height (inline `max-block-size`)
 * and decides what pinning and closing mean.
 *
 * Content rules it enforces:
 * - claims, quotes and definitions are always labelled with who made them;
 * - every article fact offers the article's verbatim words on demand;
 * - anything from outside the article is labelled as such, with its reference;
 * - only https references become links; everything is rendered as text nodes, never as HTML.
 */
import type { JSX } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { KnowledgeIndex } from "../../core/knowledge-index";
import type { ContextNote, Fact, KnowledgePack, Reference } from "../../core/knowledge-schema";
import { AssumedDateButton } from "../assumed-date-button";
import { Icon } from "../icons";
import { KIND_KEYS } from "../kind-labels";
import { type NotesProps, NotesSection } from "./notes-section";

/** Looks up a localised string; `substitutions` fill `$1`, `$2`, … (browser.i18n semantics). */
export type Translate = (key: string, substitutions?: string | string[]) => string;

export interface EntityCardProps {
  /** The entity to show. */
  entityId: string;
  /** Entities (with their pack and origin) and related ids. */
  index: KnowledgeIndex;
  /** The loaded packs: the footer names the entity's pack source. */
  packs: readonly KnowledgePack[];
  /** Mentions of this entity on the current page; 0 hides the line. */
  mentionCount: number;
  /** Whether the host keeps the card open. */
  pinned: boolean;
  /** i18n lookup. */
  t: Translate;
  /** A related name was chosen: the host switches the card to it. */
  onSelectEntity: (id: string) => void;
  onTogglePin: () => void;
  /** The close button was pressed (Escape is the host's to handle). */
  onClose: () => void;
  /** The user's notes on this name, when the host keeps notes (shown above the facts). */
  notes?: NotesProps | undefined;
}

/** Related names shown before the "+N more" button. */
export const RELATED_VISIBLE = 8;

/** Only https URLs become links; anything else (javascript:, http:, garbage) stays text. */
export function safeHttpsUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

interface RelatedName {
  id: string;
  name: string;
  fromArticle: boolean;
}

/** Related entities that are loaded: article-pack ones first, then by name. */
export function relatedNames(index: KnowledgeIndex, entityId: string): RelatedName[] {
  const names: RelatedName[] = [];
  for (const id of index.relatedIds(entityId)) {
    const related = index.entities.get(id);
    if (related) names.push({ id, name: related.entity.name, fromArticle: related.origin === "article" });
  }
  return names.sort(
    (a, b) =>
      Number(b.fromArticle) - Number(a.fromArticle) ||
      a.name.localeCompare(b.name, undefined, { sensitivity: "base" }) ||
      a.id.localeCompare(b.id),
  );
}

export function EntityCard(props: EntityCardProps) {
  const { entityId, index, packs, mentionCount, pinned, t, onSelectEntity, onTogglePin, onClose } = props;
  const baseId = useId();
  const nameId = `${baseId}-name`;
  const bodyRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeadingNext = useRef(false);
  const [relatedExpandedFor, setRelatedExpandedFor] = useState<string | null>(null);
  const chipsRef = useRef<HTMLUListElement>(null);
  const focusFirstRevealed = useRef(false);

  // A new entity starts at the top; after a related chip was chosen, keyboard focus moves to
  // the new name instead of being lost with the chip that was removed.
  useEffect(() => {
    if (bodyRef.current) bodyRef.current.scrollTop = 0;
    if (focusHeadingNext.current) {
      focusHeadingNext.current = false;
      headingRef.current?.focus();
    }
  }, [entityId]);

  // "+N more" disappears when pressed: keep keyboard focus in the list, on the first revealed name.
  useEffect(() => {
    if (relatedExpandedFor === null || !focusFirstRevealed.current) return;
    focusFirstRevealed.current = false;
    chipsRef.current?.querySelectorAll<HTMLButtonElement>(".cc-chip")[RELATED_VISIBLE]?.focus();
  }, [relatedExpandedFor]);

  const indexed = index.entities.get(entityId);
  const actions = (
    <div class="cc-card__actions">
      {indexed ? (
        <button
          type="button"
          class="cc-icon-button cc-pin"
          aria-label={pinned ? t("cardUnpin") : t("cardPin")}
          title={pinned ? t("cardUnpin") : t("cardPin")}
          data-pinned={pinned ? "true" : "false"}
          onClick={onTogglePin}
        >
          <PinIcon filled={pinned} />
        </button>
      ) : null}
      <button
        type="button"
        class="cc-icon-button cc-close"
        aria-label={t("cardClose")}
        title={t("cardClose")}
        onClick={onClose}
      >
        <CloseIcon />
      </button>
    </div>
  );

  if (!indexed) {
    return (
      <section class="cc-card" role="dialog" aria-modal="false" aria-labelledby={nameId}>
        <header class="cc-card__header">
          <div class="cc-card__title">
            <h2 id={nameId} class="cc-card__name" ref={headingRef} tabIndex={-1}>
              {t("cardNotFound")}
            </h2>
          </div>
          {actions}
        </header>
      </section>
    );
  }

  const { entity, origin } = indexed;
  const pack = packs.find((candidate) => candidate.id === indexed.packId);
  const fromArticle = origin === "article";
  const nameOf = (id: string) => index.entities.get(id)?.entity.name ?? id;
  const related = relatedNames(index, entityId);
  const relatedExpanded = relatedExpandedFor === entityId;
  const visibleRelated = relatedExpanded ? related : related.slice(0, RELATED_VISIBLE);
  const hiddenRelated = related.length - visibleRelated.length;
  const count = Number.isFinite(mentionCount) ? Math.max(0, Math.floor(mentionCount)) : 0;

  const selectRelated = (id: string) => {
    focusHeadingNext.current = true;
    onSelectEntity(id);
  };

  return (
    <section
      class="cc-card"
      role="dialog"
      aria-modal="false"
      aria-labelledby={nameId}
      data-entity-id={entity.id}
      data-origin={origin}
    >
      <header class="cc-card__header">
        <div class="cc-card__title">
          <p class="cc-card__kind">{t(KIND_KEYS[entity.kind])}</p>
          <h2 id={nameId} class="cc-card__name" ref={headingRef} tabIndex={-1}>
            {entity.name}
          </h2>
        </div>
        {actions}
      </header>

      <div class="cc-card__body" ref={bodyRef}>
        <p class="cc-card__summary">{entity.summary}</p>

        {origin === "user" ? (
          <p class="cc-notice" role="note" data-testid="your-name">
            <InfoIcon />
            <span>{t("cardYourName")}</span>
          </p>
        ) : fromArticle ? null : (
          <p class="cc-notice" role="note" data-testid="not-from-article">
            <InfoIcon />
            <span>{t("cardNotFromArticle")}</span>
          </p>
        )}

        {props.notes ? <NotesSection key={entity.id} {...props.notes} t={t} /> : null}

        {entity.facts.length > 0 ? (
          <section class="cc-section" aria-labelledby={`${baseId}-facts`}>
            <h3 class="cc-section__title" id={`${baseId}-facts`}>
              {t("cardFacts")}
            </h3>
            <ul class="cc-facts">
              {entity.facts.map((fact, i) => (
                <FactItem
                  key={`${entity.id}:${fact.id}`}
                  fact={fact}
                  fromArticle={fromArticle}
                  domId={`${baseId}-f${i}`}
                  nameOf={nameOf}
                  t={t}
                />
              ))}
            </ul>
          </section>
        ) : null}

        {entity.context && entity.context.length > 0 ? (
          <section
            class="cc-section cc-outside"
            aria-labelledby={`${baseId}-outside`}
            data-testid="entity-context"
          >
            <h3 class="cc-section__title cc-outside__label" id={`${baseId}-outside`}>
              <GlobeIcon />
              {t("cardOutsideArticle")}
            </h3>
            {entity.context.map((note, i) => (
              <ContextNoteView key={i} note={note} t={t} />
            ))}
          </section>
        ) : null}

        {related.length > 0 ? (
          <section class="cc-section" aria-labelledby={`${baseId}-related`}>
            <h3 class="cc-section__title" id={`${baseId}-related`}>
              {t("cardRelated")}
            </h3>
            <ul class="cc-chips" ref={chipsRef} aria-labelledby={`${baseId}-related`}>
              {visibleRelated.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    class="cc-chip"
                    data-entity-id={item.id}
                    data-origin={item.fromArticle ? "article" : "reference"}
                    onClick={() => selectRelated(item.id)}
                  >
                    {item.name}
                  </button>
                </li>
              ))}
              {hiddenRelated > 0 ? (
                <li>
                  <button
                    type="button"
                    class="cc-chip cc-chip--more"
                    aria-expanded="false"
                    onClick={() => {
                      focusFirstRevealed.current = true;
                      setRelatedExpandedFor(entityId);
                    }}
                  >
                    {t("cardMoreRelated", String(hiddenRelated))}
                  </button>
                </li>
              ) : null}
            </ul>
          </section>
        ) : null}
      </div>

      <footer class="cc-card__footer">
        {count > 0 ? (
          <p class="cc-card__mentions" data-testid="mentions">
            {t(count === 1 ? "cardMentionsOne" : "cardMentionsMany", String(count))}
          </p>
        ) : null}
        <p class="cc-card__source" data-testid="source">
          {origin === "user"
            ? t("cardSourceUser")
            : fromArticle && pack
              ? t("cardSourceArticle", pack.source.title)
              : t("cardSourceReferences")}
        </p>
      </footer>
    </section>
  );
}

interface FactItemProps {
  fact: Fact;
  fromArticle: boolean;
  domId: string;
  nameOf: (id: string) => string;
  t: Translate;
}

/** The kind label of a fact; plain facts have none. */
function factLabel(fact: Fact, nameOf: (id: string) => string, t: Translate): string | null {
  const by = fact.by === undefined ? undefined : nameOf(fact.by);
  switch (fact.kind) {
    case "claim":
      return by === undefined ? t("cardClaim") : t("cardClaimBy", by);
    case "quote":
      return by === undefined ? null : t("cardQuoteFrom", by);
    case "definition":
      return by === undefined ? t("cardDefinition") : t("cardDefinitionBy", by);
    default:
      return null;
  }
}

function FactItem({ fact, fromArticle, domId, nameOf, t }: FactItemProps) {
  const [quoteOpen, setQuoteOpen] = useState(false);
  const [dateOpen, setDateOpen] = useState(false);
  const label = factLabel(fact, nameOf, t);
  // A quote's words are the point: shown at once. Other facts keep them behind a disclosure.
  const showQuoteInline = fact.kind === "quote" && fact.quote !== undefined;
  const outsideOnly = fromArticle && fact.quote === undefined && fact.reference !== undefined;

  return (
    <li class={`cc-fact cc-fact--${fact.kind}`} data-fact-id={fact.id} data-kind={fact.kind}>
      {label !== null ? (
        <p class="cc-fact__label">
          <FactKindIcon kind={fact.kind} />
          <span>{label}</span>
        </p>
      ) : null}
      {outsideOnly ? (
        <p class="cc-fact__label cc-outside__label">
          <GlobeIcon />
          <span>{t("cardOutsideArticle")}</span>
        </p>
      ) : null}
      <p class="cc-fact__text">{fact.text}</p>

      {showQuoteInline ? (
        <blockquote class="cc-quote cc-quote--spoken" data-testid="spoken-quote">
          <q>{fact.quote}</q>
        </blockquote>
      ) : null}

      {fact.date ? (
        <div class="cc-fact__meta">
          <span class="cc-fact__date">{t("cardWhen", fact.date.text)}</span>
          {fact.date.assumed ? (
            <AssumedDateButton
              class="cc-info-button"
              open={dateOpen}
              onToggle={() => setDateOpen(!dateOpen)}
              controls={`${domId}-date`}
              label={t("cardDateAssumed")}
            />
          ) : null}
        </div>
      ) : null}
      {fact.date?.assumed ? (
        <p class="cc-fact__assumed" id={`${domId}-date`} hidden={!dateOpen} data-testid="date-assumed">
          {fact.date.assumed}
        </p>
      ) : null}

      {fact.quote !== undefined && !showQuoteInline ? (
        <div class="cc-fact__source">
          <button
            type="button"
            class="cc-disclosure"
            aria-expanded={quoteOpen ? "true" : "false"}
            aria-controls={`${domId}-quote`}
            onClick={() => setQuoteOpen(!quoteOpen)}
          >
            <ChevronIcon />
            <span>{quoteOpen ? t("cardHideQuote") : t("cardShowQuote")}</span>
          </button>
          <div id={`${domId}-quote`} class="cc-fact__quote-region">
            {quoteOpen ? (
              <figure class="cc-article-words">
                <figcaption class="cc-article-words__caption">{t("cardArticleWords")}</figcaption>
                <blockquote class="cc-quote">
                  <q>{fact.quote}</q>
                </blockquote>
              </figure>
            ) : null}
          </div>
        </div>
      ) : null}

      {fact.reference ? (
        <p class="cc-reference">
          <span class="cc-reference__label">{t("cardReference")}</span>{" "}
          <ReferenceLink reference={fact.reference} t={t} />
        </p>
      ) : null}

      {fact.context && fact.context.length > 0 ? (
        <div class="cc-outside cc-outside--fact" data-testid="fact-context">
          <p class="cc-outside__label">
            <GlobeIcon />
            <span>{t("cardOutsideArticle")}</span>
          </p>
          {fact.context.map((note, i) => (
            <ContextNoteView key={i} note={note} t={t} />
          ))}
        </div>
      ) : null}
    </li>
  );
}

function ContextNoteView({ note, t }: { note: ContextNote; t: Translate }) {
  return (
    <div class="cc-note">
      <p class="cc-note__text">{note.text}</p>
      <p class="cc-reference">
        <span class="cc-reference__label">{t("cardReference")}</span>{" "}
        <ReferenceLink reference={note.reference} t={t} />
      </p>
    </div>
  );
}

/** A reference's title, linked only when its URL is https. */
function ReferenceLink({ reference, t }: { reference: Reference; t: Translate }) {
  const href = safeHttpsUrl(reference.url);
  if (href === null) return <span class="cc-reference__title">{reference.title}</span>;
  return (
    <a class="cc-reference__title cc-link" href={href} target="_blank" rel="noopener noreferrer">
      {reference.title}
      <span class="cc-visually-hidden"> {t("cardOpensInNewTab")}</span>
      <ExternalIcon />
    </a>
  );
}

// Icons: decorative, hidden from assistive technology; the text next to them carries the meaning.

function Svg({ children, class: className }: { children: JSX.Element | JSX.Element[]; class?: string }) {
  return (
    <Icon base="cc-icon" class={className}>
      {children}
    </Icon>
  );
}

function PinIcon({ filled }: { filled: boolean }) {
  return (
    <Svg>
      <path
        d="M6 2.5h4M6.6 2.5v3.6L4.5 8.6v1h7v-1L9.4 6.1V2.5M8 9.6v3.9"
        fill={filled ? "currentColor" : "none"}
      />
    </Svg>
  );
}

function CloseIcon() {
  return (
    <Svg>
      <path d="M4 4l8 8M12 4l-8 8" />
    </Svg>
  );
}

function InfoIcon() {
  return (
    <Svg class="cc-icon--notice">
      <circle cx="8" cy="8" r="6.25" />
      <path d="M8 7.2v4M8 4.9v.1" />
    </Svg>
  );
}

function GlobeIcon() {
  return (
    <Svg class="cc-icon--small">
      <circle cx="8" cy="8" r="6.25" />
      <path d="M1.9 8h12.2M8 1.75c1.7 1.8 2.5 3.9 2.5 6.25S9.7 12.45 8 14.25C6.3 12.45 5.5 10.35 5.5 8S6.3 3.55 8 1.75z" />
    </Svg>
  );
}

function ExternalIcon() {
  return (
    <Svg class="cc-icon--inline">
      <path d="M6.5 3.5H3.5v9h9v-3M9.5 2.5h4v4M13.5 2.5L7.5 8.5" />
    </Svg>
  );
}

function ChevronIcon() {
  return (
    <Svg class="cc-icon--small cc-chevron">
      <path d="M6 4l4 4-4 4" />
    </Svg>
  );
}

function FactKindIcon({ kind }: { kind: Fact["kind"] }) {
  if (kind === "quote") {
    return (
      <Svg class="cc-icon--small">
        <path d="M3 9.5c0-2.5 1-4 3-5M3 9.5h2.5v3H3zM9 9.5c0-2.5 1-4 3-5M9 9.5h2.5v3H9z" />
      </Svg>
    );
  }
  if (kind === "definition") {
    return (
      <Svg class="cc-icon--small">
        <path d="M3 3h7.5l2.5 2.5V13H3zM5.5 7h5M5.5 9.5h5" />
      </Svg>
    );
  }
  // claim: a speech bubble
  return (
    <Svg class="cc-icon--small">
      <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" />
    </Svg>
  );
}
