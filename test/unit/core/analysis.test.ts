import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { RecordingLogger } from '../../support/doubles.js';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';

import {
  Analysis,
  AnalysisFailure,
  type AnalysisSpec,
  analysisPermissions,
} from '../../../src/core/deploy/analysis.js';
import { VirtualClock } from '../../support/doubles.js';

const cw = mockClient(CloudWatchClient);
afterEach(() => {
  cw.reset();
});

const spec = (overrides: Partial<AnalysisSpec> = {}): AnalysisSpec => ({
  alarms: ['errors'],
  metrics: [],
  intervalMs: 60_000,
  failuresAllowed: 0,
  ...overrides,
});

function analysis(s: AnalysisSpec) {
  const clock = new VirtualClock();
  const logger = new RecordingLogger();
  return { clock, logger, run: new Analysis(s, new CloudWatchClient({}), clock, logger) };
}

describe('Analysis', () => {
  it('checks at most once per interval, and an alarm in ALARM past the allowance fails it', async () => {
    cw.on(DescribeAlarmsCommand)
      .resolvesOnce({ MetricAlarms: [{ AlarmName: 'errors', StateValue: 'OK' }] })
      .resolvesOnce({ MetricAlarms: [{ AlarmName: 'errors', StateValue: 'INSUFFICIENT_DATA' }] })
      .resolves({
        MetricAlarms: [{ AlarmName: 'errors', StateValue: 'ALARM', StateReason: 'too many' }],
      });
    const { clock, logger, run } = analysis(spec({ failuresAllowed: 1 }));
    await run.check();
    await run.check(); // same instant: no call
    expect(cw.commandCalls(DescribeAlarmsCommand)).toHaveLength(1);
    await clock.sleep(60_000);
    await run.check(); // INSUFFICIENT_DATA is not a failure
    await clock.sleep(60_000);
    await run.check(); // first ALARM round: allowed
    expect(logger.messages('warning')).toEqual([
      'analysis round 3 failed (1 of 1 allowed): alarm errors is ALARM (too many)',
    ]);
    await clock.sleep(60_000);
    await expect(run.check()).rejects.toThrow(AnalysisFailure);
  });

  it('compares each metric with its threshold; no data is not a failure', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'm0', Values: [3] },
        { Id: 'm1', Values: [] },
        { Id: 'm2', Values: [0.5] },
      ],
    });
    const metric = { namespace: 'N', dimensions: {}, statistic: 'Average', periodSeconds: 60 };
    const { run, logger } = analysis(
      spec({
        alarms: [],
        metrics: [
          { ...metric, name: 'errors', metric: 'E', comparison: '>', threshold: 5 },
          { ...metric, name: 'latency', metric: 'L', comparison: '>', threshold: 1 },
          { ...metric, name: 'success', metric: 'S', comparison: '<', threshold: 0.9 },
        ],
      }),
    );
    await expect(run.check()).rejects.toThrow(
      'Analysis failed (1 failed round(s), 0 allowed): success: Average S = 0.5 < 0.9',
    );
    expect(logger.messages('info')).toEqual(['analysis: latency has no data in the last 1m']);
  });

  it('does nothing, and needs nothing, without alarms or metrics', async () => {
    const { run } = analysis(spec({ alarms: [] }));
    await run.check();
    expect(cw.calls()).toHaveLength(0);
    expect(analysisPermissions(spec({ alarms: [] }), 'eu-west-1', '1')).toEqual([]);
    expect(analysisPermissions(spec(), 'eu-west-1', '123456789012')[0]?.resource).toBe(
      'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:errors',
    );
  });
});
