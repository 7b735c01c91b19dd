/**
 * Files to a Slack channel as an outbox transport: files.uploadV2 of @slack/web-api (files.getUploadURLExternal, the
 * bytes to the URL it gives, then files.completeUploadExternal shares them in the channel, with a comment), which
 * needs the `files:write` scope. The outbox records what to send, not the bytes: a chart as its spec, rendered when
 * sent (the same image on a retry), a text file (a CSV) as its text. A share whose outcome was unknown is looked for
 * in the channel's history by its first file's name, so give each message's files names of their own (the day in
 * them). Errors and the 429 wait are the digest's (./slack-post.ts).
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from './charts';
import { SendError, type Transport } from './outbox';
import { findInHistory, sending, slackClient } from './slack-post';

/** One file: its name (with the extension Slack shows it by), title, alt text for images, and what it holds. */
export interface UploadFile {
  filename: string;
  title: string;
  altText?: string;
  content: { chart: TopLevelSpec } | { text: string };
}

/** Files shared together in one channel, with the comment posted above them. */
export interface FilesMessage {
  channel: string;
  comment?: string;
  files: UploadFile[];
}

/** The outbox key of a message's files: `files#<day>#<channel>#<what>`, e.g. the daily charts' `...#charts`. */
export const filesKey = (day: string, channel: string, what: string) => `files#${day}#${channel}#${what}`;

/** A file's bytes: a chart rendered to PNG, a text as UTF-8. */
async function bytesOf(file: UploadFile): Promise<Buffer> {
  if ('text' in file.content) return Buffer.from(file.content.text, 'utf8');
  try {
    return Buffer.from(await renderChart(file.content.chart));
  } catch (err) {
    throw new SendError(`${file.filename} could not be drawn: ${(err as Error).message}`, 'refused', { cause: err });
  }
}

/** Slack file uploads as an outbox transport, on the Web API at `apiUrl` (config.slack.apiUrl). */
export function filesTransport(apiUrl: string, token: string): Transport {
  const client = slackClient(apiUrl, token);
  return {
    name: 'slack-files',
    source: 'slack:files.uploadV2',
    async send(payload) {
      const m = payload as FilesMessage;
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
          ...(m.comment ? { initial_comment: m.comment } : {}),
          file_uploads: uploads,
        }),
      );
      const shared = (r.files as { files?: { id?: string }[] }[]).flatMap((c) => c.files ?? []);
      return shared.map((f) => f.id).join(',');
    },
    async find(payload, _key, since) {
      const { channel, files } = payload as FilesMessage;
      const name = files[0]?.filename;
      return findInHistory(client, channel, since, (msg) => (msg.files ?? []).some((f) => f.name === name));
    },
  };
}
