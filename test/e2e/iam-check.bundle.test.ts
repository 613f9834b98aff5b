import {
  CloudWatchClient,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DOCKER_CLI } from '../testbed/bed.ts';
import { ECSClient, StopServiceDeploymentCommand } from '@aws-sdk/client-ecs';
import { inFlightServiceDeployments } from '../../src/core/deploy/ecs-native.js';
import { TestbedControl, setIamEnforcement } from '../testbed/client.ts';
import {
  createRollingService,
  registerWebTaskDefinition,
  uniqueName,
  waitForSteady,
} from '../support/ecs-fixtures.js';
import { emulatorEnv, sdkConfig } from '../support/aws-env.js';
import { ACCOUNT, assumeRoleWith } from '../support/iam-fixtures.js';
import { appWorkspace, pushToMainEnv } from '../support/build-context.js';
import { createNativeService, waitForServiceDeployment } from '../support/native-fixtures.js';
import { runBundle } from '../support/bundle.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);

/** The credentials of a role allowed exactly these statements. */
async function roleCredentials(statements: object[]) {
  return (await assumeRoleWith(statements, 'pipeline')).env;
}

describe.runIf(inject('testbed'))(
  `dist/iam-check run as the runner runs it (${inject('emulator')})`,
  () => {
    afterAll(async () => {
      await setIamEnforcement(endpoint, false);
    });

    it('lints the hands-on ECR push policy into SARIF and fails in enforce mode, naming the statement', async () => {
      const workspace = mkdtempSync(join(tmpdir(), 'ws-'));
      copyFileSync(
        join(fixtures, 'policies', 'ecr-push-hands-on.json'),
        join(workspace, 'push-policy.json'),
      );
      const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-'));
      const env = { ...emulatorEnv(), GITHUB_WORKSPACE: workspace, RUNNER_TEMP: runnerTemp };
      const warn = await runBundle('iam-check', {
        env,
        inputs: { 'policy-files': 'push-policy.json', 'check-caller': 'false', mode: 'warn' },
      });
      expect(warn.exitCode).toBe(0);
      const findings = JSON.parse(warn.outputs['findings'] ?? '[]') as {
        rule: string;
        statement: number;
      }[];
      expect(findings.map((f) => [f.rule, f.statement])).toEqual([['wildcard-resource', 0]]);
      const sarif = JSON.parse(readFileSync(warn.outputs['sarif-file'] ?? '', 'utf8')) as {
        runs: {
          results: {
            ruleId: string;
            locations: {
              physicalLocation: {
                artifactLocation: { uri: string };
                region: { startLine: number };
              };
            }[];
          }[];
        }[];
      };
      expect(sarif.runs[0]?.results[0]?.ruleId).toBe('wildcard-resource');
      expect(sarif.runs[0]?.results[0]?.locations[0]?.physicalLocation).toEqual({
        artifactLocation: { uri: 'push-policy.json' },
        region: { startLine: 4 },
      });
      expect(warn.summary).toContain('| push-policy.json | 0 | warning |');

      const enforce = await runBundle('iam-check', {
        env,
        inputs: { 'policy-files': 'push-policy.json', 'check-caller': 'false' },
      });
      expect(enforce.exitCode).toBe(1);
      expect(enforce.errors[0]).toMatch(
        /^1 policy finding\(s\) at or above 'warning', first: push-policy\.json statement 0: Resource "\*" on 7 action\(s\)/,
      );
    });

    it('generates the least-privilege policy that runs build-push and task-definition under IAM enforcement, and every statement of it is needed', async () => {
      const repository = uniqueName('lp');
      await new ECRClient(sdkConfig()).send(
        new CreateRepositoryCommand({ repositoryName: repository }),
      );
      const workspace = appWorkspace('lp', { secretCheck: false });
      const family = uniqueName('lp');
      writeFileSync(
        join(workspace, 'web.json'),
        readFileSync(join(fixtures, 'task-definitions', 'web.json'), 'utf8').replace(
          '"family": "web"',
          `"family": "${family}"`,
        ),
      );
      const base = {
        ...emulatorEnv(),
        ...pushToMainEnv(workspace),
        DOCKER_HOST: inject('dockerHost') ?? '',
        RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
      };
      const run = JSON.stringify({
        account: ACCOUNT,
        'build-push': { repository },
        'task-definition': { file: 'web.json' },
      });

      // iam-check with admin credentials only writes the policy (check-caller off).
      const check = await runBundle('iam-check', {
        env: base,
        inputs: { run, 'check-caller': 'false' },
      });
      expect(check.exitCode, check.stdout).toBe(0);
      const policy = JSON.parse(
        readFileSync(check.outputs['least-privilege-policy'] ?? '', 'utf8'),
      ) as { Statement: object[] };
      expect(policy.Statement.length).toBeGreaterThanOrEqual(3);

      const pipeline = async (statements: object[]) => {
        const env = { ...base, ...(await roleCredentials(statements)) };
        await setIamEnforcement(endpoint, true, [env.AWS_ACCESS_KEY_ID]);
        try {
          const build = await runBundle('ecr-build-push', {
            env,
            inputs: { repository, 'docker-cli': DOCKER_CLI, 'build-network': 'none' },
            timeoutMs: 120_000,
          });
          const register =
            build.exitCode === 0
              ? await runBundle('ecs-task-definition', {
                  env,
                  // A new image each time: a new revision to register, so iam:PassRole is exercised.
                  inputs: {
                    'task-definition': 'web.json',
                    image: `registry.example/web:${uniqueName('v')}`,
                  },
                })
              : undefined;
          return {
            ok: build.exitCode === 0 && register?.exitCode === 0,
            errors: [...build.errors, ...(register?.errors ?? [])],
          };
        } finally {
          await setIamEnforcement(endpoint, false);
        }
      };

      const full = await pipeline(policy.Statement);
      expect(full.errors).toEqual([]);
      expect(full.ok).toBe(true);
      for (let i = 0; i < policy.Statement.length; i++) {
        const without = await pipeline(policy.Statement.filter((_, j) => j !== i));
        expect(
          without.ok,
          `removing statement ${i} (${JSON.stringify(policy.Statement[i])}) should break the run`,
        ).toBe(false);
        expect(without.errors.join(' ')).toMatch(/not authorized|AccessDenied|denied|DENIED/i);
      }
    }, 300_000);
  },
);

