/**
 * The one model of a digest section, rendered once to Block Kit and once to plain text, so no section writes its
 * content twice. Spans carry data as it is; the Block Kit renderer escapes it for mrkdwn.
 */
import { type ActionsBlock, type Block, context, escapeMrkdwn, section } from './blocks';

/** A run of text: plain, bold or code. Never pre-escaped. */
export type Span = string | { strong: string } | { code: string };

/**
 * One entry of a section. Slack shows each line on its own line; the terminal joins them with " · " into one line,
 * and leaves the link out (a console URL is longer than a terminal line).
 */
export interface Entry {
  lines: Span[][];
  link?: { label: string; url: string };
}

/** One Slack section block: its entries (one terminal line each), then its buttons. */
export interface SectionBlock {
  entries: Entry[];
  actions?: ActionsBlock;
}

/** A part of the digest contributed by an analyzer: a title, the basis of its figures, then its blocks. */
export interface DigestSection {
  id: string;
  title: string;
  /** The basis and window of the figures, under the title; a cut never removes it. */
  caption?: string;
  blocks: SectionBlock[];
  /**
   * A list of findings (savings, rightsizing): what the digest shortens first when Slack's block cap binds, counting
   * the entries it leaves out (findings.csv has them all), so the other sections keep every block.
   */
  list?: boolean;
}

/** An entry of one plain line. */
export const plainEntry = (text: string): Entry => ({ lines: [[text]] });

const mrkdwnSpan = (s: Span): string =>
  typeof s === 'string'
    ? escapeMrkdwn(s)
    : 'strong' in s
      ? `*${escapeMrkdwn(s.strong)}*`
      : `\`${escapeMrkdwn(s.code)}\``;

const mrkdwnEntry = (e: Entry): string =>
  e.lines.map((line) => line.map(mrkdwnSpan).join('')).join('\n') +
  (e.link ? ` · <${e.link.url}|${escapeMrkdwn(e.link.label)}>` : '');

const textSpan = (s: Span): string => (typeof s === 'string' ? s : 'strong' in s ? s.strong : s.code);

const textEntry = (e: Entry): string => e.lines.map((line) => line.map(textSpan).join('')).join(' · ');

/** One block as Block Kit: a section block of its entries, then its buttons. */
export const blockToBlocks = (b: SectionBlock): Block[] => [
  section(b.entries.map(mrkdwnEntry).join('\n')),
  ...(b.actions ? [b.actions] : []),
];

/** The section's caption as Block Kit: a context block, or nothing. */
export const captionBlocks = (s: DigestSection): Block[] => (s.caption ? [context(escapeMrkdwn(s.caption))] : []);

/** The section as Block Kit: the caption in a context block, then one section block per block, each with its buttons. */
export const sectionToBlocks = (s: DigestSection): Block[] => [...captionBlocks(s), ...s.blocks.flatMap(blockToBlocks)];

/** The section as plain-text lines: the caption, then one line per entry. */
export const sectionToLines = (s: DigestSection): string[] => [
  ...(s.caption ? [s.caption] : []),
  ...s.blocks.flatMap((b) => b.entries.map(textEntry)),
];
