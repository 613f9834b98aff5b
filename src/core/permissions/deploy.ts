// ecs-deploy's permission contract: its plans (rolling, CodeDeploy, the continue step) and
// iam-check describe one run the same way and get the same list from here.
import { arnIn } from '../action/permissions.js';
import { analysisPermissions } from '../deploy/analysis.js';
import { BAKE_REDEPLOY_CONFIG } from '../deploy/codedeploy-config.js';
import {
  CONTINUE_DEPLOYMENT,
  LB_TIMING_PERMISSIONS,
  codeDeployPermissions,
  followDeploymentPermissions,
  type NativeRun,
  imageCheckPermissions,
  nativeDeployPermissions,
  rollingDeployPermissions,
  stoppedTaskPermissions,
} from '../deploy/permissions.js';
import type { LogSource } from '../deploy/log-sources.js';
import { logReadPermissions } from '../deploy/stopped-tasks.js';
import type { RequiredPermission } from '../action/permissions.js';
import { ebsPassRole } from '../taskdef/ebs.js';

/** One deploy, as far as its permissions go. */
export interface DeployRun {
  region: string;
  account: string;
  serviceArn: string;
  clusterArn: string;
  /** Undefined for a rolling deployment. */
  codedeploy:
    | {
        application: string;
        deploymentGroup: string;
        deploymentConfig: string;
        /** The custom canary or linear config is created first. */
        createConfig: boolean;
        /** wait-until ready: the deployment waits for a continue step. */
        readyStep: boolean;
        /** This step only continues a deployment an earlier step created. */
        continueStep: boolean;
        /** The bake may outlast the termination wait: a failure redeploys the previous revision. */
        bakeRedeploy: boolean;
        /** Settings UpdateService changes on the service before the deployment (their names). */
        serviceUpdates: string[];
      }
    | undefined;
  /** ECS's own blue/green, canary or linear strategy (with codedeploy undefined). */
  native?: NativeRun | undefined;
  /** The service has target groups (rolling or ECS-native): their timing paces the follower. */
  loadBalanced?: boolean;
  alarms: string[];
  /** Whether metric thresholds are checked (which metrics does not matter to IAM). */
  metrics: boolean;
  logSources: readonly LogSource[];
  /** The images checked in ECR before any write. */
  images: string[];
  /** The service settings that need more: an EBS volume's infrastructure role, capacity providers. */
  settings: DeploySettingsRun;
}

/** The settings of a deploy that need permissions of their own. */
export interface DeploySettingsRun {
  /** The role ECS manages a managed EBS volume with (passed to ecs.amazonaws.com). */
  ebsRoleArn?: string | undefined;
  /** A capacity provider strategy is set: the cluster's providers are read to check it. */
  capacityProviders?: boolean;
}

/** What the settings need besides UpdateService: passing the EBS role, reading the cluster. */
export function deploySettingsPermissions(
  settings: DeploySettingsRun,
  clusterArn: string,
): RequiredPermission[] {
  return [
    ...(settings.ebsRoleArn === undefined ? [] : [ebsPassRole(settings.ebsRoleArn)]),
    ...(settings.capacityProviders === true
      ? [
          {
            action: 'ecs:DescribeClusters',
            resource: clusterArn,
            write: false,
            reason: "check the capacity providers are the cluster's",
          },
        ]
      : []),
  ];
}

function bakeRedeployPermissions(run: DeployRun, groupArn: string): RequiredPermission[] {
  const reason = 'roll back a bake that fails after the old version is gone, by deploying it again';
  return [
    { action: 'codedeploy:CreateDeployment', resource: groupArn, write: true, reason },
    {
      action: 'codedeploy:GetDeploymentConfig',
      resource: arnIn(
        'codedeploy',
        run.region,
        run.account,
        `deploymentconfig:${BAKE_REDEPLOY_CONFIG}`,
      ),
      write: false,
      reason,
    },
  ];
}

function codeDeployRun(
  run: DeployRun,
  cd: NonNullable<DeployRun['codedeploy']>,
): RequiredPermission[] {
  const groupArn = arnIn(
    'codedeploy',
    run.region,
    run.account,
    `deploymentgroup:${cd.application}/${cd.deploymentGroup}`,
  );
  const redeploy = cd.bakeRedeploy ? bakeRedeployPermissions(run, groupArn) : [];
  if (cd.continueStep)
    return [
      ...stoppedTaskPermissions(run.clusterArn),
      CONTINUE_DEPLOYMENT,
      ...followDeploymentPermissions(groupArn),
      ...redeploy,
    ];
  return [
    ...codeDeployPermissions({
      region: run.region,
      account: run.account,
      application: cd.application,
      deploymentGroup: cd.deploymentGroup,
      deploymentConfig: cd.deploymentConfig,
      createConfig: cd.createConfig,
      continueStep: cd.readyStep,
      serviceArn: run.serviceArn,
      clusterArn: run.clusterArn,
    }),
    ...redeploy,
    ...(cd.serviceUpdates.length === 0
      ? []
      : [
          {
            action: 'ecs:UpdateService',
            resource: run.serviceArn,
            context: { 'ecs:cluster': run.clusterArn },
            write: true,
            reason: `change ${cd.serviceUpdates.join(', ')} before the deployment`,
          },
        ]),
  ];
}

/** Everything one deploy calls, and where. */
export function deployPermissions(run: DeployRun): RequiredPermission[] {
  const strategy =
    run.codedeploy !== undefined
      ? codeDeployRun(run, run.codedeploy)
      : run.native !== undefined
        ? nativeDeployPermissions(run.serviceArn, run.clusterArn, run.native)
        : rollingDeployPermissions(run.serviceArn, run.clusterArn);
  const continuing = run.codedeploy?.continueStep === true || run.native?.continueStep === true;
  return [
    ...strategy,
    // CodeDeploy's follower reads the health checks only: no wait of its own ends with a drain.
    ...(run.loadBalanced === true
      ? LB_TIMING_PERMISSIONS.filter(
          (p) =>
            run.codedeploy === undefined ||
            p.action === 'elasticloadbalancing:DescribeTargetGroups',
        )
      : []),
    ...deploySettingsPermissions(run.settings, run.clusterArn),
    ...(continuing ? [] : imageCheckPermissions(run.region, run.account, run.images)),
    ...(continuing ? [] : logReadPermissions(run.logSources, run.region, run.account)),
    ...analysisPermissions(
      {
        alarms: run.alarms,
        // Only whether there are metrics matters to the permissions.
        metrics: run.metrics
          ? [
              {
                name: 'metric',
                namespace: '',
                metric: '',
                dimensions: {},
                statistic: 'Sum',
                periodSeconds: 60,
                comparison: '>',
                threshold: 0,
              },
            ]
          : [],
        intervalMs: 0,
        failuresAllowed: 0,
      },
      run.region,
      run.account,
    ),
  ];
}
