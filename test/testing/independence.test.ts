/**
 * The simulator stays independent of the SDK's own tables (issue 26): no file under src/testing/
 * imports a value from src/models/ (`import type` is fine: a type cannot carry a wrong number into
 * the simulator's rules), and the files that decide what the simulated service accepts and answers
 * (the rulebook, the submit checks, the simulator and its task and upload routes) take no value from
 * src/cost/ or src/http/ either. Imports are read with the TypeScript compiler API, so `import type`,
 * `import { type X }`, re-exports and `import()` are told apart exactly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const src = join(root, 'src');

/** One import of a file: the module it resolves to (relative to src/) and whether it brings a value. */
interface ImportEdge {
  readonly target: string;
  readonly value: boolean;
  readonly line: number;
}

/** Every .ts file under `dir`, relative to src/. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.name.endsWith('.ts') ? [relative(src, path).split(sep).join('/')] : [];
  });
}

/** Whether an import declaration brings any value (not `import type`, nor only `{ type X }` names). */
function importsValue(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return true; // `import './x.ts'` runs the module
  if (clause.isTypeOnly) return false;
  if (clause.name) return true;
  const bindings = clause.namedBindings;
  if (!bindings) return false;
  if (ts.isNamespaceImport(bindings)) return true;
  return bindings.elements.length === 0 || bindings.elements.some((element) => !element.isTypeOnly);
}

/** Whether a re-export brings a value. */
function exportsValue(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return false;
  const clause = node.exportClause;
  if (!clause || ts.isNamespaceExport(clause)) return true;
  return clause.elements.length === 0 || clause.elements.some((element) => !element.isTypeOnly);
}

/** The relative imports of a source text, as paths under src/ (`file` is its path under src/). */
function importsOf(file: string, text: string): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: ImportEdge[] = [];
  const add = (specifier: ts.Expression | undefined, value: boolean, node: ts.Node) => {
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return;
    const target = relative(src, resolve(src, dirname(file), specifier.text)).split(sep).join('/');
    edges.push({ target, value, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, importsValue(node), node);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, exportsValue(node), node);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression, !node.isTypeOnly, node);
    // `await import('../models/x.ts')` loads the module: a value. (`import('...')` in a type position is an ImportTypeNode: a type.)
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], true, node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** `file:line -> target` for each value import of `files` whose target lies under one of `folders`. */
function valueImportsInto(files: readonly string[], folders: readonly string[]): string[] {
  return files.flatMap((file) =>
    importsOf(file, readFileSync(join(src, file), 'utf8'))
      .filter((edge) => edge.value && folders.some((folder) => edge.target.startsWith(folder)))
      .map((edge) => `src/${file}:${edge.line} -> src/${edge.target}`),
  );
}

const TESTING_FILES = filesUnder(join(src, 'testing'));

/** The files that decide what the simulated service accepts and what it answers. */
const RULE_FILES = TESTING_FILES.filter(
  (file) =>
    file.startsWith('testing/rulebook/') ||
    ['testing/simulator.ts', 'testing/submit-checks.ts', 'testing/routes/task-routes.ts', 'testing/routes/upload-routes.ts'].includes(file),
);

describe('the import reader', () => {
  it('tells value imports from type-only ones', () => {
    const edges = importsOf(
      'testing/example.ts',
      [
        "import { capsOf } from '../models/caps.ts';",
        "import type { ModelCaps } from '../models/caps.ts';",
        "import { type OptionKey } from '../models/caps.ts';",
        "import { type VideoMode, modesOf } from '../models/caps.ts';",
        "import * as caps from '../models/caps.ts';",
        "import '../models/side-effect.ts';",
        "export { WIRE_FAMILIES } from '../models/families/index.ts';",
        "export type { WireFamily } from '../models/families/family.ts';",
        "const later = await import('../models/limits.ts');",
        "type Lazy = typeof import('../models/lineup.ts');",
        "import { characters } from '../core/text.ts';",
        "import { z } from 'zod';",
      ].join('\n'),
    );
    expect(edges.map((edge) => [edge.target, edge.value])).toEqual([
      ['models/caps.ts', true],
      ['models/caps.ts', false],
      ['models/caps.ts', false],
      ['models/caps.ts', true],
      ['models/caps.ts', true],
      ['models/side-effect.ts', true],
      ['models/families/index.ts', true],
      ['models/families/family.ts', false],
      ['models/limits.ts', true],
      ['core/text.ts', true],
    ]);
  });
});

describe('src/testing/ is independent of the SDK it tests', () => {
  it('reads files of the rulebook and the simulator', () => {
    expect(TESTING_FILES.length).toBeGreaterThan(15);
    expect(RULE_FILES).toEqual(expect.arrayContaining(['testing/rulebook/models.ts', 'testing/rulebook/check.ts', 'testing/simulator.ts', 'testing/submit-checks.ts']));
  });

  it('imports nothing but types from src/models/, in any file', () => {
    expect(valueImportsInto(TESTING_FILES, ['models/'])).toEqual([]);
  });

  it('takes no value from src/cost/ or src/http/ where it decides what the service accepts and answers', () => {
    expect(valueImportsInto(RULE_FILES, ['models/', 'cost/', 'http/'])).toEqual([]);
  });
});
