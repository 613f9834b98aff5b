import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GithubRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

/**
 * A stand-in for the GitHub REST API's deployment endpoints on 127.0.0.1: records every request
 * and answers as GitHub does (ids, created_at). Set GITHUB_API_URL to its url.
 */
export async function startFakeGithub(): Promise<{
  url: string;
  requests: GithubRequest[];
  close(): Promise<void>;
}> {
  const requests: GithubRequest[] = [];
  const deployments: { id: number; environment: string; created_at: string }[] = [];
  let nextId = 100;
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      const path = (request.url ?? '').split('?')[0] ?? '';
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
      if (request.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/deployments$/.test(path)) {
        const deployment = {
          id: nextId++,
          environment: String(body['environment']),
          created_at: new Date().toISOString(),
        };
        deployments.push(deployment);
        reply(201, { ...deployment, sha: body['ref'] });
      } else if (request.method === 'POST' && /\/deployments\/\d+\/statuses$/.test(path)) {
        reply(201, { id: nextId++, state: body['state'] });
      } else if (request.method === 'GET' && /\/deployments$/.test(path)) {
        reply(200, deployments);
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
