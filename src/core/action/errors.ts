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
