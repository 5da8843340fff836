import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serveFlags } from './serve-main';

test('serve flags: --port / --data-dir in either spelling; bad ports and unknown flags are refused', () => {
  assert.deepEqual(serveFlags(['--port', '0', '--data-dir=/tmp/td']), { port: 0, dataDir: '/tmp/td' });
  assert.equal(serveFlags(['--port=7421', '--data-dir', '/tmp/td', '--static-dir', '/tmp/ui']).staticDir, '/tmp/ui');
  for (const bad of ['70000', '-1', '0x10', '1e3', '']) assert.throws(() => serveFlags(['--port', bad, '--data-dir', '/tmp/td']), /--port|argument/, bad);
  assert.throws(() => serveFlags(['--host', '0.0.0.0']), /Unknown option/);
});
