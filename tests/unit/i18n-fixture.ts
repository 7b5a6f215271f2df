/**
 * `browser.i18n.getMessage` over the real messages in assets/_locales, for component tests:
 * `$NAME$` → its placeholder's content (`$1`) → the substitution. An unknown key throws, so a
 * missing string fails the test that needs it.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

// happy-dom gives import.meta.url a non-file scheme; the directory is still a path.
const root = resolve(import.meta.dirname, "../..");

export type Translate = (key: string, substitutions?: string | string[]) => string;

/** A translate function over one locale's messages.json ("en", "zh_CN"). */
export function translatorFor(locale: string): Translate {
  const messages = JSON.parse(
    readFileSync(resolve(root, `assets/_locales/${locale}/messages.json`), "utf8"),
  ) as Messages;
  return (key, substitutions) => {
    const entry = messages[key];
    if (!entry) throw new Error(`missing message: ${key}`);
    const subs =
      substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    const fill = (text: string) => text.replace(/\$(\d)/g, (_m, d: string) => subs[Number(d) - 1] ?? "");
    return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (match, name: string | undefined) => {
      if (name === undefined) return "$";
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? fill(placeholder.content) : match;
    });
  };
}

/** English, as the tests read it. */
export const t: Translate = translatorFor("en");
