/**
 * The user's notes and names for the options page: loaded once, then kept current by
 * `watchUserData` (saves and deletes from any tab or context, including this page).
 */
import { useEffect, useState } from "preact/hooks";
import type { UserDataChanges } from "../core/user-data-records";
import { loadUserData, watchUserData } from "../platform/user-data-storage";
import { applyUserDataChanges, type UserDataState } from "./user-data-state";

export interface UserDataView {
  /** Null until loaded (or when loading failed). */
  data: UserDataState | null;
  /** Why nothing could be loaded. */
  error: string | null;
  /** Records that could not be read, set aside by the load. */
  problems: string[];
}

export function useUserData(): UserDataView {
  const [view, setView] = useState<UserDataView>({ data: null, error: null, problems: [] });
  useEffect(() => {
    // Listen first; changes heard before the load lands are applied after it (re-applying a
    // change the load already saw changes nothing).
    let pending: UserDataChanges[] | null = [];
    const stop = watchUserData((changes) => {
      if (pending) pending.push(changes);
      else
        setView((current) =>
          current.data ? { ...current, data: applyUserDataChanges(current.data, changes) } : current,
        );
    });
    loadUserData().then(
      (loaded) => {
        let data: UserDataState = { notes: loaded.notes, names: loaded.names };
        for (const changes of pending ?? []) data = applyUserDataChanges(data, changes);
        pending = null;
        setView({ data, error: null, problems: loaded.problems });
      },
      (error: unknown) => {
        pending = null;
        setView({ data: null, error: error instanceof Error ? error.message : String(error), problems: [] });
      },
    );
    return stop;
  }, []);
  return view;
}
