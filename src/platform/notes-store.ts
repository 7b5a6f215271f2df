/**
 * The user's notes as a card sees them (in pages, through the card module, and in the popup):
 * loaded once, kept in step with every change made anywhere (other tabs, the options page)
 * and written one record at a time. In pages it is created with the card module, so pages
 * where no card opens never read the user's data.
 */
import { makeNoteId, type Note, USER_DATA_LIMITS } from "../core/user-data-schema";
import { deleteNote, loadUserData, saveNote, watchUserData } from "./user-data-storage";

/** Where a note was written, and the words it quotes. */
export interface NoteOrigin {
  page?: { url: string; title: string } | undefined;
  quote?: { exact: string; prefix?: string; suffix?: string } | undefined;
}

/** See the module comment. */
export class NotesStore {
  private readonly notes = new Map<string, Note>();
  private readonly listeners = new Set<() => void>();
  /** Resolves once the stored notes are in; a failed load leaves the store empty (and says so). */
  readonly ready: Promise<void>;
  /** Why the notes could not be read, if they could not. */
  problem: string | null = null;
  /** True once the stored notes are in (or could not be read). */
  loaded = false;

  constructor() {
    // Deleted while the first read was on its way: that read must not bring them back.
    const deletedMeanwhile = new Set<string>();
    watchUserData((changes) => {
      for (const id of changes.deletedNoteIds) {
        this.notes.delete(id);
        if (!this.loaded) deletedMeanwhile.add(id);
      }
      for (const note of changes.savedNotes) this.notes.set(note.id, note);
      this.emit();
    });
    this.ready = loadUserData().then(
      (loaded) => {
        for (const note of loaded.notes) {
          if (!this.notes.has(note.id) && !deletedMeanwhile.has(note.id)) this.notes.set(note.id, note);
        }
        this.loaded = true;
        this.emit();
      },
      (error: unknown) => {
        this.problem = error instanceof Error ? error.message : String(error);
        this.loaded = true;
        this.emit();
      },
    );
  }

  /** The notes on `entityId`, in no particular order. */
  notesFor(entityId: string): Note[] {
    return [...this.notes.values()].filter((note) => note.entityId === entityId);
  }

  /** Calls `listener` after every change; returns a function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds a note on `entityId`; rejects with a plain message (e.g. storage full). */
  async add(entityId: string, text: string, origin: NoteOrigin): Promise<Note> {
    const now = Date.now();
    const note: Note = {
      id: makeNoteId(undefined, this.notes),
      entityId,
      text,
      createdAt: now,
      updatedAt: now,
    };
    const page = cleanPage(origin.page);
    if (page) note.page = page;
    if (origin.quote) note.quote = origin.quote;
    await saveNote(note);
    this.notes.set(note.id, note);
    this.emit();
    return note;
  }

  /** Replaces the text of note `id`. */
  async edit(id: string, text: string): Promise<void> {
    const note = this.notes.get(id);
    if (!note) return;
    const next = { ...note, text, updatedAt: Math.max(Date.now(), note.createdAt) };
    await saveNote(next);
    this.notes.set(id, next);
    this.emit();
  }

  /** Deletes note `id`. */
  async remove(id: string): Promise<void> {
    await deleteNote(id);
    this.notes.delete(id);
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The page a note was written on, within the schema's limits; undefined for other URLs. */
function cleanPage(page: NoteOrigin["page"]): Note["page"] {
  if (!page) return undefined;
  let url = page.url;
  try {
    const parsed = new URL(url);
    if (!/^(https?|file):$/.test(parsed.protocol)) return undefined;
    // A fragment of ours (or the page's) is not part of where the note was written.
    parsed.hash = "";
    url = parsed.href;
  } catch {
    return undefined;
  }
  if (url.length > USER_DATA_LIMITS.urlLength) return undefined;
  return { url, title: page.title.trim().slice(0, USER_DATA_LIMITS.pageTitleLength) };
}
