import { CreateRepositoryCommand, DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
} from '@aws-sdk/client-ecs';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../testbed/bed.ts';
import { TestbedControl, setIamEnforcement } from '../testbed/client.ts';
import { type ActRun, findAct, releaseCheckout, runAct } from '../support/act.js';
import { emulatorEnv, sdkConfig } from '../support/aws-env.js';
import { appWorkspace } from '../support/build-context.js';
import { runBundle } from '../support/bundle.js';
import { type RollingService, createRollingService, uniqueName } from '../support/ecs-fixtures.js';
import { ACCOUNT, type RoleCredentials, assumeRoleWith } from '../support/iam-fixtures.js';

const act = findAct();
const endpoint = inject('awsEndpoint');
const ecs = new ECSClient(sdkConfig());
const ecr = new ECRClient(sdkConfig());
const EXAMPLE = join(repoRoot, 'examples', 'workflows', 'deploy.yml');
const ready = inject('testbed') && inject('dockerHost') !== null && inject('registry') !== null;

if (act === undefined && process.env['ECS_DELIVERY_REQUIRE_ACT'] === 'true') {
  throw new Error(
    'nektos/act is required here (ECS_DELIVERY_REQUIRE_ACT): run scripts/setup.sh with Go installed.',
  );
}
if (act === undefined) {
  console.warn(
    'examples/workflows/deploy.yml tests: SKIPPED, nektos/act was not found (set ACT_BIN, or run scripts/setup.sh with Go available to build it into .cache/bin).',
  );
}

/** ${{ vars.X }} and the strategy default, as GitHub would fill them in the iam-check step. */
function fillIn(text: string, vars: Record<string, string>): string {
  return text
    .replace(/\$\{\{\s*vars\.(\w+)\s*\}\}/g, (_, name: string) => vars[name] ?? '')
    .replace(/\$\{\{\s*inputs\.strategy \|\| '([\w-]+)'\s*\}\}/g, '$1');
}

