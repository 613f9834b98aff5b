import { type CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { uniqueName } from './ecs-fixtures.js';

/** An alarm on the load balancer's 5XX count (OK until a test sets its state); returns its name. */
export async function errorsAlarm(cloudwatch: CloudWatchClient): Promise<string> {
  const name = uniqueName('errors');
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'HTTPCode_Target_5XX_Count',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  );
  return name;
}
