// Proves dist/ is what the sources build to, that every bundle loads and fails cleanly without
// inputs, and that no bundled package carries a licence the MIT suite cannot ship.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { listActions, mapLimit, root, run } from './lib.mjs';

// SPDX identifiers an MIT-licensed bundle may contain.
const ALLOWED = new Set([
  'MIT',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'BlueOak-1.0.0',
  'Unlicense',
  'CC0-1.0',
  'Python-2.0',
  'MIT-0',
  'Zlib',
]);

const fresh = mkdtempSync(join(tmpdir(), 'ecs-delivery-dist-'));
const problems = [];
try {
  const build = await run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--out', fresh]);
  if (build.code !== 0) {
    console.error(build.stdout + build.stderr);
    process.exit(1);
  }
  compareTrees(join(root, 'dist'), fresh);
  const actions = listActions();
  await mapLimit(actions, 2, (action) => startWithoutInputs(action));
  for (const action of actions)
    checkLicences(action.name, join(fresh, action.name, 'licenses.txt'));
} finally {
  rmSync(fresh, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`check-dist found ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  console.error('Run `npm run build` and commit dist/.');
  process.exit(1);
}
console.log(
  'dist/ matches a fresh build; every bundle starts and names its missing input; licences allowed',
);

function listFiles(dir) {
  const files = new Map();
  const walk = (current) => {
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else
        files.set(
          relative(dir, path),
          createHash('sha256').update(readFileSync(path)).digest('hex'),
        );
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

function compareTrees(committed, built) {
  const have = listFiles(committed);
  const want = listFiles(built);
  for (const [file, hash] of want) {
    if (!have.has(file)) problems.push(`dist/${file} is missing`);
    else if (have.get(file) !== hash) problems.push(`dist/${file} differs from a fresh build`);
  }
  for (const file of have.keys()) {
    if (!want.has(file)) problems.push(`dist/${file} is not produced by the build (stale)`);
  }
}

/** A bundle started with no inputs must exit 1 with an error naming one of its inputs. */
async function startWithoutInputs(action) {
  const scratch = mkdtempSync(join(tmpdir(), 'ecs-delivery-start-'));
  const files = {};
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY', 'GITHUB_ENV']) {
    files[name] = join(scratch, name);
    writeFileSync(files[name], '');
  }
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...files };
  try {
    const result = await run(process.execPath, [join(root, 'dist', action.name, 'index.js')], {
      env,
    });
    const output = result.stdout + result.stderr;
    const named = /::error::.*?[Ii]nput '([a-z0-9-]+)'/.exec(output)?.[1];
    const inputs = Object.keys(action.metadata?.inputs ?? {});
    if (result.code !== 1)
      problems.push(`${action.name}: exit code ${result.code} without inputs (want 1)\n${output}`);
    else if (named === undefined)
      problems.push(`${action.name}: no error naming an input\n${output}`);
    else if (!inputs.includes(named))
      problems.push(`${action.name}: error names '${named}', not an input of action.yml`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function checkLicences(name, file) {
  if (!existsSync(file)) {
    problems.push(`${name}: ncc wrote no licenses.txt`);
    return;
  }
  const lines = readFileSync(file, 'utf8').split('\n');
  const packages = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const candidate = lines[i];
    const previousBlank = i === 0 || lines[i - 1] === '';
    if (!previousBlank || !/^(@[\w.-]+\/)?[\w.-]+$/.test(candidate)) continue;
    if (!existsSync(join(root, 'node_modules', candidate, 'package.json'))) continue;
    packages.push({ name: candidate, licence: lines[i + 1].trim() });
  }
  // ncc silently drops the list when a module fails to resolve; an empty list is a failure.
  if (!packages.some((entry) => entry.name === '@actions/core')) {
    problems.push(
      `${name}: licenses.txt does not list @actions/core, so the licence list is incomplete`,
    );
  }
  for (const entry of packages) {
    const ids = entry.licence
      .replace(/[()]/g, ' ')
      .split(/\s+(?:OR|AND)\s+|\s+/)
      .filter(Boolean);
    const ok = entry.licence.includes(' OR ')
      ? ids.some((id) => ALLOWED.has(id))
      : ids.every((id) => ALLOWED.has(id));
    if (!ok)
      problems.push(
        `${name}: bundles ${entry.name} under '${entry.licence}', not allowed in an MIT bundle`,
      );
  }
}
