/** A `t` as the renderer's helpers take it: a key and its parameters to a string. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Names in the reader's language, the first few then how many more: the renderer's variant of the
 * shared `nameList`/`listNames` (whose English stays for the CLI, CSV and server messages).
 */
export function nameListT(names: readonly string[], shown: number, t: Translate): string {
  const sep = t('common.nameList.sep');
  if (names.length <= shown) return names.join(sep);
  return t('common.nameList.more', { names: names.slice(0, shown).join(sep), n: names.length - shown });
}
