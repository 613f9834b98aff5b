// Test helpers for the test bed's control API (/_testbed/).

export interface JournalEntry {
  seq: number;
  kind:
    | 'request'
    | 'deployment'
    | 'registry'
    | 'traffic'
    /** A service task started or asked to stop (tb_ecs_tasks.py). */
    | 'task'
    /** An ECS-native deployment's stage, hook or traffic change (tb_ecs_native.py). */
    | 'native'
    | 'shape-violation'
    | 'engine-error'
    | 'iam-denied'
    | 'iam-disagreement'
    | 'iam-oracle-error'
    /** A test's start or end, from test/support/test-notes.ts. */
    | 'note';
  time: number;
  service?: string;
  operation?: string;
  params?: Record<string, unknown>;
  status?: number;
  fault?: string;
  accessKey?: string;
  deploymentId?: string;
  state?: string;
  wallTime?: number;
  [key: string]: unknown;
}

export class TestbedControl {
  readonly url: string;

  constructor(endpoint: string) {
    this.url = `${endpoint.replace(/\/+$/, '')}/_testbed`;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const payload = (await response.json()) as T & { error?: string };
    if (!response.ok)
      throw new Error(`test bed ${method} ${path}: ${payload.error ?? response.status}`);
    return payload;
  }

  status(): Promise<{
    scale: number;
    emulatedNow: number;
    wallNow: number;
    journalLength: number;
    /** Who decides IAM requests under enforcement: @cloud-copilot/iam-simulate, or tb_iam.py alone. */
    iamDecisions: string;
  }> {
    return this.call('GET', 'status');
  }

  /** The journal's newest sequence number, to read only what a test did after it. */
  async mark(): Promise<number> {
    const entries = await this.journal(0);
    return entries.at(-1)?.seq ?? 0;
  }

  async journal(since = 0): Promise<JournalEntry[]> {
    return (await this.call<{ entries: JournalEntry[] }>('GET', `journal?since=${since}`)).entries;
  }

  /** AWS requests since `since`, optionally only those signed with one access key. */
  async requests(since: number, accessKey?: string): Promise<JournalEntry[]> {
    return (await this.journal(since)).filter(
      (entry) =>
        entry.kind === 'request' && (accessKey === undefined || entry.accessKey === accessKey),
    );
  }

  /** The operations that change something (Create*, Update*, Stop*, ...) one caller made since a mark. */
  async writes(since: number, accessKey?: string): Promise<string[]> {
    return (await this.requests(since, accessKey))
      .map((r) => r.operation ?? '')
      .filter((op) =>
        /^(Create|Update|Stop|Continue|Register|Deregister|Put|Delete|Run|Set|Tag|Untag)/.test(op),
      );
  }

  addFault(fault: {
    kind: 'throttle' | 'http500' | 'http503' | 'latency' | 'drop' | 'drop-response' | 'rate-limit';
    service?: string;
    operation?: string;
    /** Several operations under one rule: one API category's shared token bucket. */
    operations?: string[];
    count?: number;
    latencyMs?: number;
    accessKey?: string;
    /** rate-limit: requests per second (wall time) and the bucket's size. */
    ratePerSecond?: number;
    burst?: number;
  }): Promise<unknown> {
    return this.call('POST', 'faults', fault);
  }

  clearFaults(): Promise<unknown> {
    return this.call('DELETE', 'faults');
  }

  failTasks(rule: {
    cluster?: string;
    service?: string;
    taskDefinition?: string;
    /** late: healthy first, then the essential container exits afterSeconds (emulated) later. */
    mode?: 'exit' | 'unhealthy' | 'pull' | 'late';
    afterSeconds?: number;
    exitCode?: number;
    reason?: string;
    count?: number;
  }): Promise<unknown> {
    return this.call('POST', 'ecs/failures', rule);
  }

  /** Which target groups (by weight) an ALB listener would send this request to; none is sent. */
  route(request: {
    listenerArn: string;
    path?: string;
    headers?: Record<string, string>;
    cookies?: Record<string, string>;
  }): Promise<{ ruleArn: string | null; default: boolean; targetGroups: Record<string, number> }> {
    return this.call('POST', 'elbv2/route', request);
  }

  clearFailures(): Promise<unknown> {
    return this.call('DELETE', 'ecs/failures');
  }

  /** How an ECS-native deployment's Lambda lifecycle hook answers (no Lambda runs). */
  hookAnswer(
    hookTargetArn: string,
    status: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS',
  ): Promise<unknown> {
    return this.call('POST', 'ecs/hooks', { hookTargetArn, status });
  }

  setTimings(timings: Record<string, number>): Promise<unknown> {
    return this.call('POST', 'ecs/timings', timings);
  }

  setScale(scale: number): Promise<unknown> {
    return this.call('POST', 'scale', { scale });
  }
}

/** The default VPC's subnets in the test bed (moto's default VPC). */
export async function testbedNetwork(
  endpoint: string,
): Promise<{ vpcId: string; subnetIds: string[] }> {
  const response = await fetch(`${endpoint.replace(/\/+$/, '')}/_testbed/network`);
  return (await response.json()) as { vpcId: string; subnetIds: string[] };
}

/** Switches a cluster's tasks to real containers on the test bed's Docker engine (or back). */
export async function useRealContainers(
  endpoint: string,
  cluster: string,
  real = true,
): Promise<void> {
  const response = await fetch(`${endpoint.replace(/\/+$/, '')}/_testbed/ecs/containers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cluster, mode: real ? 'real' : 'simulated' }),
  });
  if (!response.ok) throw new Error(`test bed: ${await response.text()}`);
}

/**
 * Turns the test bed's IAM enforcement on or off; with `accessKeys`, only for requests signed
 * with those keys, so tests sharing the test bed do not see each other's enforcement.
 */
export async function setIamEnforcement(
  endpoint: string,
  enabled: boolean,
  accessKeys?: string[],
): Promise<void> {
  await fetch(`${endpoint.replace(/\/+$/, '')}/_testbed/iam`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enabled, ...(accessKeys === undefined ? {} : { accessKeys }) }),
  });
}
