// No import cycles in src/: a walk over every module's relative imports (type-only ones too: a cycle
// of types still ties the modules' designs together). Fails naming the cycle it found.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative specifiers of `import ... from`, `export ... from`, `import '...'` and `import('...')`. */
export function importsOf(code: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of code.matchAll(pattern)) {
    const specifier = match[1] ?? match[2] ?? match[3]!;
    if (specifier.startsWith('.')) found.push(specifier);
  }
  return found;
}

/** The first cycle met in a depth-first walk of `graph`, as a list of nodes ending where it started; undefined when there is none. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('import graph of src/', () => {
  it('finds a cycle when there is one (the walk itself is checked)', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', []]]))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toBeUndefined();
    expect(importsOf(`import type { A } from './a.js';\nexport { b } from "../b.js";\nimport './c.js';\nconst d = await import('./d.js');\nimport { e } from 'node:fs';`)).toEqual(['./a.js', '../b.js', './c.js', './d.js']);
  });

  it('has no cycles', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    const graph = new Map<string, string[]>();
    let edges = 0;
    for (const file of files) {
      const targets = importsOf(readFileSync(file, 'utf8')).map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      for (const target of targets) expect(files, `${relative(SRC, file)} imports a missing module ${relative(SRC, target)}`).toContain(target);
      graph.set(file, targets);
      edges += targets.length;
    }
    expect(edges).toBeGreaterThan(files.length);
    const cycle = findCycle(graph);
    expect(cycle?.map((file) => relative(SRC, file)).join(' -> ')).toBeUndefined();
  });
});