describe.runIf(act !== undefined && ready)(
  `examples/workflows/deploy.yml run by nektos/act (host runner, Node 24) against the test bed, under the policy its own iam-check step writes`,
  () => {
    let service: RollingService;
    let workspace = '';
    let vars: Record<string, string> = {};
    let role: RoleCredentials;
    let repositoryUri = '';
    const release = releaseCheckout();
    const control = new TestbedControl(endpoint);

    const run = (
      event: 'push' | 'workflow_dispatch',
      inputs?: Record<string, string>,
    ): Promise<ActRun> =>
      runAct(act ?? 'act', {
        workspace,
        event,
        workflow: '.github/workflows/deploy.yml',
        ...(inputs === undefined ? {} : { inputs }),
        vars,
        env: {
          ...role.env,
          AWS_ENDPOINT_URL: endpoint,
          DOCKER_HOST: inject('dockerHost') ?? '',
        },
        repositories: {
          'ecs-delivery/ecs-delivery@v1': release,
          'aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502': join(
            repoRoot,
            'test',
            'act',
            'configure-aws-credentials',
          ),
        },
      });

    const serving = async () => {
      const described = (
        await ecs.send(
          new DescribeServicesCommand({ cluster: service.cluster, services: [service.service] }),
        )
      ).services?.[0];
      return described?.deployments?.map((d) => [d.taskDefinition, d.rolloutState]);
    };

    beforeAll(async () => {
      service = await createRollingService(ecs, { desiredCount: 1 });
      const repository = uniqueName('shop');
      repositoryUri =
        (await ecr.send(new CreateRepositoryCommand({ repositoryName: repository }))).repository
          ?.repositoryUri ?? '';
      const roleName = uniqueName('gha-deploy');
      vars = {
        DEPLOY_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/${roleName}`,
        AWS_REGION: 'eu-west-1',
        ECR_REPOSITORY: repository,
        ECS_CLUSTER: service.cluster,
        ECS_SERVICE: service.service,
        MIGRATION_COMMAND: 'npm run migrate',
      };
      // The repository a user has: an app, its task definition, and the example workflow as is.
      workspace = appWorkspace('shop v2', { secretCheck: false });
      mkdirSync(join(workspace, '.aws'));
      const definition = JSON.parse(
        readFileSync(join(repoRoot, 'test', 'fixtures', 'task-definitions', 'web.json'), 'utf8'),
      ) as Record<string, unknown>;
      definition['family'] = service.family;
      writeFileSync(
        join(workspace, '.aws', 'task-definition.json'),
        JSON.stringify(definition, null, 2),
      );
      mkdirSync(join(workspace, '.github', 'workflows'), { recursive: true });
      copyFileSync(EXAMPLE, join(workspace, '.github', 'workflows', 'deploy.yml'));
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', ...args], {
          cwd: workspace,
        });
      git('init', '-q', '-b', 'main');
      git('add', '-A');
      git('commit', '-q', '-m', 'shop v2');

      // The deploy role's policy: what the workflow's own iam-check step says the run needs.
      const workflow = parseYaml(readFileSync(EXAMPLE, 'utf8')) as {
        jobs: { deploy: { steps: { name?: string; with?: Record<string, string> }[] } };
      };
      const description =
        workflow.jobs.deploy.steps.find((s) => s.name === 'IAM pre-flight')?.with?.['run'] ?? '';
      const check = await runBundle('iam-check', {
        env: {
          ...emulatorEnv(endpoint),
          GITHUB_WORKSPACE: workspace,
          RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
        },
        inputs: { run: fillIn(description, vars), 'check-caller': 'false' },
      });
      expect([check.exitCode, check.errors]).toEqual([0, []]);
      const policy = JSON.parse(
        readFileSync(check.outputs['least-privilege-policy'] ?? '', 'utf8'),
      ) as {
        Statement: object[];
      };
      role = await assumeRoleWith(policy.Statement, 'deploy', sdkConfig(), roleName);
      await setIamEnforcement(endpoint, true, [role.accessKeyId]);
    }, 180_000);

    afterAll(() => setIamEnforcement(endpoint, false));

    it('a push to main: iam-check, build and push, register, migrate, deploy, and the service runs the commit', async () => {
      const result = await run('push');
      expect(result.output).toContain('Job succeeded');
      expect(result.code, result.output.slice(-3000)).toBe(0);
      for (const step of [
        'IAM pre-flight',
        'Build and push (or promote an image)',
        'Register the task definition',
        'Migrate the database',
        'Deploy',
      ]) {
        expect(result.output).toContain(`✅  Success - Main ${step}`);
      }
      // The rollback job did not run: the deploy succeeded.
      expect(result.output).not.toContain('Main Roll back');
      const sha = execFileSync('git', ['rev-parse', 'HEAD'], {
        cwd: workspace,
        encoding: 'utf8',
      }).trim();
      const [[taskDefinition, state] = []] = (await serving()) ?? [];
      expect(state).toBe('COMPLETED');
      expect(taskDefinition).toMatch(new RegExp(`${service.family}:2$`));
      const image = (
        await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinition ?? '' }))
      ).taskDefinition?.containerDefinitions?.[0]?.image;
      expect(image).toMatch(new RegExp(`^${repositoryUri}@sha256:[0-9a-f]{64}$`));
      const tagged = await ecr.send(
        new DescribeImagesCommand({
          repositoryName: vars['ECR_REPOSITORY'],
          imageIds: [{ imageTag: sha }],
        }),
      );
      expect(`${repositoryUri}@${tagged.imageDetails?.[0]?.imageDigest ?? ''}`).toBe(image);
    });

    it('workflow_dispatch with action rollback: the rollback job returns the service to the revision before', async () => {
      const result = await run('workflow_dispatch', { action: 'rollback', environment: 'staging' });
      expect(result.code, result.output.slice(-3000)).toBe(0);
      expect(result.output).toContain('✅  Success - Main Roll back');
      expect(result.output).not.toContain('Main Deploy');
      expect(await serving()).toEqual([[service.firstTaskDefinition, 'COMPLETED']]);
    });

    it('workflow_dispatch with an unknown environment fails in its first step and changes nothing', async () => {
      const mark = await control.mark();
      const result = await run('workflow_dispatch', { action: 'deploy', environment: 'qa' });
      expect(result.code).not.toBe(0);
      expect(result.output).toContain("Unknown environment 'qa': use staging or production.");
      expect(result.output).not.toContain('Main IAM pre-flight');
      expect(await control.writes(mark, role.accessKeyId)).toEqual([]);
      expect(await serving()).toEqual([[service.firstTaskDefinition, 'COMPLETED']]);
    });
  },
);
