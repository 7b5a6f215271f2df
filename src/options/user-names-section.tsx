/**
 * "Your names": the names the user tracks, sorted by name, each with its aliases, kind,
 * summary and how many notes it has; each can be edited in place or removed (after a
 * confirmation that says what happens to its notes). Also shows how many notes there are.
 *
 * Pure Preact: the host passes the records and does the storage work in `onSave` /
 * `onDelete`; their rejections (a `UserDataError`, in plain words) are shown here.
 */
import type { JSX } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { ENTITY_KINDS, type EntityKind } from "../core/entity-kinds";
import { parseUserName, type UserName } from "../core/user-data-schema";
import type { Translate } from "../ui/card/entity-card";
import { countWords, errorMessage, kindLabelKey, Section, type Status, StatusLine } from "./section";
import { countNotesByEntity, sortNames, type UserDataState } from "./user-data-state";

export interface UserNamesSectionProps {
  t: Translate;
  /** The stored notes and names; null while loading or when they could not be read. */
  data: UserDataState | null;
  /** Why the notes and names could not be read. */
  loadError: string | null;
  /** Records the load could not read and set aside. */
  problems: readonly string[];
  /** Saves an edited name (the host: `saveUserName`). */
  onSave: (name: UserName) => Promise<void>;
  /** Removes a name, and its notes when asked (the host: `deleteUserName`). */
  onDelete: (id: string, options: { deleteNotes: boolean }) => Promise<void>;
  /** The clock for `updatedAt`; Date.now by default. */
  now?: () => number;
}

/** What the aliases field holds, as a list: split on commas (also "，" and "、"), trimmed, each once. */
export function parseAliasesInput(text: string): string[] {
  const seen = new Set<string>();
  const aliases: string[] = [];
  for (const part of text.split(/[,，、]/)) {
    const alias = part.trim();
    const key = alias.toLowerCase();
    if (alias === "" || seen.has(key)) continue;
    seen.add(key);
    aliases.push(alias);
  }
  return aliases;
}

