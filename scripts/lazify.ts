/**
 * Rewrites the compiled library (the `.js` files jsii writes to `lib/`) so that `require`-ing it does only the
 * work its caller needs, as aws-cdk-lib's build does for aws-cdk-lib (its `lazify` tool, not published on npm):
 *
 * - a top-level `const x_1 = require("m")` (or `__importStar(require("m"))`, `__importDefault(require("m"))`)
 *   becomes a function that requires the module on its first call and returns it from then on, and every
 *   reference to `x_1` becomes `x_1()`: a module is loaded when code first uses it, not when the file loads;
 * - `__exportStar(require("./m"), exports)` (TypeScript's `export * from './m'`) becomes one getter per name that
 *   `./m` exports: `./m` is loaded when one of its names is first read; the getter then replaces itself with the
 *   value. `exports.Name = void 0` stays in front of each getter, so that Node's static detection of CommonJS
 *   exports (cjs-module-lexer, for `import { Name } from` in ES modules) still finds every name.
 *
 * References are found with TypeScript's checker, not by their text: an identifier that a function parameter or
 * a local variable of the same name shadows is left alone, as are property names (`obj.x_1`, `{ x_1: 1 }`).
 * A binding that is ever assigned to stays as it was. The rewrite edits the text in place, one statement on one
 * line for one statement on one line, so every line of the output keeps its line number: stack traces into
 * `lib/` point at the same lines as before.
 *
 * The module's code that runs at load, such as `class Workteam extends aws_cdk_lib_1().Resource`, still runs at
 * load; what moves is the loading of other modules (aws-cdk-lib's submodules, the library's own files) and their
 * top-level code, to their first use. No module of this library relies on being loaded for a side effect.
 *
 * Usage: `ts-node scripts/lazify.ts <dir>`: rewrites every `.js` file under `<dir>` in place (running it again
 * changes nothing), then checks in fresh processes that `<dir>/index.js`, if there is one, exports the same names
 * as before and that every one of them loads.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export interface LazifyOptions {
  /**
   * The names that the module `specifier`, required from the file being rewritten, exports (`Object.keys` of
   * the module, without `default`): `__exportStar` needs them to define one getter per name.
   */
  readonly exportsOf: (specifier: string) => readonly string[];
}

export interface LazifyResult {
  /** The rewritten text (the input when there was nothing to rewrite). */
  readonly text: string;
  /** The bindings that became lazy, with the module each one requires. */
  readonly lazyBindings: ReadonlyArray<{ readonly name: string; readonly specifier: string; readonly references: number }>;
  /** Top-level bindings of a `require` left as they were because the code assigns to them. */
  readonly keptBindings: readonly string[];
  /** The modules whose `__exportStar` became getters, with the names each one exports. */
  readonly reexports: ReadonlyArray<{ readonly specifier: string; readonly names: readonly string[] }>;
}

/** Helpers of TypeScript's CommonJS output that only wrap the module they are given. */
const IMPORT_HELPERS = new Set(['__importStar', '__importDefault']);

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface LazyCandidate {
  readonly statement: ts.VariableStatement;
  readonly name: ts.Identifier;
  readonly initializer: ts.Expression;
  readonly specifier: string;
}

/** `require("m")`: the string `m`; otherwise undefined. */
function requiredSpecifier(expression: ts.Expression): string | undefined {
  if (ts.isCallExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === 'require'
    && expression.arguments.length === 1 && ts.isStringLiteral(expression.arguments[0])) {
    return expression.arguments[0].text;
  }
  return undefined;
}

/** `require("m")`, `__importStar(require("m"))` or `__importDefault(require("m"))`: `m`; otherwise undefined. */
function lazySpecifier(initializer: ts.Expression): string | undefined {
  const direct = requiredSpecifier(initializer);
  if (direct !== undefined) {
    return direct;
  }
  if (ts.isCallExpression(initializer) && ts.isIdentifier(initializer.expression)
    && IMPORT_HELPERS.has(initializer.expression.text) && initializer.arguments.length === 1) {
    return requiredSpecifier(initializer.arguments[0]);
  }
  return undefined;
}

