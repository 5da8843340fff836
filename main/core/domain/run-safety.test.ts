// Tests of the shared rule: shared/ is type-checked without node's types, so they live here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confirmationMatches, isProductionHost, listNames, mayRunOn, RunSettings, RunSettingsSet, typedConfirmation } from '../../../shared/domain/run-safety';

const host = (name: string, tag = ''): { name: string; tag: string } => ({ name, tag });
const many = (n: number, tag = ''): { name: string; tag: string }[] => Array.from({ length: n }, (_, i) => host(`db-${i + 1}`, tag));

test('production: a word of the tag is production or prod, in any case; nothing else counts', () => {
  const cases: [string, boolean][] = [
    ['production', true], ['PRODUCTION', true], ['prod', true], ['Prod', true], ['pg15, production', true], ['eu;prod;pg', true], ['  prod  ', true],
    ['', false], ['staging', false], ['preprod', false], ['production-like', false], ['non-prod', false], ['products', false], ['prods', false],
  ];
  for (const [tag, want] of cases) assert.equal(isProductionHost({ tag }), want, JSON.stringify(tag));
});

test('typed confirmation: none below the threshold; the number at it; "production" for any production host, naming them', () => {
  assert.equal(typedConfirmation(many(9), 10), null);
  assert.equal(typedConfirmation([], 10), null);
  assert.deepEqual(typedConfirmation(many(10), 10), { word: '10', reason: 'This runs on 10 hosts (at least 10 ask for a confirmation).' });
  assert.deepEqual(typedConfirmation([host('a'), host('pg-main', 'prod')], 10), { word: 'production', reason: 'This runs on a production host: pg-main.' });
  const both = typedConfirmation([...many(11), host('p1', 'production'), host('p2', 'prod')], 10)!;
  assert.equal(both.word, 'production');
  assert.equal(both.reason, 'This runs on 13 hosts (at least 10 ask for a confirmation), among them 2 production hosts: p1, p2.');
});

test('what was typed must be the word: spaces around and case are forgiven, nothing else', () => {
  const c = { word: 'production', reason: '' };
  for (const ok of ['production', ' Production ', 'PRODUCTION']) assert.equal(confirmationMatches(c, ok), true, ok);
  for (const bad of ['', 'prod', 'production!', 'yes', 'productio n']) assert.equal(confirmationMatches(c, bad), false, bad);
  const n = { word: '12', reason: '' };
  assert.equal(confirmationMatches(n, '12'), true);
  for (const bad of ['11', '012', '12.0', 'twelve', 'y']) assert.equal(confirmationMatches(n, bad), false, bad);
});

test('names in a sentence: the first five, then how many more', () => {
  assert.equal(listNames(['a', 'b']), 'a, b');
  assert.equal(listNames(['a', 'b', 'c', 'd', 'e', 'f', 'g']), 'a, b, c, d, e and 2 more');
});

test('may run on: admins and DBAs anywhere; others only on granted hosts', () => {
  const granted = new Set([2]);
  assert.equal(mayRunOn(['admin'], new Set(), 1), true);
  assert.equal(mayRunOn(['dba'], new Set(), 1), true);
  assert.equal(mayRunOn(['developer'], granted, 2), true);
  assert.equal(mayRunOn(['developer'], granted, 1), false);
  assert.equal(mayRunOn(['viewer', 'plugin'], new Set(), 1), false);
});

test('settings are checked: whole seconds up to 7 days, a threshold of at least 2', () => {
  assert.deepEqual(RunSettings.parse({ default_timeout: '3600', confirm_hosts: 10 }), { default_timeout: 3600, confirm_hosts: 10 });
  for (const bad of [{ default_timeout: -1 }, { default_timeout: 1.5 }, { default_timeout: 7 * 86400 + 1 }, { default_timeout: 'soon' }, { confirm_hosts: 1 }, { confirm_hosts: 0 }, { confirm_hosts: 10_001 }]) {
    assert.equal(RunSettingsSet.safeParse(bad).success, false, JSON.stringify(bad));
  }
  assert.deepEqual(RunSettingsSet.parse({}), {});
});
