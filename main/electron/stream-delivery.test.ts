import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TextChunks } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { InstanceStatus } from '../../shared/domain/instances';
import { startSshd, type SshdFixture } from '../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../testing/core-harness';
import { openStream, PageStreams, StreamSender, type StreamMessage } from './stream-delivery';

/** Let every callback queued so far run (the sender's awaits are promise turns, never timers). */
async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

/** A source of 1,000 pieces that counts what was read from it and whether it was handed back. */
function countingSource(fail?: { at: number; error: Error }): { source: TextChunks; pulls: () => number; returned: () => boolean } {
  let pulls = 0;
  let returned = false;
  async function* gen(): TextChunks {
    try {
      while (pulls < 1000) {
        pulls++;
        if (fail && pulls === fail.at) throw fail.error;
        yield `piece ${pulls}\n`;
      }
    } finally {
      returned = true;
    }
  }
  return { source: gen(), pulls: () => pulls, returned: () => returned };
}

const noLog = (): void => {};

describe('StreamSender: chunks to a page with backpressure', () => {
  test('a page that stops acknowledging gets maxInFlight chunks, and the source is read no further', async () => {
    const sent: StreamMessage[] = [];
    const src = countingSource();
    const sender = new StreamSender(7, src.source, (m) => sent.push(m), noLog, 3);
    const done = sender.run();
    await turns(20);
    assert.equal(sent.length, 3);
    assert.equal(src.pulls(), 3, 'read ahead of what the page took');
    assert.deepEqual(sent.map((m) => [m.id, m.seq, m.kind]), [[7, 1, 'chunk'], [7, 2, 'chunk'], [7, 3, 'chunk']]);
    assert.deepEqual(sender.stats(), { sent: 3, inFlight: 3 });

    sender.ack(2); // two taken: two more may go
    await turns(20);
    assert.equal(sent.length, 5);
    assert.equal(src.pulls(), 5);

    sender.cancel();
    await done;
    assert.ok(src.returned(), 'the source was handed back');
    assert.equal(sent.length, 5, 'nothing after the cancel');
  });

  test('acknowledgements that are not (beyond what was sent, backwards, not integers) change nothing', async () => {
    const sent: StreamMessage[] = [];
    const src = countingSource();
    const sender = new StreamSender(1, src.source, (m) => sent.push(m), noLog, 2);
    const done = sender.run();
    await turns(20);
    for (const seq of [99, 3, -1, Number.NaN, 1.5, Number.MAX_VALUE]) sender.ack(seq);
    await turns(20);
    assert.equal(sent.length, 2);
    sender.ack(2);
    sender.ack(1); // backwards: ignored
    await turns(20);
    assert.equal(sent.length, 4);
    sender.cancel();
    await done;
  });

  test('the end is a message of its own; a failing source ends the stream with its error (a fault as internal, logged)', async () => {
    async function* three(): TextChunks {
      yield 'a';
      yield 'b';
      yield 'c';
    }
    const sent: StreamMessage[] = [];
    const sender = new StreamSender(2, three(), (m) => {
      sent.push(m);
      queueMicrotask(() => sender.ack(m.seq));
    }, noLog, 1);
    await sender.run();
    assert.deepEqual(sent.map((m) => (m.kind === 'chunk' ? m.text : m.kind)), ['a', 'b', 'c', 'end']);

    const gone = countingSource({ at: 2, error: new AppError('not_found', 'instance 5 not found') });
    const got: StreamMessage[] = [];
    await new StreamSender(3, gone.source, (m) => got.push(m), noLog, 10).run();
    assert.deepEqual(got.map((m) => m.kind), ['chunk', 'error']);
    const last = got[1] as Extract<StreamMessage, { kind: 'error' }>;
    assert.equal(last.status, 404);
    assert.equal(last.body.error.code, 'not_found');

    const logged: string[] = [];
    const broken = countingSource({ at: 1, error: new TypeError('boom') });
    const out: StreamMessage[] = [];
    await new StreamSender(4, broken.source, (m) => out.push(m), (_level, message) => logged.push(message), 10).run();
    assert.equal(out.length, 1);
    assert.equal((out[0] as Extract<StreamMessage, { kind: 'error' }>).body.error.code, 'internal');
    assert.ok(!JSON.stringify(out[0]).includes('boom'), 'no fault detail reaches the page');
    assert.equal(logged.length, 1);
  });
});

