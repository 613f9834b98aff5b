import {
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  type ECSClient,
  ListServicesCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../../core/action/errors.js';
import {
  previousFromEcsHistory,
  readRecordedChange,
  shortTaskDefinition,
  taskDefinitionArn,
} from '../../core/rollback/history.js';
import { type TaskDefinitionInputs } from './inputs.js';
import { type TaskDefinitionPlan, revisionsToDeregister } from './plan.js';
import type { Context } from './contract.js';
import { ConsoleLinks, mdLink } from '../../core/report/links.js';

type Ecs = Pick<ECSClient, 'send'>;

/**
 * The revisions keep-revisions must spare in one cluster: every task definition its services run
 * (deployments and task sets included) and, for services of this family, the revision each ran
 * before (its rollback target: the change recorded on the service, and ECS's deployment history).
 */
async function protectedRevisions(
  ecs: Ecs,
  cluster: string,
  family: string,
  logger: Context['logger'],
): Promise<Set<string>> {
  const kept = new Set<string>();
  let nextToken: string | undefined;
  const arns: string[] = [];
  do {
    const page = await ecs.send(
      new ListServicesCommand({ cluster, ...(nextToken === undefined ? {} : { nextToken }) }),
    );
    arns.push(...(page.serviceArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  const ofFamily = (arn: string | undefined) =>
    arn !== undefined && shortTaskDefinition(arn).split(':')[0] === family;
  for (let i = 0; i < arns.length; i += 10) {
    const described = await ecs.send(
      new DescribeServicesCommand({ cluster, services: arns.slice(i, i + 10) }),
    );
    for (const service of described.services ?? []) {
      const running = [
        service.taskDefinition,
        ...(service.deployments ?? []).map((d) => d.taskDefinition),
        ...(service.taskSets ?? []).map((t) => t.taskDefinition),
      ].filter((arn): arn is string => arn !== undefined);
      for (const arn of running) kept.add(arn);
      const serviceArn = service.serviceArn ?? '';
      const current = service.taskDefinition;
      if (!running.some(ofFamily) || serviceArn === '' || current === undefined) continue;
      const change = await readRecordedChange(ecs, serviceArn);
      for (const arn of change === undefined ? [] : [change.from, change.to])
        kept.add(taskDefinitionArn(arn, serviceArn));
      if ((service.deploymentController?.type ?? 'ECS') !== 'ECS') continue;
      try {
        const previous = await previousFromEcsHistory(
          ecs,
          cluster,
          service.serviceName ?? '',
          current,
        );
        if (previous !== undefined)
          kept.add(taskDefinitionArn(previous.taskDefinition, serviceArn));
      } catch (error) {
        logger.warning(
          `Could not read the deployment history of ${cluster}/${service.serviceName ?? '?'} (${errorMessage(error)}); its recorded change is spared.`,
        );
      }
    }
  }
  return kept;
}

async function activeRevisions(ecs: Ecs, family: string): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(
      new ListTaskDefinitionsCommand({
        familyPrefix: family,
        status: 'ACTIVE',
        sort: 'DESC',
        ...(nextToken === undefined ? {} : { nextToken }),
      }),
    );
    // familyPrefix matches prefixes: web also lists web-worker.
    arns.push(
      ...(page.taskDefinitionArns ?? []).filter(
        (arn) => arn.split('/').at(-1)?.replace(/:\d+$/, '') === family,
      ),
    );
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return arns;
}

export interface TaskDefinitionResult {
  taskDefinitionArn: string;
  registered: boolean;
  deregistered: string[];
  file: string;
}

export async function execute(
  plan: TaskDefinitionPlan,
  inputs: TaskDefinitionInputs,
  context: Context,
  ecs: Ecs,
): Promise<TaskDefinitionResult> {
  mkdirSync(inputs.outputDirectory, { recursive: true });
  const file = join(
    inputs.outputDirectory,
    `task-definition-${plan.family}-${randomUUID().slice(0, 8)}.json`,
  );
  writeFileSync(file, `${JSON.stringify(plan.rendered, null, 2)}\n`);

  let taskDefinitionArn = '';
  if (plan.action === 'register') {
    const request = {
      ...plan.rendered,
      ...(plan.tags.length > 0 ? { tags: plan.tags } : {}),
    } as unknown as RegisterTaskDefinitionCommandInput;
    const response = await ecs.send(new RegisterTaskDefinitionCommand(request));
    taskDefinitionArn = response.taskDefinition?.taskDefinitionArn ?? '';
    context.logger.info(`Registered ${taskDefinitionArn}.`);
  } else if (plan.action === 'reuse') {
    taskDefinitionArn = plan.latest?.arn ?? '';
    context.logger.info(
      `The rendered definition equals ${taskDefinitionArn}: reusing it, nothing registered.`,
    );
  } else {
    context.logger.info(
      `Dry run: ${plan.latest === undefined ? 'a first revision' : 'a new revision'} of ${plan.family} would be registered; nothing was.`,
    );
  }

  let deregistered: string[] = [];
  if (plan.action !== 'dry-run' && plan.keepRevisions > 0) {
    const inUse = new Set<string>();
    for (const cluster of plan.protectClusters)
      for (const arn of await protectedRevisions(ecs, cluster, plan.family, context.logger))
        inUse.add(arn);
    deregistered = revisionsToDeregister(
      await activeRevisions(ecs, plan.family),
      plan.keepRevisions,
      inUse,
      taskDefinitionArn,
    );
    for (const arn of deregistered) {
      await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }));
      context.logger.info(
        `Deregistered ${arn} (beyond keep-revisions ${plan.keepRevisions}; no service in ${plan.protectClusters.join(', ')} runs it or would roll back to it).`,
      );
    }
  }

  const revision = taskDefinitionArn === '' ? '' : (taskDefinitionArn.split(':').at(-1) ?? '');
  context.outputs.set('task-definition-arn', taskDefinitionArn);
  context.outputs.set('family', plan.family);
  context.outputs.set('revision', revision);
  context.outputs.set('registered', plan.action === 'register');
  context.outputs.set('previous-task-definition-arn', plan.latest?.arn ?? '');
  context.outputs.set('task-definition-file', file);
  context.outputs.set('deregistered', deregistered);
  context.outputs.set('changes', plan.comparedTo.arn === undefined || plan.diff.length > 0);
  writeSummary(plan, context, taskDefinitionArn, deregistered);
  return { taskDefinitionArn, registered: plan.action === 'register', deregistered, file };
}

