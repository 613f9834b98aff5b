// The whole pipeline through the built bundles, as a workflow on push to main would run it:
// iam-check -> ecr-build-push -> ecs-task-definition -> ecs-deploy (canary), under the
// least-privilege policy iam-check writes, enforced by the test bed. Used by the canary e2e test
// (which asserts) and by `npm run demo` (which prints), so both run the same thing.
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_CLI } from '../testbed/bed.ts';
import { setIamEnforcement } from '../testbed/client.ts';
import { emulatorEnv, sdkConfig } from './aws-env.js';
import { appWorkspace, pushToMainEnv } from './build-context.js';
import { type BundleRun, runBundle } from './bundle.js';
import { type BlueGreenService, createBlueGreenService } from './codedeploy-fixtures.js';
import { uniqueName } from './ecs-fixtures.js';
import { ACCOUNT, assumeRoleWith } from './iam-fixtures.js';

export interface PipelineBed {
  endpoint: string;
  dockerHost: string;
  /** Each line a step prints, with the step's name, as it prints it. */
  onLine?: (step: string, line: string) => void;
}

export interface Release {
  /** The steps that ran, in order, by action name. */
  steps: { action: string; run: BundleRun }[];
  image: string | undefined;
  taskDefinition: string | undefined;
  deploy: BundleRun | undefined;
}

/**
 * 25% of traffic first, the rest 20 minutes later (emulated: 20 s at the test bed's default
 * scale). The bundle times its reads in real seconds by what AWS says (a first look at the new
 * tasks 12 s after the write, for 15 s health checks), so the canary outlasts that look to be seen.
 */
export const CANARY = { 'traffic-percentage': '25', 'traffic-interval': '20' } as const;

const TASK_DEFINITION_FILE = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'task-definitions',
  'web.json',
);

export class CanaryPipeline {
  readonly repository = uniqueName('shop');
  readonly runnerTemp = mkdtempSync(join(tmpdir(), 'runner-'));
  /** The deploy role: named before its policy exists, since the policy names it. */
  readonly roleName = uniqueName('deploy');
  service: BlueGreenService | undefined;
  /** Version 1's image, pinned by digest. */
  firstImage: string | undefined;
  /** The least-privilege policy iam-check wrote for the run, and the role's credentials under it. */
  policy: { Statement: object[] } | undefined;
  roleEnv: Record<string, string> | undefined;

  constructor(private readonly bed: PipelineBed) {}

  private admin() {
    return sdkConfig('AKIAIOSFODNN7EXAMPLE', this.bed.endpoint);
  }

  private async step(
    action: string,
    env: Record<string, string>,
    inputs: Record<string, string>,
  ): Promise<BundleRun> {
    const onLine = this.bed.onLine;
    return runBundle(action, {
      env,
      inputs,
      timeoutMs: 180_000,
      ...(onLine === undefined
        ? {}
        : {
            onLine: (line: string) => {
              onLine(action, line);
            },
          }),
    });
  }

  private workspace(message: string, sha: string, crash?: string): Record<string, string> {
    const workspace = appWorkspace(message, {
      secretCheck: false,
      ...(crash === undefined ? {} : { crash }),
    });
    const family = this.service?.family ?? uniqueName('web');
    // The fixture, in this service's family, logging to CloudWatch Logs.
    const definition = JSON.parse(readFileSync(TASK_DEFINITION_FILE, 'utf8')) as {
      family: string;
      containerDefinitions: Record<string, unknown>[];
    };
    definition.family = family;
    for (const container of definition.containerDefinitions) {
      container['logConfiguration'] = {
        logDriver: 'awslogs',
        options: { 'awslogs-group': `/ecs/${family}`, 'awslogs-stream-prefix': 'app' },
      };
    }
    writeFileSync(join(workspace, 'web.json'), JSON.stringify(definition, null, 2));
    return {
      ...emulatorEnv(this.bed.endpoint),
      ...pushToMainEnv(workspace, sha),
      DOCKER_HOST: this.bed.dockerHost,
      RUNNER_TEMP: this.runnerTemp,
    };
  }

  /**
   * What exists before the pipeline's first run: the repository with version 1 in it, and a
   * CodeDeploy-controlled service (load balancer, two target groups, application, deployment
   * group) running version 1 as real containers. Made with the admin's credentials.
   */
  async provision(): Promise<BlueGreenService> {
    const env = this.workspace('shop v1', '1'.repeat(40));
    const built = await this.step('ecr-build-push', env, {
      repository: this.repository,
      'create-repository': 'true',
      'docker-cli': DOCKER_CLI,
      'build-network': 'none',
    });
    if (built.exitCode !== 0)
      throw new Error(`building version 1 failed: ${built.errors.join('; ')}`);
    this.firstImage = built.outputs['image'];
    const admin = this.admin();
    this.service = await createBlueGreenService(
      {
        ecs: new ECSClient(admin),
        elbv2: new ElasticLoadBalancingV2Client(admin),
        codedeploy: new CodeDeployClient(admin),
      },
      this.bed.endpoint,
      { image: built.outputs['image'] ?? '', realContainers: true, desiredCount: 2 },
    );
    return this.service;
  }