export function UserNamesSection(props: UserNamesSectionProps): JSX.Element {
  const { t, data } = props;
  const id = useId();
  const [status, setStatus] = useState<Status>(null);
  const names = data ? sortNames(data.names) : [];
  const noteCounts = countNotesByEntity(data?.notes ?? []);

  return (
    <Section id={`${id}-title`} title={t("optionsNamesTitle")}>
      <p class="hint">{t("optionsNamesHint")}</p>
      {props.loadError !== null ? (
        <p class="warning names__message" role="alert">
          {t("optionsNamesLoadFailed", props.loadError)}
        </p>
      ) : data === null ? (
        <p class="hint names__message">{t("optionsNamesLoading")}</p>
      ) : (
        <p class="names__total" data-testid="notes-total">
          {countWords(t, data.notes.length, {
            none: "optionsNotesTotalNone",
            one: "optionsNotesTotalOne",
            many: "optionsNotesTotalMany",
          })}
        </p>
      )}
      {props.problems.length > 0 ? (
        <div class="warning names__message" data-testid="names-problems">
          <p>{t("optionsNamesProblems")}</p>
          <ul class="notice__list">
            {props.problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {data !== null && names.length === 0 ? (
        <p class="sites__empty" data-testid="names-empty">
          {t("optionsNamesEmpty")}
        </p>
      ) : null}
      {names.length > 0 ? (
        <ul class="names" data-testid="names-list">
          {names.map((name) => (
            <NameItem
              key={name.id}
              t={t}
              name={name}
              noteCount={noteCounts.get(name.id) ?? 0}
              onSave={props.onSave}
              onDelete={props.onDelete}
              now={props.now ?? Date.now}
              onStatus={setStatus}
            />
          ))}
        </ul>
      ) : null}
      <StatusLine status={status} testId="names-status" />
    </Section>
  );
}

type Mode = "view" | "edit" | "confirm-remove";

function NameItem({
  t,
  name,
  noteCount,
  onSave,
  onDelete,
  now,
  onStatus,
}: {
  t: Translate;
  name: UserName;
  noteCount: number;
  onSave: UserNamesSectionProps["onSave"];
  onDelete: UserNamesSectionProps["onDelete"];
  now: () => number;
  onStatus: (status: Status) => void;
}) {
  const id = useId();
  const [mode, setMode] = useState<Mode>("view");
  const editButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const back = (focus: typeof editButton) => {
    setMode("view");
    // After the re-render that brings the buttons back.
    setTimeout(() => focus.current?.focus(), 0);
  };

  return (
    <li class="names__item" data-name-id={name.id}>
      <div class="names__head">
        <span class="names__name" id={`${id}-name`}>
          {name.name}
        </span>
        <span class="badge">{t("optionsNameBadge")}</span>
        <span class="names__kind" data-testid="name-kind">
          {t(kindLabelKey(name.kind))}
        </span>
      </div>
      {name.aliases.length > 0 ? (
        <p class="names__aliases" data-testid="name-aliases">
          {t("optionsNameAliases", name.aliases.join(", "))}
        </p>
      ) : null}
      {name.summary ? (
        <p class="names__summary" data-testid="name-summary">
          {name.summary}
        </p>
      ) : null}
      <p class="hint" data-testid="name-notes">
        {countWords(t, noteCount, {
          none: "optionsNameNotesNone",
          one: "optionsNameNotesOne",
          many: "optionsNameNotesMany",
        })}
      </p>
      {mode === "view" ? (
        <div class="names__actions">
          <button
            ref={editButton}
            type="button"
            class="button button--small"
            aria-label={t("optionsNameEditLabel", name.name)}
            onClick={() => {
              onStatus(null);
              setMode("edit");
            }}
          >
            {t("optionsNameEdit")}
          </button>
          <button
            ref={removeButton}
            type="button"
            class="button button--small"
            aria-label={t("optionsNameRemoveLabel", name.name)}
            onClick={() => {
              onStatus(null);
              setMode("confirm-remove");
            }}
          >
            {t("optionsNameRemove")}
          </button>
        </div>
      ) : mode === "edit" ? (
        <NameEditor
          t={t}
          name={name}
          now={now}
          onSave={async (next) => {
            await onSave(next);
            onStatus({ status: t("optionsNameSaved", next.name) });
            back(editButton);
          }}
          onCancel={() => back(editButton)}
        />
      ) : (
        <RemoveConfirmation
          t={t}
          name={name}
          noteCount={noteCount}
          onConfirm={async (deleteNotes) => {
            try {
              await onDelete(name.id, { deleteNotes });
              const done =
                noteCount === 0
                  ? "optionsNameRemoved"
                  : deleteNotes
                    ? "optionsNameRemovedWithNotes"
                    : "optionsNameRemovedKeptNotes";
              onStatus({ status: t(done, name.name) });
            } catch (error) {
              onStatus({ alert: errorMessage(error) });
              back(removeButton);
            }
          }}
          onCancel={() => back(removeButton)}
        />
      )}
    </li>
  );
}

/** The record an edit makes, or the problems that keep it from being saved. */
export function buildEditedName(
  name: UserName,
  fields: { name: string; aliases: string; kind: EntityKind; summary: string },
  now: number,
): { ok: true; value: UserName } | { ok: false; problems: string[] } {
  const { summary: _old, ...rest } = name;
  const summary = fields.summary.trim();
  const edited: UserName = {
    ...rest,
    name: fields.name.trim(),
    aliases: parseAliasesInput(fields.aliases),
    kind: fields.kind,
    ...(summary === "" ? {} : { summary }),
    updatedAt: Math.max(now, name.createdAt, name.updatedAt),
  };
  const parsed = parseUserName(edited);
  return parsed.ok ? { ok: true, value: parsed.value } : parsed;
}

function NameEditor({
  t,
  name,
  now,
  onSave,
  onCancel,
}: {
  t: Translate;
  name: UserName;
  now: () => number;
  onSave: (next: UserName) => Promise<void>;
  onCancel: () => void;
}) {
  const id = useId();
  const [fields, setFields] = useState({
    name: name.name,
    aliases: name.aliases.join(", "),
    kind: name.kind,
    summary: name.summary ?? "",
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (patch: Partial<typeof fields>) => {
    setFields((current) => ({ ...current, ...patch }));
    if (error) setError(null);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (fields.name.trim() === "") {
      setError(t("optionsNameEmptyError"));
      first.current?.focus();
      return;
    }
    const edited = buildEditedName(name, fields, now());
    if (!edited.ok) {
      setError(t("optionsNameInvalid", edited.problems.join("; ")));
      return;
    }
    setBusy(true);
    try {
      await onSave(edited.value);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <form
      class="name-form"
      aria-label={t("optionsNameEditLabel", name.name)}
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <div class="name-form__field">
        <label class="field__label" for={`${id}-name`}>
          {t("optionsNameFieldName")}
        </label>
        <input
          ref={first}
          id={`${id}-name`}
          class="text-input"
          type="text"
          autoComplete="off"
          required
          value={fields.name}
          aria-invalid={error && fields.name.trim() === "" ? "true" : "false"}
          onInput={(event) => set({ name: event.currentTarget.value })}
        />
      </div>
      <div class="name-form__field">
        <label class="field__label" for={`${id}-aliases`}>
          {t("optionsNameFieldAliases")}
        </label>
        <input
          id={`${id}-aliases`}
          class="text-input"
          type="text"
          autoComplete="off"
          value={fields.aliases}
          aria-describedby={`${id}-aliases-hint`}
          onInput={(event) => set({ aliases: event.currentTarget.value })}
        />
        <p class="hint" id={`${id}-aliases-hint`}>
          {t("optionsNameFieldAliasesHint")}
        </p>
      </div>
      <div class="name-form__field">
        <label class="field__label" for={`${id}-kind`}>
          {t("optionsNameFieldKind")}
        </label>
        <select
          id={`${id}-kind`}
          class="text-input select"
          value={fields.kind}
          onChange={(event) => set({ kind: event.currentTarget.value as EntityKind })}
        >
          {ENTITY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(kindLabelKey(kind))}
            </option>
          ))}
        </select>
      </div>
      <div class="name-form__field">
        <label class="field__label" for={`${id}-summary`}>
          {t("optionsNameFieldSummary")}
        </label>
        <textarea
          id={`${id}-summary`}
          class="text-input text-area"
          rows={2}
          value={fields.summary}
          aria-describedby={`${id}-summary-hint`}
          onInput={(event) => set({ summary: event.currentTarget.value })}
        />
        <p class="hint" id={`${id}-summary-hint`}>
          {t("optionsNameFieldSummaryHint")}
        </p>
      </div>
      {error !== null ? (
        <p class="field__error" role="alert" data-testid="name-error">
          {error}
        </p>
      ) : null}
      <div class="names__actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {t("optionsNameSave")}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t("optionsNameCancel")}
        </button>
      </div>
    </form>
  );
}

function RemoveConfirmation({
  t,
  name,
  noteCount,
  onConfirm,
  onCancel,
}: {
  t: Translate;
  name: UserName;
  noteCount: number;
  onConfirm: (deleteNotes: boolean) => Promise<void>;
  onCancel: () => void;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => question.current?.focus(), []);
  // Stays busy once confirmed: the item goes when storage reports the removal, and a failure
  // closes the confirmation.
  const confirm = (deleteNotes: boolean) => {
    setBusy(true);
    void onConfirm(deleteNotes);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons about one question, not a form
    <div
      class="confirm"
      role="group"
      aria-labelledby={`${id}-question`}
      data-testid="remove-confirmation"
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <p class="confirm__question" id={`${id}-question`} tabIndex={-1} ref={question}>
        {countWords(
          t,
          noteCount,
          {
            none: "optionsNameRemoveQuestionNone",
            one: "optionsNameRemoveQuestionOne",
            many: "optionsNameRemoveQuestionMany",
          },
          [name.name],
        )}
      </p>
      {noteCount > 0 ? <p class="hint">{t("optionsNameRemoveKeepHint")}</p> : null}
      <div class="names__actions">
        {noteCount > 0 ? (
          <>
            <button type="button" class="button" disabled={busy} onClick={() => confirm(false)}>
              {t("optionsNameRemoveKeepNotes")}
            </button>
            <button type="button" class="button button--danger" disabled={busy} onClick={() => confirm(true)}>
              {t("optionsNameRemoveWithNotes")}
            </button>
          </>
        ) : (
          <button type="button" class="button button--danger" disabled={busy} onClick={() => confirm(false)}>
            {t("optionsNameRemove")}
          </button>
        )}
        <button type="button" class="button" disabled={busy} onClick={onCancel}>
          {t("optionsNameCancel")}
        </button>
      </div>
    </div>
  );
}
