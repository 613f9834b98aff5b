import { arnIn } from '../action/permissions.js';
import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { ConfigurationError } from '../action/errors.js';

import type { Logger } from '../action/logger.js';

import type { RequiredPermission } from '../action/permissions.js';
import { type Clock, formatDuration } from '../util/time.js';

/** A metric that must stay on the right side of a threshold while the deployment runs. */
export interface MetricCheck {
  name: string;
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  statistic: string;
  periodSeconds: number;
  comparison: '>' | '>=' | '<' | '<=';
  /** The check fails when `value comparison threshold` holds (e.g. 5xx count > 10). */
  threshold: number;
}

export interface AnalysisSpec {
  /** CloudWatch alarms that must stay out of ALARM. */
  alarms: string[];
  metrics: MetricCheck[];
  /** How often the checks run (at most; they run on the follower's polls). */
  intervalMs: number;
  /** How many failed rounds are tolerated; the next one stops the deployment. */
  failuresAllowed: number;
}

/** The analysis found the new version bad: the deployment must be stopped and rolled back. */
export class AnalysisFailure extends Error {
  override readonly name = 'AnalysisFailure';
}

type CloudWatch = Pick<CloudWatchClient, 'send'>;

/** What the analysis reads (part of the deploy's permission contract). */
export function analysisPermissions(
  spec: AnalysisSpec,
  region: string,
  account: string,
): RequiredPermission[] {
  const permissions: RequiredPermission[] = spec.alarms.map((alarm) => ({
    action: 'cloudwatch:DescribeAlarms',
    resource: arnIn('cloudwatch', region, account, `alarm:${alarm}`),
    write: false,
    reason: 'watch the alarms that must stay OK',
  }));
  if (spec.metrics.length > 0)
    permissions.push({
      action: 'cloudwatch:GetMetricData',
      resource: '*',
      write: false,
      reason: 'check the analysis metrics',
    });
  return permissions;
}

/** Checks before any write that every alarm named exists (a typo would watch nothing). */
export async function checkAlarmsExist(cloudwatch: CloudWatch, alarms: string[]): Promise<void> {
  if (alarms.length === 0) return;
  const found = new Set<string>();
  for (let i = 0; i < alarms.length; i += 100) {
    const page = await cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: alarms.slice(i, i + 100) }),
    );
    for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])])
      if (alarm.AlarmName !== undefined) found.add(alarm.AlarmName);
  }
  const missing = alarms.filter((name) => !found.has(name));
  if (missing.length > 0)
    throw new ConfigurationError(
      `CloudWatch alarm(s) ${missing.join(', ')} do not exist in this region.`,
      { input: 'alarms', hint: 'Check the names (they are case-sensitive) and the region.' },
    );
}

const COMPARE: Record<MetricCheck['comparison'], (value: number, threshold: number) => boolean> = {
  '>': (v, t) => v > t,
  '>=': (v, t) => v >= t,
  '<': (v, t) => v < t,
  '<=': (v, t) => v <= t,
};

/**
 * Alarms and metric thresholds checked while a deployment runs, every interval. A round fails
 * when an alarm is in ALARM or a metric crosses its threshold; once more rounds fail than
 * allowed, `check` throws AnalysisFailure and the caller stops the deployment with rollback.
 */
export class Analysis {
  private lastRun: number | undefined;
  private failures = 0;
  rounds = 0;
  /** When each round ran (the step's clock, ms; the first 100), for the chart. */
  readonly roundTimes: number[] = [];

  constructor(
    private readonly spec: AnalysisSpec,
    private readonly cloudwatch: CloudWatch,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  get active(): boolean {
    return this.spec.alarms.length > 0 || this.spec.metrics.length > 0;
  }

  /** Runs the checks when an interval has passed since the last round. */
  async check(): Promise<void> {
    if (!this.active) return;
    const now = this.clock.now();
    if (this.lastRun !== undefined && now - this.lastRun < this.spec.intervalMs) return;
    this.lastRun = now;
    this.rounds += 1;
    if (this.roundTimes.length < 100) this.roundTimes.push(now);
    const problems = [...(await this.alarmProblems()), ...(await this.metricProblems(now))];
    if (problems.length === 0) return;
    this.failures += 1;
    const summary = problems.join('; ');
    if (this.failures > this.spec.failuresAllowed)
      throw new AnalysisFailure(
        `Analysis failed (${this.failures} failed round(s), ${this.spec.failuresAllowed} allowed): ${summary}`,
      );
    this.logger.warning(
      `analysis round ${this.rounds} failed (${this.failures} of ${this.spec.failuresAllowed} allowed): ${summary}`,
    );
  }

  private async alarmProblems(): Promise<string[]> {
    if (this.spec.alarms.length === 0) return [];
    const page = await this.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: this.spec.alarms.slice(0, 100) }),
    );
    return [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]
      .filter((alarm) => alarm.StateValue === 'ALARM')
      .map(
        (alarm) => `alarm ${alarm.AlarmName ?? ''} is ALARM (${alarm.StateReason ?? 'no reason'})`,
      );
  }

  private async metricProblems(now: number): Promise<string[]> {
    if (this.spec.metrics.length === 0) return [];
    const longest = Math.max(...this.spec.metrics.map((m) => m.periodSeconds));
    const response = await this.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - longest * 1000),
        EndTime: new Date(now),
        MetricDataQueries: this.spec.metrics.map((m, i) => ({
          Id: `m${i}`,
          ReturnData: true,
          MetricStat: {
            Metric: {
              Namespace: m.namespace,
              MetricName: m.metric,
              Dimensions: Object.entries(m.dimensions).map(([Name, Value]) => ({ Name, Value })),
            },
            Period: m.periodSeconds,
            Stat: m.statistic,
          },
        })),
      }),
    );
    const problems: string[] = [];
    this.spec.metrics.forEach((m, i) => {
      const result = response.MetricDataResults?.find((r) => r.Id === `m${i}`);
      const value = result?.Values?.[0];
      if (value === undefined) {
        this.logger.info(
          `analysis: ${m.name} has no data in the last ${formatDuration(m.periodSeconds * 1000)}`,
        );
        return;
      }
      if (COMPARE[m.comparison](value, m.threshold))
        problems.push(
          `${m.name}: ${m.statistic} ${m.metric} = ${value} ${m.comparison} ${m.threshold}`,
        );
    });
    return problems;
  }
}
