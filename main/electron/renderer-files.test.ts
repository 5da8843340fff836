import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../server/static-files';
import { createRendererFileHandler, isIndexUrl, rendererFilePath, rendererFiles } from './renderer-files';

describe('renderer files under the intercepted file: scheme', () => {
  let dir: string;
  let root: string;
  let handle: (request: Request) => Promise<Response>;
  const url = (p: string): string => pathToFileURL(path.join(root, p)).href;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-renderer-'));
    root = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Taskdeck</title>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'export {};');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the page');
    handle = createRendererFileHandler(root);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('index.html is served with the CSP header', async () => {
    const res = await handle(new Request(url('index.html')));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await res.text(), '<!doctype html><title>Taskdeck</title>');
  });

  test('module scripts get a JavaScript type (strict MIME checking)', async () => {
    const res = await handle(new Request(url('assets/app.js')));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  });

  test('files outside the renderer folder, folders, missing files and writes are refused', async () => {
    const outside = pathToFileURL(path.join(dir, 'secret.txt')).href;
    const cases: [Request, number][] = [
      [new Request(outside), 404],
      [new Request(url('index.html').replace('/renderer/index.html', '/renderer/%2e%2e/secret.txt')), 404],
      [new Request(url('assets')), 404],
      [new Request(url('missing.js')), 404],
      [new Request('file://fileserver/share/index.html'), 404],
      [new Request(url('index.html'), { method: 'POST', body: 'x' }), 405],
    ];
    for (const [request, status] of cases) {
      const res = await handle(request);
      assert.equal(res.status, status, request.url);
      assert.equal(await res.text(), '', request.url);
    }
  });

  test('rendererFilePath accepts only paths inside the root', () => {
    assert.equal(rendererFilePath(url('assets/app.js'), root), path.join(root, 'assets', 'app.js'));
    assert.equal(rendererFilePath(pathToFileURL(root).href, root), null);
    assert.equal(rendererFilePath(pathToFileURL(root + '-evil/x.js').href, root), null);
    assert.equal(rendererFilePath('https://example.com/index.html', root), null);
    assert.equal(rendererFilePath('not a url', root), null);
  });

  test('isIndexUrl ignores the hash route and query, nothing else', () => {
    const files = rendererFiles(path.join(dir, 'electron'));
    assert.equal(files.indexHtml, path.join(root, 'index.html'));
    assert.equal(files.preload, path.join(dir, 'preload', 'preload.cjs'));
    assert.equal(isIndexUrl(files.indexUrl, files.indexUrl), true);
    assert.equal(isIndexUrl(`${files.indexUrl}#/tasks?x=1`, files.indexUrl), true);
    assert.equal(isIndexUrl(url('assets/app.js'), files.indexUrl), false);
    assert.equal(isIndexUrl('https://example.com/index.html', files.indexUrl), false);
    assert.equal(isIndexUrl('about:blank', files.indexUrl), false);
  });
});
