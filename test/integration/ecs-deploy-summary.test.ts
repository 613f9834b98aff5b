// The job summary of a canary deployment, tested as a person sees it: ecs-deploy runs a
// CodeDeploy canary on the test bed (analysis rounds, a bake, a task of the new version that dies
// during the bake, the rollback), and its summary markdown is opened in Debian's Chromium with
// the Mermaid library drawing the chart, as GitHub renders job summaries. A screenshot is kept in
// test-results/screenshots/. Without Chromium the test is skipped locally, never in CI.
import { statSync } from 'node:fs';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { errorsAlarm } from '../support/alarms.js';
import { TEST_REGION, sdkConfig } from '../support/aws-env.js';
import { chromiumPath, renderSummary } from '../support/browser.js';
import { createBlueGreenService } from '../support/codedeploy-fixtures.js';
import { runOnBed } from '../support/deploy-run.js';
import { registerWebTaskDefinition } from '../support/ecs-fixtures.js';
import { ecsDeploy } from '../../src/actions/ecs-deploy/action.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const codedeploy = new CodeDeployClient(sdkConfig());
const cloudwatch = new CloudWatchClient(sdkConfig());
const chromium = chromiumPath();
const inCi = process.env['CI'] === 'true';

if (chromium === undefined && !inCi)
  console.warn(
    'The summary chart test is skipped: no Chromium here (apt-get install chromium, or set CHROMIUM_BIN). CI never skips it.',
  );

describe.runIf(inject('testbed') && (chromium !== undefined || inCi))(
  "actions/ecs-deploy's job summary, opened in Chromium (test bed; Mermaid from npm)",
  () => {
    it('a canary that fails its bake: the chart draws the earlier steps, the traffic steps, analysis rounds, the failed bake and the rollback; the table and links say the same', async () => {
      const target = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint, {
        terminationWaitMinutes: 30,
      });
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const alarm = await errorsAlarm(cloudwatch);
      await control.failTasks({ taskDefinition: next, mode: 'late', afterSeconds: 240 });
      // The job's earlier steps, as their own main steps record them for later ones.
      const now = Date.now();
      const earlier = [
        { action: 'iam-check', startedAt: now - 90_000, endedAt: now - 85_000, ok: true },
        { action: 'ecr-build-push', startedAt: now - 85_000, endedAt: now - 30_000, ok: true },
        { action: 'ecs-task-definition', startedAt: now - 30_000, endedAt: now - 28_000, ok: true },
      ];
      const run = await runOnBed(
        ecsDeploy,
        {
          cluster: target.cluster,
          service: target.service,
          'task-definition': next,
          strategy: 'canary',
          'traffic-percentage': '10',
          'traffic-interval': '2',
          alarms: alarm,
          'analysis-interval': '30s',
          'bake-time': '10m',
        },
        undefined,
        { ECS_DELIVERY_STEPS: JSON.stringify(earlier), GITHUB_REPOSITORY: 'acme/shop' },
      );
      expect(run.outputs.get('status')).toBe('FAILED');
      expect(run.outputs.get('rolled-back')).toBe('true');
      const markdown = run.written.join('\n');
      expect(markdown).toContain('```mermaid\ngantt');
      expect(Buffer.byteLength(markdown)).toBeLessThan(1024 * 1024);

      const page = await renderSummary(markdown, 'ecs-deploy-canary-failed-bake');
      expect(page.charts).toHaveLength(1);
      const [chart] = page.charts;
      expect(chart?.error).toBeUndefined();
      expect(chart?.drawn).toBe(true);
      const drawn = chart?.texts.join('\n') ?? '';
      for (const expected of [
        /iam-check 5s/,
        /ecr-build-push 55s/,
        /ecs-deploy \d/,
        /10 pct for 2m/,
        /100 pct for \d/,
        /bake failed \d/,
        /round 1/,
        /rollback \d/,
      ])
        expect(drawn).toMatch(expected);
      // The same facts for readers without the chart, and the links.
      expect(page.text).toMatch(/10% of production traffic on the new version/);
      expect(page.text).toMatch(/bake, failed/);
      expect(page.text).toMatch(/\d+ analysis round\(s\)/);
      expect(page.text).toMatch(/rollback/);
      expect(page.links).toContain(
        `https://${TEST_REGION}.console.aws.amazon.com/ecs/v2/clusters/${target.cluster}/services/${target.service}/health?region=${TEST_REGION}`,
      );
      expect(page.links.some((l) => l.includes('/codesuite/codedeploy/deployments/d-'))).toBe(true);
      expect(statSync(page.screenshot).size).toBeGreaterThan(10_000);
    }, 180_000);
  },
);
