// Rollback time at time scale 1: a canary at 20% whose alarm goes to ALARM (the failure), until
// production traffic is all back on the old version (the test bed's journal). Against the same
// canary stopped by hand (StopDeployment with rollback at the same moment): the rollback itself.
import { CloudWatchClient, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import {
  CodeDeployClient,
  CreateDeploymentConfigCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { expect, inject, it } from 'vitest';
import { errorsAlarm } from '../test/support/alarms.js';
import { TestbedControl } from '../test/testbed/client.ts';
import { sdkConfig } from '../test/support/aws-env.js';
import {
  createBlueGreenService,
  deploy,
  listenerWeights,
} from '../test/support/codedeploy-fixtures.js';
import { runDeploy } from '../test/support/deploy-run.js';
import { registerWebTaskDefinition } from '../test/support/ecs-fixtures.js';
import { waitFor } from '../test/support/wait.js';
import { type BenchRow, median, writeResults } from './support.js';

const ROUNDS = Number(process.env['BENCH_ROLLBACKS'] ?? 5);
const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const codedeploy = new CodeDeployClient(sdkConfig());
const cloudwatch = new CloudWatchClient(sdkConfig());

type Target = Awaited<ReturnType<typeof createBlueGreenService>>;

/** Waits for 20% on the new version, fails it, returns how long until traffic was all back. */
async function round(useOurs: boolean, target: Target): Promise<number> {
  const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
  const alarm = await errorsAlarm(cloudwatch);
  let deploymentId = '';
  const running = useOurs
    ? runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
        strategy: 'canary',
        'traffic-percentage': '20',
        'traffic-interval': '30',
        alarms: alarm,
        'analysis-interval': '10s',
      })
    : deploy(codedeploy, target, next, 'EcsDelivery.Canary20Percent30Minutes').then((id) => {
        deploymentId = id;
      });
  await waitFor(
    () => listenerWeights(elbv2, target.prodListenerArn),
    (weights) => weights[target.greenTargetGroupArn] === 20,
    { what: 'the canary step', timeoutMs: 600_000, intervalMs: 100 },
  );
  const failedAt = Date.now();
  const since = await control.mark();
  if (useOurs) {
    await cloudwatch.send(
      new SetAlarmStateCommand({ AlarmName: alarm, StateValue: 'ALARM', StateReason: 'bench' }),
    );
  } else {
    await running;
    await codedeploy.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }));
  }
  await waitFor(
    () => listenerWeights(elbv2, target.prodListenerArn),
    (weights) => (weights[target.greenTargetGroupArn] ?? 0) === 0,
    { what: 'traffic back on the old version', timeoutMs: 600_000, intervalMs: 200 },
  );
  if (useOurs) await running;
  const back = (await control.journal(since)).find(
    (e) => e.kind === 'traffic' && e['greenPercent'] === 0,
  );
  const wallTime = back?.['wallTime'];
  return (typeof wallTime === 'number' ? wallTime * 1000 : Date.now()) - failedAt;
}

it.runIf(inject('testbed'))(
  `rollback time at time scale 1: an alarm during a canary until traffic is back (${ROUNDS} rounds)`,
  async () => {
    const initialScale = (await control.status()).scale;
    // The services come up at the test bed's usual scale; the rounds run at scale 1.
    const targets = await Promise.all(
      Array.from({ length: 2 * ROUNDS }, () =>
        createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint),
      ),
    );
    await control.setScale(1);
    try {
      await codedeploy
        .send(
          new CreateDeploymentConfigCommand({
            deploymentConfigName: 'EcsDelivery.Canary20Percent30Minutes',
            computePlatform: 'ECS',
            trafficRoutingConfig: {
              type: 'TimeBasedCanary',
              timeBasedCanary: { canaryPercentage: 20, canaryInterval: 30 },
            },
          }),
        )
        .catch(() => undefined);
      const [ours, byHand] = await Promise.all([
        Promise.all(targets.slice(0, ROUNDS).map((t) => round(true, t))),
        Promise.all(targets.slice(ROUNDS).map((t) => round(false, t))),
      ]);
      const rows: BenchRow[] = [
        {
          figure: `alarm in ALARM → production traffic all on the old version (median of ${ROUNDS}; analysis-interval 10s)`,
          value: `${(median(ours) / 1000).toFixed(1)} s`,
          baseline: `StopDeployment by hand at the failure: ${(median(byHand) / 1000).toFixed(1)} s`,
          ratio: (median(ours) / Math.max(1, median(byHand))).toFixed(2),
          goal: '≤ analysis-interval + the rollback itself',
        },
      ];
      expect(ours).toHaveLength(ROUNDS);
      writeResults('rollback-time', { rows, ours, byHand });
    } finally {
      await control.setScale(initialScale);
    }
  },
);
