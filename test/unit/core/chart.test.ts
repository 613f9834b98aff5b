import { describe, expect, it } from 'vitest';
import { type ChartInput, deploymentChart } from '../../../src/core/report/chart.js';

const T0 = Date.parse('2026-12-02T10:00:00Z');
const s = (seconds: number) => T0 + seconds * 1000;

const canary: ChartInput = {
  title: 'prod/web: canary FAILED',
  steps: [
    { name: 'ecr-build-push', startedAt: s(0), endedAt: s(40), ok: true },
    { name: 'ecs-deploy', startedAt: s(45), endedAt: s(700), ok: false },
  ],
  traffic: [
    { time: s(100), percent: 10 },
    { time: s(400), percent: 100 },
  ],
  trafficEnd: s(650),
  bake: { startedAt: s(400), endedAt: s(650), held: false },
  analysis: [s(60), s(120)],
  rollback: { startedAt: s(650), endedAt: s(700) },
};

describe('the deployment chart (Mermaid gantt)', () => {
  it('draws each part from the first step, in ms, with its numbers in its label', () => {
    expect(deploymentChart(canary).split('\n')).toEqual([
      'gantt',
      '  title prod/web canary FAILED',
      '  dateFormat x',
      '  axisFormat %M m %S s',
      '  section Pipeline',
      '  ecr-build-push 40s :done, b1, 0, 40000',
      '  ecs-deploy 10m55s :crit, b2, 45000, 700000',
      '  section Traffic on new',
      '  10 pct for 5m :active, b3, 100000, 400000',
      '  100 pct for 4m10s :active, b4, 400000, 650000',
      '  section Bake',
      '  bake failed 4m10s :crit, b5, 400000, 650000',
      '  section Analysis',
      '  round 1 :milestone, b6, 60000, 60001',
      '  round 2 :milestone, b7, 120000, 120001',
      '  section Rollback',
      '  rollback 50s :crit, b8, 650000, 700000',
    ]);
  });

  it('leaves out what did not happen: a rolling deployment that held its bake', () => {
    const chart = deploymentChart({
      title: 'prod/web rolling SUCCEEDED',
      steps: [{ name: 'ecs-deploy', startedAt: s(0), endedAt: s(7200), ok: true }],
      traffic: [],
      trafficEnd: undefined,
      bake: { startedAt: s(3600), endedAt: s(7200), held: true },
      analysis: [],
      rollback: undefined,
    });
    expect(chart).not.toMatch(/Traffic|Analysis|Rollback/);
    expect(chart).toContain('bake held 60m :done');
    // Longer than an hour: the axis shows hours and minutes.
    expect(chart).toContain('axisFormat %H h %M m');
  });

  it('keeps names Mermaid can parse, and at most a dozen analysis marks', () => {
    const chart = deploymentChart({
      ...canary,
      title: 'a: b; c # d',
      analysis: Array.from({ length: 40 }, (_, i) => s(60 + i * 10)),
    });
    expect(chart).toContain('  title a b c d');
    expect(chart.match(/milestone/g)).toHaveLength(12);
  });
});
