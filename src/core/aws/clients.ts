import type { AwsErrorContext } from '../action/errors.js';
import type { ClientClass, Clients, ServiceId } from '../action/clients.js';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { AsyncLocalStorage } from 'node:async_hooks';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { ConfigurationError } from '../action/errors.js';
import { SUITE_NAME, SUITE_VERSION } from '../version.js';
import { nonEmpty } from './region.js';

/** The AWS services the suite talks to, with the identifiers AWS uses in endpoint variables. */
export const SERVICES: Record<ServiceId, { envId: string; hostPrefix: string; global: boolean }> = {
  ecr: { envId: 'ECR', hostPrefix: 'api.ecr', global: false },
  ecs: { envId: 'ECS', hostPrefix: 'ecs', global: false },
  codedeploy: { envId: 'CODEDEPLOY', hostPrefix: 'codedeploy', global: false },
  iam: { envId: 'IAM', hostPrefix: 'iam', global: true },
  sts: { envId: 'STS', hostPrefix: 'sts', global: false },
  elbv2: { envId: 'ELASTIC_LOAD_BALANCING_V2', hostPrefix: 'elasticloadbalancing', global: false },
  cloudwatch: { envId: 'CLOUDWATCH', hostPrefix: 'monitoring', global: false },
  logs: { envId: 'CLOUDWATCH_LOGS', hostPrefix: 'logs', global: false },
};

export type { ServiceId };

export interface AwsClientOptions {
  region: string;
  /** The action's name, sent in the user agent. */
  action: string;
  env?: NodeJS.ProcessEnv;
  maxAttempts?: number;
  /** First retry waits up to this long (full jitter), doubling per attempt. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  random?: () => number;
  /** Replaces the HTTP transport (tests inject faults through a subclass). */
  requestHandler?: NodeHttpHandler;
}

