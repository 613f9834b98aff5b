import { ECSClient } from '@aws-sdk/client-ecs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { runDeploy } from '../support/deploy-run.js';
import { createRollingService, registerWebTaskDefinition } from '../support/ecs-fixtures.js';
import { startFakeGithub } from '../support/fake-github.js';

const control = new TestbedControl(inject('awsEndpoint'));
const ecs = new ECSClient(sdkConfig());
const TOKEN = 'ghs_fakeTokenForTheTestBed0123456789';
const SHA = 'c0ffee0123456789abcdef0123456789abcdef01';

describe.runIf(inject('testbed'))(
  'actions/ecs-deploy as a GitHub Deployment (test bed; a local stand-in for the GitHub REST API)',
  () => {
    let github: Awaited<ReturnType<typeof startFakeGithub>>;
    let env: Record<string, string> = {};
    beforeAll(async () => {
      github = await startFakeGithub();
      // A push whose head commit was made 90 minutes ago: the lead time starts there.
      const event = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
      writeFileSync(
        event,
        JSON.stringify({
          head_commit: { id: SHA, timestamp: new Date(Date.now() - 90 * 60_000).toISOString() },
        }),
      );
      env = {
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: 'shop/web',
        GITHUB_SHA: SHA,
        GITHUB_EVENT_PATH: event,
        GITHUB_RUN_ID: '4242',
        GITHUB_SERVER_URL: 'https://github.example',
      };
    });
    afterAll(() => github.close());

    const states = (since: number) =>
      github.requests
        .slice(since)
        .filter((r) => r.method === 'POST' && r.path.endsWith('/statuses'))
        .map((r) => [r.body['state'], r.body['description']]);

    it('creates the deployment for the commit, in progress then success, and reports lead time and frequency', async () => {
      const target = await createRollingService(ecs, { desiredCount: 1 });
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const since = github.requests.length;
      const run = await runDeploy(
        {
          cluster: target.cluster,
          service: target.service,
          'task-definition': next,
          'github-token': TOKEN,
          environment: 'staging',
        },
        uniqueAccessKey(),
        env,
      );
      expect(run.failures).toEqual([]);
      expect(run.secrets).toContain(TOKEN);
      const created = github.requests
        .slice(since)
        .find((r) => r.path === '/repos/shop/web/deployments');
      expect(created?.body).toMatchObject({ ref: SHA, environment: 'staging', auto_merge: false });
      expect(created?.authorization).toBe(`token ${TOKEN}`);
      expect(states(since)).toEqual([
        [
          'in_progress',
          `rolling deployment of ${next.split('/').at(-1) ?? ''} to ${target.cluster}/web`,
        ],
        ['success', `${next.split('/').at(-1) ?? ''} serves ${target.cluster}/web`],
      ]);
      const status = github.requests.slice(since).find((r) => r.path.endsWith('/statuses'));
      expect(status?.body['log_url']).toBe('https://github.example/shop/web/actions/runs/4242');
      expect(run.outputs.get('github-deployment-id')).toMatch(/^\d+$/);
      const lead = Number(run.outputs.get('lead-time-seconds'));
      expect(lead).toBeGreaterThanOrEqual(90 * 60);
      expect(lead).toBeLessThan(100 * 60);
      const summary = run.written.join('\n');
      // formatDuration leaves out a zero: 1h31m0s reads 1h31m.
      expect(summary).toMatch(/\| Lead time for changes \| 1h3\dm(\d+s)? \(commit c0ffee0 at /);
      expect(summary).toMatch(
        /\| Deployment frequency \| \d+ deployments? to staging in the last 7 days \|/,
      );
      expect(summary).toContain('| Outcome | succeeded |');
      // The environment's history, this deployment included (the fake keeps earlier tests' too).
      expect(summary).toMatch(/\| Change failure rate \| \d+% \(\d+ of \d+ failed/);
      expect(summary).toMatch(/\| Source \| the newest \d+ GitHub Deployments of staging/);
      expect(Number(run.outputs.get('change-failure-rate'))).toBeGreaterThanOrEqual(0);
    });

    it('marks a failed, rolled-back deployment as failure with the reason', async () => {
      const target = await createRollingService(ecs, {
        desiredCount: 1,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
      });
      const broken = await registerWebTaskDefinition(
        ecs,
        target.family,
        'registry.example/web:broken',
      );
      await control.failTasks({ taskDefinition: broken });
      const since = github.requests.length;
      const run = await runDeploy(
        {
          cluster: target.cluster,
          service: target.service,
          'task-definition': broken,
          'github-token': TOKEN,
        },
        uniqueAccessKey(),
        env,
      );
      expect(run.failures).toHaveLength(1);
      const [first, last] = [states(since)[0], states(since).at(-1)];
      expect(first?.[0]).toBe('in_progress');
      expect(last?.[0]).toBe('failure');
      expect(String(last?.[1])).toMatch(/^rolled back: Deployment ecs-svc\/\d+ of .* failed/);
      expect(run.written.join('\n')).toContain(
        '| Outcome | failed, rolled back (counts toward the change failure rate) |',
      );
    });

    it('without a token sends nothing to GitHub and still reports the figures', async () => {
      const target = await createRollingService(ecs, { desiredCount: 1 });
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:3');
      const since = github.requests.length;
      const run = await runDeploy(
        { cluster: target.cluster, service: target.service, 'task-definition': next },
        uniqueAccessKey(),
        env,
      );
      expect(run.failures).toEqual([]);
      expect(github.requests.slice(since)).toEqual([]);
      expect(run.written.join('\n')).toContain('| Lead time for changes |');
    });
  },
);