/** Top-level `const|let|var x = <lazySpecifier>;` statements that declare exactly one identifier. */
function lazyCandidates(sourceFile: ts.SourceFile): LazyCandidate[] {
  const candidates: LazyCandidate[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) {
      continue;
    }
    const declaration = statement.declarationList.declarations[0];
    if (!ts.isIdentifier(declaration.name) || !declaration.initializer) {
      continue;
    }
    const specifier = lazySpecifier(declaration.initializer);
    if (specifier !== undefined) {
      candidates.push({ statement, name: declaration.name, initializer: declaration.initializer, specifier });
    }
  }
  return candidates;
}

/** A checker for one JavaScript file on its own: nothing else is read, no module is resolved. */
function checkerOf(sourceFile: ts.SourceFile): ts.TypeChecker {
  const host: ts.CompilerHost = {
    getSourceFile: (fileName) => (fileName === sourceFile.fileName ? sourceFile : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (fileName) => fileName === sourceFile.fileName,
    readFile: () => undefined,
  };
  const program = ts.createProgram({
    rootNames: [sourceFile.fileName],
    options: { allowJs: true, checkJs: false, noLib: true, noResolve: true, noEmit: true, types: [] },
    host,
  });
  return program.getTypeChecker();
}

/** The symbol an identifier refers to as a value (for `{ x }`, the variable `x`, not the property). */
function referencedSymbol(checker: ts.TypeChecker, identifier: ts.Identifier): ts.Symbol | undefined {
  const parent = identifier.parent;
  if (ts.isShorthandPropertyAssignment(parent) && parent.name === identifier) {
    return checker.getShorthandAssignmentValueSymbol(parent);
  }
  return checker.getSymbolAtLocation(identifier);
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** Whether a reference writes to its variable: `x = ...`, `x += ...`, `x++`, `({ x } = ...)`, `for (x of ...)`. */
function isWrite(identifier: ts.Identifier): boolean {
  let child: ts.Node = identifier;
  let parent = identifier.parent;
  // Climb out of destructuring patterns: `[x] = ...`, `({ a: x } = ...)`, `({ x } = ...)`, `[...x] = ...`.
  while (ts.isParenthesizedExpression(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isSpreadElement(parent)
    || ts.isSpreadAssignment(parent) || ts.isArrayLiteralExpression(parent) || ts.isObjectLiteralExpression(parent)
    || (ts.isPropertyAssignment(parent) && parent.initializer === child)) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isBinaryExpression(parent)) {
    return parent.left === child && isAssignmentOperator(parent.operatorToken.kind);
  }
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  }
  if (ts.isForInStatement(parent) || ts.isForOfStatement(parent)) {
    return parent.initializer === child;
  }
  return false;
}

/**
 * Whether an identifier starts the callee of `new`: `new x.A.B(...)`. There `x()` needs parentheses, since
 * `new x().A.B(...)` would construct `x` and read `A.B` of the result.
 */
function startsNewCallee(identifier: ts.Identifier): boolean {
  let expression: ts.Node = identifier;
  while ((ts.isPropertyAccessExpression(expression.parent) || ts.isElementAccessExpression(expression.parent))
    && expression.parent.expression === expression) {
    expression = expression.parent;
  }
  return ts.isNewExpression(expression.parent) && expression.parent.expression === expression;
}

function forEachIdentifier(node: ts.Node, visit: (identifier: ts.Identifier) => void): void {
  if (ts.isIdentifier(node)) {
    visit(node);
    return;
  }
  node.forEachChild((child) => forEachIdentifier(child, visit));
}

/** The names this file itself puts on `exports` (`exports.X = ...`, `Object.defineProperty(exports, "X", ...)`). */
function ownExportNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && ts.isPropertyAccessExpression(node.left) && ts.isIdentifier(node.left.expression) && node.left.expression.text === 'exports') {
      names.add(node.left.name.text);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.getText() === 'Object.defineProperty'
      && node.arguments.length >= 2 && ts.isIdentifier(node.arguments[0]) && node.arguments[0].text === 'exports'
      && ts.isStringLiteral(node.arguments[1])) {
      names.add(node.arguments[1].text);
    }
    node.forEachChild(visit);
  };
  for (const statement of sourceFile.statements) {
    visit(statement);
  }
  return names;
}

