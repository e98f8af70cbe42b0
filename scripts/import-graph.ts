/**
 * Prints the import graph of src/ between folders (type-only imports included) and fails when it
 * has a circle: `npm run graph`. Files at the top of src/ (index.ts, client.ts) count as their own
 * node. `--files` also lists circles between files inside one folder.
 *
 * Run with: node scripts/import-graph.ts [--files] [--json]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Every .ts file under src/, as paths relative to it. */
function sourceFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [relative(root, path)] : [];
  });
}

/** Relative module specifiers of a file: static imports and re-exports, `import type`, and `import('...')` types. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g, /\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g, /^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1] as string);
  return found;
}

/** The node a file belongs to: its top folder under src/, or the file itself at the top. */
function nodeOf(file: string): string {
  const [first, ...rest] = file.split(sep);
  return rest.length === 0 ? (first as string).replace(/\.ts$/, '') : `${first}/`;
}

type Graph = Map<string, Set<string>>;

function addEdge(graph: Graph, from: string, to: string): void {
  if (!graph.has(from)) graph.set(from, new Set());
  if (!graph.has(to)) graph.set(to, new Set());
  if (from !== to) graph.get(from)?.add(to);
}

/** Strongly connected components with more than one node (Tarjan). */
function circles(graph: Graph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, indices.get(next) as number));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);
  return found;
}

const folders: Graph = new Map();
const files: Graph = new Map();
for (const file of sourceFiles()) {
  const from = nodeOf(file);
  addEdge(folders, from, from);
  for (const specifier of specifiers(readFileSync(join(root, file), 'utf8'))) {
    const target = relative(root, resolve(root, dirname(file), specifier));
    if (target.startsWith('..')) continue;
    addEdge(folders, from, nodeOf(target));
    if (nodeOf(target) === from && from.endsWith('/')) addEdge(files, file, target);
  }
}

const folderCircles = circles(folders);
const fileCircles = circles(files);
if (process.argv.includes('--json')) {
  const edges = Object.fromEntries([...folders].sort(([a], [b]) => a.localeCompare(b)).map(([from, to]) => [from, [...to].sort()]));
  console.log(JSON.stringify({ edges, folderCircles, fileCircles }, null, 2));
} else {
  console.log('src/ imports by folder (type-only imports included):');
  for (const [from, to] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`  ${from.padEnd(12)} -> ${to.size === 0 ? '(nothing)' : [...to].sort().join(', ')}`);
  }
  console.log(folderCircles.length === 0 ? 'no circle between folders' : `circles between folders: ${folderCircles.map((c) => c.join(' <-> ')).join('; ')}`);
  if (process.argv.includes('--files') || fileCircles.length > 0) {
    console.log(fileCircles.length === 0 ? 'no circle between files of a folder' : `circles between files of a folder: ${fileCircles.map((c) => c.join(' <-> ')).join('; ')}`);
  }
}
process.exitCode = folderCircles.length + fileCircles.length === 0 ? 0 : 1;
