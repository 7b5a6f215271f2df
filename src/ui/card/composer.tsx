/**
 * The cards that start from a selection on the page (the context menu's two entries):
 * - "Add to notes": the selected words as a quote, the names mentioned in or near them to
 *   choose from (or any known name by search), and an optional comment;
 * - "Track this name": a new name of the user's own, with aliases, kind and summary.
 *
 * Pure Preact: the host saves and then shows the chosen name's card.
 */
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { ENTITY_KINDS, type EntityKind } from "../../core/entity-kinds";
import { searchEntities } from "../../core/entity-search";
import type { KnowledgeIndex } from "../../core/knowledge-index";
import { normaliseForComparison } from "../../core/text-boundaries";
import { KIND_KEYS } from "../kind-labels";
import type { Translate } from "./entity-card";
import { FormActions, NOTE_TEXT_LIMIT } from "./notes-section";

/** A selection to clip into a note. */
export interface ClipDraft {
  kind: "clip";
  quote: string;
  /** Entity ids mentioned in or near the selection, most relevant first. */
  candidates: string[];
}

/** A selection to track as a name. */
export interface TrackDraft {
  kind: "track";
  text: string;
}

/** What the user decided in a track composer. */
export interface TrackedNameInput {
  name: string;
  aliases: string[];
  kind: EntityKind;
  summary: string;
}

export interface ComposerProps {
  draft: ClipDraft | TrackDraft;
  index: KnowledgeIndex;
  t: Translate;
  onSaveClip: (entityId: string, comment: string) => Promise<void>;
  onSaveTrack: (input: TrackedNameInput) => Promise<void>;
  /** Shows the card of a name that is already known (instead of tracking it again). */
  onOpenEntity: (entityId: string) => void;
  onCancel: () => void;
}

/** Splits a comma-separated alias field into distinct trimmed aliases (case ignored). */
export function parseAliasField(value: string): string[] {
  const seen = new Set<string>();
  const aliases: string[] = [];
  for (const part of value.split(/[,，、\n]/)) {
    const alias = part.trim();
    if (alias === "" || seen.has(alias.toLowerCase())) continue;
    seen.add(alias.toLowerCase());
    aliases.push(alias);
  }
  return aliases;
}

/**
 * The entity (of a pack, or one of the user's) already known by exactly this spelling, case,
 * spaces and dashes aside; null when the name is new.
 */
export function findKnownName(index: KnowledgeIndex, name: string): string | null {
  const wanted = normaliseForComparison(name.trim());
  if (wanted === "") return null;
  for (const [id, { entity }] of index.entities) {
    const spellings = [entity.name, ...entity.aliases.map((alias) => alias.text)];
    if (spellings.some((spelling) => normaliseForComparison(spelling) === wanted)) return id;
  }
  return null;
}

/** Names offered by the search field at once. */
const SEARCH_LIMIT = 6;

export function Composer(props: ComposerProps) {
  const titleId = useId();
  const { draft, t } = props;
  return (
    <section class="cc-card cc-composer" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <header class="cc-card__header">
        <div class="cc-card__title">
          <h2 id={titleId} class="cc-card__name">
            {draft.kind === "clip" ? t("clipTitle") : t("trackTitle")}
          </h2>
        </div>
      </header>
      <div class="cc-card__body">
        {draft.kind === "clip" ? (
          <ClipForm {...props} draft={draft} />
        ) : (
          <TrackForm {...props} draft={draft} />
        )}
      </div>
    </section>
  );
}

function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await action();
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