/** The configuration every client gets; a subset of each SDK client's own config type. */
export interface CommonClientConfig {
  region: string;
  endpoint?: string;
  retryStrategy: ConfiguredRetryStrategy;
  customUserAgent: [string, string][];
  requestHandler: NodeHttpHandler;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Set while a write runs that must not be re-sent blindly (see withoutSdkRetries). */
const singleAttempt = new AsyncLocalStorage<boolean>();

/**
 * Runs `send` with the SDK's retries off: for writes whose lost response must not lead to a
 * second copy (CreateDeployment, UpdateService). The caller decides what a retry means
 * (core/aws/idempotent.ts).
 */
export function withoutSdkRetries<T>(send: () => Promise<T>): Promise<T> {
  return singleAttempt.run(true, send);
}

/** The SDK's configured strategy, except inside withoutSdkRetries. */
class SuiteRetryStrategy extends ConfiguredRetryStrategy {
  override refreshRetryTokenForRetry(
    ...args: Parameters<ConfiguredRetryStrategy['refreshRetryTokenForRetry']>
  ): ReturnType<ConfiguredRetryStrategy['refreshRetryTokenForRetry']> {
    // The SDK's retry middleware rethrows the request's own error when this throws.
    if (singleAttempt.getStore() === true) return Promise.reject(new Error('no SDK retry here'));
    return super.refreshRetryTokenForRetry(...args);
  }
}

const DEFAULT_MAX_ATTEMPTS = 8;
const DEFAULT_RETRY_BASE_DELAY_MS = 500;
const DEFAULT_RETRY_MAX_DELAY_MS = 20_000;

/**
 * The endpoint override for a service, as the AWS SDKs and CLI define it:
 * AWS_ENDPOINT_URL_<SERVICE> first, then AWS_ENDPOINT_URL, unless
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true. Undefined means AWS's own endpoint.
 */
export function resolveEndpoint(
  service: ServiceId,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (nonEmpty(env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'])?.toLowerCase() === 'true')
    return undefined;
  const endpoint =
    nonEmpty(env[`AWS_ENDPOINT_URL_${SERVICES[service].envId}`]) ??
    nonEmpty(env['AWS_ENDPOINT_URL']);
  if (endpoint === undefined) return undefined;
  try {
    const url = new URL(endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new ConfigurationError(
      `The endpoint override for ${service} is not an http(s) URL: '${endpoint}'.`,
      {
        hint: 'Fix AWS_ENDPOINT_URL (or the service-specific AWS_ENDPOINT_URL_* variable).',
      },
    );
  }
  return endpoint.replace(/\/+$/, '');
}

/** The host a client will connect to, for the NO_PROXY decision. */
export function endpointHost(
  service: ServiceId,
  region: string,
  endpoint: string | undefined,
): string {
  if (endpoint !== undefined) return new URL(endpoint).hostname;
  const { hostPrefix, global } = SERVICES[service];
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return global ? `${hostPrefix}.${suffix}` : `${hostPrefix}.${region}.${suffix}`;
}

/**
 * Whether NO_PROXY exempts a host: `*`, exact names, `.suffix` or `suffix` domain matches,
 * optional ports ignored.
 */
export function bypassesProxy(host: string, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return noProxy
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '')
    .some((entry) => {
      if (entry === '*') return true;
      const bare = entry.replace(/:\d+$/, '').replace(/^\*?\./, '');
      return name === bare || name.endsWith(`.${bare}`);
    });
}

/** Full-jitter exponential backoff: a random delay up to min(max, base * 2^(attempt-1)). */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Builds the configuration shared by every client of one action run. */
export function clientConfig(service: ServiceId, options: AwsClientOptions): CommonClientConfig {
  const env = options.env ?? process.env;
  const endpoint = resolveEndpoint(service, env);
  const envAttempts = Number(nonEmpty(env['AWS_MAX_ATTEMPTS']));
  const maxAttempts = options.maxAttempts ?? (envAttempts > 0 ? envAttempts : DEFAULT_MAX_ATTEMPTS);
  const base = options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
  const max = options.retryMaxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS;
  const random = options.random ?? Math.random;
  const host = endpointHost(service, options.region, endpoint);
  const secure = endpoint === undefined || endpoint.startsWith('https:');
  const agent = proxyAgent(host, secure, env);
  const config: CommonClientConfig = {
    region: options.region,
    retryStrategy: new SuiteRetryStrategy(maxAttempts, (attempt) =>
      backoffDelay(attempt, base, max, random),
    ),
    customUserAgent: [
      [SUITE_NAME, SUITE_VERSION],
      [`${SUITE_NAME}-action`, options.action],
    ],
    requestHandler:
      options.requestHandler ??
      new NodeHttpHandler({
        connectionTimeout: 10_000,
        requestTimeout: 60_000,
        ...(agent === undefined
          ? {}
          : secure
            ? { httpsAgent: agent as HttpsAgent }
            : { httpAgent: agent }),
      }),
  };
  if (endpoint !== undefined) config.endpoint = endpoint;
  // Keys in the given environment come first, as in the SDK's own chain (which reads only
  // process.env); without them the SDK's chain (web identity, profiles, IMDS) applies.
  const accessKeyId = nonEmpty(env['AWS_ACCESS_KEY_ID']);
  const secretAccessKey = nonEmpty(env['AWS_SECRET_ACCESS_KEY']);
  if (accessKeyId !== undefined && secretAccessKey !== undefined) {
    const sessionToken = nonEmpty(env['AWS_SESSION_TOKEN']);
    config.credentials = {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken === undefined ? {} : { sessionToken }),
    };
  }
  return config;
}

function proxyAgent(
  host: string,
  secure: boolean,
  env: NodeJS.ProcessEnv,
): HttpAgent | HttpsAgent | undefined {
  const proxy = secure
    ? (nonEmpty(env['HTTPS_PROXY']) ?? nonEmpty(env['https_proxy']))
    : (nonEmpty(env['HTTP_PROXY']) ?? nonEmpty(env['http_proxy']));
  if (proxy === undefined) return undefined;
  if (bypassesProxy(host, nonEmpty(env['NO_PROXY']) ?? nonEmpty(env['no_proxy']))) return undefined;
  return secure ? new HttpsProxyAgent(proxy) : new HttpProxyAgent(proxy);
}

/** Error fields the middleware below adds, so a failure names the service and operation. */

interface MiddlewareClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: { clientName?: string; commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/**
 * Creates an SDK client with the suite's configuration. Each action imports only the client
 * classes it uses, which keeps its bundle small.
 */
export function createClient<C extends object>(
  ClientClass: new (config: CommonClientConfig) => C,
  service: ServiceId,
  options: AwsClientOptions,
): C {
  const client = new ClientClass(clientConfig(service, options));
  (client as unknown as MiddlewareClient).middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (typeof error === 'object' && error !== null) {
          const annotated = error as AwsErrorContext;
          annotated.$service ??= (context.clientName ?? service).replace(/Client$/, '');
          annotated.$operation ??= (context.commandName ?? 'request').replace(/Command$/, '');
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'ecsDeliveryErrorContext' },
  );
  return client;
}

/**
 * The step's clients, made lazily: one per client class, region and attempt limit, shared by the
 * plan, the execution and the pre-flight. `extra` reaches every client (tests inject a transport).
 */
export function awsClients(
  action: string,
  env: NodeJS.ProcessEnv,
  extra: Partial<Pick<AwsClientOptions, 'requestHandler' | 'retryBaseDelayMs' | 'random'>> = {},
): Clients {
  const made = new Map<ClientClass<object>, Map<string, object>>();
  return {
    get<C extends object>(
      Class: ClientClass<C>,
      service: ServiceId,
      request: { region: string; maxAttempts?: number },
    ): C {
      let byKey = made.get(Class);
      if (byKey === undefined) {
        byKey = new Map();
        made.set(Class, byKey);
      }
      const key = `${service} ${request.region} ${request.maxAttempts ?? ''}`;
      let client = byKey.get(key);
      if (client === undefined) {
        client = createClient(Class as new (config: CommonClientConfig) => C, service, {
          ...extra,
          ...request,
          action,
          env,
        });
        byKey.set(key, client);
      }
      return client as C;
    },
  };
}
