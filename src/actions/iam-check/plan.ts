import type { ActionPlan } from '../../core/action/run.js';
import { leastPrivilegePolicy } from '../../core/iam/least-privilege.js';
import { type Finding, atLeast, lintPolicy } from '../../core/iam/lint.js';
import { type RequiredPermission, normalizePermissions } from '../../core/iam/permissions.js';
import type { PolicyDocument } from '../../core/iam/policy.js';
import { selfCheckPermissions } from '../../core/iam/principal.js';
import { logReadPermissions } from '../../core/deploy/stopped-tasks.js';
import { type MetricCheck, analysisPermissions } from '../../core/deploy/analysis.js';
import { buildPushPermissions } from '../../core/permissions/build-push.js';
import {
  codeDeployPermissions,
  imageCheckPermissions,
  rollingDeployPermissions,
} from '../../core/deploy/permissions.js';
import {
  defaultCodeDeployNames,
  deploymentConfigFor,
} from '../../core/deploy/codedeploy-config.js';
import { rollbackPermissions } from '../../core/permissions/rollback.js';
import { runTaskPermissions } from '../../core/permissions/run-task.js';
import { taskDefinitionPermissions } from '../../core/permissions/task-definition.js';
import type { IamCheckInputs } from './inputs.js';

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

const ANY_METRIC: MetricCheck = {
  name: 'metric',
  namespace: '',
  metric: '',
  dimensions: {},
  statistic: 'Sum',
  periodSeconds: 60,
  comparison: '>',
  threshold: 0,
};

/** The permissions of the described run, from the actions' own permission contracts. */
export function runPermissions(inputs: IamCheckInputs, account: string): RequiredPermission[] {
  const permissions: RequiredPermission[] = [...inputs.permissions];
  const role = inputs.run?.role;
  if (role !== undefined) permissions.push(...selfCheckPermissions(role));
  const buildPush = inputs.run?.['build-push'];
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
  const runTask = inputs.run?.['run-task'];
  if (runTask !== undefined && inputs.taskDefinitionRoles !== undefined) {
    const roles = inputs.taskDefinitionRoles;
    permissions.push(
      ...runTaskPermissions(
        `arn:aws:ecs:${inputs.region}:${account}:task-definition/${roles.family}:*`,
        `arn:aws:ecs:${inputs.region}:${account}:cluster/${runTask.cluster}`,
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
  const deploy = inputs.run?.deploy;
  if (deploy !== undefined) {
    const serviceArn = `arn:aws:ecs:${inputs.region}:${account}:service/${deploy.cluster}/${deploy.service}`;
    const clusterArn = `arn:aws:ecs:${inputs.region}:${account}:cluster/${deploy.cluster}`;
    const strategy = deploy.strategy ?? 'rolling';
    const names = defaultCodeDeployNames(deploy.cluster, deploy.service);
    if (strategy === 'rolling') {
      permissions.push(...rollingDeployPermissions(serviceArn, clusterArn));
    } else {
      // The config name ecs-deploy would use for the same inputs.
      const config = deploymentConfigFor({
        strategy,
        deploymentConfig: deploy['deployment-config'],
        trafficPercentage: deploy['traffic-percentage'],
        trafficIntervalMinutes: deploy['traffic-interval'],
      });
      permissions.push(
        ...codeDeployPermissions({
          region: inputs.region,
          account,
          application: deploy['codedeploy-application'] ?? names.application,
          deploymentGroup: deploy['codedeploy-deployment-group'] ?? names.deploymentGroup,
          deploymentConfig: config.name,
          createConfig: deploy['custom-config'] ?? config.custom !== undefined,
          continueStep: deploy['wait-until'] === 'ready',
          serviceArn,
          clusterArn,
        }),
      );
    }
    if (deploy.rollback === true) {
      const application = deploy['codedeploy-application'] ?? names.application;
      permissions.push(
        ...rollbackPermissions(
          {
            region: inputs.region,
            application,
            deploymentGroup: deploy['codedeploy-deployment-group'] ?? names.deploymentGroup,
            deploymentConfig: 'CodeDeployDefault.ECSAllAtOnce',
            to: 'any',
          },
          { serviceArn, clusterArn, account },
          strategy === 'rolling' ? 'rolling' : 'codedeploy',
        ),
      );
    }
  }
  if (deploy !== undefined)
    permissions.push(
      ...analysisPermissions(
        {
          alarms: deploy.alarms ?? [],
          // Only whether there are metrics matters to the permissions.
          metrics: deploy['analysis-metrics'] === true ? [ANY_METRIC] : [],
          intervalMs: 0,
          failuresAllowed: 0,
        },
        inputs.region,
        account,
      ),
    );
  if (deploy !== undefined && inputs.taskDefinitionRoles !== undefined)
    permissions.push(
      ...logReadPermissions(inputs.taskDefinitionRoles.logSources, inputs.region, account),
    );
  // The deploy checks its images in ECR first: the ones named, else the image build-push makes.
  const images =
    deploy?.images ??
    (deploy !== undefined && buildPush !== undefined ? [buildPush.repository] : []);
  if (images.length > 0) permissions.push(...imageCheckPermissions(inputs.region, account, images));
  return normalizePermissions(permissions);
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
        resource: `arn:aws:iam::${account}:role/*`,
        write: false,
        reason: "read the caller's policies",
      },
    ],
  };
}
