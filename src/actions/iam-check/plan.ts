import { abPermissions } from '../../core/deploy/test-traffic.js';
import { arnIn, globalArnIn } from '../../core/action/permissions.js';
import type { ActionPlan } from '../../core/action/run.js';
import { leastPrivilegePolicy } from '../../core/iam/least-privilege.js';
import { type Finding, atLeast, lintPolicy } from '../../core/iam/lint.js';
import { type RequiredPermission, normalizePermissions } from '../../core/action/permissions.js';
import type { PolicyDocument } from '../../core/iam/policy.js';
import { selfCheckPermissions } from '../../core/iam/principal.js';
import { buildPushPermissions } from '../../core/permissions/build-push.js';
import { deployPermissions } from '../../core/permissions/deploy.js';
import {
  defaultCodeDeployNames,
  deploymentConfigFor,
} from '../../core/deploy/codedeploy-config.js';
import { rollbackPermissions } from '../../core/permissions/rollback.js';
import { runTaskPermissions } from '../../core/permissions/run-task.js';
import { taskDefinitionPermissions } from '../../core/permissions/task-definition.js';
import { type IamCheckInputs } from './inputs.js';

export interface FileFinding extends Finding {
  file: string;
}

export interface IamCheckPlan extends ActionPlan {
  region: string;
  account: string;
  /** What the run needs (checked against the caller). */
  required: RequiredPermission[];
  leastPrivilege: PolicyDocument;
  findings: FileFinding[];
  blocking: FileFinding[];
}

/** The permissions of the described run, from the actions' own permission contracts. */
export function runPermissions(inputs: IamCheckInputs, account: string): RequiredPermission[] {
  const role = inputs.run?.role;
  return normalizePermissions([
    ...inputs.permissions,
    ...(role === undefined ? [] : selfCheckPermissions(role)),
    ...buildPushStep(inputs, account),
    ...taskDefinitionStep(inputs, account),
    ...runTaskStep(inputs, account),
    ...deployStep(inputs, account),
  ]);
}

/** ecr-build-push: every region it pushes to. */
function buildPushStep(inputs: IamCheckInputs, account: string): RequiredPermission[] {
  const buildPush = inputs.run?.['build-push'];
  const permissions: RequiredPermission[] = [];
  if (buildPush !== undefined) {
    const regions = [inputs.region, ...(buildPush['additional-regions'] ?? [])];
    permissions.push(
      ...buildPushPermissions(
        regions.map((region) => ({
          region,
          registryId: account,
          repository: buildPush.repository,
          exists: buildPush.create !== true,
          repositoryArn: undefined,
        })),
        {
          keepImages: buildPush['keep-images'] ?? 0,
          push: true,
          promote: buildPush.promote === true,
        },
      ),
    );
  }
  return permissions;
}

/** ecs-task-definition: register, tags, and the revisions keep-revisions deregisters. */
function taskDefinitionStep(inputs: IamCheckInputs, account: string): RequiredPermission[] {
  const permissions: RequiredPermission[] = [];
  const td = inputs.run?.['task-definition'];
  if (td !== undefined && inputs.taskDefinitionRoles !== undefined) {
    permissions.push(
      ...taskDefinitionPermissions({
        region: inputs.region,
        account,
        family: inputs.taskDefinitionRoles.family,
        register: true,
        taskRoleArn: inputs.taskDefinitionRoles.taskRoleArn,
        executionRoleArn: inputs.taskDefinitionRoles.executionRoleArn,
        tags: td.tags === true,
        keepRevisions: td['keep-revisions'] ?? 0,
        // ecs-task-definition is given the deploy's cluster (the only way keep-revisions runs).
        protectClusters: [
          ...new Set([
            ...(inputs.run?.deploy?.cluster === undefined ? [] : [inputs.run.deploy.cluster]),
            ...(td['protect-clusters'] ?? []),
          ]),
        ],
      }),
    );
  }
  return permissions;
}

/** ecs-run-task: the task, its roles and its logs. */
function runTaskStep(inputs: IamCheckInputs, account: string): RequiredPermission[] {
  const permissions: RequiredPermission[] = [];
  const runTask = inputs.run?.['run-task'];
  if (runTask !== undefined && inputs.taskDefinitionRoles !== undefined) {
    const roles = inputs.taskDefinitionRoles;
    permissions.push(
      ...runTaskPermissions(
        arnIn('ecs', inputs.region, account, `task-definition/${roles.family}:*`),
        arnIn('ecs', inputs.region, account, `cluster/${runTask.cluster}`),
        {
          ...(roles.taskRoleArn === undefined ? {} : { taskRoleArn: roles.taskRoleArn }),
          ...(roles.executionRoleArn === undefined
            ? {}
            : { executionRoleArn: roles.executionRoleArn }),
        },
        roles.logSources,
        { region: inputs.region, networkFromService: runTask['network-from-service'] },
        account,
      ),
    );
  }
  return permissions;
}

