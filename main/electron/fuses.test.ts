import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');

test('packaging flips the security fuses (a packaged Taskdeck is not a Node the user can script or inspect)', () => {
  const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown>; asar?: unknown };
  assert.deepEqual(
    {
      runAsNode: config.electronFuses?.runAsNode,
      enableNodeOptionsEnvironmentVariable: config.electronFuses?.enableNodeOptionsEnvironmentVariable,
      enableNodeCliInspectArguments: config.electronFuses?.enableNodeCliInspectArguments,
      enableEmbeddedAsarIntegrityValidation: config.electronFuses?.enableEmbeddedAsarIntegrityValidation,
      onlyLoadAppFromAsar: config.electronFuses?.onlyLoadAppFromAsar,
      enableCookieEncryption: config.electronFuses?.enableCookieEncryption,
    },
    {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    },
  );
  assert.equal(config.asar, true, 'asar integrity needs the app packed in an asar');
});

test('every fuse named is one electron-builder knows (a misspelt fuse would be ignored, not refused)', () => {
  const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, unknown> };
  const scheme = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
    definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
  };
  for (const name of Object.keys(config.electronFuses)) assert.ok(Object.hasOwn(scheme.definitions.FuseOptionsV1.properties, name), name);
});

test('the shell is built against a supported Electron major and a current electron-builder', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const major = (v: string | undefined): number => Number(/(\d+)/.exec(v ?? '')?.[1]);
  assert.ok(major(pkg.devDependencies.electron) >= 45, `electron ${pkg.devDependencies.electron}`);
  assert.ok(major(pkg.devDependencies['electron-builder']) >= 26, `electron-builder ${pkg.devDependencies['electron-builder']}`);
});
