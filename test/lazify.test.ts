import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { exportNamesInFreshProcess, lazifySource } from '../scripts/lazify';
import * as library from '../src';

/*
 * scripts/lazify.ts, the step of `compile` that makes the compiled library load its modules on first use:
 * the rewrite of small inputs, then the library itself (a fresh transpile of src/, and the built lib/).
 */
const root = path.join(__dirname, '..');

const noReexports = {
  exportsOf: (specifier: string): string[] => {
    throw new Error(`unexpected export * from ${specifier}`);
  },
};

/** Runs CommonJS code with a `require` that records which modules it loads. */
function evaluate(code: string, modules: Record<string, object>): { exports: any; loaded: string[] } {
  const loaded: string[] = [];
  const fakeRequire = (specifier: string) => {
    loaded.push(specifier);
    if (!(specifier in modules)) {
      throw new Error(`no module ${specifier}`);
    }
    return modules[specifier];
  };
  const importStar = (mod: any) => mod;
  const exports: any = {};
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('exports', 'require', '__importStar', code)(exports, fakeRequire, importStar);
  return { exports, loaded };
}

describe('lazifySource', () => {
  const input = [
    '"use strict";',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    'exports.Thing = void 0;',
    'const core_1 = require("core");',
    'const iam = __importStar(require("iam"));',
    'const helpers_1 = require("./helpers");',
    'let assigned_1 = require("./assigned");',
    'class Thing extends core_1.Resource {',
    '    static shadowed(iam) { return iam.Role; }',
    '    grant() { return new iam.Role({ iam, core_1: 1 }).core_1; }',
    '    helped() { return (0, helpers_1.helper)(typeof core_1); }',
    '    reset() { assigned_1 = undefined; }',
    '}',
    'exports.Thing = Thing;',
    '',
  ].join('\n');

  test('turns top-level requires into functions, and references into calls, line for line', () => {
    const result = lazifySource('thing.js', input, noReexports);
    expect(result.text).toEqual([
      '"use strict";',
      'Object.defineProperty(exports, "__esModule", { value: true });',
      'exports.Thing = void 0;',
      'var core_1 = () => { var tmp = require("core"); core_1 = () => tmp; return tmp; };',
      'var iam = () => { var tmp = __importStar(require("iam")); iam = () => tmp; return tmp; };',
      'var helpers_1 = () => { var tmp = require("./helpers"); helpers_1 = () => tmp; return tmp; };',
      // Assigned to: left as it was.
      'let assigned_1 = require("./assigned");',
      'class Thing extends core_1().Resource {',
      // A parameter of the same name is another variable.
      '    static shadowed(iam) { return iam.Role; }',
      // `new (iam()).Role`, not `new iam().Role`; `{ iam }` is shorthand for `{ iam: iam() }`; property names stay.
      '    grant() { return new (iam()).Role({ iam: iam(), core_1: 1 }).core_1; }',
      '    helped() { return (0, helpers_1().helper)(typeof core_1()); }',
      '    reset() { assigned_1 = undefined; }',
      '}',
      'exports.Thing = Thing;',
      '',
    ].join('\n'));
    expect(result.lazyBindings).toEqual([
      { name: 'core_1', specifier: 'core', references: 2 },
      { name: 'iam', specifier: 'iam', references: 2 },
      { name: 'helpers_1', specifier: './helpers', references: 1 },
    ]);
    expect(result.keptBindings).toEqual(['assigned_1']);
  });

  test('loads a module on its first use, once, and behaves as before', () => {
    class Resource {}
    class Role {
      constructor(readonly props: object) {}
    }
    const modules = {
      'core': { Resource },
      'iam': { Role },
      './helpers': { helper: (type: string) => `helped ${type}` },
      './assigned': {},
    };
    const before = evaluate(input, modules);
    const after = evaluate(lazifySource('thing.js', input, noReexports).text, modules);
    expect(before.loaded).toEqual(['core', 'iam', './helpers', './assigned']);
    // `extends core_1().Resource` needs core when the class is defined; the rest waits.
    expect(after.loaded).toEqual(['./assigned', 'core']);

    const thing = new after.exports.Thing();
    expect(Object.getPrototypeOf(after.exports.Thing)).toBe(Resource);
    expect(thing.helped()).toEqual('helped object');
    expect(after.loaded).toEqual(['./assigned', 'core', './helpers']);
    expect(thing.grant()).toBeUndefined();
    expect(after.exports.Thing.shadowed({ Role: 'own' })).toEqual('own');
    expect(new after.exports.Thing().helped()).toEqual(new before.exports.Thing().helped());
    expect(after.loaded).toEqual(['./assigned', 'core', './helpers', 'iam']);
  });

  test('replaces export * with a getter per name, which loads the module on first read', () => {
    const index = [
      '"use strict";',
      'Object.defineProperty(exports, "__esModule", { value: true });',
      'exports.Own = void 0;',
      '__exportStar(require("./a"), exports);',
      '__exportStar(require("./b"), exports);',
      '__exportStar(require("./types-only"), exports);',
      'exports.Own = 1;',
      '',
    ].join('\n');
    const names: Record<string, string[]> = { './a': ['A', 'Shared', 'Own'], './b': ['default', 'Shared', 'B'], './types-only': [] };
    const result = lazifySource('index.js', index, { exportsOf: (specifier) => names[specifier] });
    expect(result.reexports).toEqual([
      { specifier: './a', names: ['A', 'Shared'] },
      { specifier: './b', names: ['B'] },
      { specifier: './types-only', names: [] },
    ]);
    const lines = result.text.split('\n');
    expect(lines).toHaveLength(index.split('\n').length);
    // What Node's cjs-module-lexer detects for ES module imports: `exports.A = void 0`, not the getters.
    expect(lines[3]).toMatch(/^exports\.A = void 0; Object\.defineProperty\(exports, "A", .*exports\.Shared = void 0; Object\.defineProperty\(exports, "S" \+ "hared", /);
    expect(result.text).not.toContain('__exportStar');

    const modules = { './a': { A: 'a', Shared: 'from a', Own: 'not this one' }, './b': { Shared: 'from b', B: 'b' } };
    const { exports, loaded } = evaluate(result.text, modules);
    expect(Object.keys(exports)).toEqual(['Own', 'A', 'Shared', 'B']);
    expect(loaded).toEqual([]);
    expect(exports.B).toEqual('b');
    expect(loaded).toEqual(['./b']);
    expect([exports.A, exports.Shared, exports.Own]).toEqual(['a', 'from a', 1]);
    // The getter has replaced itself with the value.
    expect(Object.getOwnPropertyDescriptor(exports, 'A')).toEqual({ value: 'a', enumerable: true, configurable: true, writable: false });
    // One `require` per name read (Node's module cache answers all but the first), none once read.
    expect(loaded).toEqual(['./b', './a', './a']);
    void [exports.A, exports.B, exports.Shared];
    expect(loaded).toHaveLength(3);
  });

  test('changes nothing in a file without top-level requires or export *, or already rewritten', () => {
    const plain = '"use strict";\nconst x = /^a+$/u;\nfunction f() { const m = require("m"); return m; }\nexports.f = f;\n';
    expect(lazifySource('plain.js', plain, noReexports).text).toEqual(plain);
    const once = lazifySource('thing.js', 'const m_1 = require("m");\nexports.y = m_1.y;\n', noReexports).text;
    expect(lazifySource('thing.js', once, noReexports).text).toEqual(once);
  });
});

function newestMtime(dir: string): number {
  return Math.max(...fs.readdirSync(dir, { withFileTypes: true }).map((entry) =>
    entry.isDirectory() ? newestMtime(path.join(dir, entry.name)) : fs.statSync(path.join(dir, entry.name)).mtimeMs));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('the library', () => {
  const libraryNames = Object.keys(library);

  test('a fresh transpile of src/, rewritten by the command, exports the same names, each of which loads', () => {
    const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-sagemaker-workteam-lazify-'));
    try {
      // aws-cdk-lib and constructs resolve from the repository's node_modules.
      fs.symlinkSync(path.join(root, 'node_modules'), path.join(workdir, 'node_modules'), 'dir');
      const lib = path.join(workdir, 'lib');
      for (const file of sourceFiles(path.join(root, 'src'))) {
        const out = path.join(lib, path.relative(path.join(root, 'src'), file)).replace(/\.ts$/, '.js');
        const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf-8'), {
          fileName: file,
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        });
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, outputText);
      }
      const index = path.join(lib, 'index.js');
      const before = exportNamesInFreshProcess(index, false);
      expect(before).toEqual(libraryNames);

      // The command checks the names itself too (and fails otherwise).
      execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, 'scripts', 'lazify.ts'), lib], {
        cwd: root,
        env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.dev.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(fs.readFileSync(index, 'utf-8')).not.toContain('__exportStar(');
      expect(exportNamesInFreshProcess(index, true)).toEqual(before);

      // Running it again changes nothing.
      for (const file of sourceFiles(path.join(root, 'src')).map((f) => path.join(lib, path.relative(path.join(root, 'src'), f)).replace(/\.ts$/, '.js'))) {
        const text = fs.readFileSync(file, 'utf-8');
        expect(lazifySource(file, text, noReexports).text).toEqual(text);
      }
    } finally {
      fs.rmSync(workdir, { recursive: true, force: true });
    }
  }, 120_000);

  describe('as built in lib/', () => {
    const index = path.join(root, 'lib', 'index.js');

    beforeAll(() => {
      if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < newestMtime(path.join(root, 'src'))) {
        throw new Error('lib/ is missing or older than src/: run `npx projen compile` first');
      }
      if (fs.readFileSync(index, 'utf-8').includes('__exportStar(')) {
        throw new Error('lib/index.js was not rewritten: `npx projen compile` runs scripts/lazify.ts after jsii');
      }
    });

    test('exports the names of src/, each of which loads', () => {
      expect(exportNamesInFreshProcess(index, true)).toEqual(libraryNames);
    });

    test('loads only its index.js and workteam.js for Workteam', () => {
      // If a module of the library starts using another one at load (at the top level, or in `extends`), this
      // list grows and so does the library's load time (README, "Performance").
      const script = 'const before = new Set(Object.keys(require.cache)); void require(process.argv[1]).Workteam; '
        + 'process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => !before.has(k))));';
      const loaded: string[] = JSON.parse(execFileSync(process.execPath, ['-e', script, index], { encoding: 'utf-8' }));
      const own = loaded.map((file) => path.relative(root, file)).filter((file) => file.startsWith(`lib${path.sep}`));
      expect(own).toEqual([path.join('lib', 'index.js'), path.join('lib', 'workteam.js')]);
    });

    test('gives its names to ES modules (import { Workteam } from ...)', () => {
      const script = `import { Workteam, Workforce } from ${JSON.stringify(index)}; `
        + 'process.stdout.write([typeof Workteam.fromCognitoGroup, typeof Workforce.fromWorkforceName].join());';
      const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf-8' });
      expect(output).toEqual('function,function');
    });
  });
});
