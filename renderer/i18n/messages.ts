/** The shape a translation must have: the same keys as the English original, every leaf a string. */
export type Messages<T> = { readonly [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

/** A nested message tree, as i18next reads it. */
export interface MessageTree {
  readonly [key: string]: string | MessageTree;
}

/** Every leaf key of a message tree, dotted ("tasks.stage.Started"). */
export function leafKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leafKeys(v, `${prefix}${k}.`)));
}

/** Whether a dotted key names a leaf (or, with i18next's plural suffixes, a family of leaves) of the tree. */
export function hasKey(tree: MessageTree, key: string): boolean {
  const parts = key.split('.');
  const last = parts.pop()!;
  let node: string | MessageTree | undefined = tree;
  for (const p of parts) {
    if (typeof node !== 'object') return false;
    node = node[p];
  }
  if (typeof node !== 'object') return false;
  return typeof node[last] === 'string' || ['one', 'other'].some((s) => typeof node[`${last}_${s}`] === 'string');
}
