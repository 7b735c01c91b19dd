/**
 * Files to Slack: files.uploadV2 of @slack/web-api (files.getUploadURLExternal, the upload to the URL it gives, then
 * files.completeUploadExternal, which shares the file in the channel), with the `files:write` scope. As an outbox
 * transport a file goes into the thread of the message it belongs with (a report's CSV under the report) once that
 * message is sent: until then it waits, pending. A file whose upload had an unknown outcome is looked for in that
 * thread (conversations.replies, the `*:history` scopes) by its file name, which each file's key makes unique, before
 * it is uploaded again. The client retries nothing by itself (slack-post.ts).
 */
import type { WebClient } from '@slack/web-api';
import { SendError, type Transport } from './outbox';
import { sendError, slackClient } from './slack-post';

/** A file as the outbox records it. */
export interface SlackFile {
  channel: string;
  /** The outbox key of the message whose thread the file goes into; without one it is posted to the channel. */
  parentKey?: string;
  /** Unique to the file: Slack shows it, and a lost upload is looked for by it (`durion-cost-weekly-2026-11-23.csv`). */
  filename: string;
  title: string;
  /** The file's bytes: text as it is (CSV), or base64 (a PNG) with `base64: true`. */
  content: string;
  base64?: boolean;
  /** A line posted with the file. */
  comment?: string;
}

/** Thread replies searched for a file whose upload's outcome was unknown. */
const REPLIES_LIMIT = 200;

/** Upload one file to a channel, in a thread when `threadTs` is given; the file's id. */
export async function uploadFile(
  client: WebClient,
  file: Omit<SlackFile, 'parentKey'> & { threadTs?: string },
): Promise<string> {
  const upload = {
    channel_id: file.channel,
    filename: file.filename,
    title: file.title,
    file: Buffer.from(file.content, file.base64 ? 'base64' : 'utf8'),
    ...(file.comment ? { initial_comment: file.comment } : {}),
  };
  const r = await client.filesUploadV2(file.threadTs ? { ...upload, thread_ts: file.threadTs } : upload);
  const done = r.files as { files?: { id?: string }[] }[] | undefined;
  return done?.[0]?.files?.[0]?.id ?? '';
}

/**
 * Slack files as an outbox transport. `sentIdOf` gives the Slack ts of a sent outbox message (the store's sentId), or
 * undefined while it is unsent.
 */
export function slackFileTransport(
  apiUrl: string,
  token: string,
  sentIdOf: (key: string) => Promise<string | undefined>,
): Transport {
  const client = slackClient(apiUrl, token);
  /** The thread the file goes into: undefined for none, or a refusal while its message is unsent. */
  const threadOf = async (f: SlackFile): Promise<string | undefined> => {
    if (!f.parentKey) return undefined;
    const ts = await sentIdOf(f.parentKey);
    if (!ts) throw new SendError(`${f.filename} waits for its message ${f.parentKey} to be posted`, 'refused');
    return ts;
  };
  return {
    name: 'slack-file',
    source: 'slack:files.uploadV2',
    async send(payload) {
      const f = payload as SlackFile;
      const threadTs = await threadOf(f);
      try {
        return await uploadFile(client, { ...f, ...(threadTs ? { threadTs } : {}) });
      } catch (err) {
        throw sendError(err, `files.uploadV2 of ${f.filename} to ${f.channel}`);
      }
    },
    async find(payload, _key, since) {
      const f = payload as SlackFile;
      const threadTs = await threadOf(f);
      const oldest = String(Math.floor(Date.parse(since) / 1000) - 60);
      let r: Awaited<ReturnType<typeof client.conversations.history>>;
      try {
        r = threadTs
          ? await client.conversations.replies({ channel: f.channel, ts: threadTs, oldest, limit: REPLIES_LIMIT })
          : await client.conversations.history({ channel: f.channel, oldest, limit: REPLIES_LIMIT });
      } catch (err) {
        throw sendError(err, `the messages of ${f.channel}`);
      }
      const shared = r.messages?.flatMap((m) => m.files ?? []).find((file) => file.name === f.filename);
      return shared?.id;
    },
  };
}
