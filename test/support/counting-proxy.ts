import { createServer, request as httpRequest, type Server } from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  /** `X-Amz-Target` for JSON protocols, `Action` for query protocols. */
  operation: string;
}

export interface CountingProxy {
  endpoint: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 in front of the emulator that records every request, so a test
 * can prove that a step made no AWS call at all.
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const requests: RecordedRequest[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const target = req.headers['x-amz-target'];
      const action = /(?:^|&)Action=([^&]+)/.exec(body.toString('utf8'))?.[1];
      requests.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        operation: (Array.isArray(target) ? target[0] : target) ?? action ?? '',
      });
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        },
      );
      forward.on('error', (error) => {
        res.writeHead(502).end(error.message);
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
