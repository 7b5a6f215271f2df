/**
 * The user's own notes on a name, as the card shows them: newest first, links in the text
 * made clickable (http and https only, as text nodes), the quote a note was clipped with and a
 * link back to where it was written, plus adding, editing and deleting.
 *
 * Pure Preact: the host passes the notes and does the saving.
 */
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { splitLinks } from "../../core/note-text";
import { buildTextFragmentUrl } from "../../core/text-fragment";
import type { Note } from "../../core/user-data-schema";
import type { Translate } from "./entity-card";

/** What the card needs to show and change the user's notes on one name. */
export interface NotesProps {
  /** The notes on this name (any order; shown newest first). */
  notes: readonly Note[];
  /** Saves a new note (`id` undefined) or new text for an existing one; rejects with a message. */
  onSave: (text: string, id?: string) => Promise<void>;
  /** Deletes a note; rejects with a message. */
  onDelete: (id: string) => Promise<void>;
  /** The user started or stopped writing (the host keeps the card open meanwhile). */
  onEditing?: (editing: boolean) => void;
  /** Why the stored notes could not be read, if they could not. */
  problem?: string | null | undefined;
}

/** Where notes are kept: what a card needs of a notes store (see platform/notes-store.ts). */
export interface NotesSource {
  /** False until the stored notes are in. */
  readonly loaded: boolean;
  readonly problem: string | null;
  notesFor(entityId: string): Note[];
  add(
    entityId: string,
    text: string,
    origin: { page?: { url: string; title: string } | undefined },
  ): Promise<unknown>;
  edit(id: string, text: string): Promise<void>;
  remove(id: string): Promise<void>;
}

/**
 * The notes props of the card for `entityId`, from `source`; undefined until the stored notes
 * are in (a card then shows no notes section rather than a false "none"). New notes record
 * `page()` as where they were written.
 */
export function notesPropsFor(
  source: NotesSource | undefined,
  entityId: string,
  page: () => { url: string; title: string } | undefined,
  onEditing?: (editing: boolean) => void,
): NotesProps | undefined {
  if (!source?.loaded) return undefined;
  return {
    notes: source.notesFor(entityId),
    onSave: async (text, id) => {
      if (id === undefined) await source.add(entityId, text, { page: page() });
      else await source.edit(id, text);
    },
    onDelete: (id) => source.remove(id),
    onEditing,
    problem: source.problem,
  };
}

/** Longest note text the editor accepts (the schema's limit). */
export const NOTE_TEXT_LIMIT = 20_000;

/** Notes sorted newest first (by creation, then id, so the order is stable). */
export function sortNotesNewestFirst(notes: readonly Note[]): Note[] {
  return [...notes].sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}

