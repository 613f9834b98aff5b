import { describe, expect, it } from 'vitest';
import {
  AwsApiError,
  ConfigurationError,
  DeploymentFailedError,
  RollbackError,
  errorMessage,
} from '../../../src/core/action/errors.js';

describe('typed errors', () => {
  it.each([
    ['AccessDeniedException', 400, 'Grant the missing permission'],
    ['ExpiredTokenException', 400, 'Check the AWS credentials'],
    ['ThrottlingException', 400, 'AWS kept throttling after all retries'],
    ['InternalFailure', 500, 'server error after all retries'],
  ])('an AWS %s (%d) says what to do next', (code, status, hint) => {
    const error = new AwsApiError({
      service: 'ECS',
      operation: 'UpdateService',
      code,
      message: 'no',
      httpStatus: status,
    });
    expect(error.message).toMatch(
      new RegExp(`^ECS UpdateService failed with ${code}: no\\. .*${hint}`),
    );
    expect(error.kind).toBe('aws');
  });

  it('leaves the message alone when there is no hint for the code', () => {
    const error = new AwsApiError({
      service: 'ECS',
      operation: 'UpdateService',
      code: 'ServiceNotFoundException',
      message: 'Service not found.',
    });
    expect(error.message).toBe(
      'ECS UpdateService failed with ServiceNotFoundException: Service not found.',
    );
  });

  it('keeps the input a configuration error is about', () => {
    const error = new ConfigurationError("Input 'x' is bad.", { input: 'x', hint: 'Fix it.' });
    expect(error.message).toBe("Input 'x' is bad. Fix it.");
    expect(error.input).toBe('x');
    expect(error.name).toBe('ConfigurationError');
  });

  it('records whether a failed deployment was rolled back', () => {
    const error = new DeploymentFailedError('Circuit breaker tripped.', {
      deploymentId: 'ecs-svc/1',
      rolledBack: true,
    });
    expect(error.rolledBack).toBe(true);
    expect(error.deploymentId).toBe('ecs-svc/1');
  });

  it('tells the user how to recover from a failed rollback', () => {
    expect(new RollbackError('Could not restore.').message).toContain('run actions/ecs-rollback');
  });

  it.each([
    [new Error('boom'), 'boom'],
    ['text', 'text'],
    [{ code: 1 }, '{"code":1}'],
  ])('errorMessage(%j)', (value, message) => {
    expect(errorMessage(value)).toBe(message);
  });
});
