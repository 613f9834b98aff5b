import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../testbed/bed.ts';

/** nektos/act: ACT_BIN, else .cache/bin/act (scripts/setup.sh builds it), else on PATH. */
export function findAct(): string | undefined {
  const candidates = [process.env['ACT_BIN'], join(repoRoot, '.cache', 'bin', 'act')];
  for (const candidate of candidates)
    if (candidate !== undefined && existsSync(candidate)) return candidate;
  const found = spawnSync('sh', ['-c', 'command -v act'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '' ? found.stdout.trim() : undefined;
}

/**
 * What a user's `uses: ecs-delivery/ecs-delivery/actions/<name>@v1` fetches: the release's
 * actions/ and dist/, nothing else.
 */
export function releaseCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-delivery-v1-'));
  for (const part of ['actions', 'dist'])
    cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
  return dir;
}

export interface ActRun {
  code: number;
  output: string;
}

export interface ActOptions {
  /** A git repository with .github/workflows/. */
  workspace: string;
  event: 'push' | 'workflow_dispatch';
  workflow: string;
  inputs?: Record<string, string>;
  vars?: Record<string, string>;
  env?: Record<string, string>;
  /** `owner/repo@ref` → local folder. */
  repositories: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Runs a workflow with act on this machine (`-P ubuntu-latest=-self-hosted`: steps run on the
 * host), Node 24 first on PATH: host mode runs JavaScript actions with whatever `node` it finds.
 */
export function runAct(act: string, options: ActOptions): Promise<ActRun> {
  const node24 = join(repoRoot, 'node_modules', '.bin');
  const args = [
    options.event,
    '-W',
    options.workflow,
    '-P',
    'ubuntu-latest=-self-hosted',
    '--no-cache-server',
    '--action-offline-mode',
  ];
  for (const [name, value] of Object.entries(options.inputs ?? {}))
    args.push('--input', `${name}=${value}`);
  for (const [name, value] of Object.entries(options.vars ?? {}))
    args.push('--var', `${name}=${value}`);
  for (const [name, value] of Object.entries(options.env ?? {}))
    args.push('--env', `${name}=${value}`);
  for (const [repository, dir] of Object.entries(options.repositories)) {
    args.push('--local-repository', `${repository}=${dir}`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(act, args, {
      cwd: options.workspace,
      env: {
        PATH: `${node24}:${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
        HOME: process.env['HOME'] ?? tmpdir(),
      },
      timeout: options.timeoutMs ?? 300_000,
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? -1, output });
    });
  });
}
