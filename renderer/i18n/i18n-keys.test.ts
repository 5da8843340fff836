import assert from 'node:assert/strict';
 
import fs from 'node:fs';
 
import path from 'node:path';
import { test } from 'node:test';
import { hasKey, leafKeys, type MessageTree } from './messages';
import { resources } from './resources';

const rendererDir = path.resolve(import.meta.dirname, '..');
const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]!).sort();

function valueAt(tree: MessageTree, key: string): string | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const p of key.split('.')) node = typeof node === 'object' ? node[p] : undefined;
  return typeof node === 'string' ? node : undefined;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'locales' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Literal keys passed to t(): `t('a.b')`, `t("a.b", …)`, `i18nKey="a.b"`. */
function usedKeys(source: string): string[] {
  return [...source.matchAll(/\bt\(\s*(['"])([\w.-]+)\1/g), ...source.matchAll(/i18nKey=(['"])([\w.-]+)\1/g)].map((m) => m[2]!);
}

test('every key exists in English and in Chinese, and no translation is empty', () => {
  const en = new Set(leafKeys(resources.en));
  const zh = new Set(leafKeys(resources['zh-CN']));
  assert.deepEqual([...en].filter((k) => !zh.has(k)), [], 'keys missing in zh-CN');
  assert.deepEqual([...zh].filter((k) => !en.has(k)), [], 'keys missing in en');
  for (const [lng, tree] of Object.entries(resources)) {
    assert.deepEqual(leafKeys(tree).filter((k) => !valueAt(tree, k)?.trim()), [], `empty messages in ${lng}`);
  }
});

test('a translation fills the same placeholders as the English original', () => {
  const differ = leafKeys(resources.en).filter((k) => placeholders(valueAt(resources.en, k)!).join() !== placeholders(valueAt(resources['zh-CN'], k) ?? '').join());
  assert.deepEqual(differ, []);
});

test('every t(\'…\') key used in the renderer exists in both languages', () => {
  const missing: string[] = [];
  let used = 0;
  for (const file of sourceFiles(rendererDir)) {
    for (const key of usedKeys(fs.readFileSync(file, 'utf8'))) {
      used++;
      for (const [lng, tree] of Object.entries(resources)) if (!hasKey(tree, key)) missing.push(`${path.relative(rendererDir, file)}: ${key} (${lng})`);
    }
  }
  assert.ok(used > 50, `the scan found only ${used} keys: is it reading the sources?`);
  assert.deepEqual(missing, []);
});

test('the checks themselves catch a missing key', () => {
  assert.equal(hasKey(resources.en, 'shell.nav.no-such-page'), false);
  assert.equal(hasKey(resources.en, 'shell.nav'), false, 'a branch is not a message');
  assert.equal(hasKey(resources.en, 'shell.pending'), true, 'a plural family counts as its key');
  assert.deepEqual(usedKeys("const a = t('x.y'); t(\"z\", { n }); i18nKey=\"q.r\"; format('no.key')"), ['x.y', 'z', 'q.r']);
});
