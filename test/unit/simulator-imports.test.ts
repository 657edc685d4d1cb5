// The simulator's modules import each other without a cycle, `import type` included: ESLint's import-x/no-cycle
// skips type-only imports, and a type cycle (a seed typed by the model that builds it) still ties the two together.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const SIMULATOR = join(ROOT, 'src/simulator');

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The simulator files `file` imports or re-exports from, type-only ones included. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom '(\.[^']+)'/gms)]
    .map(([, specifier]) => resolve(dirname(file), specifier))
    .map((base) => [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate)))
    .filter((path): path is string => path !== undefined && path.startsWith(SIMULATOR));
}

/** One import cycle as a list of files (the first again at the end), or undefined. */
function findCycle(files: readonly string[]): string[] | undefined {
  const edges = new Map(files.map((file) => [file, importsOf(file)]));
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const open = path.indexOf(file);
    if (open >= 0) return [...path.slice(open), file];
    if (done.has(file)) return undefined;
    path.push(file);
    for (const next of edges.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(file);
    return undefined;
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('simulator imports', () => {
  it('form no cycle, counting type-only imports', () => {
    const files = sources(SIMULATOR);
    assert.ok(files.length > 20, `read ${files.length} files`);
    const cycle = findCycle(files);
    assert.equal(cycle && cycle.map((file) => relative(ROOT, file)).join(' → '), undefined);
  });
});
