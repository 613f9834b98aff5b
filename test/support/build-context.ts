import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The build secret the test image expects. */
export const BUILD_SECRET = 's3cret';
const SECRET_SHA256 = createHash('sha256').update(BUILD_SECRET).digest('hex');

/**
 * A workspace holding a small app image built from scratch with Debian's static busybox. Its
 * RUN step reads a BuildKit secret and fails unless it has the expected value.
 */
export function appWorkspace(
  message = 'hello',
  options: {
    secretCheck?: boolean;
    fail?: boolean;
    nonce?: string;
    /** The container prints this to stderr and exits 1 at start: a release that crashes. */
    crash?: string;
  } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-'));
  copyFileSync('/usr/bin/busybox', join(dir, 'busybox'));
  // A nonce in the RUN line keeps BuildKit from reusing a cached step (secrets are not in the cache key).
  const nonce = options.nonce === undefined ? '' : `: ${options.nonce} && `;
  const run = options.fail
    ? 'RUN ["/bin/busybox", "sh", "-c", "echo the build step fails on purpose >&2; exit 7"]'
    : options.secretCheck === false
      ? 'RUN ["/bin/busybox", "--install", "-s", "/bin"]'
      : // Compared by hash, so the secret's value never appears in the Dockerfile or the build log.
        `RUN --mount=type=secret,id=token ["/bin/busybox", "sh", "-c", "${nonce}test \\"$(/bin/busybox sha256sum /run/secrets/token | /bin/busybox cut -c1-64)\\" = ${SECRET_SHA256} && /bin/busybox --install -s /bin"]`;
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      run,
      options.crash === undefined
        ? `CMD ["/bin/sh", "-c", "echo ${message}; while true; do sleep 1; done"]`
        : `CMD ["/bin/sh", "-c", "echo ${message}; echo ${options.crash} >&2; exit 1"]`,
      '',
    ].join('\n'),
  );
  writePushEvent(dir);
  return dir;
}

/**
 * A workspace whose Dockerfile has no RUN step (so it builds for any platform without emulation
 * and needs no network): busybox and a file with `message`, which makes each message its own image.
 */
export function staticWorkspace(message: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'static-'));
  copyFileSync('/usr/bin/busybox', join(dir, 'busybox'));
  writeFileSync(join(dir, 'message.txt'), `${message}\n`);
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'COPY message.txt /message.txt',
      'CMD ["/bin/busybox", "sh", "-c", "/bin/busybox cat /message.txt; while true; do /bin/busybox sleep 1; done"]',
      '',
    ].join('\n'),
  );
  writePushEvent(dir);
  return dir;
}

/** The event file of a push to a repository whose default branch is main. */
function writePushEvent(dir: string): void {
  writeFileSync(
    join(dir, 'event.json'),
    JSON.stringify({ repository: { default_branch: 'main' } }),
  );
}

/** The environment GitHub gives a push to main. */
export function pushToMainEnv(
  workspace: string,
  sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
): Record<string, string> {
  return {
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: sha,
    GITHUB_EVENT_PATH: join(workspace, 'event.json'),
    GITHUB_RUN_NUMBER: '42',
  };
}
