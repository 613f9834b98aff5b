import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_CLI } from '../testbed/bed.ts';

export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the Docker CLI against the test bed's engine, with its own DOCKER_CONFIG. */
export function docker(
  args: string[],
  options: {
    host: string;
    config: string;
    input?: string;
    env?: Record<string, string>;
    /** Another Docker CLI than Debian's 20.10 (e.g. the runner's 28). */
    cli?: string;
  },
): Promise<DockerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.cli ?? DOCKER_CLI, args, {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        DOCKER_HOST: options.host,
        DOCKER_CONFIG: options.config,
        DOCKER_BUILDKIT: '1',
        ...options.env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * A build context for a tiny image from scratch with Debian's static busybox: its command prints
 * `message` and exits with `exitCode` (or serves forever when exitCode is undefined).
 */
export function imageContext(
  message: string,
  exitCode?: number,
  healthy = true,
  /** Exit only after this many seconds (a release that crashes late rather than at start). */
  afterSeconds?: number,
): string {
  const dir = mkdtempSync(join(tmpdir(), 'image-'));
  copyFileSync('/usr/bin/busybox', join(dir, 'busybox'));
  const run =
    exitCode === undefined
      ? // Stops within a second of SIGTERM (a shell as PID 1 ignores it otherwise), as a server should.
        `echo ${message}; trap 'exit 0' TERM; while true; do sleep 1; done`
      : `echo ${message}; ${afterSeconds === undefined ? '' : `sleep ${afterSeconds}; echo giving up >&2; `}exit ${exitCode}`;
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      `HEALTHCHECK --interval=1s --timeout=1s --retries=2 CMD ${healthy ? 'true' : 'false'}`,
      `CMD ["/bin/sh", "-c", "${run}"]`,
      '',
    ].join('\n'),
  );
  return dir;
}
