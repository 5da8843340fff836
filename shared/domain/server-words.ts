import { z } from 'zod';

/**
 * Words the core composes (a job's description, a notification's title), as a message key and its
 * parameters: the console shows them in the reader's language, while the English text built from the
 * same template is kept beside them for REST, the CLI, webhooks and plug-ins.
 */
export const ServerWords = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ServerWords = z.infer<typeof ServerWords>;

export type WordParams = Readonly<Record<string, string | number>>;

/** A flat table of message templates, i18next-style: `{{name}}` placeholders, `_one` / `_other` plural forms chosen by `count`. */
export type Templates = Readonly<Record<string, string>>;

/** The key a template table answers to: a plural family (`run_one`, `run_other`) is one key (`run`). */
export type WordKey<T extends Templates> = { [K in keyof T & string]: K extends `${infer B}_one` | `${infer B}_other` ? B : K }[keyof T & string];

/** The template of `key` for these params (English plural rules: `_one` for a count of 1), or undefined. */
export function templateOf(table: Templates, key: string, params: WordParams): string | undefined {
  if (table[key] !== undefined) return table[key];
  const count = params.count;
  return table[`${key}_${count === 1 ? 'one' : 'other'}`] ?? table[`${key}_other`];
}

/** Fill `{{name}}` placeholders; an unknown one is left as written, so a missing parameter shows rather than vanishes. */
export function fill(template: string, params: WordParams): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** The placeholders a template uses (the key check compares them across languages). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

/** The English text and the words of `key`: one call builds both, so they cannot drift apart. */
export function said<T extends Templates>(table: T, key: WordKey<T>, params: WordParams = {}): { text: string; words: ServerWords } {
  const template = templateOf(table, key, params);
  if (template === undefined) throw new Error(`no words for ${key}`);
  return { text: fill(template, params), words: { key, params: { ...params } } };
}
