import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SRC = path.join(__dirname, '..', 'src');

/** The source files under `dir`, and the files of `src/` each imports or re-exports by a relative path. */
function importGraph(dir: string): Map<string, string[]> {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(file);
      } else if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
        files.push(file);
      }
    }
  };
  walk(dir);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    // `import type` counts too: a circle of types is still one concept leaning on another that leans back.
    const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
    graph.set(file, specifiers
      .map((specifier) => path.resolve(path.dirname(file), specifier))
      .map((target) => [`${target}.ts`, path.join(target, 'index.ts')].find((candidate) => fs.existsSync(candidate)))
      .filter((target): target is string => target !== undefined));
  }
  return graph;
}

/** Every import circle of the graph, each as the files it goes through. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    trail.push(file);
    for (const dependency of graph.get(file) ?? []) {
      if (state.get(dependency) === 'open') {
        found.push(trail.slice(trail.indexOf(dependency)).map((f) => path.relative(SRC, f)));
      } else if (!state.has(dependency)) {
        visit(dependency);
      }
    }
    trail.pop();
    state.set(file, 'done');
  };
  [...graph.keys()].forEach((file) => state.has(file) || visit(file));
  return found;
}

describe('the imports of src/', () => {
  test('make no circle', () => {
    const graph = importGraph(SRC);

    expect(graph.size).toBeGreaterThan(30);
    expect(cycles(graph)).toEqual([]);
  });

  test('the check finds a circle, even of types only', () => {
    const graph = new Map([['/a.ts', ['/b.ts']], ['/b.ts', ['/c.ts']], ['/c.ts', ['/a.ts']], ['/d.ts', ['/a.ts']]]);

    expect(cycles(graph)).toHaveLength(1);
    expect(cycles(graph)[0]).toHaveLength(3);
  });

  test('a file that imports a type of another counts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cycles-'));
    fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\n");
    fs.writeFileSync(path.join(dir, 'b.ts'), "import type {\n  a,\n} from './a';\n");

    try {
      expect(cycles(importGraph(dir))).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
