import { type LogSource, logSources } from '../../core/deploy/log-sources.js';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigurationError } from '../../core/action/errors.js';
import { parseJsonOrYaml } from '../../core/action/inputs.js';
import { resolveRegion } from '../../core/aws/region.js';
import type { RequiredPermission } from '../../core/action/permissions.js';
import {
  type PolicyDocument,
  type Severity,
  SEVERITIES,
  parsePolicy,
} from '../../core/iam/policy.js';
import { fromDescribeOutput } from '../../core/taskdef/render.js';
import type { Context, Reader } from './contract.js';
import { validatePermissions, validateRun } from './run-schema.validate.js';

/** The suite's steps this run will perform, as far as their permissions depend on them. */
export interface RunDescription {
  account?: string;
  'build-push'?: {
    repository: string;
    create?: boolean;
    'keep-images'?: number;
    promote?: boolean;
    'additional-regions'?: string[];
  };
  'task-definition'?: {
    file?: string;
    family?: string;
    'task-role-arn'?: string;
    'execution-role-arn'?: string;
    tags?: boolean;
    'keep-revisions'?: number;
    'protect-clusters'?: string[];
  };
  /** The role the run's steps use, when they check themselves (iam-check, iam-preflight). */
  role?: string;
  /** ecs-run-task of the task definition family (a migration before the deploy). */
  'run-task'?: {
    cluster: string;
    'network-from-service'?: string;
  };
  deploy?: {
    cluster: string;
    service: string;
    strategy?: 'rolling' | 'blue-green' | 'canary' | 'linear';
    /**
     * The service's deployment controller: blue-green, canary and linear run through CodeDeploy
     * on CODE_DEPLOY (the default), through ECS's own strategies on ECS.
     */
    controller?: 'ECS' | 'CODE_DEPLOY';
    /** ECS-native: the lifecycle hooks' roles, passed to ECS when the deploy sets the deploymentConfiguration. */
    'hook-roles'?: string[];
    /** ECS-native A/B (test-traffic-header or -cookie): the service's test listener rule ARN. */
    'test-listener-rule'?: string;
    /**
     * The service's tasks register in target groups (default true): the deploy reads their
     * health checks (and, rolling and ECS-native, their deregistration delay) to time its
     * reads. ECS-native and CodeDeploy services always do.
     */
    'load-balanced'?: boolean;
    'codedeploy-application'?: string;
    'codedeploy-deployment-group'?: string;
    'deployment-config'?: string;
    'custom-config'?: boolean;
    /** As ecs-deploy takes them: a custom canary or linear config, created when missing. */
    'traffic-percentage'?: number;
    'traffic-interval'?: number;
    /** Alarms the deploy watches, and whether it checks metrics (its analysis inputs). */
    alarms?: string[];
    'analysis-metrics'?: boolean;
    'wait-until'?: 'submitted' | 'ready' | 'bake' | 'complete';
    /** The images of the task definition deployed, checked in ECR before the deployment. */
    images?: string[];
    /** ecs-rollback may run on this service too (e.g. a rollback job of the same workflow). */
    rollback?: boolean;
    /** The deploy's ebs-volume names this infrastructure role (passed to ECS). */
    'ebs-volume-role'?: string;
    /** The deploy sets a capacity-provider-strategy (the cluster's providers are read). */
    'capacity-providers'?: boolean;
  };
}

export interface PolicyFile {
  path: string;
  text: string;
  policy: PolicyDocument;
}

export interface IamCheckInputs {
  region: string;
  run: RunDescription | undefined;
  /** Task definition file of the run, read: its roles decide iam:PassRole. */
  taskDefinitionRoles:
    | {
        family: string;
        taskRoleArn: string | undefined;
        executionRoleArn: string | undefined;
        /** Where its containers log (the deploy reads crashed containers' last lines there). */
        logSources: LogSource[];
      }
    | undefined;
  permissions: RequiredPermission[];
  policyFiles: PolicyFile[];
  severity: Severity;
  mode: 'enforce' | 'warn';
  checkCaller: boolean;
  outputDirectory: string;
}

export function readInputs(reader: Reader, context: Pick<Context, 'env'>): IamCheckInputs {
  const workspace = context.env['GITHUB_WORKSPACE'] ?? process.cwd();
  const resolve = (path: string) => (isAbsolute(path) ? path : join(workspace, path));
  const run = reader.structured<RunDescription>('run', validateRun);
  const listed = (
    reader.structured<
      {
        action: string;
        resource: string;
        context?: Record<string, string | string[]>;
        reason?: string;
      }[]
    >('permissions', validatePermissions) ?? []
  ).map((p): RequiredPermission => ({
    action: p.action,
    resource: p.resource,
    write: true,
    reason: p.reason ?? 'listed in the permissions input',
    ...(p.context === undefined ? {} : { context: p.context }),
  }));
  const policyFiles = reader.list('policy-files').map((path) => {
    if (!existsSync(resolve(path)))
      throw new ConfigurationError(`Input 'policy-files': no file ${path}.`, {
        input: 'policy-files',
      });
    const text = readFileSync(resolve(path), 'utf8');
    return { path, text, policy: parsePolicy(text, `Policy file ${path}`) };
  });
  let taskDefinitionRoles: IamCheckInputs['taskDefinitionRoles'];
  const td = run?.['task-definition'];
  if (td?.file !== undefined) {
    if (!existsSync(resolve(td.file)))
      throw new ConfigurationError(`Input 'run': no task definition file ${td.file}.`, {
        input: 'run',
      });
    const parsed = parseJsonOrYaml(
      readFileSync(resolve(td.file), 'utf8'),
      `Task definition ${td.file}`,
      'run',
    );
    const { definition } = fromDescribeOutput(parsed, `Task definition ${td.file}`);
    taskDefinitionRoles = {
      family: String(definition.family),
      taskRoleArn: td['task-role-arn'] ?? (definition['taskRoleArn'] as string | undefined),
      executionRoleArn:
        td['execution-role-arn'] ?? (definition['executionRoleArn'] as string | undefined),
      logSources: logSources(definition),
    };
  } else if (td !== undefined) {
    if (td.family === undefined)
      throw new ConfigurationError("Input 'run': task-definition needs a file or a family.", {
        input: 'run',
      });
    taskDefinitionRoles = {
      family: td.family,
      taskRoleArn: td['task-role-arn'],
      executionRoleArn: td['execution-role-arn'],
      logSources: [],
    };
  }
  const checkCaller = reader.boolean('check-caller', true);
  if (run === undefined && listed.length === 0 && policyFiles.length === 0) {
    throw new ConfigurationError(
      "Input 'run' is required unless 'permissions' or 'policy-files' is given: name the run to check or the policies to lint.",
      { input: 'run' },
    );
  }
  return {
    region: resolveRegion(reader.optional('aws-region'), context.env),
    run,
    taskDefinitionRoles,
    permissions: listed,
    policyFiles,
    severity: reader.choice('severity', SEVERITIES, 'warning'),
    mode: reader.choice('mode', ['enforce', 'warn'] as const, 'enforce'),
    checkCaller,
    outputDirectory: context.env['RUNNER_TEMP'] ?? join(workspace, '.ecs-delivery'),
  };
}
