import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../testbed/bed.ts';

export interface BundleRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  env: Record<string, string>;
  summary: string;
  /** Lines the runner would show as errors (`::error::`). */
  errors: string[];
}

export interface BundleOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Run the post step: GITHUB_STATE values from the main run become STATE_* variables. */
  state?: Record<string, string>;
  timeoutMs?: number;
  /** Called with each line the step prints, as it prints it (the live log). */
  onLine?: (line: string) => void;
  /** Kill the process (SIGKILL, as a runner does last when cancelling) at the first line matching. */
  killOn?: RegExp;
}

/** Reads a GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV file as the runner does. */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc !== null) {
      const [, name = '', delimiter] = heredoc;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i] ?? '');
      values[name] = body.join('\n');
    } else if (line.includes('=')) {
      const eq = line.indexOf('=');
      values[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return values;
}

/**
 * Runs `dist/<action>/index.js` the way a GitHub runner does: inputs as `INPUT_<NAME>`, command
 * files for outputs, state, environment and the step summary, read back after the process ends.
 */
export async function runBundle(action: string, options: BundleOptions = {}): Promise<BundleRun> {
  const scratch = mkdtempSync(join(tmpdir(), `e2e-${action}-`));
  const files = {
    GITHUB_OUTPUT: join(scratch, 'output'),
    GITHUB_STATE: join(scratch, 'state'),
    GITHUB_ENV: join(scratch, 'env'),
    GITHUB_STEP_SUMMARY: join(scratch, 'summary.md'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    RUNNER_TEMP: scratch,
    GITHUB_WORKSPACE: repoRoot,
    GITHUB_ACTIONS: 'true',
    ...files,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
  try {
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, [join(repoRoot, 'dist', action, 'index.js')], {
          env,
          cwd: repoRoot,
          timeout: options.timeoutMs ?? 60_000,
        });
        let stdout = '';
        let stderr = '';
        let pending = '';
        const killOn = options.killOn;
        const onLine =
          killOn === undefined
            ? options.onLine
            : (line: string) => {
                options.onLine?.(line);
                if (killOn.test(line)) child.kill('SIGKILL');
              };
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (onLine === undefined) return;
          const lines = (pending + chunk.toString()).split('\n');
          pending = lines.pop() ?? '';
          for (const line of lines) onLine(line);
        });
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => {
          if (onLine !== undefined && pending !== '') onLine(pending);
          resolve({ code: code ?? -1, stdout, stderr });
        });
      },
    );
    return {
      exitCode: result.code,
      stdout: result.stdout,
      stderr: result.stderr,
      outputs: parseCommandFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
      state: parseCommandFile(readFileSync(files.GITHUB_STATE, 'utf8')),
      env: parseCommandFile(readFileSync(files.GITHUB_ENV, 'utf8')),
      summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
      errors: result.stdout
        .split('\n')
        .filter((line) => line.startsWith('::error'))
        .map((line) => line.replace(/^::error[^:]*::/, '')),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
