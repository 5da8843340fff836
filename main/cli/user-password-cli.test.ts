import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CliKit } from '../../testing/cli-kit';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';

let s: ServerHarness;
let cli: CliKit;

before(async () => {
  s = await startServerHarness();
  cli = new CliKit(s.server.url);
  // Signed in with the password on stdin (startCliServer passes it in the environment).
  assert.equal((await cli.run(['login', '--user-name', 'admin'], {}, { stdin: 'adminpass1\n' })).code, 0);
});
after(async () => {
  await s.dispose();
  cli.dispose();
});

test('user change-password takes no password flags: they would stay in the shell history', async () => {
  const r = await cli.run(['user', 'change-password', '--new-password', 'a long new secret']);
  assert.equal(r.code, 2);
  assert.match(r.err, /unknown option '--new-password'/);
  const json = await cli.run(['user', 'change-password', '--json', '{"new_password":"a long new secret"}']);
  assert.equal(json.code, 2);
});

test('user change-password on a terminal asks without echo, the new one twice; two different answers change nothing', async () => {
  const differ = await cli.run(['user', 'change-password'], {}, { tty: true, passwords: ['adminpass1', 'first long secret', 'second long secret'] });
  assert.equal(differ.code, 2);
  assert.match(differ.err, /the two new passwords differ; nothing was changed/);
  assert.deepEqual(cli.asked.slice(-3), ['Current password:', 'New password:', 'New password (again):']);

  const ok = await cli.run(['user', 'change-password', '-o', 'json'], {}, { tty: true, passwords: ['adminpass1', 'first long secret', 'first long secret'] });
  assert.equal(ok.code, 0, ok.err);
  assert.equal((await cli.run(['user', 'list'])).code, 0, 'the CLI\'s own session stays signed in');
});

test('user change-password reads the two passwords from stdin off a terminal; the policy\'s refusal names the field', async () => {
  const weak = await cli.run(['user', 'change-password'], {}, { stdin: 'first long secret\nqwerty123456\n' });
  assert.equal(weak.code, 1);
  assert.match(weak.err, /^taskdeck: validation: new_password: .*common/);
  const missing = await cli.run(['user', 'change-password'], {}, { stdin: 'first long secret\n' });
  assert.equal(missing.code, 2);
  assert.match(missing.err, /new password missing/);
  const ok = await cli.run(['user', 'change-password'], {}, { stdin: 'first long secret\nsecond long secret\n' });
  assert.equal(ok.code, 0, ok.err);
});
