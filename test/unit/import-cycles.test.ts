// The source files (src/ and webview/) import each other without a cycle, `import type` included: ESLint's
// import-x/no-cycle skips type-only imports, and a type cycle (a seed typed by the model that builds it, a schema
// typed by the module whose constants it checks) still ties the two files together.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const FOLDERS = ['src', 'webview'].map((folder) => join(ROOT, folder));

/**
 * The one cycle allowed, as its type-only edges: the command map types each command's argument by the node that
 * passes it, and the error and "Load more" nodes build their own click command through that map, so a click with
 * a node of the wrong kind does not compile. Breaking it would mean either an untyped command on those nodes or
 * the provider building part of their tree items.
 */
const ALLOWED = new Map([['src/ui/commands/commandMap.ts', ['src/ui/tree/nodes/errorNode.ts', 'src/ui/tree/nodes/loadMoreNode.ts']]]);

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The source files `file` imports or re-exports from, type-only ones included, as paths relative to ROOT. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom '(\.[^']+)'|^import '(\.[^']+)'/gms)]
    .map(([, from, bare]) => resolve(dirname(join(ROOT, file)), from ?? bare))
    .map((base) => [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate)))
    .filter((path): path is string => path !== undefined && FOLDERS.some((folder) => path.startsWith(folder + '/')))
    .map((path) => relative(ROOT, path));
}

/** One import cycle as a list of files (the first again at the end), or undefined. */
function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
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
  for (const file of edges.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('import cycles', () => {
  const files = FOLDERS.flatMap(sources).map((path) => relative(ROOT, path));
  const edges = new Map(files.map((file) => [file, importsOf(file)]));

  it('src/ and webview/ form none, counting type-only imports, but for the command map and its nodes', () => {
    assert.ok(files.length > 100, `read ${files.length} files`);
    const kept = new Map([...edges].map(([file, imports]) => [file, imports.filter((to) => !ALLOWED.get(file)?.includes(to))]));
    assert.equal(findCycle(kept)?.join(' → '), undefined);
  });

  it('allows only edges that exist, and only as type-only imports', () => {
    for (const [from, targets] of ALLOWED) {
      for (const to of targets) {
        assert.ok(edges.get(from)?.includes(to), `${from} no longer imports ${to}: drop it from ALLOWED`);
        const specifiers = [...readFileSync(join(ROOT, from), 'utf8').matchAll(/^import\b([^;]*?)\bfrom '(\.[^']+)'/gms)]
          .filter(([, , specifier]) => relative(ROOT, resolve(dirname(join(ROOT, from)), specifier)) + '.ts' === to);
        assert.ok(specifiers.every(([, clause]) => /^\s*type\b/.test(clause)), `${from} imports ${to} for more than types`);
      }
    }
  });

  it('finds a cycle through three files', () => {
    const cycle = findCycle(new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']]]));
    assert.deepEqual(cycle, ['a.ts', 'b.ts', 'c.ts', 'a.ts']);
  });
});
