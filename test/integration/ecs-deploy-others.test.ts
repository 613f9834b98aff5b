// Other people act on the same service: a second workflow run, a person in the console. The step
// never undoes their work, and it reports only what it saw happen (test bed, emulated tasks).
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ecsDeploy } from '../../src/actions/ecs-deploy/action.js';
import { runAction } from '../../src/core/action/run.js';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv, sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { createBlueGreenService } from '../support/codedeploy-fixtures.js';
import { runDeploy, servingTaskDefinition } from '../support/deploy-run.js';
import {
  createRollingService,
  describeService,
  registerWebTaskDefinition,
  waitForSteady,
} from '../support/ecs-fixtures.js';
import { startFakeGithub } from '../support/fake-github.js';
import { recordingRuntime } from '../support/runtime.js';
import { scaledClock } from '../support/scaled-clock.js';
import { waitFor } from '../support/wait.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const codedeploy = new CodeDeployClient(sdkConfig());

/** Waits until the service's newest deployment is of `taskDefinition` and still in progress. */
function rollingOut(target: { cluster: string; service: string }, taskDefinition: string) {
  return waitFor(
    () => describeService(ecs, target.cluster, target.service),
    (s) =>
      s.deployments?.[0]?.taskDefinition === taskDefinition &&
      s.deployments[0].rolloutState === 'IN_PROGRESS',
    { timeoutMs: 30_000, what: `a deployment of ${taskDefinition} in progress` },
  );
}

/** Someone else (another caller, not the step's credentials) deploys `taskDefinition`. */
async function someoneDeploys(
  target: { cluster: string; service: string },
  taskDefinition: string,
) {
  await ecs.send(
    new UpdateServiceCommand({ cluster: target.cluster, service: target.service, taskDefinition }),
  );
}

describe.runIf(inject('testbed'))(
  "actions/ecs-deploy never undoes someone else's deployment (test bed)",
  () => {
    it('a newer deployment during the rollout: REPLACED, nothing rolled back, the newer revision serves', async () => {
      const target = await createRollingService(ecs, { desiredCount: 2 });
      const ours = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const theirs = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:3');
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const deploying = runDeploy(
        { cluster: target.cluster, service: target.service, 'task-definition': ours },
        accessKey,
      );
      await rollingOut(target, ours);
      await someoneDeploys(target, theirs);
      const run = await deploying;
      expect(run.outputs.get('status')).toBe('REPLACED');
      expect(run.outputs.get('rolled-back')).toBe('false');
      expect(run.failures[0]).toMatch(
        /was replaced: Deployment ecs-svc\/\d+ \(.*:3\), started at \S+ by another caller \(a second workflow run, the console or the CLI\), replaced ecs-svc\/\d+ before this step saw it through\. That deployment now owns the service: nothing was rolled back over it\./,
      );
      // The step wrote once (its own UpdateService, plus the change it recorded): no rollback.
      expect(await control.writes(mark, accessKey)).toEqual(['TagResource', 'UpdateService']);
      await waitForSteady(ecs, target.cluster, target.service);
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(theirs);
      // As on ECS: the replaced deployment's service deployment is STOPPED, not FAILED.
      const stopped = (await control.journal(mark)).filter(
        (e) => e.kind === 'deployment' && e.state === 'STOPPED',
      );
      expect(stopped).toHaveLength(1);
    });

    it("a cancelled job's post step leaves a newer deployment someone else started alone", async () => {
      const target = await createRollingService(ecs, { desiredCount: 1 });
      const ours = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const theirs = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:3');
      const main = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': ours,
        'wait-until': 'submitted',
      });
      // As if the job had been cancelled while following: finished never became true.
      main.state.save('finished', 'false');
      await someoneDeploys(target, theirs);
      const accessKey = uniqueAccessKey();
      const post = recordingRuntime({}, emulatorEnv(undefined, accessKey));
      for (const [key, value] of main.state.values) post.state.save(key, value);
      const mark = await control.mark();
      await runAction(ecsDeploy, {
        ...post.runtime,
        ...scaledClock((await control.status()).scale),
      });
      expect(post.failures).toEqual([]);
      expect(post.logger.messages('warning')[0]).toMatch(
        /^The deploy step did not finish, but nothing is rolled back: Deployment ecs-svc\/\d+ \(.*:3\)/,
      );
      expect(post.written.join('\n')).toContain('Not rolled back: Deployment ecs-svc/');
      expect(await control.writes(mark, accessKey)).toEqual([]);
      await waitForSteady(ecs, target.cluster, target.service);
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(theirs);
    });

    it('two runs at once: the second refuses before any write (fail), or waits for the first and deploys over it (wait)', async () => {
      const target = await createRollingService(ecs, { desiredCount: 2 });
      const first = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const second = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:3');
      const firstRun = runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': first,
      });
      await rollingOut(target, first);

      const refusedKey = uniqueAccessKey();
      const mark = await control.mark();
      const refused = await runDeploy(
        { cluster: target.cluster, service: target.service, 'task-definition': second },
        refusedKey,
      );
      expect(refused.failures[0]).toMatch(
        /^Deployment ecs-svc\/\d+ \(.*:2\) of .*\/web, started \S+, is still in progress \(another run, a person, or ECS rolling back\): nothing was changed\. Run again once it ends, or set on-in-flight: wait/,
      );
      expect(await control.writes(mark, refusedKey)).toEqual([]);

      const waited = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': second,
        'on-in-flight': 'wait',
      });
      expect(waited.failures).toEqual([]);
      expect(waited.outputs.get('status')).toBe('SUCCEEDED');
      // It waited for the first run's deployment, so that one is its rollback target.
      expect(waited.outputs.get('previous-task-definition-arn')).toBe(first);
      expect(
        waited.logger.messages('info').some((m) => /ended COMPLETED; .*:2 serves/.test(m)),
      ).toBe(true);
      const firstResult = await firstRun;
      expect(firstResult.outputs.get('status')).toBe('SUCCEEDED');
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(second);
    });

    it('on-in-flight: stop is refused for a rolling service, before any write', async () => {
      const target = await createRollingService(ecs, { desiredCount: 1 });
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const run = await runDeploy(
        {
          cluster: target.cluster,
          service: target.service,
          'task-definition': next,
          'on-in-flight': 'stop',
        },
        accessKey,
      );
      expect(run.failures[0]).toMatch(
        /^Input 'on-in-flight: stop' is refused for .*\/web, a rolling service/,
      );
      expect(await control.writes(mark, accessKey)).toEqual([]);
    });
  },
);

