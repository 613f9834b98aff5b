import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GithubRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

export interface FakeDeployment {
  id: number;
  environment: string;
  sha: string;
  created_at: string;
  payload: unknown;
  /** Oldest first. */
  statuses: { state: string; description: string; created_at?: string }[];
  /** production_environment, as created (default true, as GitHub infers for "production"). */
  production?: boolean;
}

/**
 * A stand-in for the GitHub REST API's deployment endpoints on 127.0.0.1: records every request
 * and every deployment with its statuses, and answers as GitHub does (ids, created_at, the
 * environment and sha filters of the list, statuses newest first). Set GITHUB_API_URL to its url.
 */
export async function startFakeGithub(): Promise<{
  url: string;
  requests: GithubRequest[];
  deployments: FakeDeployment[];
  close(): Promise<void>;
}> {
  const requests: GithubRequest[] = [];
  const deployments: FakeDeployment[] = [];
  let nextId = 100;
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname;
      requests.push({
        method: request.method ?? '',
        path,
        body,
        authorization: request.headers.authorization,
      });
      const reply = (status: number, data: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(data));
      };
      const view = (d: FakeDeployment) => ({
        id: d.id,
        environment: d.environment,
        sha: d.sha,
        created_at: d.created_at,
        payload: d.payload,
      });
      const statusesOf = /\/deployments\/(\d+)\/statuses$/.exec(path);
      if (request.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/deployments$/.test(path)) {
        const deployment: FakeDeployment = {
          id: nextId++,
          environment: String(body['environment']),
          sha: String(body['ref']),
          created_at: new Date().toISOString(),
          payload: body['payload'] ?? {},
          statuses: [],
          production: body['production_environment'] !== false,
        };
        deployments.push(deployment);
        reply(201, view(deployment));
      } else if (request.method === 'POST' && statusesOf !== null) {
        const deployment = deployments.find((d) => d.id === Number(statusesOf[1]));
        if (deployment === undefined) {
          reply(404, { message: 'Not Found' });
          return;
        }
        deployment.statuses.push({
          state: String(body['state']),
          description: typeof body['description'] === 'string' ? body['description'] : '',
          created_at: new Date().toISOString(),
        });
        // As GitHub does: a success with auto_inactive marks the environment's earlier
        // non-production deployments inactive.
        if (
          body['state'] === 'success' &&
          body['auto_inactive'] !== false &&
          deployment.production === false
        )
          for (const earlier of deployments)
            if (earlier.id < deployment.id && earlier.environment === deployment.environment)
              earlier.statuses.push({
                state: 'inactive',
                description: '',
                created_at: new Date().toISOString(),
              });
        reply(201, { id: nextId++, state: body['state'] });
      } else if (request.method === 'GET' && statusesOf !== null) {
        const deployment = deployments.find((d) => d.id === Number(statusesOf[1]));
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        reply(
          200,
          [...(deployment?.statuses ?? [])]
            .reverse()
            .slice(0, perPage)
            .map((status, i) => ({
              id: i + 1,
              created_at: deployment?.created_at,
              ...status,
            })),
        );
      } else if (request.method === 'GET' && /\/deployments$/.test(path)) {
        const environment = url.searchParams.get('environment');
        const sha = url.searchParams.get('sha');
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        reply(
          200,
          deployments
            .filter(
              (d) =>
                (environment === null || d.environment === environment) &&
                (sha === null || d.sha === sha),
            )
            .reverse()
            .slice(0, perPage)
            .map(view),
        );
      } else {
        reply(404, { message: 'Not Found' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    deployments,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
