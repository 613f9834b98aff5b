import { mkdtempSync, writeFileSync } from 'node:fs';
import { RecordingLogger } from '../../support/doubles.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { Delivery, commitTime } from '../../../src/core/github/delivery.js';
import { VirtualClock } from '../../support/doubles.js';

type Octokit = NonNullable<ConstructorParameters<typeof Delivery>[0]['octokit']>;

describe('the GitHub side of a deployment', () => {
  it('gives up on a GitHub that does not answer, with a warning, and the deployment goes on', async () => {
    const never = () => new Promise<never>(() => undefined);
    const octokit = {
      rest: {
        repos: { createDeployment: never, createDeploymentStatus: never, listDeployments: never },
      },
    } as unknown as Octokit;
    const logger = new RecordingLogger();
    const delivery = new Delivery({
      token: 't',
      environment: 'production',
      env: { GITHUB_REPOSITORY: 'shop/web' },
      logger,
      clock: new VirtualClock(0),
      octokit,
      timeoutMs: 20,
    });
    await delivery.start('deploying', {});
    expect(delivery.githubDeploymentId).toBeUndefined();
    expect(logger.messages('warning')).toEqual([
      'GitHub: could not create the deployment (no answer within 0.02 s); the deployment goes on. The token needs the deployments: write permission.',
    ]);
  });

  it("takes the commit time from the push event's head commit, only for the commit deployed", () => {
    const path = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
    writeFileSync(
      path,
      JSON.stringify({ head_commit: { id: 'abc', timestamp: '2026-11-20T09:00:00+01:00' } }),
    );
    expect(commitTime({ GITHUB_EVENT_PATH: path, GITHUB_SHA: 'abc' })?.toISOString()).toBe(
      '2026-11-20T08:00:00.000Z',
    );
    expect(commitTime({ GITHUB_EVENT_PATH: path, GITHUB_SHA: 'def' })).toBeUndefined();
    expect(commitTime({})).toBeUndefined();
  });
});
