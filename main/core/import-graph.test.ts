import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

/**
 * The import graph of the app's own code has no cycle: a circle (create-core → handlers →
 * create-core, tasks-service → dispatch → …) means no module can be read, loaded or tested on
 * its own. Static imports and re-exports count, type-only ones too (they knot the reading the same way).
 */
const root = path.resolve(import.meta.dirname, '../..');
const folders = ['main', 'shared', 'preload', 'renderer'];
const specifier = /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec.replace(/\.js$/, ''));
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find((p) => /\.tsx?$/.test(p) && fs.existsSync(p));
}

export function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const deps = [...text.matchAll(specifier)].map((m) => resolve(file, (m[1] ?? m[2])!)).filter((d): d is string => d !== undefined);
    graph.set(file, [...new Set(deps)]);
  }
  return graph;
}

/** Strongly connected components of more than one module, or a module importing itself (Tarjan). */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) !== idx.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

test('the app\'s modules import one another without a cycle', () => {
  const files = folders.flatMap((f) => sourceFiles(path.join(root, f)));
  assert.ok(files.length > 100, `found only ${files.length} source files under ${root}`);
  const found = cycles(importGraph(files)).map((c) => c.map((f) => path.relative(root, f)));
  assert.deepEqual(found, [], `import cycles:\n${found.map((c) => c.join(' ⇄ ')).join('\n')}`);
});

test('the cycle check finds a cycle when there is one (so the test above can fail)', () => {
  const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']], ['e', ['e']]]);
  assert.deepEqual(cycles(g), [['a', 'b', 'c'], ['e']]);
  assert.deepEqual(cycles(new Map([['a', ['b']], ['b', []]])), []);
});

test('the import scanner sees imports, type imports, re-exports and side-effect imports', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-graph-'));
  try {
    const write = (name: string, text: string): string => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, text);
      return p;
    };
    const a = write('a.ts', "import type { B } from './b';\nexport { c } from './c';\nimport './d';\nconst s = 'from \"./nowhere\"';\n");
    const b = write('b.ts', 'export type B = 1;\n');
    const c = write('c.ts', "import {\n  x,\n} from './a';\nexport const c = x;\n");
    const d = write('d.ts', '');
    const g = importGraph([a, b, c, d]);
    assert.deepEqual(g.get(a), [b, c, d]);
    assert.deepEqual(cycles(g), [[a, c].sort()]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

