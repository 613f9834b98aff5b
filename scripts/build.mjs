// Bundles every action under actions/ into <out>/<name>/ with ncc (default out: dist/).
// Usage: node scripts/build.mjs [--out DIR]
import { mkdirSync, readdirSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus } from 'node:os';
import { listActions, mapLimit, root, run } from './lib.mjs';

const outIndex = process.argv.indexOf('--out');
const out = outIndex === -1 ? join(root, 'dist') : resolve(process.argv[outIndex + 1]);
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

const actions = listActions();
const problems = [];
for (const action of actions) {
  const runs = action.metadata?.runs ?? {};
  const expected = `../../dist/${action.name}/index.js`;
  if (runs.using !== 'node24') problems.push(`${action.file}: runs.using must be node24`);
  if (runs.main !== expected) problems.push(`${action.file}: runs.main must be ${expected}`);
  if (runs.post !== undefined && runs.post !== expected) {
    problems.push(`${action.file}: runs.post must be ${expected}`);
  }
  if (!existsSync(action.entry)) problems.push(`${action.file}: no entry point ${action.entry}`);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}

mkdirSync(out, { recursive: true });
// Bundles of actions that no longer exist are removed, so dist/ holds exactly the actions.
const names = new Set(actions.map((action) => action.name));
for (const entry of readdirSync(out)) {
  if (!names.has(entry)) rmSync(join(out, entry), { recursive: true, force: true });
}

const started = Date.now();
const results = await mapLimit(actions, Math.max(1, cpus().length), async (action) => {
  const target = join(out, action.name);
  rmSync(target, { recursive: true, force: true });
  const result = await run(process.execPath, [
    ncc,
    'build',
    action.entry,
    '--out',
    target,
    '--minify',
    '--license',
    'licenses.txt',
    '--target',
    'es2023',
    '--quiet',
  ]);
  if (result.code !== 0) return `${action.name}: ncc failed\n${result.stdout}${result.stderr}`;
  console.log(`built dist/${action.name}`);
  return undefined;
});
const failures = results.filter((failure) => failure !== undefined);
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
writeFileSync(join(out, '.gitattributes'), '* -diff linguist-generated=true\n');
console.log(`built ${actions.length} bundles in ${((Date.now() - started) / 1000).toFixed(1)}s`);
