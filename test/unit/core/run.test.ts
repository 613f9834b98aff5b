import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AwsApiError,
  ConfigurationError,
  DeploymentFailedError,
} from '../../../src/core/action/errors.js';
import { type ActionPlan, type ActionSpec, runAction } from '../../../src/core/action/run.js';
import { createClient } from '../../../src/core/aws/clients.js';
import { recordingRuntime } from '../../support/runtime.js';

interface Inputs {
  cluster: string;
}

function spec(
  overrides: Partial<ActionSpec<Inputs, ActionPlan>> = {},
): ActionSpec<Inputs, ActionPlan> {
  return {
    name: 'test-action',
    readInputs: (reader) => ({ cluster: reader.required('cluster') }),
    plan: (inputs) =>
      Promise.resolve({
        permissions: [
          {
            action: 'ecs:UpdateService',
            resource: `arn:aws:ecs:eu-west-1:1:service/${inputs.cluster}/web`,
            write: true,
            reason: 'deploy',
          },
          { action: 'ecs:DescribeServices', resource: '*', write: false, reason: 'read' },
          { action: 'ecs:DescribeServices', resource: '*', write: false, reason: 'read again' },
        ],
      }),
    execute: (_plan, inputs, context) => {
      context.outputs.set('cluster', inputs.cluster);
      context.summary.heading('Done');
      return Promise.resolve();
    },
    ...overrides,
  };
}

const ecsMock = mockClient(ECSClient);
afterEach(() => {
  ecsMock.reset();
});

describe('runAction', () => {
  it('runs inputs, plan, pre-flight and execute in order and writes the summary', async () => {
    const { runtime, outputs, written, failures } = recordingRuntime({
      cluster: 'prod',
      'iam-preflight': 'warn',
    });
    const preflight = vi.fn(() => Promise.resolve());
    const result = await runAction(spec(), { ...runtime, preflight });
    expect(result).toEqual({ ok: true, phase: 'main' });
    expect(outputs.get('cluster')).toBe('prod');
    expect(written).toEqual(['## Done\n']);
    expect(failures).toEqual([]);
    // duplicates removed and sorted before the pre-flight sees them
    expect(preflight).toHaveBeenCalledWith(
      [
        expect.objectContaining({ action: 'ecs:DescribeServices', reason: 'read' }),
        expect.objectContaining({ action: 'ecs:UpdateService' }),
      ],
      'warn',
      expect.anything(),
      undefined,
    );
  });

  it('fails a bad input with one line naming it, before planning or any AWS call', async () => {
    const { runtime, failures } = recordingRuntime({});
    const plan = vi.fn();
    const result = await runAction(spec({ plan }), runtime);
    expect(result.ok).toBe(false);
    expect(failures).toEqual([
      "Input 'cluster' is required. Set 'cluster' in the step's `with:` block.",
    ]);
    expect(plan).not.toHaveBeenCalled();
  });

  it('rejects an unknown iam-preflight mode', async () => {
    const { runtime, failures } = recordingRuntime({ cluster: 'prod', 'iam-preflight': 'strict' });
    await runAction(spec(), runtime);
    expect(failures).toEqual([
      "Input 'iam-preflight' must be one of off, warn, enforce, got 'strict'.",
    ]);
  });

  it('turns an SDK error into one naming the service, operation and code', async () => {
    ecsMock.on(ListClustersCommand).rejects(
      Object.assign(new Error('User is not authorized to perform ecs:ListClusters'), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 400, requestId: 'req-1' },
      }),
    );
    const { runtime, failures } = recordingRuntime({ cluster: 'prod' });
    const result = await runAction(
      spec({
        execute: async (_plan, _inputs, context) => {
          const ecs = createClient(ECSClient, 'ecs', {
            region: 'eu-west-1',
            action: context.action,
            env: {},
          });
          await ecs.send(new ListClustersCommand({}));
        },
      }),
      runtime,
    );
    expect(result.error).toBeInstanceOf(AwsApiError);
    expect(failures[0]).toMatch(
      /^AWS request failed with AccessDeniedException: User is not authorized to perform ecs:ListClusters\. Grant the missing permission/,
    );
  });

  it('keeps typed errors as they are and still writes the partial summary', async () => {
    const { runtime, failures, written } = recordingRuntime({ cluster: 'prod' });
    await runAction(
      spec({
        execute: (_plan, _inputs, context) => {
          context.summary.heading('Deploying');
          return Promise.reject(
            new DeploymentFailedError('The circuit breaker stopped the deployment.', {
              rolledBack: true,
            }),
          );
        },
      }),
      runtime,
    );
    expect(failures).toEqual(['The circuit breaker stopped the deployment.']);
    expect(written).toEqual(['## Deploying\n']);
  });

  it('labels an unexpected error as a bug to report', async () => {
    const { runtime, failures } = recordingRuntime({ cluster: 'prod' });
    await runAction(
      spec({
        execute: () =>
          Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')")),
      }),
      runtime,
    );
    expect(failures[0]).toMatch(
      /^Unexpected error: Cannot read properties of undefined \(reading 'x'\)\. This is a bug in ecs-delivery/,
    );
  });

  it('marks the main step for its post step and runs post on the second start', async () => {
    const { runtime, state } = recordingRuntime({ cluster: 'prod' });
    const post = vi.fn(() => Promise.resolve());
    const execute = vi.fn(() => Promise.resolve());
    expect((await runAction(spec({ post, execute }), runtime)).phase).toBe('main');
    expect(state.get('isPost')).toBe('true');
    expect((await runAction(spec({ post, execute }), runtime)).phase).toBe('post');
    expect(execute).toHaveBeenCalledTimes(1);
    expect(post).toHaveBeenCalledTimes(1);
  });

  it('fails a post step that throws', async () => {
    const { runtime, state, failures } = recordingRuntime({});
    state.save('isPost', 'true');
    await runAction(
      spec({ post: () => Promise.reject(new ConfigurationError('State is damaged.')) }),
      runtime,
    );
    expect(failures).toEqual(['State is damaged.']);
  });

  it('hands the plan region and the iam-preflight mode to the pre-flight', async () => {
    const { runtime } = recordingRuntime({ cluster: 'prod', 'iam-preflight': 'enforce' });
    const preflight = vi.fn(() => Promise.resolve());
    await runAction(
      spec({ plan: () => Promise.resolve({ permissions: [], region: 'eu-central-1' }) }),
      { ...runtime, preflight },
    );
    expect(preflight).toHaveBeenCalledWith([], 'enforce', expect.anything(), 'eu-central-1');
  });

  it('runs execute only after the pre-flight passed', async () => {
    const { runtime, failures } = recordingRuntime({ cluster: 'prod', 'iam-preflight': 'enforce' });
    const execute = vi.fn(() => Promise.resolve());
    await runAction(spec({ execute }), {
      ...runtime,
      preflight: () =>
        Promise.reject(new ConfigurationError('Role deploy may not ecs:UpdateService.')),
    });
    expect(failures).toEqual(['Role deploy may not ecs:UpdateService.']);
    expect(execute).not.toHaveBeenCalled();
  });
});
