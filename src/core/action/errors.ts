/**
 * Typed errors. Every message says what went wrong and what the user can do next; runAction prints
 * the message as one line and fails the step with it.
 */
export abstract class ActionError extends Error {
  abstract readonly kind: string;
  /** What the user should do next; appended to the message. */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super(hint === undefined ? message : `${withStop(message)} ${hint}`, options);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** Something the user must fix in the workflow: an input, a file, a missing resource. */
export class ConfigurationError extends ActionError {
  readonly kind = 'configuration';
  /** The input the problem is about, when there is one. */
  readonly input: string | undefined;

  constructor(message: string, options: { input?: string; hint?: string; cause?: unknown } = {}) {
    super(message, options.hint, { cause: options.cause });
    this.input = options.input;
  }
}

/** An AWS API call failed after its retries. */
export class AwsApiError extends ActionError {
  readonly kind = 'aws';
  readonly service: string;
  readonly operation: string;
  readonly code: string;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;

  constructor(details: {
    service: string;
    operation: string;
    code: string;
    message: string;
    httpStatus?: number;
    requestId?: string;
    cause?: unknown;
  }) {
    const where = `${details.service} ${details.operation} failed with ${details.code}`;
    super(`${where}: ${details.message}`, awsHint(details.code, details.httpStatus), {
      cause: details.cause,
    });
    this.service = details.service;
    this.operation = details.operation;
    this.code = details.code;
    this.httpStatus = details.httpStatus;
    this.requestId = details.requestId;
  }
}

/** A deployment reached a failed, stopped or timed-out state. */
export class DeploymentFailedError extends ActionError {
  readonly kind = 'deployment';
  readonly deploymentId: string | undefined;
  readonly rolledBack: boolean;
  /** Someone else's newer deployment took over: neither a success nor a failure of ours. */
  readonly replaced: boolean;

  constructor(
    message: string,
    options: {
      deploymentId?: string;
      rolledBack?: boolean;
      replaced?: boolean;
      hint?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.hint, { cause: options.cause });
    this.deploymentId = options.deploymentId;
    this.rolledBack = options.rolledBack ?? false;
    this.replaced = options.replaced ?? false;
  }
}

/** Rolling back did not bring the service back to its previous state. */
export class RollbackError extends ActionError {
  readonly kind = 'rollback';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(
      message,
      options.hint ??
        'The service may be half-changed: check it in the ECS console and run actions/ecs-rollback.',
      { cause: options.cause },
    );
  }
}

/** The runner cancelled the job (SIGINT/SIGTERM) while the step ran. */
export class CancelledError extends ActionError {
  readonly kind = 'cancelled';
}

/** A wait ran past its timeout. */
export class TimeoutError extends ActionError {
  readonly kind = 'timeout';
}

/** A one-off task ended badly: an essential container exited non-zero, or it never started. */
export class TaskFailedError extends ActionError {
  readonly kind = 'task';
}

function awsHint(code: string, httpStatus: number | undefined): string | undefined {
  if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(code) || httpStatus === 403) {
    return 'Grant the missing permission to the role this workflow uses (actions/iam-check prints the policy it needs).';
  }
  if (/ExpiredToken|InvalidClientTokenId|UnrecognizedClient|CredentialsProvider/i.test(code)) {
    return 'Check the AWS credentials of this job (aws-actions/configure-aws-credentials before this step).';
  }
  if (/Throttl|TooManyRequests|RequestLimitExceeded/i.test(code)) {
    return 'AWS kept throttling after all retries; run fewer deployments at once or raise max-attempts.';
  }
  if (httpStatus !== undefined && httpStatus >= 500) {
    return 'AWS answered with a server error after all retries; re-run the job.';
  }
  return undefined;
}

function withStop(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

/** The message of anything thrown, for logs. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

// AWS SDK errors, classified here so the runtime needs no AWS module.
/** What the client factory adds to an SDK error: the service and operation it came from. */
export interface AwsErrorContext {
  $service?: string;
  $operation?: string;
}

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

/** Keeps typed errors, names the AWS operation of SDK errors, and marks the rest unexpected. */
export function classify(error: unknown): Error {
  if (error instanceof ActionError) return error;
  if (isAwsSdkError(error)) return toAwsApiError(error);
  if (error instanceof Error && error.name === 'AbortError') {
    return new CancelledError(`Cancelled: ${error.message}`);
  }
  const message = errorMessage(error);
  const wrapped = new Error(
    `Unexpected error: ${message}. This is a bug in ecs-delivery; please report it with the log of this step.`,
    { cause: error },
  );
  if (error instanceof Error && error.stack !== undefined) wrapped.stack = error.stack;
  return wrapped;
}
