// The builder set-ups users' runners have, reproduced on the test bed's engine:
// 1. a stock GitHub-hosted runner: Docker CLI 28 with buildx in a system-wide plugin folder, and
//    its default builder (the docker driver);
// 2. a runner after docker/setup-buildx-action: a builder registered under the user's
//    ~/.docker/buildx and named by BUILDX_BUILDER, here with the remote driver to the test bed's
//    buildkitd (setup-buildx-action's docker-container driver needs an image no one can pull here);
// 3. docker build without buildx (`builder: engine`): BuildKit through Debian's Docker 20.10 CLI,
//    or the legacy builder through the Docker 28 CLI.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILDKITD } from '../testbed/bed.ts';
import { docker } from './docker.js';
import { uniqueName } from './ecs-fixtures.js';

/** The Docker CLI a hosted runner has (28.x here), first on PATH. */
export const RUNNER_DOCKER_CLI = existsSync('/usr/local/bin/docker')
  ? '/usr/local/bin/docker'
  : 'docker';
/** Where hosted runners keep buildx, and where setup installs it. */
export const SYSTEM_BUILDX = '/usr/local/lib/docker/cli-plugins/docker-buildx';

export function hasSystemBuildx(): boolean {
  return existsSync(SYSTEM_BUILDX);
}

/** What the builder tests ran on, for their names: the buildx plugin's and buildkitd's versions. */
export function builderVersions(): string {
  const version = (binary: string, args: string[]) => {
    try {
      return /v\d+\.\d+\.\d+/.exec(execFileSync(binary, args, { encoding: 'utf8' }))?.[0] ?? '?';
    } catch {
      return 'missing';
    }
  };
  return `docker buildx ${version(SYSTEM_BUILDX, ['version'])}, buildkitd ${version(BUILDKITD, ['--version'])}`;
}

/** A new runner user's home: no builder registered, so buildx uses the docker driver. */
export function stockRunnerHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'runner-home-'));
  mkdirSync(join(home, '.docker'), { recursive: true });
  return home;
}

/**
 * A runner user's home where an earlier step registered a buildx builder as
 * docker/setup-buildx-action does: in ~/.docker/buildx, named by BUILDX_BUILDER.
 */
export async function homeWithBuildkitBuilder(
  dockerHost: string,
  buildkitAddress: string,
): Promise<{
  home: string;
  builder: string;
  env: Record<string, string>;
  /** Removes all of the builder's cache (`docker buildx prune --all`). */
  prune: () => Promise<void>;
}> {
  const home = stockRunnerHome();
  const builder = uniqueName('builder').replace(/[^a-z0-9-]/g, '-');
  const created = await docker(
    ['buildx', 'create', '--name', builder, '--driver', 'remote', buildkitAddress],
    {
      host: dockerHost,
      config: join(home, '.docker'),
      cli: RUNNER_DOCKER_CLI,
      env: { HOME: home },
    },
  );
  if (created.code !== 0) throw new Error(`docker buildx create failed: ${created.stderr}`);
  const prune = async () => {
    const pruned = await docker(['buildx', 'prune', '--builder', builder, '--all', '--force'], {
      host: dockerHost,
      config: join(home, '.docker'),
      cli: RUNNER_DOCKER_CLI,
      env: { HOME: home },
    });
    if (pruned.code !== 0) throw new Error(`docker buildx prune failed: ${pruned.stderr}`);
  };
  return { home, builder, env: { HOME: home, BUILDX_BUILDER: builder }, prune };
}
