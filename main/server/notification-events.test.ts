import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';
import type { Core } from '../core/create-core';
import type { RunningServer } from './http-server';

/** Reads one SSE stream as text, and waits for what it should hold. */
class StreamReader {
  text = '';
  private constructor(private readonly reader: ReadableStreamDefaultReader<string>, private readonly ctl: AbortController) {}

  static async open(url: string, token: string): Promise<StreamReader> {
    const ctl = new AbortController();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: ctl.signal });
    assert.equal(res.status, 200);
    const s = new StreamReader(res.body!.pipeThrough(new TextDecoderStream()).getReader(), ctl);
    await s.until(': connected');
    return s;
  }

  async until(marker: string): Promise<string> {
    while (!this.text.includes(marker)) {
      const { value, done } = await this.reader.read();
      if (done) throw new Error(`the stream ended before ${marker}`);
      this.text += value;
    }
    return this.text;
  }

  close(): void {
    this.ctl.abort();
  }
}

describe('notification.created reaches only its recipient\'s event streams', () => {
  let s: ServerHarness;
  let core: Core;
  let server: RunningServer;
  const token: Record<string, string> = {};

  before(async () => {
    s = await startServerHarness({ core: { reminderIntervalMs: 0 } });
    ({ core, server } = s);
    token.admin = s.admin;
    for (const u of ['dora', 'vic']) token[u] = await s.signUp(u, `${u}-password`, ['viewer']);
  });
  after(() => s.dispose());

  test('dora\'s notification goes to dora\'s stream (any case of her name), not to vic\'s or the admin\'s', async () => {
    const url = `${server.url}/api/v1/events`;
    const [dora, vic, admin] = await Promise.all([StreamReader.open(url, token.dora!), StreamReader.open(url, token.vic!), StreamReader.open(url, token.admin!)]);
    try {
      core.services.notifications.notify({ recipient: 'DORA', kind: 'reminder', title: 'secret-title-for-dora', link: '/approvals/1' });
      // A broadcast after it: once a stream has it, anything sent before it to that stream has arrived too.
      core.events.emit('groups.changed', { reason: 'marker' });
      assert.match(await dora.until('event: groups.changed'), /event: notification\.created\ndata: .*secret-title-for-dora/);
      for (const other of [vic, admin]) assert.doesNotMatch(await other.until('event: groups.changed'), /secret-title-for-dora|notification\.created/);
    } finally {
      for (const s of [dora, vic, admin]) s.close();
    }
  });
});