function ClipForm({ draft, index, t, onSaveClip, onCancel }: ComposerProps & { draft: ClipDraft }) {
  const baseId = useId();
  const [chosen, setChosen] = useState<string | null>(draft.candidates[0] ?? null);
  const [query, setQuery] = useState("");
  const [comment, setComment] = useState("");
  const firstField = useRef<HTMLInputElement>(null);
  useEffect(() => firstField.current?.focus(), []);
  const found = searchEntities(index, query, SEARCH_LIMIT)
    .hits.map((hit) => hit.entity.id)
    .filter((id) => !draft.candidates.includes(id));
  const choices = [...draft.candidates, ...(chosen && !draft.candidates.includes(chosen) ? [chosen] : [])];
  const { busy, error, submit } = useSubmit(async () => {
    if (chosen) await onSaveClip(chosen, comment.trim());
  });
  const nameOf = (id: string) => index.entities.get(id)?.entity.name ?? id;

  return (
    <form class="cc-form" onSubmit={submit} onKeyDown={(event) => escapeCancels(event, onCancel)}>
      <blockquote class="cc-quote cc-usernote__quote" data-testid="clip-quote">
        {draft.quote}
      </blockquote>
      <fieldset class="cc-fieldset">
        <legend class="cc-section__title">{t("clipChooseName")}</legend>
        {choices.length > 0 ? (
          <div class="cc-chips cc-choices">
            {choices.map((id, i) => (
              <label key={id} class="cc-chip cc-choice" data-entity-id={id}>
                <input
                  type="radio"
                  name={`${baseId}-name`}
                  value={id}
                  checked={chosen === id}
                  ref={i === 0 ? firstField : undefined}
                  onChange={() => setChosen(id)}
                />
                {nameOf(id)}
              </label>
            ))}
          </div>
        ) : (
          <p class="cc-usernotes__empty">{t("clipNoNamesNearby")}</p>
        )}
        <label class="cc-label" for={`${baseId}-search`}>
          {t("clipSearchLabel")}
        </label>
        <input
          id={`${baseId}-search`}
          class="cc-field"
          type="search"
          value={query}
          ref={choices.length === 0 ? firstField : undefined}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
        {found.length > 0 ? (
          <ul class="cc-chips" aria-label={t("clipSearchResults")}>
            {found.map((id) => (
              <li key={id}>
                <button
                  type="button"
                  class="cc-chip"
                  data-entity-id={id}
                  onClick={() => {
                    setChosen(id);
                    setQuery("");
                  }}
                >
                  {nameOf(id)}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      <label class="cc-label" for={`${baseId}-comment`}>
        {t("clipCommentLabel")}
      </label>
      <textarea
        id={`${baseId}-comment`}
        class="cc-field cc-field--area"
        rows={3}
        maxLength={NOTE_TEXT_LIMIT}
        value={comment}
        onInput={(event) => setComment(event.currentTarget.value)}
      />
      <FormActions
        t={t}
        error={error}
        submitLabel={chosen ? t("clipSaveTo", nameOf(chosen)) : t("clipSave")}
        disabled={chosen === null || busy}
        onCancel={onCancel}
      />
    </form>
  );
}

function TrackForm({
  draft,
  index,
  t,
  onSaveTrack,
  onOpenEntity,
  onCancel,
}: ComposerProps & { draft: TrackDraft }) {
  const baseId = useId();
  const [name, setName] = useState(draft.text.trim().slice(0, 120));
  const [aliases, setAliases] = useState("");
  const [kind, setKind] = useState<EntityKind>("company");
  const [summary, setSummary] = useState("");
  const nameField = useRef<HTMLInputElement>(null);
  useEffect(() => nameField.current?.focus(), []);
  const known = findKnownName(index, name);
  const { busy, error, submit } = useSubmit(() =>
    onSaveTrack({
      name: name.trim(),
      aliases: parseAliasField(aliases).filter((alias) => alias.toLowerCase() !== name.trim().toLowerCase()),
      kind,
      summary: summary.trim(),
    }),
  );
  return (
    <form class="cc-form" onSubmit={submit} onKeyDown={(event) => escapeCancels(event, onCancel)}>
      <label class="cc-label" for={`${baseId}-name`}>
        {t("trackNameLabel")}
      </label>
      <input
        id={`${baseId}-name`}
        ref={nameField}
        class="cc-field"
        value={name}
        maxLength={120}
        required
        onInput={(event) => setName(event.currentTarget.value)}
        aria-describedby={known ? `${baseId}-known` : undefined}
      />
      {known ? (
        <p class="cc-notice" id={`${baseId}-known`} role="status" data-testid="already-known">
          <span>{t("trackAlreadyKnown", index.entities.get(known)?.entity.name ?? name)}</span>{" "}
          <button type="button" class="cc-text-button" onClick={() => onOpenEntity(known)}>
            {t("trackOpenKnown")}
          </button>
        </p>
      ) : null}
      <label class="cc-label" for={`${baseId}-aliases`}>
        {t("trackAliasesLabel")}
      </label>
      <input
        id={`${baseId}-aliases`}
        class="cc-field"
        value={aliases}
        aria-describedby={`${baseId}-aliases-hint`}
        onInput={(event) => setAliases(event.currentTarget.value)}
      />
      <p class="cc-hint" id={`${baseId}-aliases-hint`}>
        {t("trackAliasesHint")}
      </p>
      <label class="cc-label" for={`${baseId}-kind`}>
        {t("trackKindLabel")}
      </label>
      <select
        id={`${baseId}-kind`}
        class="cc-field"
        value={kind}
        onChange={(event) => setKind(event.currentTarget.value as EntityKind)}
      >
        {ENTITY_KINDS.map((option) => (
          <option key={option} value={option}>
            {t(KIND_KEYS[option])}
          </option>
        ))}
      </select>
      <label class="cc-label" for={`${baseId}-summary`}>
        {t("trackSummaryLabel")}
      </label>
      <textarea
        id={`${baseId}-summary`}
        class="cc-field cc-field--area"
        rows={2}
        maxLength={500}
        value={summary}
        onInput={(event) => setSummary(event.currentTarget.value)}
      />
      <FormActions
        t={t}
        error={error}
        submitLabel={t("trackSave")}
        disabled={name.trim() === "" || known !== null || busy}
        onCancel={onCancel}
      />
    </form>
  );
}

function escapeCancels(event: KeyboardEvent, onCancel: () => void): void {
  if (event.key !== "Escape") return;
  event.stopPropagation();
  onCancel();
}
