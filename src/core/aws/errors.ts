import { AwsApiError } from '../action/errors.js';
import type { AwsErrorContext } from './clients.js';

interface SdkErrorShape extends AwsErrorContext {
  name?: string;
  message?: string;
  Code?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** True for an error thrown by an AWS SDK client (a service exception or a transport failure). */
export function isAwsSdkError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as SdkErrorShape;
  return shape.$metadata !== undefined || shape.$operation !== undefined;
}

/** The AWS error code of an SDK error (`ServiceNotFoundException`, `ThrottlingException`, ...). */
export function awsErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as SdkErrorShape;
  return shape.Code ?? shape.name ?? shape.code;
}

/** Turns an SDK error into an AwsApiError whose message names the service and operation. */
export function toAwsApiError(error: unknown): AwsApiError {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const details: ConstructorParameters<typeof AwsApiError>[0] = {
    service: shape.$service ?? 'AWS',
    operation: shape.$operation ?? 'request',
    code: awsErrorCode(error) ?? 'UnknownError',
    message: (shape.message ?? String(error)).split('\n')[0] ?? '',
    cause: error,
  };
  if (shape.$metadata?.httpStatusCode !== undefined)
    details.httpStatus = shape.$metadata.httpStatusCode;
  if (shape.$metadata?.requestId !== undefined) details.requestId = shape.$metadata.requestId;
  return new AwsApiError(details);
}
