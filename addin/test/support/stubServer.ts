// A tiny HTTP server on 127.0.0.1 that answers as a test says, so the pane's fetch-based code runs over real HTTP.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface StubReply {
  status?: number;
  headers?: Record<string, string>;
  /** A value is sent as JSON; a string as is. */
  json?: unknown;
  text?: string;
}

export type StubHandler = (request: RecordedRequest) => StubReply | Promise<StubReply>;

export interface StubServer {
  origin: string;
  requests: RecordedRequest[];
  /** Replaces the handler for one method and path (e.g. "POST /api/suggestions"). */
  on(route: string, handler: StubHandler): void;
  close(): Promise<void>;
}

const cors = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
};

export async function startStubServer(routes: Record<string, StubHandler> = {}): Promise<StubServer> {
  const handlers = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://stub');
        if (req.method === 'OPTIONS') {
          res.writeHead(204, cors).end();
          return;
        }
        const request: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        requests.push(request);
        const handler = handlers.get(`${request.method} ${request.path}`);
        const reply: StubReply = handler ? await handler(request) : { status: 404, json: { title: 'Not Found', status: 404 } };
        const isJson = reply.json !== undefined;
        res.writeHead(reply.status ?? 200, {
          ...cors,
          ...(isJson ? { 'Content-Type': 'application/json' } : {}),
          ...reply.headers,
        });
        res.end(isJson ? JSON.stringify(reply.json) : (reply.text ?? ''));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    on: (route, handler) => void handlers.set(route, handler),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export const problemJson = { 'Content-Type': 'application/problem+json' };