describe.runIf(inject('testbed'))(`least privilege for ecs-deploy (${inject('emulator')})`, () => {
  afterAll(async () => {
    await setIamEnforcement(endpoint, false);
  });

  it('lets a rolling deployment that fails and is rolled back run under the generated policy, and every statement is needed', async () => {
    const ecs = new ECSClient(sdkConfig());
    const target = await createRollingService(ecs, {
      desiredCount: 1,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    const base = { ...emulatorEnv(), RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')) };
    const run = JSON.stringify({
      account: ACCOUNT,
      deploy: {
        cluster: target.cluster,
        service: target.service,
        images: ['registry.example/web:any'],
      },
    });
    const check = await runBundle('iam-check', {
      env: base,
      inputs: { run, 'check-caller': 'false' },
    });
    expect(check.exitCode, check.stdout).toBe(0);
    const policy = JSON.parse(
      readFileSync(check.outputs['least-privilege-policy'] ?? '', 'utf8'),
    ) as { Statement: object[] };

    // A version whose tasks crash: the deployment fails, ECS rolls back, and the action reads
    // stopped tasks and the deployment history: every path the policy must cover.
    const deployCrashing = async (statements: object[]) => {
      // A run refused part-way leaves ECS's rollback of it running: each run starts at rest.
      await waitForSteady(ecs, target.cluster, target.service);
      const broken = await registerWebTaskDefinition(
        ecs,
        target.family,
        `registry.example/web:${uniqueName('crash')}`,
      );
      await control.failTasks({ taskDefinition: broken });
      const env = { ...base, ...(await roleCredentials(statements)) };
      await setIamEnforcement(endpoint, true, [env.AWS_ACCESS_KEY_ID]);
      try {
        const deployed = await runBundle('ecs-deploy', {
          env,
          inputs: {
            cluster: target.cluster,
            service: target.service,
            'task-definition': broken,
            'bake-time': '0',
          },
          timeoutMs: 120_000,
        });
        // Errors, and warnings: a refused write the deployment survives (recording the change
        // on the service) is still a statement the run needs.
        return deployed.stdout
          .split('\n')
          .filter((line) => /^::(error|warning)/.test(line))
          .join(' ');
      } finally {
        await setIamEnforcement(endpoint, false);
      }
    };
    const full = await deployCrashing(policy.Statement);
    expect(full).toMatch(
      /ECS deployment circuit breaker: tasks failed to start\. The service was rolled back/,
    );
    expect(full).not.toMatch(/not authorized|AccessDenied/i);
    for (let i = 0; i < policy.Statement.length; i++) {
      const without = await deployCrashing(policy.Statement.filter((_, j) => j !== i));
      expect(
        without,
        `removing statement ${i} (${JSON.stringify(policy.Statement[i])}) should be refused somewhere`,
      ).toMatch(/not authorized|AccessDenied/i);
    }
  }, 300_000);
});

describe.runIf(inject('testbed'))(
  `least privilege for an ECS-native canary (${inject('emulator')})`,
  () => {
    afterAll(async () => {
      await setIamEnforcement(endpoint, false);
    });

    it('runs a native canary that an alarm stops, and its rollback, under the generated policy; every statement is needed', async () => {
      const ecs = new ECSClient(sdkConfig());
      const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
      const cloudwatch = new CloudWatchClient(sdkConfig());
      const hookRole = `arn:aws:iam::${ACCOUNT}:role/native-hooks`;
      const target = await createNativeService({ ecs, elbv2 }, endpoint, {
        strategy: 'BLUE_GREEN',
        desiredCount: 1,
        hooks: [
          {
            targetType: 'AWS_LAMBDA',
            hookTargetArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:smoke`,
            roleArn: hookRole,
            lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
          },
        ],
      });
      const alarm = uniqueName('native-alarm');
      await cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: alarm,
          MetricName: 'Errors',
          Namespace: 'Test',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanThreshold',
        }),
      );
      const base = { ...emulatorEnv(), RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')) };
      const run = JSON.stringify({
        account: ACCOUNT,
        deploy: {
          cluster: target.cluster,
          service: target.service,
          strategy: 'canary',
          controller: 'ECS',
          'hook-roles': [hookRole],
          alarms: [alarm],
          images: ['registry.example/web:any'],
        },
      });
      const check = await runBundle('iam-check', {
        env: base,
        inputs: { run, 'check-caller': 'false' },
      });
      expect(check.exitCode, check.stdout).toBe(0);
      const policy = JSON.parse(
        readFileSync(check.outputs['least-privilege-policy'] ?? '', 'utf8'),
      ) as { Statement: object[] };

      // A release whose first task crashes once (stopped tasks are read), that sets the service's
      // CANARY configuration (the hook role is passed) and whose alarm fires during the canary
      // step (the deployment is stopped with rollback and followed back).
      let runs = 0;
      const deployStopped = async (statements: object[]) => {
        // A step interval new to the service each run: the configuration (and its hook role) is sent.
        runs += 1;
        const next = await registerWebTaskDefinition(
          ecs,
          target.family,
          `registry.example/web:${uniqueName('native')}`,
        );
        await control.failTasks({ taskDefinition: next, count: 1 });
        await cloudwatch.send(
          new SetAlarmStateCommand({ AlarmName: alarm, StateValue: 'OK', StateReason: 'reset' }),
        );
        const env = { ...base, ...(await roleCredentials(statements)) };
        await setIamEnforcement(endpoint, true, [env.AWS_ACCESS_KEY_ID]);
        const mark = await control.mark();
        const firing = (async () => {
          for (let i = 0; i < 600; i += 1) {
            const entries = await control.journal(mark);
            if (entries.some((e) => e.kind === 'native' && e['traffic'] === 'production')) {
              await cloudwatch.send(
                new SetAlarmStateCommand({
                  AlarmName: alarm,
                  StateValue: 'ALARM',
                  StateReason: 'test',
                }),
              );
              return;
            }
            if (entries.some((e) => e.kind === 'iam-denied')) return;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        })();
        try {
          const deployed = await runBundle('ecs-deploy', {
            env,
            inputs: {
              cluster: target.cluster,
              service: target.service,
              'task-definition': next,
              strategy: 'canary',
              'traffic-percentage': '10',
              'traffic-interval': String(10 + runs),
              alarms: alarm,
              'analysis-interval': '10s',
              'bake-time': '0',
            },
            timeoutMs: 120_000,
          });
          await firing;
          // A run refused midway leaves its deployment in flight: roll it back before the next.
          await settle(ecs, target.cluster, target.service);
          return deployed.stdout
            .split('\n')
            .filter((line) => /^::(error|warning)/.test(line))
            .join(' ');
        } finally {
          await setIamEnforcement(endpoint, false);
        }
      };
      const full = await deployStopped(policy.Statement);
      expect(full).toMatch(/StopServiceDeployment with rollback: traffic back on it/);
      expect(full).not.toMatch(/not authorized|AccessDenied/i);
      for (let i = 0; i < policy.Statement.length; i++) {
        const without = await deployStopped(policy.Statement.filter((_, j) => j !== i));
        expect(
          without,
          `removing statement ${i} (${JSON.stringify(policy.Statement[i])}) should be refused somewhere`,
        ).toMatch(/not authorized|AccessDenied/i);
      }
    }, 600_000);
  },
);

/** Rolls back (as the test bed's root) any service deployment still in flight, and waits for it. */
async function settle(ecs: ECSClient, cluster: string, service: string): Promise<void> {
  for (const { serviceDeploymentArn: arn = '' } of await inFlightServiceDeployments(
    ecs,
    cluster,
    service,
  )) {
    await ecs
      .send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }))
      .catch(() => undefined);
    await waitForServiceDeployment(
      ecs,
      arn,
      (d) =>
        ['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED'].includes(
          d.status ?? '',
        ),
      'the rollback of a refused run',
    );
  }
}
