/**
 * Files to Slack as an outbox transport: files.uploadV2 of @slack/web-api (files.getUploadURLExternal, the bytes to
 * the URL it gives, then files.completeUploadExternal shares them in one message, with a comment), which needs the
 * `files:write` scope. An upload goes to the channel, or into the thread of the message it belongs with (a report's
 * CSV under the report) once that message is sent: until then it waits, pending. The outbox records what to send, not
 * the bytes: a chart as its spec, drawn when sent (the same image on a retry), a text file (a CSV) as its text. An
 * upload whose outcome was unknown is looked for in the channel's history, or the thread's replies (the `*:history`
 * scopes), by its first file's name, so each upload's files are named for it (the day or the period in them). Errors
 * and the 429 wait are the digest's (./slack-post.ts).
 */
import type { TopLevelSpec } from 'vega-lite';
import { type Chart, renderChart } from './charts';
import { SendError, type Transport } from './outbox';
import { findInHistory, sending, slackClient } from './slack-post';

/** One file: its name (with the extension Slack shows it by), title, alt text for images, and what it holds. */
export interface UploadFile {
  filename: string;
  title: string;
  altText?: string;
  content: { chart: TopLevelSpec } | { text: string };
}

/** Files shared together in one message, with the comment posted above them. */
export interface FilesMessage {
  channel: string;
  /** The outbox key of the message whose thread the files go into; without one they are shared in the channel. */
  parentKey?: string;
  comment?: string;
  files: UploadFile[];
}

/** A chart as a file to upload under `filename` (unique to its upload, e.g. with the day), drawn when sent. */
export const chartUpload = (chart: Chart, filename: string): UploadFile => ({
  filename,
  title: chart.title,
  altText: chart.alt,
  content: { chart: chart.spec },
});

/** A file's bytes: a chart rendered to PNG, a text as UTF-8. */
async function bytesOf(file: UploadFile): Promise<Buffer> {
  if ('text' in file.content) return Buffer.from(file.content.text, 'utf8');
  try {
    return Buffer.from(await renderChart(file.content.chart));
  } catch (err) {
    throw new SendError(`${file.filename} could not be drawn: ${(err as Error).message}`, 'refused', { cause: err });
  }
}

/**
 * Slack file uploads as an outbox transport, on the Web API at `apiUrl` (config.slack.apiUrl). `sentIdOf` gives the
 * Slack ts of a sent outbox message (the store's sentId), or undefined while it is unsent. Sent and found uploads are
 * recorded by their files' ids.
 */
export function filesTransport(
  apiUrl: string,
  token: string,
  sentIdOf: (key: string) => Promise<string | undefined>,
): Transport {
  const client = slackClient(apiUrl, token);
  /** The thread the files go into: undefined for none, or a refusal while its message is unsent. */
  const threadOf = async (m: FilesMessage): Promise<string | undefined> => {
    if (!m.parentKey) return undefined;
    const ts = await sentIdOf(m.parentKey);
    if (!ts)
      throw new SendError(`${m.files[0]?.filename} waits for its message ${m.parentKey} to be posted`, 'refused');
    return ts;
  };
  return {
    name: 'slack-files',
    source: 'slack:files.uploadV2',
    async send(payload) {
      const m = payload as FilesMessage;
      const threadTs = await threadOf(m);
      const uploads = await Promise.all(
        m.files.map(async (f) => ({
          file: await bytesOf(f),
          filename: f.filename,
          title: f.title,
          ...(f.altText ? { alt_text: f.altText } : {}),
        })),
      );
      const r = await sending(`files.uploadV2 to ${m.channel}`, () =>
        client.filesUploadV2({
          channel_id: m.channel,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          ...(m.comment ? { initial_comment: m.comment } : {}),
          file_uploads: uploads,
        }),
      );
      const shared = (r.files as { files?: { id?: string }[] }[]).flatMap((c) => c.files ?? []);
      return shared.map((f) => f.id).join(',');
    },
    async find(payload, _key, since) {
      const m = payload as FilesMessage;
      const threadTs = await threadOf(m);
      const name = m.files[0]?.filename;
      const hit = await findInHistory(client, { channel: m.channel, threadTs }, since, (msg) =>
        (msg.files ?? []).some((f) => f.name === name),
      );
      return hit && (hit.files ?? []).map((f) => f.id).join(',');
    },
  };
}