/** Plain text with http(s) links as anchors; never HTML. */
export function NoteText({ text }: { text: string }) {
  return (
    <p class="cc-usernote__text">
      {splitLinks(text).map((part, i) =>
        part.kind === "link" ? (
          <a key={i} class="cc-link" href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}

// Stands for "a new note" in the editing state; never a note id (ids are letters, digits, _ and -).
const NEW_NOTE = ":new";

export function NotesSection({
  notes,
  onSave,
  onDelete,
  onEditing,
  problem,
  t,
}: NotesProps & { t: Translate }) {
  const baseId = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sorted = sortNotesNewestFirst(notes);

  const startEditing = (which: string) => {
    setError(null);
    setEditing(which);
    onEditing?.(true);
  };
  const stopEditing = () => {
    setEditing(null);
    onEditing?.(false);
  };
  const run = async (action: () => Promise<void>) => {
    try {
      await action();
      setError(null);
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return false;
    }
  };

  return (
    <section class="cc-section cc-usernotes" aria-labelledby={`${baseId}-title`} data-testid="user-notes">
      <div class="cc-usernotes__head">
        <h3 class="cc-section__title" id={`${baseId}-title`}>
          {t("notesTitle")}
        </h3>
        {editing === null ? (
          <button type="button" class="cc-text-button" onClick={() => startEditing(NEW_NOTE)}>
            {t("notesAdd")}
          </button>
        ) : null}
      </div>
      {(error ?? problem) ? (
        <p class="cc-usernotes__error" role="alert">
          {error ?? problem}
        </p>
      ) : null}
      {editing === NEW_NOTE ? (
        <NoteEditor
          t={t}
          initial=""
          onCancel={stopEditing}
          onSubmit={async (text) => {
            if (await run(() => onSave(text))) stopEditing();
          }}
        />
      ) : null}
      {sorted.length === 0 && editing !== NEW_NOTE ? (
        <p class="cc-usernotes__empty">{t("notesEmpty")}</p>
      ) : null}
      <ul class="cc-usernotes__list">
        {sorted.map((note) => (
          <li key={note.id} class="cc-usernote" data-note-id={note.id}>
            {editing === note.id ? (
              <NoteEditor
                t={t}
                initial={note.text}
                allowEmpty={note.quote !== undefined}
                onCancel={stopEditing}
                onSubmit={async (text) => {
                  if (await run(() => onSave(text, note.id))) stopEditing();
                }}
              />
            ) : (
              <NoteView
                note={note}
                t={t}
                onEdit={() => startEditing(note.id)}
                onDelete={() => void run(() => onDelete(note.id))}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function NoteView({
  note,
  t,
  onEdit,
  onDelete,
}: {
  note: Note;
  t: Translate;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const when = new Date(note.updatedAt).toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const source = note.page;
  const link = source ? (note.quote ? buildTextFragmentUrl(source.url, note.quote) : source.url) : null;
  return (
    <article class="cc-usernote__body">
      {note.quote ? <blockquote class="cc-quote cc-usernote__quote">{note.quote.exact}</blockquote> : null}
      {note.text !== "" ? <NoteText text={note.text} /> : null}
      <p class="cc-usernote__meta">
        <span>{note.updatedAt > note.createdAt ? t("notesEdited", when) : when}</span>
        {source && link !== null && /^https?:/.test(link) ? (
          <>
            {" · "}
            <a class="cc-link" href={link} target="_blank" rel="noopener noreferrer" title={source.url}>
              {source.title.trim() || new URL(source.url).host}
            </a>
          </>
        ) : null}
      </p>
      <div class="cc-usernote__actions">
        {confirming ? (
          <>
            <span class="cc-usernote__confirm">{t("notesDeleteConfirm")}</span>
            <button type="button" class="cc-text-button cc-text-button--danger" onClick={onDelete}>
              {t("notesDelete")}
            </button>
            <button type="button" class="cc-text-button" onClick={() => setConfirming(false)}>
              {t("notesCancel")}
            </button>
          </>
        ) : (
          <>
            <button type="button" class="cc-text-button" onClick={onEdit}>
              {t("notesEdit")}
            </button>
            <button type="button" class="cc-text-button" onClick={() => setConfirming(true)}>
              {t("notesDelete")}
            </button>
          </>
        )}
      </div>
    </article>
  );
}

function NoteEditor({
  t,
  initial,
  allowEmpty = false,
  onSubmit,
  onCancel,
}: {
  t: Translate;
  initial: string;
  allowEmpty?: boolean;
  onSubmit: (text: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const blank = text.trim() === "" && !allowEmpty;
  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (blank || busy) return;
    setBusy(true);
    await onSubmit(text.trim());
    setBusy(false);
  };
  return (
    <form class="cc-form" onSubmit={submit}>
      <textarea
        ref={field}
        class="cc-field cc-field--area"
        aria-label={t("notesFieldLabel")}
        value={text}
        maxLength={NOTE_TEXT_LIMIT}
        rows={3}
        placeholder={t("notesPlaceholder")}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Ctrl/⌘+Enter saves; Escape cancels this edit only (the card stays open).
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) void submit();
          if (event.key === "Escape") {
            event.stopPropagation();
            onCancel();
          }
        }}
      />
      <FormActions t={t} submitLabel={t("notesSave")} disabled={blank || busy} onCancel={onCancel} />
    </form>
  );
}

/** A form's problem (if any), then its submit and Cancel buttons. */
export function FormActions(props: {
  t: Translate;
  submitLabel: string;
  disabled: boolean;
  onCancel: () => void;
  error?: string | null;
}) {
  return (
    <>
      {props.error ? (
        <p class="cc-usernotes__error" role="alert">
          {props.error}
        </p>
      ) : null}
      <div class="cc-form__actions">
        <button type="submit" class="cc-button cc-button--primary" disabled={props.disabled}>
          {props.submitLabel}
        </button>
        <button type="button" class="cc-button" onClick={props.onCancel}>
          {props.t("notesCancel")}
        </button>
      </div>
    </>
  );
}
