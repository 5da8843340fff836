import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideNavigation, type NavigationDecision } from './navigation-policy';

test('decideNavigation: our page stays, https goes out, the rest is refused', () => {
  const index = 'file:///opt/Taskdeck/resources/app.asar/dist/renderer/index.html';
  const cases: [string, NavigationDecision][] = [
    [index, 'allow'],
    [`${index}#/hosts/3`, 'allow'],
    ['https://docs.example.com/taskdeck', 'open-external'],
    ['https://user:pw@example.com/', 'block'],
    ['http://example.com/', 'block'],
    ['file:///etc/passwd', 'block'],
    ['file:///opt/Taskdeck/resources/app.asar/dist/renderer/assets/x.js', 'block'],
    ['javascript:alert(1)', 'block'],
    ['data:text/html,<b>x</b>', 'block'],
    ['smb://server/share', 'block'],
    ['ms-msdt:/id', 'block'],
    ['about:blank', 'block'],
    ['not a url', 'block'],
  ];
  for (const [url, expected] of cases) assert.equal(decideNavigation(url, index), expected, url);
});
