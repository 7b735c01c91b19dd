import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** The request body as sent (a file upload's bytes). */
  raw: string;
}

/** A local stand-in for the Slack Web API on 127.0.0.1: records calls, answers `{ ok: true }` or what `answer` says. */
export async function fakeSlack(
  answer: (call: SlackCall) => Record<string, unknown> = () => ({ ok: true }),
): Promise<{ url: string; calls: SlackCall[]; close: () => Promise<void> }> {
  const calls: SlackCall[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const type = req.headers['content-type'] ?? '';
      // @slack/web-api posts form fields, objects (blocks, metadata) JSON-encoded in them.
      const body = type.includes('json')
        ? (JSON.parse(raw || '{}') as Record<string, unknown>)
        : Object.fromEntries([...new URLSearchParams(raw)].map(([k, v]) => [k, /^[[{]/.test(v) ? JSON.parse(v) : v]));
      const call = {
        method: (req.url ?? '').replace(/^\/api\//, '').replace(/^\//, ''),
        headers: req.headers,
        body,
        raw,
      };
      calls.push(call);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer(call)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