/** `__exportStar(require("m"), exports);` at the top level: `m`; otherwise undefined. */
function exportStarSpecifier(statement: ts.Statement): string | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) {
    return undefined;
  }
  const call = statement.expression;
  if (!ts.isIdentifier(call.expression) || call.expression.text !== '__exportStar' || call.arguments.length !== 2
    || !ts.isIdentifier(call.arguments[1]) || call.arguments[1].text !== 'exports') {
    return undefined;
  }
  return requiredSpecifier(call.arguments[0]);
}

/**
 * One lazy export, on one line: `exports.Name = void 0; Object.defineProperty(exports, "N" + "ame", { ...get })`.
 * The name is split in the `defineProperty` so that cjs-module-lexer does not take the getter for one it cannot
 * analyze (which would hide the name from ES modules); it detects the name from `exports.Name = void 0`.
 */
function lazyExport(name: string, specifier: string): string {
  const key = name.length > 1 ? `${JSON.stringify(name.slice(0, 1))} + ${JSON.stringify(name.slice(1))}` : JSON.stringify(name);
  const member = /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
  return `exports${member} = void 0; Object.defineProperty(exports, ${key}, { enumerable: true, configurable: true, get: () => { `
    + `var value = require(${JSON.stringify(specifier)})${member}; `
    + `if (value !== undefined) Object.defineProperty(exports, ${key}, { enumerable: true, configurable: true, value }); `
    + 'return value; } });';
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let position = 0;
  for (const edit of sorted) {
    if (edit.start < position) {
      throw new Error(`overlapping edits at ${edit.start}`);
    }
    result += text.slice(position, edit.start) + edit.text;
    position = edit.end;
  }
  return result + text.slice(position);
}

/**
 * Rewrites one compiled CommonJS file (see the top of this file). `fileName` should end in `.js`; it names the
 * file in errors and for TypeScript, which parses it as JavaScript.
 */
export function lazifySource(fileName: string, text: string, options: LazifyOptions): LazifyResult {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const edits: Edit[] = [];

  // 1. Lazy bindings of required modules.
  const candidates = lazyCandidates(sourceFile);
  const lazyBindings: Array<{ name: string; specifier: string; references: number }> = [];
  const keptBindings: string[] = [];
  if (candidates.length > 0) {
    const checker = checkerOf(sourceFile);
    const byName = new Map<string, { candidate: LazyCandidate; symbol: ts.Symbol | undefined; references: ts.Identifier[]; written: boolean }>();
    for (const candidate of candidates) {
      byName.set(candidate.name.text, { candidate, symbol: checker.getSymbolAtLocation(candidate.name), references: [], written: false });
    }
    forEachIdentifier(sourceFile, (identifier) => {
      const binding = byName.get(identifier.text);
      if (!binding || identifier === binding.candidate.name || binding.symbol === undefined) {
        return;
      }
      if (referencedSymbol(checker, identifier) !== binding.symbol) {
        return; // a property name, or another variable of the same name
      }
      binding.references.push(identifier);
      binding.written ||= isWrite(identifier);
    });
    for (const { candidate, symbol, references, written } of byName.values()) {
      const name = candidate.name.text;
      if (symbol === undefined || written) {
        keptBindings.push(name);
        continue;
      }
      const initializer = candidate.initializer.getText(sourceFile);
      // `var`, not `const`: the function replaces itself after its first call (then costs a call, not a lookup
      // in the module cache: `require` of a cached module resolves its path again).
      edits.push({
        start: candidate.statement.getStart(sourceFile),
        end: candidate.statement.end,
        text: `var ${name} = () => { var tmp = ${initializer}; ${name} = () => tmp; return tmp; };`,
      });
      for (const reference of references) {
        const parent = reference.parent;
        if (ts.isShorthandPropertyAssignment(parent) && parent.name === reference) {
          edits.push({ start: reference.end, end: reference.end, text: `: ${name}()` });
        } else if (startsNewCallee(reference)) {
          edits.push({ start: reference.getStart(sourceFile), end: reference.end, text: `(${name}())` });
        } else {
          edits.push({ start: reference.end, end: reference.end, text: '()' });
        }
      }
      lazyBindings.push({ name, specifier: candidate.specifier, references: references.length });
    }
  }

  // 2. `export * from './m'` as one getter per name.
  const reexports: Array<{ specifier: string; names: string[] }> = [];
  const exported = ownExportNames(sourceFile);
  for (const statement of sourceFile.statements) {
    const specifier = exportStarSpecifier(statement);
    if (specifier === undefined) {
      continue;
    }
    // As `__exportStar` does: never `default`, and the first module to export a name wins.
    const names = options.exportsOf(specifier).filter((name) => name !== 'default' && !exported.has(name));
    names.forEach((name) => exported.add(name));
    edits.push({
      start: statement.getStart(sourceFile),
      end: statement.end,
      text: names.length > 0 ? names.map((name) => lazyExport(name, specifier)).join(' ') : `/* export * from ${JSON.stringify(specifier)}: no names */`,
    });
    reexports.push({ specifier, names });
  }

  return { text: edits.length > 0 ? applyEdits(text, edits) : text, lazyBindings, keptBindings, reexports };
}