describe('PageStreams: the streams of one page', () => {
  test('a bad, taken or one-too-many id is refused; the source of a refused start is handed back', async () => {
    const streams = new PageStreams(() => {}, noLog, { maxInFlight: 1, maxOpen: 2 });
    assert.equal(streams.check(0)?.code, 'validation');
    assert.equal(streams.check('1')?.code, 'validation');
    assert.equal(streams.check(2 ** 60)?.code, 'validation');
    const a = countingSource();
    assert.equal(streams.start(1, a.source), undefined);
    assert.equal(streams.check(1)?.code, 'conflict');
    assert.equal(streams.start(2, countingSource().source), undefined);
    const third = countingSource();
    const refused = streams.start(3, third.source);
    assert.equal(refused?.code, 'too_many_requests');
    await turns();
    assert.equal((await third.source.next()).done, true, 'a refused source is handed back, not left open');
    assert.equal(third.pulls(), 0);
    assert.equal(streams.openCount(), 2);
    streams.cancel(1);
    await turns();
    assert.ok(a.returned());
    assert.equal(streams.openCount(), 1);
    streams.ack('x', 1); // garbage from the page: ignored
    streams.cancel({});
    streams.dispose();
    assert.equal(streams.openCount(), 0);
  });

  test('a page that goes away (dispose) hands every source back', async () => {
    const streams = new PageStreams(() => {}, noLog, { maxInFlight: 1, maxOpen: 4 });
    const sources = [countingSource(), countingSource(), countingSource()];
    sources.forEach((s, i) => streams.start(i + 1, s.source));
    await turns();
    streams.dispose();
    await turns();
    assert.deepEqual(sources.map((s) => s.returned()), [true, true, true]);
  });
});

describe('openStream: the log download over the IPC path, against a real core and sshd', () => {
  let sshd: SshdFixture;
  let h: Harness;
  let token: string;
  let instanceId: string;

  before(async () => {
    sshd = await startSshd();
    h = await startHarness();
    const hostId = await h.trustedHost(sshd, 'db-1', '127.0.0.1', 22);
    const login = await h.core.dispatch('auth.login', { user_name: 'admin', password: 'adminpass1' }, undefined);
    assert.ok(login.ok);
    token = login.data.token;
    const run = await h.call('runs.create', { targets: { host_ids: [hostId] }, command: `seq -f 'line %.0f of a long enough log' 1 20000; echo "pw hunter22-x" >&2`, secrets: ['hunter22-x'] });
    instanceId = run.instances[0]!.id;
    await h.waitInstance(instanceId, (i) => i.status !== InstanceStatus.Running, 60_000);
  });
  after(async () => {
    await h.dispose();
    await sshd.dispose();
  });

  /** A fake page: takes each chunk a turn later and acknowledges it, as the preload does once the page took it. */
  function page(): { streams: PageStreams; finished: Promise<{ text: string; last: StreamMessage; maxInFlight: number }> } {
    let text = '';
    let maxInFlight = 0;
    let streams!: PageStreams;
    const finished = new Promise<{ text: string; last: StreamMessage; maxInFlight: number }>((resolve) => {
      let acked = 0;
      streams = new PageStreams((m) => {
        maxInFlight = Math.max(maxInFlight, m.seq - acked);
        setImmediate(() => {
          if (m.kind === 'chunk') text += m.text;
          acked = m.seq;
          streams.ack(m.id, m.seq);
          if (m.kind !== 'chunk') resolve({ text, last: m, maxInFlight });
        });
      }, noLog, { maxInFlight: 2, maxOpen: 4 });
    });
    return { streams, finished };
  }

  test('the chunks put together are the REST download, secrets masked, never more than maxInFlight out', async () => {
    const p = page();
    const opened = await openStream(h.core.dispatch, p.streams, 1, 'instances.log-download', { id: instanceId }, token);
    assert.deepEqual(opened, { ok: true, data: null });
    const { text, last, maxInFlight } = await p.finished;
    assert.equal(last.kind, 'end');
    assert.ok(maxInFlight <= 2, `${maxInFlight} chunks were out at once`);
    assert.equal(text.split('\n').filter((l) => l.startsWith('line ')).length, 20_000);
    assert.ok(!text.includes('hunter22-x'));
    const first = await h.call('instances.log', { id: instanceId, from_line: 1, limit: 10_000 });
    const lines = [...first.lines];
    for (let from = 10_001; from <= first.total_lines; from += 10_000) lines.push(...(await h.call('instances.log', { id: instanceId, from_line: from, limit: 10_000 })).lines);
    const stored = lines.map((l) => (l.stream === 'system' ? `# taskdeck: ${l.text}` : l.text) + '\n').join('');
    assert.ok(text === stored, 'the streamed text differs from the stored lines');
  });

  test('refusals come back from the open call, before any chunk: no token, unknown instance, bad id, not a stream operation', async () => {
    const sent: StreamMessage[] = [];
    const streams = new PageStreams((m) => sent.push(m), noLog);
    const status = async (...args: [unknown, unknown, unknown, unknown]): Promise<number> => {
      const r = await openStream(h.core.dispatch, streams, ...args);
      return r.ok ? 200 : r.status;
    };
    assert.equal(await status(1, 'instances.log-download', { id: instanceId }, undefined), 401);
    assert.equal(await status(2, 'instances.log-download', { id: '123456789012345' }, token), 404);
    assert.equal(await status(3, 'instances.log-download', { id: '1; DROP' }, token), 400);
    assert.equal(await status(4, 'instances.log', { id: instanceId }, token), 404);
    assert.equal(await status(5, 'constructor', {}, token), 404);
    assert.equal(await status(6, 'instances.log-download', { id: instanceId }, 42), 400);
    assert.equal(await status(-1, 'instances.log-download', { id: instanceId }, token), 400);
    assert.equal(sent.length, 0);
    assert.equal(streams.openCount(), 0);
  });
});
