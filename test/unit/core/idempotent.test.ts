import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../support/doubles.js';
import { sendOnce, writeOutcome } from '../../../src/core/aws/idempotent.js';
import { VirtualClock } from '../../support/doubles.js';

const sdkError = (name: string, status?: number, code?: string) =>
  Object.assign(new Error(name), {
    name,
    ...(code === undefined ? {} : { code }),
    $metadata: status === undefined ? {} : { httpStatusCode: status },
  });

describe('what an error says about a write', () => {
  it.each([
    ['ThrottlingException', 400, undefined, 'not-done'],
    ['ECONNREFUSED', undefined, 'ECONNREFUSED', 'not-done'],
    ['ECONNRESET', undefined, 'ECONNRESET', 'unknown'],
    ['TimeoutError', undefined, undefined, 'unknown'],
    ['InternalFailure', 500, undefined, 'unknown'],
    ['ServiceUnavailable', 503, undefined, 'unknown'],
    ['DeploymentLimitExceededException', 400, undefined, 'failed'],
    ['InvalidParameterException', 400, undefined, 'failed'],
  ] as const)('%s (HTTP %s) is %s', (name, status, code, outcome) => {
    expect(writeOutcome(sdkError(name, status, code))).toBe(outcome);
  });
});

describe('sendOnce', () => {
  const run = (send: () => Promise<string>, findOwn: () => Promise<string | undefined>) => {
    const logger = new RecordingLogger();
    const clock = new VirtualClock(0);
    return {
      logger,
      clock,
      result: sendOnce({ what: 'CreateDeployment', send, findOwn, logger, sleep: clock.sleep }),
    };
  };

  it('uses the deployment it finds after a lost answer, without sending again', async () => {
    let sends = 0;
    const { result, logger } = run(
      () => {
        sends += 1;
        return Promise.reject(sdkError('ECONNRESET', undefined, 'ECONNRESET'));
      },
      () => Promise.resolve('d-OURS'),
    );
    await expect(result).resolves.toBe('d-OURS');
    expect(sends).toBe(1);
    expect(logger.text()).toContain('the answer was lost (ECONNRESET)');
  });

  it('sends again, after a wait, when nothing was found or it was throttled', async () => {
    const answers = [
      sdkError('ECONNRESET', undefined, 'ECONNRESET'),
      sdkError('ThrottlingException', 400),
    ];
    let finds = 0;
    const { result, clock } = run(
      () => {
        const next = answers.shift();
        return next === undefined ? Promise.resolve('d-NEW') : Promise.reject(next);
      },
      () => {
        finds += 1;
        return Promise.resolve(undefined);
      },
    );
    await expect(result).resolves.toBe('d-NEW');
    expect(finds).toBe(1);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('does not send again after a plain refusal, nor past its attempts', async () => {
    await expect(
      run(
        () => Promise.reject(sdkError('InvalidParameterException', 400)),
        () => Promise.resolve(undefined),
      ).result,
    ).rejects.toThrow('InvalidParameterException');
    let sends = 0;
    await expect(
      run(
        () => {
          sends += 1;
          return Promise.reject(sdkError('ThrottlingException', 400));
        },
        () => Promise.resolve(undefined),
      ).result,
    ).rejects.toThrow('ThrottlingException');
    expect(sends).toBe(12);
  });
});
