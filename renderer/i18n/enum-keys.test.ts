import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertEvents, ChannelKind, DeliveryState, WebhookFormat } from '../../shared/domain/alerts';
import { AuditCategory, knownAuditActions } from '../../shared/domain/audit-categories';
import { hostKeyStatuses } from '../../shared/domain/hosts';
import { tokenScopes } from '../../shared/domain/tokens';
import { hasKey } from './messages';
import { resources } from './resources';

/**
 * Keys built from a value (`t(\`alerts.event.${e}\`)`) escape the literal-key check: every value
 * the core may send must have its words in both languages, or the screen shows a raw key.
 */
const families: Readonly<Record<string, readonly string[]>> = {
  'alerts.event': alertEvents,
  'alerts.kind': ChannelKind.options,
  'alerts.format': WebhookFormat.options,
  'alerts.formatShort': WebhookFormat.options,
  'alerts.secretHelp': WebhookFormat.options,
  'alerts.log': DeliveryState.options,
  'audit.cat': AuditCategory.options,
  'tokens.scope': tokenScopes,
  'run.hint': hostKeyStatuses.filter((s) => s !== 'trusted'),
  'hosts.keyBlocks': hostKeyStatuses.filter((s) => s !== 'trusted'),
  'palette.kind': ['page', 'action', 'host', 'task', 'request'],
  'instances.trigger': ['ad_hoc', 'manual', 'schedule', 'retry'],
  // Every action the core writes reads as a sentence in both languages (audit-sentence-model.ts).
  auditSentences: knownAuditActions,
};

test('every value a key is built from has words in English and Chinese', () => {
  const missing: string[] = [];
  for (const [prefix, values] of Object.entries(families)) {
    assert.ok(values.length > 0, prefix);
    for (const v of values) for (const [lng, tree] of Object.entries(resources)) if (!hasKey(tree, `${prefix}.${v}`)) missing.push(`${prefix}.${v} (${lng})`);
  }
  assert.deepEqual(missing, []);
});

test('the family check notices a value without words', () => {
  assert.equal(hasKey(resources.en, 'alerts.event.no_such_event'), false);
  assert.equal(hasKey(resources['zh-CN'], 'audit.cat.changes'), true);
  assert.equal(hasKey(resources['zh-CN'], 'auditSentences.task.no_such_action'), false);
});
