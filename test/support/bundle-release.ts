import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import { DOCKER_CLI } from '../testbed/bed.ts';
import { emulatorEnv } from './aws-env.js';
import { appWorkspace, pushToMainEnv } from './build-context.js';
import { runBundle } from './bundle.js';

/**
 * A release as a push to main makes it through the bundles: ecr-build-push builds and pushes the
 * app of a new commit, ecs-task-definition registers test/fixtures/task-definitions/web.json in
 * `family` with that image. Returns the runner env of that job, the image and the revision.
 */
export function bundleRelease(repository: string, family: string) {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-'));
  const fixture = readFileSync(
    join(import.meta.dirname, '..', 'fixtures', 'task-definitions', 'web.json'),
    'utf8',
  );
  return async (message: string, sha: string) => {
    const workspace = appWorkspace(message, { secretCheck: false });
    writeFileSync(
      join(workspace, 'web.json'),
      fixture.replace('"family": "web"', `"family": "${family}"`),
    );
    const env = {
      ...emulatorEnv(),
      ...pushToMainEnv(workspace, sha),
      DOCKER_HOST: inject('dockerHost') ?? '',
      RUNNER_TEMP: runnerTemp,
    };
    const built = await runBundle('ecr-build-push', {
      env,
      inputs: {
        repository,
        'create-repository': 'true',
        'docker-cli': DOCKER_CLI,
        'build-network': 'none',
      },
      timeoutMs: 120_000,
    });
    expect(built.errors).toEqual([]);
    const registered = await runBundle('ecs-task-definition', {
      env,
      inputs: { 'task-definition': 'web.json', image: built.outputs['image'] ?? '' },
    });
    expect(registered.errors).toEqual([]);
    return {
      env,
      image: built.outputs['image'] ?? '',
      taskDefinition: registered.outputs['task-definition-arn'] ?? '',
    };
  };
}
