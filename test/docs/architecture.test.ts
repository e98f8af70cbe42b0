/**
 * docs/architecture.md stays true: every folder and file it names exists under src/, the import
 * graph that `npm run graph` prints has no circle, and no arrow of its direction diagram is
 * travelled backwards by an import.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(`${root}docs/architecture.md`, 'utf8');

interface Graph {
  readonly edges: Record<string, readonly string[]>;
  readonly folderCircles: readonly (readonly string[])[];
  readonly fileCircles: readonly (readonly string[])[];
}

function graph(): Graph {
  // The script exits 1 on a circle but still prints the graph.
  try {
    return JSON.parse(execFileSync(process.execPath, [`${root}scripts/import-graph.ts`, '--json'], { encoding: 'utf8' })) as Graph;
  } catch (error) {
    return JSON.parse((error as { stdout: string }).stdout) as Graph;
  }
}

/** Paths in backticks that name a folder (`task/`) or a file (`task/video-task.ts`, `index.ts`) of src/. */
function namedPaths(): string[] {
  const named = [...doc.matchAll(/`([a-z-]+\/(?:[a-z-]+\/)*(?:[a-z-]+\.ts)?|[a-z-]+\.ts)`/g)].map((match) => match[1] as string);
  return [...new Set(named)].filter((path) => path !== 'src/');
}

describe('docs/architecture.md', () => {
  it('is under 80 lines', () => {
    expect(doc.split('\n').length).toBeLessThan(80);
  });

  it('names only folders and files that exist under src/', () => {
    const paths = namedPaths();
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((path) => !existsSync(`${root}src/${path}`))).toEqual([]);
  });

  it('names every folder of src/', () => {
    const folders = Object.keys(graph().edges).filter((node) => node.endsWith('/'));
    expect(folders.filter((folder) => !doc.includes(`\`${folder}\``))).toEqual([]);
  });

  it('describes an import graph with no circle, between folders or between the files of one', () => {
    const { folderCircles, fileCircles } = graph();
    expect(folderCircles).toEqual([]);
    expect(fileCircles).toEqual([]);
  });

  it('draws arrows that no import travels backwards', () => {
    const block = /## Direction of imports\n\n[^`]*```\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const arrows: [string, string][] = [];
    for (const line of block.split('\n').filter(Boolean)) {
      const stages = line.split('->').map((stage) => stage.split(',').map((name) => name.trim()).filter(Boolean));
      for (let index = 0; index + 1 < stages.length; index += 1) {
        for (const from of stages[index] ?? []) for (const to of stages[index + 1] ?? []) arrows.push([from, to]);
      }
    }
    expect(arrows.length).toBeGreaterThan(10);
    const { edges } = graph();
    const backwards = arrows.filter(([from, to]) => edges[to]?.includes(from));
    expect(backwards).toEqual([]);
  });
});
