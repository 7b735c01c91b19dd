/**
 * Block Kit pieces for the bot's answers, user text escaping, and the plain-text rendering the CLI prints.
 * Slack's limits: 50 blocks a message, 3,000 characters a section text, 10 fields of 2,000.
 */
import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;

/** What a command answers: Block Kit, and the text Slack shows in notifications and screen readers. */
export interface Answer {
  text: string;
  blocks: Block[];
}

export const MAX_BLOCKS = 50;
const MAX_SECTION = 3000;

/**
 * Escape text that came from a user (or from AWS) before it goes into mrkdwn: `<!channel>`, `<@U…>` and links are
 * written with angle brackets, and bare @channel/@here/@everyone get a zero-width joiner so Slack never pings anyone.
 */
export const escapeText = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');

/** A user mention for a Slack user id; anything else (a CLI --user) is shown as escaped text. */
export const mention = (userId: string): string =>
  /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeText(userId);

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export const section = (text: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, MAX_SECTION) },
});
export const header = (text: string): Block => ({
  type: 'header',
  text: { type: 'plain_text', text: clip(text, 150) },
});
export const context = (text: string): Block => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clip(text, MAX_SECTION) }],
});
export const divider = (): Block => ({ type: 'divider' });

/** An answer of a title and lines, with lines grouped into sections under Slack's size limit. */
export function answer(title: string, lines: string[], footer?: string): Answer {
  const blocks: Block[] = [header(title)];
  let chunk = '';
  for (const line of lines) {
    if (chunk && chunk.length + line.length + 1 > MAX_SECTION) {
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
  if (blocks.length <= MAX_BLOCKS) return blocks;
  const kept = blocks.slice(0, MAX_BLOCKS - 1);
  return [...kept, context(`${blocks.length - kept.length} more blocks left out (Slack shows at most ${MAX_BLOCKS}).`)];
}

/** US dollars as people read them: $1,234.56. */
export const usd = (n: number): string =>
  `${n < 0 ? '-' : ''}$${Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** mrkdwn as a terminal shows it: links become "label (url)", entities unescaped, bold marks dropped. */
const plain = (mrkdwn: string): string =>
  mrkdwn
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/\*([^*\n]+)\*/g, '$1')
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
