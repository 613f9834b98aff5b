// The bake, on the test bed: releases that crash as real containers (Docker engine, images from
// the test bed's registry), and an alarm and a newer deployment during the bake on simulated
// tasks. The action's clock runs at the test bed's time scale, so "5m" of bake is 5 s here;
// real containers live in wall time (tb_ecs.py's realHealthySeconds).
import { CloudWatchClient, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ecsDeploy } from '../../src/actions/ecs-deploy/action.js';
import { errorsAlarm } from '../support/alarms.js';
import { TEST_REGION, sdkConfig } from '../support/aws-env.js';
import { runDeploy, runOnBed, servingTaskDefinition } from '../support/deploy-run.js';
import {
  createRollingService,
  describeService,
  registerWebTaskDefinition,
  waitForSteady,
} from '../support/ecs-fixtures.js';
import { RealServices, type Releases } from '../support/real-service.js';
import { waitFor } from '../support/wait.js';

const endpoint = inject('awsEndpoint');
const ecr = new ECRClient(sdkConfig());
const ecs = new ECSClient(sdkConfig());
const cloudwatch = new CloudWatchClient(sdkConfig());
const dockerHost = inject('dockerHost') ?? '';
const real = new RealServices({ ecr, ecs }, endpoint, dockerHost);
let images: Releases;

/** Waits until ECS has completed the service's deployment of `taskDefinition` (the bake then runs). */
function completedOn(service: { cluster: string; service: string }, taskDefinition: string) {
  return waitFor(
    () => describeService(ecs, service.cluster, service.service),
    (s) =>
      s.deployments?.[0]?.taskDefinition === taskDefinition &&
      s.deployments[0].rolloutState === 'COMPLETED',
    { timeoutMs: 60_000, what: 'ECS to complete the deployment' },
  );
}