// A workspace holding a valid AppSpec, so 'appspec' is refused for what it is, not as a missing file.
const appSpecWorkspace = mkdtempSync(join(tmpdir(), 'appspec-'));
writeFileSync(
  join(appSpecWorkspace, 'appspec.yaml'),
  [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    '        TaskDefinition: web',
    '        LoadBalancerInfo:',
    '          ContainerName: web',
    '          ContainerPort: 8080',
    '',
  ].join('\n'),
);

describe.runIf(inject('testbed'))('actions/ecs-deploy reports only what it saw (test bed)', () => {
  it('a circuit-breaker rollback that fails too: ROLLBACK_FAILED, rolled-back false, what serves now', async () => {
    const target = await createRollingService(ecs, {
      desiredCount: 2,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    const broken = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:bad');
    // Every task of this service fails from now on, the old revision's too: ECS's rollback fails.
    await control.failTasks({ cluster: target.cluster, exitCode: 3 });
    const mark = await control.mark();
    const run = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': broken,
    });
    expect(run.outputs.get('status')).toBe('ROLLBACK_FAILED');
    expect(run.outputs.get('rolled-back')).toBe('false');
    expect(run.failures[0]).toMatch(
      /failed, and so did its rollback: ECS deployment circuit breaker: tasks failed to start\. ECS's circuit breaker rolled back with deployment ecs-svc\/\d+ \(.*:1\), and that failed too: .* Serving now: .*:1\./,
    );
    expect(
      (await control.journal(mark)).some(
        (e) => e.kind === 'deployment' && e.state === 'ROLLBACK_FAILED',
      ),
    ).toBe(true);
    // The step itself did not roll back over ECS's failed rollback.
    expect(run.logger.messages('info').some((m) => m.startsWith('Rolling '))).toBe(false);
  });

  it('its own rollback that never completes: ROLLBACK_FAILED, rolled-back false, what serves now', async () => {
    const target = await createRollingService(ecs, { desiredCount: 1 });
    const broken = await registerWebTaskDefinition(
      ecs,
      target.family,
      'registry.example/web:hangs',
    );
    // From now on no new task of this service passes its health checks, the old revision's too.
    await control.failTasks({ cluster: target.cluster, mode: 'unhealthy' });
    const run = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': broken,
      timeout: '2m',
    });
    expect(run.outputs.get('status')).toBe('ROLLBACK_FAILED');
    expect(run.outputs.get('rolled-back')).toBe('false');
    expect(run.failures[0]).toMatch(
      /failed, and so did its rollback: Timed out after 2m\d*s? waiting for deployment .* Rolling back to .*:1 did not complete either: Timed out after 2m\d*s? .* Serving now: .*:1 \(\d+ running\)/,
    );
  });

  const cases: [string, Record<string, string>, RegExp][] = [
    [
      'deployment-config',
      { 'deployment-config': 'CodeDeployDefault.ECSAllAtOnce' },
      /^Input 'deployment-config' shapes a CodeDeploy deployment/,
    ],
    [
      'traffic-*',
      { 'traffic-percentage': '10', 'traffic-interval': '5' },
      /^Input 'traffic-percentage' shapes a CodeDeploy deployment/,
    ],
    [
      'codedeploy-application',
      { 'codedeploy-application': 'AppECS-x-web' },
      /^Input 'codedeploy-application' shapes/,
    ],
    [
      'codedeploy-deployment-group',
      { 'codedeploy-deployment-group': 'DgpECS-x-web' },
      /^Input 'codedeploy-deployment-group' shapes/,
    ],
    ['appspec', { appspec: 'appspec.yaml' }, /^Input 'appspec' shapes a CodeDeploy deployment/],
    [
      'wait-until: ready',
      { 'wait-until': 'ready' },
      /^Input 'wait-until: ready' waits for a blue\/green deployment's test traffic/,
    ],
  ];
  it.each(cases)('a rolling service refuses %s with no write', async (_name, values, message) => {
    const target = await createRollingService(ecs, { desiredCount: 1 });
    const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    const accessKey = uniqueAccessKey();
    const mark = await control.mark();
    const run = await runDeploy(
      { cluster: target.cluster, service: target.service, 'task-definition': next, ...values },
      accessKey,
      { GITHUB_WORKSPACE: appSpecWorkspace },
    );
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(message);
    expect(await control.writes(mark, accessKey)).toEqual([]);
  });

  const codeDeployCases: [string, Record<string, string>, RegExp][] = [
    [
      'desired-count',
      { strategy: 'canary', 'desired-count': '3' },
      /^Input 'desired-count' is not applied by a CodeDeploy deployment/,
    ],
    [
      'force-new-deployment',
      { strategy: 'linear', 'force-new-deployment': 'true' },
      /^Input 'force-new-deployment' starts a new rolling deployment/,
    ],
    [
      'traffic-* with blue-green',
      { strategy: 'blue-green', 'traffic-percentage': '10', 'traffic-interval': '5' },
      /^Inputs 'traffic-percentage' and 'traffic-interval' set the steps of a canary or linear deployment/,
    ],
  ];
  it.each(codeDeployCases)(
    'a CodeDeploy service refuses %s with no write',
    async (_name, values, message) => {
      const target = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint);
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const run = await runDeploy(
        { cluster: target.cluster, service: target.service, 'task-definition': next, ...values },
        accessKey,
      );
      expect(run.failures).toHaveLength(1);
      expect(run.failures[0]).toMatch(message);
      expect(await control.writes(mark, accessKey)).toEqual([]);
    },
  );
});