/** ecs-deploy, and ecs-rollback when the run rolls back. */
function deployStep(inputs: IamCheckInputs, account: string): RequiredPermission[] {
  const permissions: RequiredPermission[] = [];
  const buildPush = inputs.run?.['build-push'];
  const deploy = inputs.run?.deploy;
  if (deploy !== undefined) {
    const serviceArn = arnIn(
      'ecs',
      inputs.region,
      account,
      `service/${deploy.cluster}/${deploy.service}`,
    );
    const clusterArn = arnIn('ecs', inputs.region, account, `cluster/${deploy.cluster}`);
    const strategy = deploy.strategy ?? 'rolling';
    // blue-green, canary and linear: ECS's own strategies on the ECS controller, else CodeDeploy.
    const native = strategy !== 'rolling' && deploy.controller === 'ECS';
    const names = defaultCodeDeployNames(deploy.cluster, deploy.service);
    const application = deploy['codedeploy-application'] ?? names.application;
    const deploymentGroup = deploy['codedeploy-deployment-group'] ?? names.deploymentGroup;
    // The config name ecs-deploy would use for the same inputs.
    const config = deploymentConfigFor({
      strategy,
      deploymentConfig: deploy['deployment-config'],
      trafficPercentage: deploy['traffic-percentage'],
      trafficIntervalMinutes: deploy['traffic-interval'],
    });
    // The deploy checks its images in ECR first: the ones named, else the image build-push makes.
    const images = deploy.images ?? (buildPush !== undefined ? [buildPush.repository] : []);
    permissions.push(
      ...deployPermissions({
        region: inputs.region,
        account,
        serviceArn,
        clusterArn,
        // ECS-native and CodeDeploy services always have target groups.
        loadBalanced: strategy !== 'rolling' || deploy['load-balanced'] !== false,
        native: native
          ? {
              continueStep: false,
              readyStep: deploy['wait-until'] === 'ready',
              passRoles: deploy['hook-roles'] ?? [],
            }
          : undefined,
        codedeploy:
          strategy === 'rolling' || native
            ? undefined
            : {
                application,
                deploymentGroup,
                deploymentConfig: config.name,
                createConfig: deploy['custom-config'] ?? config.custom !== undefined,
                readyStep: deploy['wait-until'] === 'ready',
                continueStep: false,
                // The default bake may outlast the group's termination wait, which a workflow
                // description cannot tell: the redeploy it would need is part of the run.
                bakeRedeploy: true,
                serviceUpdates: [],
              },
        alarms: deploy.alarms ?? [],
        metrics: deploy['analysis-metrics'] === true,
        logSources: inputs.taskDefinitionRoles?.logSources ?? [],
        images,
        settings: {
          ebsRoleArn: deploy['ebs-volume-role'],
          capacityProviders: deploy['capacity-providers'] === true,
        },
      }),
    );
    const testRule = deploy['test-listener-rule'];
    if (native && testRule !== undefined) permissions.push(...abPermissions(testRule, serviceArn));
    if (deploy.rollback === true) {
      permissions.push(
        ...rollbackPermissions(
          {
            region: inputs.region,
            application,
            deploymentGroup,
            deploymentConfig: 'CodeDeployDefault.ECSAllAtOnce',
            to: 'any',
          },
          { serviceArn, clusterArn, account },
          native ? 'native' : strategy === 'rolling' ? 'rolling' : 'codedeploy',
        ),
      );
    }
  }
  return permissions;
}

export function planCheck(inputs: IamCheckInputs, account: string): IamCheckPlan {
  const required = runPermissions(inputs, account);
  const findings: FileFinding[] = inputs.policyFiles.flatMap((file) =>
    lintPolicy(file.policy, { Region: inputs.region, Account: account }).map((finding) => ({
      ...finding,
      file: file.path,
    })),
  );
  return {
    region: inputs.region,
    account,
    required,
    leastPrivilege: leastPrivilegePolicy(required),
    findings,
    blocking: findings.filter((f) => atLeast(f.severity, inputs.severity)),
    // The check itself only reads: the caller's identity and policies.
    permissions: [
      { action: 'sts:GetCallerIdentity', resource: '*', write: false, reason: 'find the caller' },
      {
        action: 'iam:GetRole',
        resource: globalArnIn('iam', inputs.region, account, 'role/*'),
        write: false,
        reason: "read the caller's policies",
      },
    ],
  };
}
