// The pane's folders stand side by side: a feature uses the shared pieces and never another feature's insides.
// The project has no ESLint (tsc is its only checker), so instead of adding ESLint and a plugin for one rule, this test
// reads every source file's imports with the TypeScript compiler the build already uses.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = path.resolve(__dirname, '../src');

/** Folders every feature may use: the API core, sign-in, formats, hooks, the Office host and shared UI pieces. */
const shared = new Set(['api', 'auth', 'format', 'hooks', 'office', 'ui']);
/** The shell: composes the features; nothing imports it but main.tsx. */
const shell = 'app';
/** Features other features build on, through the feature's index.ts only. */
const buildingBlocks: Readonly<Record<string, readonly string[]>> = {
  peers: ['commitments', 'goals'],
  agenda: ['commitments', 'goals'],
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface Edge {
  from: string;
  to: string;
}

/** Every relative import (static, re-export or dynamic) as paths under src, without extension. */
function importEdges(): Edge[] {
  return sourceFiles(src).flatMap((file) => {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    return info.importedFiles
      .map((ref) => ref.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => {
        const target = path.resolve(path.dirname(file), spec);
        // "../commitments" is the folder's index.ts.
        const module = existsSync(target) && statSync(target).isDirectory() ? path.join(target, 'index') : target;
        return { from: path.relative(src, file).replace(/\.tsx?$/, ''), to: path.relative(src, module).replace(/\.tsx?$/, '') };
      });
  });
}

const folderOf = (module: string) => (module.includes(path.sep) ? module.split(path.sep)[0]! : '');

/** The rule an import breaks, or null. */
function violation({ from, to }: Edge): string | null {
  const fromFolder = folderOf(from);
  const toFolder = folderOf(to);
  if (fromFolder === toFolder) return null;
  if (fromFolder === '') return null; // main.tsx starts the shell
  if (toFolder === shell) return fromFolder === shell ? null : 'nothing but main.tsx imports the shell';
  if (shared.has(toFolder)) return null;
  if (shared.has(fromFolder)) return 'a shared folder never imports a feature';
  if (fromFolder === shell) return null;
  if (!(buildingBlocks[fromFolder] ?? []).includes(toFolder)) return 'a feature never imports another feature';
  return to === path.join(toFolder, 'index') ? null : `a feature uses ${toFolder} only through ${toFolder}/index.ts`;
}

describe('the pane’s folders', () => {
  const edges = importEdges();

  it('reads the imports it checks', () => {
    // Guards the guard: a parser that found nothing would pass every rule.
    expect(edges.length).toBeGreaterThan(100);
    expect(edges).toContainEqual({ from: path.join('agenda', 'AgendaView'), to: path.join('commitments', 'index') });
  });

  it('keep features side by side: shared pieces below, the shell above, building blocks through their index', () => {
    const broken = edges.flatMap((edge) => {
      const rule = violation(edge);
      return rule === null ? [] : [`${edge.from} → ${edge.to}: ${rule}`];
    });
    expect(broken).toEqual([]);
  });

  it('would catch a feature reaching into another one', () => {
    expect(violation({ from: path.join('schedule', 'ScheduleView'), to: path.join('series', 'PairSeriesSection') })).toBe('a feature never imports another feature');
    expect(violation({ from: path.join('agenda', 'AgendaView'), to: path.join('goals', 'GoalsSection') })).toBe('a feature uses goals only through goals/index.ts');
    expect(violation({ from: path.join('format', 'people'), to: path.join('peers', 'wording') })).toBe('a shared folder never imports a feature');
    expect(violation({ from: path.join('peers', 'PeersView'), to: path.join('app', 'App') })).toBe('nothing but main.tsx imports the shell');
  });
});
