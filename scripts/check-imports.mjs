// Checks that the imports follow docs/architecture.md: which layer may import which, that nothing the browser loads
// reaches a server-only module, and that no two modules of lib/ import each other. Prints every breach; exits 1 on any.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const sourceFolders = ['lib', 'components', 'app'];

function listSources(folder) {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return listSources(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolveLocal(from, specifier) {
  const base = specifier.startsWith('@/')
    ? path.join(root, specifier.slice(2))
    : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Every module a file imports or re-exports: local ones as paths relative to the root, packages by name. */
function importsOf(file) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.') && !specifier.startsWith('@/')) return { specifier, local: undefined };
    const resolved = resolveLocal(file, specifier);
    return { specifier, local: resolved && path.relative(root, resolved) };
  });
}

const files = sourceFolders
  .flatMap((folder) => listSources(path.join(root, folder)))
  .map((file) => path.relative(root, file));
const graph = new Map(files.map((file) => [file, importsOf(path.join(root, file))]));
const text = new Map(files.map((file) => [file, readFileSync(path.join(root, file), 'utf8')]));
const problems = [];

const under = (file, ...folders) => folders.some((folder) => file.startsWith(`${folder}/`));
const isPackage = (specifier, name) => specifier === name || specifier.startsWith(`${name}/`);

// 1. Layers and what they never import (the table in docs/architecture.md).
const rules = [
  {
    folders: ['lib/moa', 'lib/judge', 'lib/moa-model'],
    never: ['next', 'react', 'lib/store', 'lib/server'],
    env: false,
  },
  { folders: ['lib/moa'], never: ['lib/judge', 'lib/models'] },
  { folders: ['lib/eval'], never: ['next', 'react', 'lib/store', 'lib/server'] },
  { folders: ['lib/stats'], never: ['next', 'react', 'lib/store', 'node:'] },
  { folders: ['lib/comparison'], never: ['react', 'lib/store'] },
  { folders: ['lib/protocol'], only: ['zod', 'ai', '@ai-sdk/provider', 'lib/protocol'] },
  { folders: ['lib/models', 'lib/limits', 'lib/stream', 'lib/openai', 'lib/store', 'lib/share'], never: ['react'] },
  { folders: ['lib/client'], never: ['lib/server', 'lib/store', 'lib/models', 'next/server'] },
  {
    folders: ['components'],
    never: ['lib/server', 'lib/store', 'lib/models/registry', 'lib/models/providers', 'lib/models/model-access'],
    env: false,
  },
];
for (const [file, imports] of graph) {
  for (const rule of rules.filter((candidate) => under(file, ...candidate.folders))) {
    for (const { specifier, local } of imports) {
      const target = local ?? specifier;
      if (
        rule.never?.some((name) =>
          local
            ? under(local, name) || local.startsWith(`${name}.`)
            : isPackage(specifier, name) || specifier.startsWith(name),
        )
      ) {
        problems.push(`${file} imports ${target}, which ${rule.folders.join(', ')} never import`);
      }
      if (rule.only && !rule.only.some((name) => (local ? under(local, name) : isPackage(specifier, name)))) {
        problems.push(`${file} imports ${target}; ${rule.folders.join(', ')} import only ${rule.only.join(', ')}`);
      }
    }
    if (rule.env === false && /\bprocess\.env\b/.test(text.get(file))) problems.push(`${file} reads process.env`);
  }
}

// 2. Nothing a browser loads reaches a server-only module, directly or through others.
const serverOnly = new Set(files.filter((file) => /^import 'server-only';/m.test(text.get(file))));
const clientEntries = files.filter((file) => /^['"]use client['"];/m.test(text.get(file)) || under(file, 'lib/client'));
for (const entry of clientEntries) {
  const seen = new Set();
  const trail = new Map([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    if (serverOnly.has(file)) {
      problems.push(`${entry} reaches the server-only ${file} (${trail.get(file).join(' → ')})`);
      break;
    }
    for (const { local } of graph.get(file) ?? []) {
      if (!local || seen.has(local)) continue;
      if (!trail.has(local)) trail.set(local, [...trail.get(file), local]);
      queue.push(local);
    }
  }
}

// 3. No cycles among the folders of lib/ (each a layer), nor among the modules inside one.
const folderOf = (file) => file.split('/').slice(0, 2).join('/');
const libFiles = files.filter((file) => under(file, 'lib'));
const folderGraph = new Map();
for (const file of libFiles) {
  for (const { local } of graph.get(file) ?? []) {
    if (!local || !under(local, 'lib') || folderOf(local) === folderOf(file)) continue;
    const targets = folderGraph.get(folderOf(file)) ?? new Map();
    if (!targets.has(folderOf(local))) targets.set(folderOf(local), `${file} → ${local}`);
    folderGraph.set(folderOf(file), targets);
  }
}
function findCycles(nodes, edgesOf, describe) {
  const state = new Map();
  const stack = [];
  const visit = (node) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edgesOf(node)) {
      if (state.get(next) === 'open')
        problems.push(`import cycle: ${describe([...stack.slice(stack.indexOf(next)), next])}`);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of nodes) if (!state.has(node)) visit(node);
}
findCycles(
  [...folderGraph.keys()],
  (folder) => [...(folderGraph.get(folder)?.keys() ?? [])],
  (cycle) =>
    cycle
      .slice(1)
      .map((folder, index) => folderGraph.get(cycle[index]).get(folder))
      .join(', '),
);
findCycles(
  libFiles,
  (file) => (graph.get(file) ?? []).flatMap(({ local }) => (local && under(local, 'lib') ? [local] : [])),
  (cycle) => cycle.join(' → '),
);

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(
    `\n${problems.length} import rule${problems.length === 1 ? '' : 's'} broken (see docs/architecture.md).`,
  );
  process.exit(1);
}
console.log(`Imports follow docs/architecture.md (${files.length} modules checked).`);
