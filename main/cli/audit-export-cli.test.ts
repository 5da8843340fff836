import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type CliKit, startCliServer } from '../../testing/cli-kit';
import type { Harness } from '../../testing/core-harness';

let h: Harness;
let cli: CliKit;
let dispose: () => Promise<void>;

before(async () => {
  ({ h, cli, dispose } = await startCliServer());
  const { store, audit } = h.core.services;
  // Past one page of the export (500), so the CLI is seen to take every page.
  store.tx(() => {
    for (let i = 0; i < 1200; i++) audit.record('dora', 'host.created', 'host', 50_000 + i, { name: i === 7 ? '=cmd|"/c calc"!A1' : `db-${i}`, host: `10.0.${i % 200}.1:22` });
  });
  store.tx(() => audit.record('erin', 'task.created', 'task', 9, { name: 'nightly' }));
});
after(() => dispose());

const rowsOf = (csv: string): string[] => csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);

test('audit export writes every matching entry to a 0600 file, or to stdout; the filters are flags', async () => {
  const target = path.join(h.dir, 'audit.csv');
  const saved = await cli.run(['audit', 'export', '--actor', 'dora', '--output', target]);
  assert.equal(saved.code, 0, saved.err);
  assert.match(saved.err, /bytes written to .*audit\.csv/);
  const text = fs.readFileSync(target, 'utf8');
  assert.ok(text.startsWith('\uFEFFid,time,actor,category,action,'), 'the header after a UTF-8 mark');
  const rows = rowsOf(text);
  assert.equal(rows.length, 1 + 1200, 'every entry of dora, not one page');
  assert.ok(rows.slice(1).every((r) => r.includes(',dora,')), 'the actor filter applies');
  assert.ok(rows.some((r) => r.includes(`"'=cmd|""/c calc""!A1"`)), 'a formula is written as text');
  assert.equal(fs.statSync(target).mode & 0o777, 0o600);

  const printed = await cli.run(['audit', 'export', '--q', 'nightly']);
  assert.equal(printed.code, 0, printed.err);
  const lines = rowsOf(printed.out);
  assert.equal(lines.length, 2, printed.out);
  assert.match(lines[1]!, /,erin,changes,task\.created,task,9,nightly,/);
});

test('audit export refuses a bad filter naming the field (exit 1) and an unknown flag (exit 2), writing nothing', async () => {
  const target = path.join(h.dir, 'never.csv');
  const bad = await cli.run(['audit', 'export', '--from', 'last tuesday', '--output', target]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /^taskdeck: validation: .*from must be an ISO time/m);
  assert.equal(fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '', '', 'no CSV for a refused export');
  const unknown = await cli.run(['audit', 'export', '--limit', '5']);
  assert.equal(unknown.code, 2);
});