function writeSummary(
  plan: TaskDefinitionPlan,
  context: Context,
  arn: string,
  deregistered: string[],
): void {
  const outcome = {
    register: 'registered',
    reuse: 'reused (identical to the latest revision)',
    'dry-run': 'dry run: nothing registered',
  }[plan.action];
  context.summary
    .heading(`Task definition ${plan.family}`)
    .table(
      ['Revision', 'Outcome', 'Previous'],
      [
        [
          arn === '' ? '—' : mdLink(arn, new ConsoleLinks(plan.region).taskDefinition(arn)),
          outcome,
          plan.latest?.arn === undefined
            ? 'none'
            : mdLink(
                plan.latest.arn,
                new ConsoleLinks(plan.region).taskDefinition(plan.latest.arn),
              ),
        ],
      ],
    );
  if (plan.diff.length === 0) {
    context.summary.paragraph(
      plan.comparedTo.arn === undefined
        ? 'First revision of this family.'
        : `No change from ${plan.comparedTo.what} (${plan.comparedTo.arn}).`,
    );
  } else {
    if (plan.comparedTo.arn !== undefined)
      context.summary.paragraph(`Compared with ${plan.comparedTo.what} (${plan.comparedTo.arn}):`);
    context.summary.table(
      ['Container', 'Field', 'Before', 'After'],
      plan.diff.map((d) => [d.container ?? '(task)', d.field, d.before ?? '', d.after ?? '']),
    );
  }
  if (deregistered.length > 0) context.summary.list(deregistered.map((a) => `deregistered ${a}`));
}
