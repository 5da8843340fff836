import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { currentLanguage, i18n, loadLanguage, switchLanguage } from './i18n';

const rendererDir = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'locales' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** A static import of Chinese messages (or of the both-languages module) would put them in the sign-in bundle. */
const eagerChinese = /^import\s[^;]*from\s+'[^']*(?:locales\/zh-CN\/|\/resources-zh-cn|\/resources)'/m;

test('no console module imports the Chinese messages up front (only the key checks and the lazy chunk do)', () => {
  const allowed = new Set(['i18n/resources.ts', 'i18n/resources-zh-cn.ts']);
  const eager = sourceFiles(rendererDir).map((f) => path.relative(rendererDir, f)).filter((f) => !allowed.has(f) && eagerChinese.test(fs.readFileSync(path.join(rendererDir, f), 'utf8')));
  assert.deepEqual(eager, []);
  assert.equal(eagerChinese.test("import { zhCN } from './resources-zh-cn';"), true, 'the scan sees a static import');
  assert.equal(eagerChinese.test("const { zhCN } = await import('./resources-zh-cn');"), false, 'a dynamic import is the point');
});

test('Chinese arrives when loaded, and a switch that is no longer wanted does not happen', async () => {
  assert.equal(i18n.hasResourceBundle('zh-CN', 'translation'), false, 'English alone at start');
  assert.equal(i18n.getFixedT('zh-CN')('common.action.save'), 'Save', 'before loading, Chinese falls back to English');
  await switchLanguage('zh-CN', () => false);
  assert.equal(currentLanguage(), 'en', 'the user chose English again while Chinese loaded');
  assert.equal(i18n.getFixedT('zh-CN')('common.action.save'), '保存');
  await switchLanguage('zh-CN', () => true);
  assert.equal(currentLanguage(), 'zh-CN');
  await switchLanguage('en', () => true);
  await loadLanguage('zh-CN');
  assert.equal(currentLanguage(), 'en', 'loading alone switches nothing');
});