describe.runIf(inject('testbed') && inject('dockerHost') !== null && inject('registry') !== null)(
  'actions/ecs-deploy: green only when the new version stays up (the bake), on the test bed with real containers',
  () => {
    afterEach(() => real.scaleDown());

    beforeAll(async () => {
      images = await real.releases();
    }, 180_000);

    it('the reported release (exits 1 s after start) is red and rolled back with no bake at all: it never counts as healthy', async () => {
      const service = await real.service(images.serving);
      const bad = await real.register(service.family, images.crashAtStart);
      const run = await runDeploy({
        cluster: service.cluster,
        service: 'web',
        'task-definition': bad,
      });
      expect(run.failures[0]).toMatch(/failed: .*circuit breaker/);
      expect(run.outputs.get('status')).toBe('FAILED');
      expect(run.outputs.get('rolled-back')).toBe('true');
      expect(run.logger.messages('warning').join('\n')).toMatch(
        /stopped: Essential container in task exited; app exit 3/,
      );
      // The summary links the service in the console of the step's region, and lists the crash.
      const summary = run.written.join('\n');
      expect(summary).toContain(
        `[${service.cluster}/web](https://${TEST_REGION}.console.aws.amazon.com/ecs/v2/clusters/${service.cluster}/services/web/health?region=${TEST_REGION})`,
      );
      expect(summary).toMatch(
        /\| [0-9a-f-]+ \| app \| 3 \| Essential container in task exited \| \(not in CloudWatch Logs\) \|/,
      );
      expect(await servingTaskDefinition(ecs, service.cluster, 'web')).toBe(service.good);
    }, 120_000);

    it('a release that dies after ECS completes is caught by the default bake and rolled back: the previous revision serves', async () => {
      const service = await real.service(images.serving);
      const bad = await real.register(service.family, images.crashLate);
      // No bake-time: the default.
      const run = await runOnBed(ecsDeploy, {
        cluster: service.cluster,
        service: 'web',
        'task-definition': bad,
      });
      expect(run.outputs.get('status')).toBe('FAILED');
      expect(run.outputs.get('rolled-back')).toBe('true');
      expect(run.outputs.get('reason')).toMatch(
        /^The new version failed its bake after [\dhms]+: (A task|\d tasks) of the new version stopped during the bake \(task \S+ stopped: Essential container in task exited; app exit 3\)\./,
      );
      expect(run.failures[0]).toMatch(
        /The service was rolled back to .*:1 \(deployment ecs-svc\/\d+ completed\)\./,
      );
      expect(Number(run.outputs.get('bake-seconds'))).toBeLessThan(300);
      expect(run.written.join('\n')).toMatch(
        /\*\*Bake:\*\* the new version was watched .* after ECS said COMPLETED: /,
      );
      const after = await waitFor(
        () => describeService(ecs, service.cluster, 'web'),
        (s) => s.deployments?.length === 1 && s.deployments[0]?.rolloutState === 'COMPLETED',
        { timeoutMs: 60_000, what: 'the rollback to settle' },
      );
      expect(after.taskDefinition).toBe(service.good);
      expect(after.runningCount).toBe(2);
    }, 150_000);

    it('with bake-time 0 the same release is reported green, as before the bake existed', async () => {
      const service = await real.service(images.serving);
      const bad = await real.register(service.family, images.crashLate);
      const run = await runDeploy({
        cluster: service.cluster,
        service: 'web',
        'task-definition': bad,
        'bake-time': '0',
      });
      expect(run.failures).toEqual([]);
      expect(run.outputs.get('status')).toBe('SUCCEEDED');
      expect(run.outputs.get('bake-seconds')).toBeUndefined();
      expect(run.written.join('\n')).toContain('| off |');
    }, 120_000);

    it('an alarm that goes off during the bake rolls the deployment back', async () => {
      const service = await createRollingService(ecs, { desiredCount: 1 });
      const next = await registerWebTaskDefinition(ecs, service.family, 'registry.example/web:2');
      const alarm = await errorsAlarm(cloudwatch);
      const deploying = runDeploy({
        cluster: service.cluster,
        service: service.service,
        'task-definition': next,
        alarms: alarm,
        'analysis-interval': '30s',
        'bake-time': '30m',
      });
      await completedOn(service, next);
      await cloudwatch.send(
        new SetAlarmStateCommand({ AlarmName: alarm, StateValue: 'ALARM', StateReason: 'test' }),
      );
      const run = await deploying;
      expect(run.outputs.get('status')).toBe('FAILED');
      expect(run.outputs.get('rolled-back')).toBe('true');
      expect(run.outputs.get('reason')).toMatch(
        new RegExp(`^The new version failed its bake after .*${alarm}.*ALARM`),
      );
      expect(await servingTaskDefinition(ecs, service.cluster, service.service)).toBe(
        service.firstTaskDefinition,
      );
    }, 120_000);

    it('a newer deployment during the bake ends the step as REPLACED and rolls nothing back over it', async () => {
      const service = await createRollingService(ecs, { desiredCount: 1 });
      const next = await registerWebTaskDefinition(ecs, service.family, 'registry.example/web:2');
      const newer = await registerWebTaskDefinition(ecs, service.family, 'registry.example/web:3');
      const deploying = runDeploy({
        cluster: service.cluster,
        service: service.service,
        'task-definition': next,
        'bake-time': '30m',
      });
      await completedOn(service, next);
      await ecs.send(
        new UpdateServiceCommand({
          cluster: service.cluster,
          service: service.service,
          taskDefinition: newer,
        }),
      );
      const run = await deploying;
      expect(run.outputs.get('status')).toBe('REPLACED');
      expect(run.outputs.get('rolled-back')).toBe('false');
      expect(run.failures[0]).toMatch(
        /was replaced: During the bake: Deployment ecs-svc\/\d+ \(.*:3\), started at \S+ by another caller .*, replaced ecs-svc\/\d+ .*nothing was rolled back over it\./,
      );
      await waitForSteady(ecs, service.cluster, service.service);
      expect(await servingTaskDefinition(ecs, service.cluster, service.service)).toBe(newer);
    }, 120_000);
  },
);
