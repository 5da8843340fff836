import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { CliApiError } from './cli-errors';

/** A YAML config file read for a command: its value, and where each field is (for errors naming the line). */
export interface ConfigFile {
  readonly file: string;
  readonly value: Record<string, unknown>;
  /** `retry_times` → `f.yaml:12: retry_times`; a field not in the file is named alone. */
  place(field: string): string;
}

export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliApiError('not_found', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const bad = doc.errors[0];
  if (bad) {
    const at = lines.linePos(bad.pos[0]);
    throw new CliApiError('validation', `${file}:${at.line}:${at.col}: not valid YAML: ${bad.message.split('\n')[0]}`);
  }
  if (!isMap(doc.contents)) throw new CliApiError('validation', `${file}: must be a YAML mapping of fields (name: …), not ${doc.contents === null ? 'empty' : 'a list or a value'}`);
  return {
    file,
    value: doc.toJS() as Record<string, unknown>,
    place(field) {
      const node = doc.getIn(field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)), true) as { range?: [number, number, number] } | undefined;
      return node?.range ? `${file}:${lines.linePos(node.range[0]).line}: ${field}` : field;
    },
  };
}

/**
 * Write `value` as YAML to `file`. When the file already holds a YAML mapping, its values are replaced in place so
 * that its comments and key order survive (`get --output` over a file one keeps in git).
 */
export function writeYamlFile(file: string, value: Record<string, unknown>): void {
  let doc: Document | null = null;
  if (fs.existsSync(file)) {
    const old = parseDocument(fs.readFileSync(file, 'utf8'));
    if (old.errors.length === 0 && isMap(old.contents)) doc = old;
  }
  if (!doc) {
    doc = new Document(value);
  } else {
    mergeInto(doc, doc.contents as YAMLMap, value);
  }
  fs.writeFileSync(file, doc.toString());
}

function mergeInto(doc: Document, map: YAMLMap, value: Record<string, unknown>): void {
  for (const pair of [...map.items]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!Object.hasOwn(value, key)) map.delete(pair.key);
  }
  for (const [key, v] of Object.entries(value)) {
    const node = map.get(key, true);
    // An unchanged value keeps its node as written (flow or block, quotes, comments).
    if (isNode(node) && isDeepStrictEqual(node.toJS(doc), v)) continue;
    if (isScalar(node) && (v === null || typeof v !== 'object')) node.value = v;
    else if (isMap(node) && v !== null && typeof v === 'object' && !Array.isArray(v)) mergeInto(doc, node, v as Record<string, unknown>);
    else if (isSeq(node)) {
      const seq = doc.createNode(v) as YAMLSeq;
      Object.assign(seq, { flow: node.flow, comment: node.comment, commentBefore: node.commentBefore });
      map.set(key, seq);
    } else map.set(key, doc.createNode(v));
  }
}
