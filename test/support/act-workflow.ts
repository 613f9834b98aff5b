import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../testbed/bed.ts';
import { setIamEnforcement } from '../testbed/client.ts';
import { type ActRun, releaseCheckout, runAct } from './act.js';
import { emulatorEnv, sdkConfig } from './aws-env.js';
import { staticWorkspace } from './build-context.js';
import { runBundle } from './bundle.js';
import { uniqueName } from './ecs-fixtures.js';
import { ACCOUNT, type RoleCredentials, assumeRoleWith } from './iam-fixtures.js';

/** ${{ vars.X }} and the strategy default, as GitHub would fill them in the iam-check step. */
function fillIn(text: string, vars: Record<string, string>): string {
  return text
    .replace(/\$\{\{\s*vars\.(\w+)\s*\}\}/g, (_, name: string) => vars[name] ?? '')
    .replace(/\$\{\{\s*inputs\.strategy \|\| '([\w-]+)'\s*\}\}/g, '$1');
}

interface Workflow {
  jobs: Record<
    string,
    { steps?: { name?: string; uses?: string; with?: Record<string, string> }[] }
  >;
}

/**
 * A user's repository with one of the example workflows copied in unchanged (an app, its task
 * definition, one commit), and the deploy role with the policy the workflow's own iam-check step
 * writes, enforced by the test bed. `run` runs the workflow with act.
 */
export class WorkflowRepo {
  // No RUN step: BuildKit on the test bed's engine has no bridge network to run one on (a hosted
  // runner has), and the example workflow builds on the default network, as users' do.
  readonly workspace = staticWorkspace('shop v2');
  readonly roleName = uniqueName('gha-deploy');
  readonly vars: Record<string, string>;
  role: RoleCredentials | undefined;
  private readonly release = releaseCheckout();

  constructor(
    private readonly act: string,
    private readonly endpoint: string,
    private readonly dockerHost: string,
    private readonly example: string,
    family: string,
    vars: Record<string, string>,
  ) {
    this.vars = { DEPLOY_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/${this.roleName}`, ...vars };
    mkdirSync(join(this.workspace, '.aws'));
    const definition = JSON.parse(
      readFileSync(join(repoRoot, 'test', 'fixtures', 'task-definitions', 'web.json'), 'utf8'),
    ) as Record<string, unknown>;
    definition['family'] = family;
    writeFileSync(
      join(this.workspace, '.aws', 'task-definition.json'),
      JSON.stringify(definition, null, 2),
    );
    mkdirSync(join(this.workspace, '.github', 'workflows'), { recursive: true });
    copyFileSync(example, join(this.workspace, '.github', 'workflows', basename(example)));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', ...args], {
        cwd: this.workspace,
      });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'shop v2');
  }

  get sha(): string {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: this.workspace,
      encoding: 'utf8',
    }).trim();
  }

  /** The deploy role, with the policy iam-check writes from the workflow's own `run` description. */
  async createRole(): Promise<RoleCredentials> {
    const workflow = parseYaml(readFileSync(this.example, 'utf8')) as Workflow;
    const step = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .find((s) => s.uses?.includes('/actions/iam-check@') === true);
    const check = await runBundle('iam-check', {
      env: {
        ...emulatorEnv(this.endpoint),
        GITHUB_WORKSPACE: this.workspace,
        RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
      },
      inputs: { run: fillIn(step?.with?.['run'] ?? '', this.vars), 'check-caller': 'false' },
    });
    expect([check.exitCode, check.errors]).toEqual([0, []]);
    const policy = JSON.parse(
      readFileSync(check.outputs['least-privilege-policy'] ?? '', 'utf8'),
    ) as { Statement: object[] };
    this.role = await assumeRoleWith(policy.Statement, 'deploy', sdkConfig(), this.roleName);
    await setIamEnforcement(this.endpoint, true, [this.role.accessKeyId]);
    return this.role;
  }

  run(event: 'push' | 'workflow_dispatch', inputs?: Record<string, string>): Promise<ActRun> {
    return runAct(this.act, {
      workspace: this.workspace,
      event,
      workflow: `.github/workflows/${basename(this.example)}`,
      ...(inputs === undefined ? {} : { inputs }),
      vars: this.vars,
      env: {
        ...(this.role?.env ?? {}),
        AWS_ENDPOINT_URL: this.endpoint,
        DOCKER_HOST: this.dockerHost,
      },
      repositories: {
        'ecs-delivery/ecs-delivery@v1': this.release,
        'aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502': join(
          repoRoot,
          'test',
          'act',
          'configure-aws-credentials',
        ),
      },
    });
  }
}
