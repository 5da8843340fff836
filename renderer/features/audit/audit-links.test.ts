import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditTargetHref } from './audit-links';

const e = (action: string, target_type: string, target_id: string | null) => ({ action, target_type, target_id, target_name: null });

test('an entry links to what it is about, while that still exists', () => {
  assert.equal(auditTargetHref(e('request.approved', 'request', '12')), '/approvals/12');
  assert.equal(auditTargetHref(e('host.updated', 'host', '3')), '/hosts/3');
  assert.equal(auditTargetHref(e('task.run', 'task', '4')), '/instances?task=4');
  assert.equal(auditTargetHref(e('instance.cancelled', 'instance', '7351000000000000001')), '/instances/7351000000000000001');
  assert.equal(auditTargetHref(e('run.started', 'run', 'ab12')), '/instances?run=ab12');
  assert.equal(auditTargetHref(e('host.deleted', 'host', '3')), null, 'gone');
  assert.equal(auditTargetHref(e('permission.granted', 'user', 'dev')), null);
  assert.equal(auditTargetHref(e('auth.login', 'user', null)), null);
  assert.equal(auditTargetHref(e('request.approved', 'request', '12/../../x')), null, 'an id that is not one links nowhere');
  assert.equal(auditTargetHref(e('run.started', 'run', 'a?b#c')), '/instances?run=a%3Fb%23c');
});
