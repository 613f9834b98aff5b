import { describe, expect, it } from 'vitest';
import type { Context } from '../../../src/actions/ecs-deploy/contract.js';
import { readInputs } from '../../../src/actions/ecs-deploy/inputs.js';
import type { DeployPlan } from '../../../src/actions/ecs-deploy/plan.js';
import { report } from '../../../src/actions/ecs-deploy/report.js';
import type { DeployOutcome } from '../../../src/actions/ecs-deploy/state.js';
import { noClients } from '../../../src/core/action/clients.js';
import { InputReader, recordInputs } from '../../../src/core/action/inputs.js';
import { MarkdownSummary } from '../../../src/core/action/summary.js';
import {
  MemoryStateBackend,
  RecordingLogger,
  RecordingOutputs,
  VirtualClock,
} from '../../support/doubles.js';

const ARN = 'arn:aws:ecs:eu-west-1:123456789012';
const MINUTE = 60_000;

/**
 * The longest deployment the inputs allow, written to a job summary: a linear shift of 1% a
 * minute (100 steps), a 6 h bake with an analysis round a minute, 20 crashed containers, 20
 * earlier steps and a long reason. GitHub refuses a step summary over 1 MiB.
 */
describe("ecs-deploy's job summary for the longest deployment", () => {
  it('stays under GitHub’s 1 MiB limit, with the chart and a table row per traffic step', () => {
    const clock = new VirtualClock(Date.parse('2026-12-02T10:00:00Z'));
    const start = clock.now();
    const summary = new MarkdownSummary(() => Promise.resolve());
    const values = {
      service: 'web',
      cluster: 'prod',
      'task-definition': `${ARN}:task-definition/web:2`,
      strategy: 'linear',
      'traffic-percentage': '1',
      'traffic-interval': '1',
      'bake-time': '6h',
    };
    const inputs = readInputs(new InputReader(recordInputs(values)), {
      env: { AWS_REGION: 'eu-west-1' },
      setSecret: () => undefined,
    });
    const steps = Array.from({ length: 20 }, (_, i) => ({
      action: `step-${i}`,
      startedAt: start - (20 - i) * MINUTE,
      endedAt: start - (19 - i) * MINUTE,
      ok: true,
    }));
    const context = {
      action: 'ecs-deploy',
      inputs: new InputReader(recordInputs(values)),
      logger: new RecordingLogger(),
      summary,
      outputs: new RecordingOutputs(),
      state: new MemoryStateBackend(),
      env: { ECS_DELIVERY_STEPS: JSON.stringify(steps) },
      clients: noClients('ecs-deploy', {}),
      clock,
      sleep: clock.sleep,
      signal: new AbortController().signal,
      setSecret: () => undefined,
    } as Context;
    const plan = {
      mode: 'codedeploy',
      codedeploy: { deploymentConfig: 'EcsDelivery.Linear1PercentEvery1Minutes' },
      region: 'eu-west-1',
      cluster: 'prod',
      service: 'web',
      serviceArn: `${ARN}:service/prod/web`,
      taskDefinition: `${ARN}:task-definition/web:2`,
      previousTaskDefinition: `${ARN}:task-definition/web:1`,
      images: [`123456789012.dkr.ecr.eu-west-1.amazonaws.com/web@sha256:${'a'.repeat(64)}`],
      settings: { changes: [] },
    } as unknown as DeployPlan;
    const shiftedAt = start + 101 * MINUTE;
    const bakeEnd = shiftedAt + 6 * 60 * MINUTE;
    const outcome: DeployOutcome = {
      deploymentId: 'd-ABCDEFGHI',
      status: 'FAILED',
      reason: `The new version failed its bake: ${'a task stopped; '.repeat(60)}`,
      rolledBack: true,
      rolledBackTo: `${ARN}:task-definition/web:1`,
      reported: 'Failed in the bake',
      polls: undefined,
      timeline: Array.from({ length: 100 }, (_, i) => ({
        at: (i + 1) * MINUTE,
        time: start + (i + 1) * MINUTE,
        greenPercent: i + 1,
      })),
      bake: {
        plannedMs: 6 * 60 * MINUTE,
        ranMs: 6 * 60 * MINUTE,
        failure: 'a task stopped',
        during: 'termination-wait',
        startedAt: shiftedAt,
      },
      note: undefined,
      rollbackStartedAt: bakeEnd,
    };
    clock.advance(bakeEnd - start + 5 * MINUTE);
    const crashed = Array.from({ length: 20 }, (_, i) => ({
      taskId: `task-${i}`,
      container: 'web',
      exitCode: 1,
      stoppedReason: 'Essential container in task exited',
      log: { group: '/ecs/web', stream: `ecs/web/task-${i}`, region: undefined },
    }));
    const analysis = Array.from({ length: 100 }, (_, i) => start + i * MINUTE);
    expect(() => {
      report(outcome, plan, inputs, context, start, { crashed, analysis });
    }).toThrow(/failed/);
    const markdown = summary.markdown();
    const bytes = Buffer.byteLength(markdown);
    expect(bytes).toBeLessThan(1024 * 1024);
    expect(markdown).toContain('```mermaid\ngantt');
    expect(markdown.match(/% of production traffic on the new version/g)).toHaveLength(100);
    expect(markdown.match(/\| task-\d+ \| web \| 1 \|/g)).toHaveLength(20);
    expect(markdown).toContain('| 100 analysis round(s) |');
  });
});
