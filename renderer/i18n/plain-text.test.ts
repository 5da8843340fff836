import assert from 'node:assert/strict';

import fs from 'node:fs';

import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const rendererDir = path.resolve(import.meta.dirname, '..');

/** Props and option fields a person reads: their literal text must come from t(). */
const readProps = new Set(['title', 'label', 'placeholder', 'message', 'description', 'okText', 'cancelText', 'aria-label', 'extra', 'help', 'tooltip', 'emptyText', 'content', 'subTitle', 'notFoundContent']);

/** Words, not code: two letters in a row somewhere ("db-1" and "#" are values, "Save" is a word). */
const hasWords = (s: string): boolean => /[A-Za-z]{2,}/.test(s);

/**
 * Example values and code shown as they are, in any language: a host name, a command, a path, a
 * zone. An entry is `file: text`, so an allowed value in one place does not excuse it elsewhere.
 */
const allowed = new Set([
  'features/groups/binding-form-modal.tsx: billing-primary',
  'features/groups/group-form-modal.tsx: billing-db',
  'features/hosts/host-auth-fields.tsx: /home/you/.ssh/id_ed25519',
  'features/hosts/host-form-drawer.tsx: db-prod-1',
  'features/hosts/host-form-drawer.tsx: prod',
  'features/hosts/host-form-drawer.tsx: deploy',
  'features/hosts/host-form-drawer.tsx: psql -v ON_ERROR_STOP=1 -f -',
  'features/hosts/host-key-dialog.tsx: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub',
  'features/hosts/ssh-import-modal.tsx: deploy',
  'features/run/output-pane.tsx: [taskdeck]',
  'features/settings/token-create-modal.tsx: backup-monitor',
  'features/settings/trust-store-card.tsx: dba',
  'features/tasks/task-form-fields.tsx: nightly-vacuum',
  'features/tasks/task-form-fields.tsx: maintenance',
  'features/tasks/task-form-fields.tsx: vacuumdb --all --analyze-in-stages',
  'features/tasks/task-form-fields.tsx: Europe/Berlin',
  'features/settings/notifications/channel-modal.tsx: https://oapi.dingtalk.com/robot/send?access_token=…',
  'features/hosts/host-auth-fields.tsx: -----BEGIN OPENSSH PRIVATE KEY-----\n…',
  'features/hosts/ssh-import-modal.tsx: Host db-1\n  HostName 10.0.0.5\n  User postgres\n  IdentityFile ~/.ssh/id_ed25519',
  'features/tasks/import-yaml-modal.tsx: name: nightly-vacuum\ncommand: vacuumdb --all\ncron_expression: 0 3 * * *\nfrequency:\n  mode: repeat\n  time_zone: Europe/Berlin\nbinding_ids: [1]',
  'features/tasks/task-form-fields.tsx: BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;',
  // The product's name, and the unit after a size.
  'features/auth/auth-card.tsx: Taskdeck',
  'features/shell/header-bar.tsx: Taskdeck',
  'features/settings/settings-page.tsx: KiB)',
  // The tag on lines Taskdeck itself wrote into a log, as it is stored.
  'features/instances/log-row.tsx: taskdeck',
]);

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'locales' ? [] : tsxFiles(p);
    return e.name.endsWith('.tsx') ? [p] : [];
  });
}

/** The text of a literal a person would read, or null when the node is not one. */
function literalText(node: ts.Node | undefined): string | null {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…');
  if (ts.isJsxExpression(node)) return literalText(node.expression);
  return null;
}

/** Plain English left in JSX: text between tags, and literal text given to a prop or an option people read. */
export function plainText(source: string, file = 'x.tsx'): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      const text = node.text.replace(/&\w+;/g, ' ').replace(/\s+/g, ' ').trim();
      if (hasWords(text)) found.push(text);
    } else if (ts.isJsxAttribute(node) && readProps.has(node.name.getText(sf))) {
      const text = literalText(node.initializer);
      if (text !== null && hasWords(text)) found.push(text);
    } else if (ts.isPropertyAssignment(node) && readProps.has(node.name.getText(sf).replace(/['"]/g, ''))) {
      const text = literalText(node.initializer);
      if (text !== null && hasWords(text)) found.push(text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

test('no page shows English that does not go through t()', () => {
  const left: string[] = [];
  let files = 0;
  for (const file of tsxFiles(rendererDir)) {
    files++;
    const rel = path.relative(rendererDir, file).split(path.sep).join('/');
    for (const text of plainText(fs.readFileSync(file, 'utf8'), file)) if (!allowed.has(`${rel}: ${text}`)) left.push(`${rel}: ${text}`);
  }
  assert.ok(files > 50, `the scan found only ${files} .tsx files: is it reading the sources?`);
  assert.deepEqual(left, []);
});

test('the scan catches text between tags, in props and in options, and lets code and t() through', () => {
  const src = `
    const a = <Button title="Delete host" aria-label={t('x.y')}>Save
      changes</Button>;
    const b = { title: 'Name', dataIndex: 'name', key: 'Some key' };
    const c = modal.confirm({ content: \`Revoke \${name}?\`, okText: t('ok') });
    const d = <Tag>{t('status.ok')}</Tag>;
    const e = <span>#{id} · 42</span>;
    const f = <Input placeholder={'Type here'} />;
  `;
  assert.deepEqual(plainText(src), ['Delete host', 'Save changes', 'Name', 'Revoke …?', 'Type here']);
});
