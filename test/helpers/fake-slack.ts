import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** The request's bytes as sent (a file upload's multipart body). */
  raw: Buffer;
}

/**
 * A local stand-in for the Slack Web API on 127.0.0.1: records calls, answers `{ ok: true }` or what `answer` says.
 * File uploads work as files.uploadV2 expects: files.getUploadURLExternal hands out an upload URL on this server
 * (`upload/F<n>`, recorded as method `upload/F<n>`), and files.completeUploadExternal answers with the files it shared;
 * `answer` still has the last word on both.
 */
export async function fakeSlack(
  answer: (call: SlackCall) => Record<string, unknown> = () => ({ ok: true }),
): Promise<{ url: string; calls: SlackCall[]; close: () => Promise<void> }> {
  const calls: SlackCall[] = [];
  let url = '';
  let files = 0;
  const defaults = (call: SlackCall): Record<string, unknown> => {
    if (call.method === 'files.getUploadURLExternal') {
      files++;
      return { upload_url: `${url}upload/F${files}`, file_id: `F${files}` };
    }
    if (call.method === 'files.completeUploadExternal') return { files: call.body.files };
    return {};
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = raw.toString('utf8');
      const type = req.headers['content-type'] ?? '';
      const method = (req.url ?? '').replace(/^\/api\//, '').replace(/^\//, '');
      // @slack/web-api posts form fields, objects (blocks, metadata) JSON-encoded in them; uploads are multipart.
      const body = type.includes('multipart')
        ? {}
        : type.includes('json')
          ? (JSON.parse(text || '{}') as Record<string, unknown>)
          : Object.fromEntries(
              [...new URLSearchParams(text)].map(([k, v]) => [k, /^[[{]/.test(v) ? JSON.parse(v) : v]),
            );
      const call = { method, headers: req.headers, body, raw };
      calls.push(call);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...defaults(call), ...answer(call) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}/api/`;
  return {
    url,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
