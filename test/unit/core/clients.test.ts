import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ECSClient } from '@aws-sdk/client-ecs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AwsApiError, ConfigurationError } from '../../../src/core/action/errors.js';
import {
  awsClients,
  backoffDelay,
  bypassesProxy,
  clientConfig,
  createClient,
  endpointHost,
  resolveEndpoint,
  withoutSdkRetries,
} from '../../../src/core/aws/clients.js';
import { resolveRegion } from '../../../src/core/aws/region.js';
import { awsErrorCode, toAwsApiError } from '../../../src/core/action/errors.js';
import { SUITE_NAME, SUITE_VERSION } from '../../../src/core/version.js';

describe('resolveRegion', () => {
  it.each([
    ['eu-west-1', {}, 'eu-west-1'],
    [undefined, { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'us-west-1' }, 'us-east-2'],
    [undefined, { AWS_DEFAULT_REGION: 'us-west-1' }, 'us-west-1'],
    [undefined, { AWS_REGION: ' ', AWS_DEFAULT_REGION: 'cn-north-1' }, 'cn-north-1'],
    [undefined, { AWS_REGION: 'us-gov-west-1' }, 'us-gov-west-1'],
  ])('input %j with %j gives %s', (input, env, region) => {
    expect(resolveRegion(input, env)).toBe(region);
  });

  it('names the aws-region input when no region is known', () => {
    expect(() => resolveRegion(undefined, {})).toThrow(
      "Input 'aws-region' is required when AWS_REGION is not set.",
    );
  });

  it('rejects what is not a region code', () => {
    expect(() => resolveRegion('Ireland', {})).toThrow(ConfigurationError);
  });
});