// ---------------------------------------------------------------------------------------------------------
// The command

function javascriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? javascriptFiles(full) : entry.name.endsWith('.js') ? [full] : [];
    })
    .sort();
}

/** `Object.keys` of a module, in a fresh process; with `loadAll`, also reads every export (failing on undefined). */
export function exportNamesInFreshProcess(entryPoint: string, loadAll: boolean): string[] {
  const script = [
    'const m = require(process.argv[1]);',
    'const names = Object.keys(m);',
    'if (process.argv[2] === "all") {',
    '  const missing = names.filter((name) => m[name] === undefined);',
    '  if (missing.length > 0) { throw new Error("undefined exports: " + missing.join(", ")); }',
    '}',
    'process.stdout.write(JSON.stringify(names));',
  ].join('\n');
  const output = execFileSync(process.execPath, ['-e', script, entryPoint, loadAll ? 'all' : 'names'], { encoding: 'utf-8' });
  return JSON.parse(output);
}

/** Rewrites every `.js` file under `dir` in place; returns a line per file for the log. */
export function lazifyDirectory(dir: string): string[] {
  const root = path.resolve(dir);
  const files = javascriptFiles(root);
  const log: string[] = [];
  // Files that re-export (index files) last: their getters are made from the names of the modules they re-export,
  // which are loaded in this process, already rewritten.
  const reexporting = (file: string) => fs.readFileSync(file, 'utf-8').includes('__exportStar(require(');
  const ordered = [...files.filter((f) => !reexporting(f)), ...files.filter(reexporting)];
  for (const file of ordered) {
    const text = fs.readFileSync(file, 'utf-8');
    const result = lazifySource(file, text, {
      exportsOf: (specifier) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const module = require(require.resolve(specifier, { paths: [path.dirname(file)] }));
        return Object.keys(module);
      },
    });
    if (result.text !== text) {
      fs.writeFileSync(file, result.text);
    }
    const parts = [
      result.lazyBindings.length > 0 ? `${result.lazyBindings.length} lazy requires` : '',
      result.reexports.length > 0 ? `${result.reexports.reduce((n, r) => n + r.names.length, 0)} lazy exports of ${result.reexports.length} modules` : '',
      result.keptBindings.length > 0 ? `kept (assigned to): ${result.keptBindings.join(', ')}` : '',
    ].filter((part) => part !== '');
    log.push(`${path.relative(process.cwd(), file)}: ${parts.length > 0 ? parts.join('; ') : 'unchanged'}`);
  }
  return log;
}

function main(argv: string[]): void {
  if (argv.length !== 1) {
    throw new Error('usage: ts-node scripts/lazify.ts <dir>');
  }
  const dir = path.resolve(argv[0]);
  const index = path.join(dir, 'index.js');
  const hasIndex = fs.existsSync(index);
  const before = hasIndex ? exportNamesInFreshProcess(index, false) : [];
  for (const line of lazifyDirectory(dir)) {
    process.stderr.write(`lazify: ${line}\n`);
  }
  if (hasIndex) {
    const after = exportNamesInFreshProcess(index, true);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      throw new Error(`lazify changed the exports of ${index}:\nbefore: ${before.join(', ')}\nafter:  ${after.join(', ')}`);
    }
    process.stderr.write(`lazify: ${path.relative(process.cwd(), index)} exports the same ${after.length} names, each one loads\n`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2));
}