describe.runIf(inject('testbed'))(
  'actions/ecs-deploy: one GitHub Deployment per release, across the ready and continue steps (test bed; a local stand-in for the GitHub REST API)',
  () => {
    let github: Awaited<ReturnType<typeof startFakeGithub>>;
    const TOKEN = 'ghs_fakeTokenForTheTestBed0123456789';
    const env = () => ({
      GITHUB_API_URL: github.url,
      GITHUB_REPOSITORY: 'shop/web',
      GITHUB_SHA: 'feedface0123456789abcdef0123456789abcdef',
      GITHUB_RUN_ID: '77',
    });
    beforeAll(async () => {
      github = await startFakeGithub();
    });
    afterAll(() => github.close());

    it.each([
      ['found by the CodeDeploy deployment id the ready step wrote', false],
      ["given the ready step's github-deployment-id output", true],
    ])(
      'the continue step carries on with the ready step’s deployment: %s',
      async (_how, passId) => {
        const target = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint, {
          readyAction: 'STOP_DEPLOYMENT',
          readyWaitMinutes: 60,
        });
        const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
        const environment = `approval-${String(passId)}-${target.cluster}`;
        const ready = await runDeploy(
          {
            cluster: target.cluster,
            service: target.service,
            'task-definition': next,
            strategy: 'blue-green',
            'wait-until': 'ready',
            'github-token': TOKEN,
            environment,
          },
          uniqueAccessKey(),
          env(),
        );
        expect(ready.outputs.get('status')).toBe('READY');
        const id = ready.outputs.get('github-deployment-id') ?? '';
        expect(id).toMatch(/^\d+$/);
        const continued = await runDeploy(
          {
            cluster: target.cluster,
            service: target.service,
            strategy: 'blue-green',
            'continue-deployment-id': ready.outputs.get('deployment-id') ?? '',
            'github-token': TOKEN,
            environment,
            ...(passId ? { 'github-deployment-id': id } : {}),
          },
          uniqueAccessKey(),
          env(),
        );
        expect(continued.failures).toEqual([]);
        expect(continued.outputs.get('github-deployment-id')).toBe(id);
        // The fake GitHub's record: one deployment for this environment, in progress, then success.
        const record = github.deployments.filter((d) => d.environment === environment);
        expect(record).toHaveLength(1);
        expect(record[0]?.statuses.map((s) => s.state)).toEqual([
          'in_progress',
          'in_progress',
          'in_progress',
          'success',
        ]);
        expect(record[0]?.statuses[1]?.description).toContain(`waits for the continue step`);
        expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(next);
      },
    );
  },
);