describe('resolveEndpoint', () => {
  it.each([
    ['ecs', {}, undefined],
    ['ecs', { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566/' }, 'http://127.0.0.1:4566'],
    ['ecs', { AWS_ENDPOINT_URL: 'http://a:1', AWS_ENDPOINT_URL_ECS: 'http://b:2' }, 'http://b:2'],
    [
      'elbv2',
      { AWS_ENDPOINT_URL: 'http://a:1', AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: 'http://c:3' },
      'http://c:3',
    ],
    ['logs', { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'https://logs.local' }, 'https://logs.local'],
    [
      'ecs',
      { AWS_ENDPOINT_URL: 'http://a:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' },
      undefined,
    ],
  ] as const)('%s with %j gives %s', (service, env, endpoint) => {
    expect(resolveEndpoint(service, env)).toBe(endpoint);
  });

  it('rejects an endpoint that is not an http(s) URL', () => {
    expect(() => resolveEndpoint('ecs', { AWS_ENDPOINT_URL: 'localhost:4566' })).toThrow(
      /not an http\(s\) URL: 'localhost:4566'/,
    );
  });
});

describe('proxy settings', () => {
  it.each([
    ['ecs.eu-west-1.amazonaws.com', undefined, false],
    ['ecs.eu-west-1.amazonaws.com', '*', true],
    ['ecs.eu-west-1.amazonaws.com', 'amazonaws.com', true],
    ['ecs.eu-west-1.amazonaws.com', '.amazonaws.com', true],
    ['ecs.eu-west-1.amazonaws.com', 'localhost, *.amazonaws.com', true],
    ['ecs.eu-west-1.amazonaws.com', 'ws.com', false],
    ['127.0.0.1', 'localhost,127.0.0.1:4566', true],
    ['notamazonaws.com', 'amazonaws.com', false],
  ])('host %s with NO_PROXY=%j bypasses: %s', (host, noProxy, bypass) => {
    expect(bypassesProxy(host, noProxy)).toBe(bypass);
  });

  it.each([
    ['ecs', 'eu-west-1', undefined, 'ecs.eu-west-1.amazonaws.com'],
    ['iam', 'eu-west-1', undefined, 'iam.amazonaws.com'],
    ['ecr', 'cn-north-1', undefined, 'api.ecr.cn-north-1.amazonaws.com.cn'],
    ['ecs', 'eu-west-1', 'http://127.0.0.1:5000', '127.0.0.1'],
  ] as const)('%s in %s connects to %s', (service, region, endpoint, host) => {
    expect(endpointHost(service, region, endpoint ?? undefined)).toBe(host);
  });

  it('sends HTTPS through HTTPS_PROXY unless NO_PROXY exempts the host', () => {
    const proxied = clientConfig('ecs', {
      region: 'eu-west-1',
      action: 't',
      env: { HTTPS_PROXY: 'http://proxy:3128' },
    });
    const handlerConfig = (
      proxied.requestHandler as unknown as { configProvider: Promise<{ httpsAgent?: unknown }> }
    ).configProvider;
    return handlerConfig.then(async (config) => {
      expect(config.httpsAgent).toBeInstanceOf(HttpsProxyAgent);
      const direct = clientConfig('ecs', {
        region: 'eu-west-1',
        action: 't',
        env: { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '.amazonaws.com' },
      });
      const directConfig = await (
        direct.requestHandler as unknown as { configProvider: Promise<{ httpsAgent?: unknown }> }
      ).configProvider;
      expect(directConfig.httpsAgent).not.toBeInstanceOf(HttpsProxyAgent);
    });
  });
});

describe('retries', () => {
  it.each([
    [1, 0.5, 250],
    [2, 0.5, 500],
    [3, 0.999, 1998],
    [10, 1, 20_000],
    [1, 0, 0],
  ])('attempt %d with random %d waits %d ms (full jitter, capped)', (attempt, random, delay) => {
    expect(backoffDelay(attempt, 500, 20_000, () => random)).toBe(delay);
  });

  it('names the suite and version in the user agent', () => {
    const config = clientConfig('sts', { region: 'eu-west-1', action: 'aws-identity', env: {} });
    expect(config.customUserAgent).toEqual([
      [SUITE_NAME, SUITE_VERSION],
      ['ecs-delivery-action', 'aws-identity'],
    ]);
  });

  it('keeps the suite version equal to package.json', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(SUITE_VERSION).toBe(pkg.version);
  });

  /** A transport that answers with throttling errors `failures` times, then succeeds. */
  class FlakyHandler extends NodeHttpHandler {
    calls = 0;
    constructor(private readonly failures: number) {
      super();
    }
    override handle(): ReturnType<NodeHttpHandler['handle']> {
      this.calls += 1;
      const failing = this.calls <= this.failures;
      const body = failing
        ? '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r1</RequestId></ErrorResponse>'
        : '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/dev</Arn><UserId>AID</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></GetCallerIdentityResponse>';
      return Promise.resolve({
        response: {
          statusCode: failing ? 400 : 200,
          headers: { 'content-type': 'text/xml' },
          body: Readable.from([Buffer.from(body)]),
        },
      });
    }
  }

  const credentials = { accessKeyId: 'AKID', secretAccessKey: 'SECRET' };

  /** An STS client of the suite's factory sending through `handler`. */
  const stsThrough = (handler: NodeHttpHandler, maxAttempts: number) => {
    const sts = createClient(STSClient, 'sts', {
      region: 'eu-west-1',
      action: 'test',
      env: {},
      maxAttempts,
      retryBaseDelayMs: 1,
      requestHandler: handler,
    });
    Object.assign(sts.config, { credentials: () => Promise.resolve(credentials) });
    return sts;
  };

  it('retries throttling with backoff and succeeds within the budget', async () => {
    const handler = new FlakyHandler(2);
    const sts = stsThrough(handler, 3);
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    expect(handler.calls).toBe(3);
  });

  it('sends once, with no SDK retry, inside withoutSdkRetries, and retries again after it', async () => {
    const handler = new FlakyHandler(1);
    const sts = stsThrough(handler, 3);
    const error = await withoutSdkRetries(() => sts.send(new GetCallerIdentityCommand({}))).catch(
      (e: unknown) => e,
    );
    expect(awsErrorCode(error)).toBe('Throttling');
    expect(handler.calls).toBe(1);
    const retried = new FlakyHandler(1);
    Object.assign(sts.config, { requestHandler: retried });
    await sts.send(new GetCallerIdentityCommand({}));
    expect(retried.calls).toBe(2);
  });

  it('fails after the budget with an error naming the service and operation', async () => {
    const handler = new FlakyHandler(10);
    const sts = stsThrough(handler, 2);
    const error = await sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
    expect(handler.calls).toBe(2);
    const wrapped = toAwsApiError(error);
    expect(wrapped).toBeInstanceOf(AwsApiError);
    expect(wrapped.message).toMatch(
      /^STS GetCallerIdentity failed with Throttling: Rate exceeded\. AWS kept throttling/,
    );
  });
});

describe("awsClients (the step's lazy client factory)", () => {
  it('makes one client per class, region and attempt limit, on first use', async () => {
    const clients = awsClients('ecs-deploy', { AWS_ENDPOINT_URL: 'http://127.0.0.1:1' });
    const ecs = clients.get(ECSClient, 'ecs', { region: 'eu-west-1' });
    expect(clients.get(ECSClient, 'ecs', { region: 'eu-west-1' })).toBe(ecs);
    const elsewhere = clients.get(ECSClient, 'ecs', { region: 'us-east-1' });
    expect(elsewhere).not.toBe(ecs);
    expect(await elsewhere.config.region()).toBe('us-east-1');
    const patient = clients.get(STSClient, 'sts', { region: 'eu-west-1' });
    const brief = clients.get(STSClient, 'sts', { region: 'eu-west-1', maxAttempts: 2 });
    expect(brief).not.toBe(patient);
  });

  it("builds each client with the suite's configuration (endpoint, user agent)", async () => {
    const clients = awsClients('ecs-deploy', { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566/' });
    const ecs = clients.get(ECSClient, 'ecs', { region: 'eu-west-1' });
    const endpoint = await ecs.config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
    expect(endpoint?.port).toBe(4566);
    expect(ecs.config.customUserAgent).toContainEqual([`${SUITE_NAME}-action`, 'ecs-deploy']);
  });
});
