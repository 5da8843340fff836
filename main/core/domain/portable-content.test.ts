import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { taskContentHash } from '../services/approval-gate';
import { canonicalJson, portableContent, portableContentHash } from './portable-content';

const task = { type: 'database_change' as 'database_change' | 'command', command: '', script: 'UPDATE t SET a = 1;', client_command: '' };
const hostA = { id: 7, name: 'pg-a', host: '10.0.0.1:22', host_key_pinned: 'SHA256:aaa', client_command: 'psql -d app' };
const hostB = { id: 9, name: 'pg-b', host: '10.0.0.2:22', host_key_pinned: 'SHA256:bbb', client_command: 'psql -d app' };

test('canonical JSON: key order never counts, at any depth; what JSON cannot carry is refused', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }), '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  assert.throws(() => canonicalJson({ a: Number.NaN }), /non-finite/);
  assert.throws(() => canonicalJson({ a: 1n }), /bigint/);
  fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
    const reversed = Object.fromEntries(Object.entries(o).reverse());
    return canonicalJson(o) === canonicalJson(reversed) && JSON.stringify(JSON.parse(canonicalJson(o))) !== undefined;
  }));
});

test('the portable hash names no local id: the same hosts under other ids, in another order, hash the same', () => {
  const here = portableContentHash(portableContent(task, [hostA, hostB]));
  const there = portableContentHash(portableContent(task, [{ ...hostB, id: 1 }, { ...hostA, id: 2 }] as (typeof hostA)[]));
  assert.equal(here, there);
  assert.match(here, /^[0-9a-f]{64}$/);
});

test('every part of what executes counts: type, command, script, client command, a target\'s name, address, pinned key, its client command', () => {
  const base = portableContentHash(portableContent(task, [hostA]));
  const variants = [
    portableContent({ ...task, type: 'command' }, [hostA]),
    portableContent({ ...task, command: 'x' }, [hostA]),
    portableContent({ ...task, script: 'UPDATE t SET a = 2;' }, [hostA]),
    portableContent({ ...task, client_command: 'mysql' }, [hostA]),
    portableContent(task, [{ ...hostA, name: 'pg-z' }]),
    portableContent(task, [{ ...hostA, host: '10.0.0.9:22' }]),
    portableContent(task, [{ ...hostA, host_key_pinned: 'SHA256:zzz' }]),
    portableContent(task, [{ ...hostA, host_key_pinned: null }]),
    portableContent(task, [{ ...hostA, client_command: 'psql -d other' }]),
    portableContent(task, [hostA, hostB]),
  ];
  for (const [i, v] of variants.entries()) assert.notEqual(portableContentHash(v), base, `variant ${i} must change the hash`);
  // A host's client command is not what runs when the task names its own, or for a command task.
  assert.equal(
    portableContentHash(portableContent({ ...task, client_command: 'mysql' }, [{ ...hostA, client_command: 'other' }])),
    portableContentHash(portableContent({ ...task, client_command: 'mysql' }, [hostA])),
  );
});

test('both hash versions are told apart by the version the request stores; v1 still binds to local ids', () => {
  const v1 = taskContentHash(1, task, [hostA]);
  const v2 = taskContentHash(2, task, [hostA]);
  assert.notEqual(v1, v2);
  assert.notEqual(taskContentHash(1, task, [{ ...hostA, id: 8 }]), v1, 'v1 moves with the id');
  assert.equal(taskContentHash(2, task, [{ ...hostA, id: 8 }]), v2, 'v2 does not');
  assert.equal(taskContentHash(1, task, [{ ...hostA, host_key_pinned: 'SHA256:new' }]), v1, 'v1 never covered the host key');
});