  /** The run iam-check is told about: the three steps a release makes. */
  runDescription(): string {
    const service = this.required();
    return JSON.stringify({
      account: ACCOUNT,
      role: `arn:aws:iam::${ACCOUNT}:role/${this.roleName}`,
      'build-push': { repository: this.repository },
      'task-definition': { file: 'web.json' },
      deploy: {
        cluster: service.cluster,
        service: service.service,
        strategy: 'canary',
        'traffic-percentage': Number(CANARY['traffic-percentage']),
        'traffic-interval': Number(CANARY['traffic-interval']),
        rollback: true,
      },
    });
  }

  /**
   * iam-check writes the least-privilege policy for the run (admin credentials, caller not
   * checked); the deploy role gets exactly that policy, and the test bed enforces IAM for it.
   */
  async createDeployRole(statements?: object[]): Promise<BundleRun> {
    const env = this.workspace('policy', '0'.repeat(40));
    const check = await this.step('iam-check', env, {
      run: this.runDescription(),
      'check-caller': 'false',
    });
    if (check.exitCode !== 0) throw new Error(`iam-check failed: ${check.errors.join('; ')}`);
    this.policy = JSON.parse(
      readFileSync(check.outputs['least-privilege-policy'] ?? '', 'utf8'),
    ) as {
      Statement: object[];
    };
    const role = await assumeRoleWith(
      statements ?? this.policy.Statement,
      'deploy',
      this.admin(),
      this.roleName,
    );
    this.roleEnv = role.env;
    await setIamEnforcement(this.bed.endpoint, true, [role.accessKeyId]);
    return check;
  }

  /** Stops enforcing IAM for the deploy role (the test bed is shared). */
  async close(): Promise<void> {
    if (this.roleEnv !== undefined) await setIamEnforcement(this.bed.endpoint, false);
  }

  /**
   * One push to main: the pre-flight with the deploy role (iam-check, caller checked), then
   * build, register and deploy by canary, each step with `iam-preflight: enforce`. Stops at the
   * first step that fails, as a workflow does.
   */
  async release(message: string, sha: string, crash?: string): Promise<Release> {
    const service = this.required();
    const env = { ...this.workspace(message, sha, crash), ...this.roleEnv };
    const release: Release = {
      steps: [],
      image: undefined,
      taskDefinition: undefined,
      deploy: undefined,
    };
    // As a runner does: what a step writes to GITHUB_ENV reaches the job's later steps.
    const jobEnv: Record<string, string> = {};
    const run = async (action: string, inputs: Record<string, string>) => {
      const result = await this.step(action, { ...env, ...jobEnv }, inputs);
      Object.assign(jobEnv, result.env);
      release.steps.push({ action, run: result });
      return result.exitCode === 0 ? result : undefined;
    };
    const enforce = { 'iam-preflight': 'enforce' };
    if ((await run('iam-check', { run: this.runDescription() })) === undefined) return release;
    const built = await run('ecr-build-push', {
      repository: this.repository,
      'docker-cli': DOCKER_CLI,
      'build-network': 'none',
      ...enforce,
    });
    release.image = built?.outputs['image'];
    if (release.image === undefined) return release;
    const registered = await run('ecs-task-definition', {
      'task-definition': 'web.json',
      image: release.image,
      ...enforce,
    });
    release.taskDefinition = registered?.outputs['task-definition-arn'];
    if (release.taskDefinition === undefined) return release;
    await run('ecs-deploy', {
      cluster: service.cluster,
      service: service.service,
      'task-definition': release.taskDefinition,
      strategy: 'canary',
      ...CANARY,
      timeout: '30m',
      'bake-time': '0',
      ...enforce,
    });
    release.deploy = release.steps.at(-1)?.run;
    return release;
  }

  /** A rollback job of a later workflow run, under the deploy role: no state from the deploys. */
  async rollBack(inputs: Record<string, string> = {}): Promise<BundleRun> {
    const service = this.required();
    const env = { ...this.workspace('rollback', '0'.repeat(40)), ...this.roleEnv };
    return this.step('ecs-rollback', env, {
      cluster: service.cluster,
      service: service.service,
      'iam-preflight': 'enforce',
      ...inputs,
    });
  }

  private required(): BlueGreenService {
    if (this.service === undefined) throw new Error('provision() first');
    return this.service;
  }
}
