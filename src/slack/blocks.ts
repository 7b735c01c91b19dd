/**
 * The bot's answers: Block Kit built with the digest's helpers (src/notify/blocks.ts, which enforce Slack's limits),
 * user text escaping, and the plain-text rendering `durion-cost slash` prints.
 */
import { type Block, context, escapeMrkdwn, header, SLACK_LIMITS, section } from '../notify/blocks';

/** What a command answers: Block Kit, and the text Slack shows in notifications and screen readers. */
export interface Answer {
  text: string;
  blocks: Block[];
}

/**
 * Escape text that came from a user (or AWS) before it is echoed: mrkdwn escaping stops `<!channel>`, `<@U…>` and
 * links; a word joiner after the @ of a bare @channel/@here/@everyone stops Slack from pinging anyone.
 */
export const escapeText = (s: string): string => escapeMrkdwn(s).replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');

/** A user mention for a Slack user id; anything else (a CLI --user) is shown as escaped text. */
export const mention = (userId: string): string =>
  /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeText(userId);

/** An answer of a title and lines, the lines grouped into sections under Slack's size limit. */
export function answer(title: string, lines: string[], footer?: string): Answer {
  const blocks: Block[] = [header(title)];
  let chunk = '';
  for (const line of lines) {
    if (chunk && chunk.length + line.length + 1 > SLACK_LIMITS.sectionText) {
      blocks.push(section(chunk));
      chunk = '';
    }
    chunk = chunk ? `${chunk}\n${line}` : line;
  }
  if (chunk) blocks.push(section(chunk));
  if (footer) blocks.push(context(footer));
  return { text: title, blocks: capBlocks(blocks) };
}

/** Keep at most 50 blocks; the last one says how many were left out. */
export function capBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= SLACK_LIMITS.blocks) return blocks;
  const kept = blocks.slice(0, SLACK_LIMITS.blocks - 1);
  return [
    ...kept,
    context(`${blocks.length - kept.length} more blocks left out (Slack shows at most ${SLACK_LIMITS.blocks}).`),
  ];
}

/** mrkdwn as a terminal shows it: links become "label (url)", entities unescaped, bold marks dropped (not in code). */
const plain = (mrkdwn: string): string =>
  mrkdwn
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/\*([^*\n]+)\*/g, '$1')))
    .join('')
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The plain-text rendering of an answer, for `durion-cost slash`. */
export function renderPlain(a: Answer): string {
  const out: string[] = [];
  for (const block of a.blocks) {
    if (block.type === 'header') out.push(block.text.text.toUpperCase());
    else if (block.type === 'section') {
      if (block.text) out.push(plain(block.text.text));
      for (const field of block.fields ?? []) out.push(plain(field.text));
    } else if (block.type === 'context') {
      out.push(block.elements.map((e) => ('text' in e ? plain(e.text) : '')).join(' '));
    } else if (block.type === 'divider') out.push('');
    else if (block.type === 'actions') {
      out.push(`[${block.elements.map((e) => ('text' in e && e.text ? e.text.text : '')).join('] [')}]`);
    }
  }
  return `${out.join('\n')}\n`;
}
