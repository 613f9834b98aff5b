import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Each action's contract.ts makes a name its action.yml lacks a compile error. This checks the
// other direction on the sources: every declared input is read and every declared output set,
// so nothing in an action.yml is a promise the code does not keep.

const root = join(import.meta.dirname, '..', '..', '..');
const actions = readdirSync(join(root, 'actions')).sort();

interface Metadata {
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/**
 * Every quoted string in the action's own sources (the generated contract excluded) and in the
 * core modules they import (shared readers such as core/taskdef/ebs.ts read inputs too).
 */
function literals(action: string): Set<string> {
  const dir = join(root, 'src', 'actions', action);
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && file !== 'contract.ts')
    .map((file) => join(dir, file));
  const sources = files.map((file) => readFileSync(file, 'utf8'));
  for (const source of [...sources]) {
    for (const match of source.matchAll(/from '\.\.\/\.\.\/(core\/[^']+)\.js'/g)) {
      sources.push(readFileSync(join(root, 'src', `${match[1] ?? ''}.ts`), 'utf8'));
    }
  }
  const found = new Set<string>();
  for (const source of sources) {
    for (const match of source.matchAll(/'([a-z][a-z0-9-]*)'/g)) found.add(match[1] ?? '');
  }
  return found;
}

/** Inputs runAction reads for every action (core/action/run.ts). */
const COMMON_INPUTS = ['iam-preflight'];

describe('action contracts (action.yml against the sources)', () => {
  it.each(actions)(
    '%s: every declared input is read and every declared output is set',
    (action) => {
      const metadata = parse(
        readFileSync(join(root, 'actions', action, 'action.yml'), 'utf8'),
      ) as Metadata;
      const used = literals(action);
      const inputs = Object.keys(metadata.inputs ?? {});
      expect(inputs).toEqual(expect.arrayContaining(COMMON_INPUTS));
      const unread = inputs.filter((name) => !COMMON_INPUTS.includes(name) && !used.has(name));
      const unset = Object.keys(metadata.outputs ?? {}).filter((name) => !used.has(name));
      expect({ unread, unset }).toEqual({ unread: [], unset: [] });
    },
  );

  it('the generated contracts match the action.yml files (as docs:check does)', () => {
    for (const action of actions) {
      const contract = readFileSync(join(root, 'src', 'actions', action, 'contract.ts'), 'utf8');
      const metadata = parse(
        readFileSync(join(root, 'actions', action, 'action.yml'), 'utf8'),
      ) as Metadata;
      for (const name of [
        ...Object.keys(metadata.inputs ?? {}),
        ...Object.keys(metadata.outputs ?? {}),
      ]) {
        expect(contract, `${action}: ${name}`).toContain(`| '${name}'`);
      }
    }
  });
});
