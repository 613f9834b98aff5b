import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv, uniqueAccessKey } from '../support/aws-env.js';
import { runBundle } from '../support/bundle.js';
import { uniqueName } from '../support/ecs-fixtures.js';

const yaml = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'task-definitions', 'two-containers.yaml'),
  'utf8',
);

describe(`dist/ecs-task-definition run as the runner runs it (${inject('emulator')})`, () => {
  it('renders a YAML definition with changes to two containers, registers it, and reports it', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'ws-'));
    const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-'));
    const family = uniqueName('shop');
    writeFileSync(join(workspace, 'shop.yaml'), yaml.replace('family: shop', `family: ${family}`));
    const run = await runBundle('ecs-task-definition', {
      env: { ...emulatorEnv(), GITHUB_WORKSPACE: workspace, RUNNER_TEMP: runnerTemp },
      inputs: {
        'task-definition': 'shop.yaml',
        containers: JSON.stringify([
          { name: 'app', image: 'registry.example/shop:2', environment: { PORT: 3000 } },
          { name: 'log-router', image: 'registry.example/fluent-bit:3' },
        ]),
        tags: 'team=shop',
      },
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      family,
      revision: '1',
      registered: 'true',
      deregistered: '[]',
    });
    expect(run.outputs['task-definition-arn']).toMatch(new RegExp(`:task-definition/${family}:1$`));
    const rendered = JSON.parse(
      readFileSync(run.outputs['task-definition-file'] ?? '', 'utf8'),
    ) as {
      containerDefinitions: { name: string; image: string; environment?: unknown }[];
    };
    expect(rendered.containerDefinitions.map((c) => [c.name, c.image])).toEqual([
      ['app', 'registry.example/shop:2'],
      ['log-router', 'registry.example/fluent-bit:3'],
    ]);
    expect(rendered.containerDefinitions[0]?.environment).toEqual([
      { name: 'PORT', value: '3000' },
    ]);
    expect(run.summary).toContain(`## Task definition ${family}`);
    expect(run.summary).toContain('| app | container |  | added |');
  });

  it.runIf(inject('testbed'))(
    'fails on a definition with an unknown key, naming it and the nearest key, with no AWS call',
    async () => {
      const workspace = mkdtempSync(join(tmpdir(), 'ws-'));
      writeFileSync(
        join(workspace, 'bad.json'),
        JSON.stringify({
          family: 'bad',
          containerDefinitions: [
            { name: 'a', image: 'a:1', memory: 128, healthcheck: { command: ['CMD', 'true'] } },
          ],
        }),
      );
      const accessKey = uniqueAccessKey();
      const control = new TestbedControl(inject('awsEndpoint'));
      const mark = await control.mark();
      const run = await runBundle('ecs-task-definition', {
        env: { ...emulatorEnv(undefined, accessKey), GITHUB_WORKSPACE: workspace },
        inputs: { 'task-definition': 'bad.json' },
      });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toEqual([
        expect.stringMatching(
          /^The task definition has an unknown key 'containerDefinitions\[0\]\.healthcheck'; did you mean 'healthCheck'\. If ECS accepts it/,
        ),
      ]);
      expect(await control.requests(mark, accessKey)).toEqual([]);
    },
  );
});
