/**
 * The daily digest as Block Kit: the spend overview, top services with sparklines, top movers, then the sections
 * other parts add (savings, rightsizing, commitments, anomalies, checklist), then notes. Within Slack's limits.
 * Sections are built in their own files under src/notify/sections/ on the model of ./section.ts and passed in, so this
 * file never changes for them.
 */

import type { SpendSummary } from '../analyze/summary';
import { usd } from '../domain/money';
import type { Note } from '../domain/note';
import {
  type Block,
  clip,
  context,
  divider,
  escapeMrkdwn,
  header,
  SLACK_LIMITS,
  section,
  withinLimits,
} from './blocks';
import {
  basisLine,
  change,
  moverLine,
  moversCaption,
  noteLines,
  overviewRows,
  servicesCaption,
  sparkline,
  tagLine,
  value,
} from './format';
import { type DigestSection, sectionToBlocks } from './section';

export interface DigestInput {
  asOf: string;
  sample: boolean;
  summary: SpendSummary;
  sections: DigestSection[];
  notes: Note[];
}

export interface Digest {
  /** Fallback text for notifications and screen readers. */
  text: string;
  blocks: Block[];
}

export const SAMPLE_BANNER = 'SAMPLE ACCOUNT — not real data';

/** The title line of the digest, shared with the terminal rendering. */
export const digestTitle = (input: DigestInput): string =>
  `Cost digest for ${input.asOf}${input.sample ? ` · ${SAMPLE_BANNER}` : ''}`;

function titleBlocks(input: DigestInput): Block[] {
  return [
    header(digestTitle(input)),
    ...(input.sample ? [context('Built from the bundled sample account: no AWS account was read.')] : []),
  ];
}

function overviewBlocks(s: SpendSummary): Block[] {
  const fields = overviewRows(s).map((r) => `*${r.label}*\n*${r.value}*\n${escapeMrkdwn(r.versus)}`);
  return [section('', { fields }), context(escapeMrkdwn(basisLine(s)))];
}

function servicesBlocks(s: SpendSummary): Block[] {
  if (s.topServices.length === 0) return [];
  const lines = s.topServices.map((t) => {
    const delta = t.changeUsd === undefined ? '' : `  ${change(t.changeUsd, t.changePct)}`;
    return `\`${sparkline(t.daily)}\`  *${value(t)}*  ${escapeMrkdwn(t.service)}${delta}`;
  });
  if (s.otherServices.count > 0) {
    lines.push(`…and ${s.otherServices.count} other services: ${usd(s.otherServices.usd)}`);
  }
  const tags = tagLine(s);
  return [
    section(`*Top services*\n${lines.join('\n')}`),
    context(escapeMrkdwn(servicesCaption(s))),
    ...(tags ? [context(escapeMrkdwn(tags))] : []),
  ];
}

/** The headline figures with their basis, then the top services: what the digest and the slash summary both show. */
export const spendBlocks = (s: SpendSummary): Block[] => [...overviewBlocks(s), ...servicesBlocks(s)];

function moversBlocks(s: SpendSummary): Block[] {
  const { services, accounts, missing } = s.movers;
  const list = (title: string, movers: typeof services) =>
    movers.length ? [`_${title}_`, ...movers.map((m) => `• ${escapeMrkdwn(moverLine(m))}`)] : [];
  const body = [...list('Services', services), ...list('Accounts', accounts)];
  const text = body.length ? body.join('\n') : escapeMrkdwn(missing ?? 'nothing moved by $1 or more');
  return [section(`*Top movers* (last 7 days vs the 7 before)\n${text}`), context(escapeMrkdwn(moversCaption(s)))];
}

/**
 * The sections, each a divider, its title and its blocks, within `budget` blocks. A section that does not fit is
 * cut with a "… N more in findings.csv" line; sections with no room at all are named in one closing line.
 */
function sectionBlocks(sections: DigestSection[], budget: number): Block[] {
  const out: Block[] = [];
  const omitted: string[] = [];
  let left = budget - 1; // kept for the closing line naming sections left out
  for (const s of sections) {
    const head = [divider(), section(`*${escapeMrkdwn(s.title)}*`)];
    const blocks = sectionToBlocks(s).map(withinLimits);
    if (head.length + blocks.length <= left) {
      out.push(...head, ...blocks);
      left -= head.length + blocks.length;
      continue;
    }
    const room = left - head.length - 1;
    if (room < 1) {
      omitted.push(s.title);
      continue;
    }
    out.push(...head, ...blocks.slice(0, room), context(`… ${blocks.length - room} more in findings.csv`));
    left = 0;
  }
  if (omitted.length) {
    out.push(context(escapeMrkdwn(`… ${omitted.length} more sections in findings.csv: ${omitted.join(', ')}`)));
  }
  return out;
}

/** Notes in one context block; what does not fit in Slack's 3,000 characters is counted, not dropped silently. */
function notesBlocks(input: DigestInput): Block[] {
  const lines = noteLines(input.summary, input.notes).map(escapeMrkdwn);
  if (lines.length === 0) return [];
  const max = SLACK_LIMITS.sectionText - 100; // room for the "more" line
  let text = '*Notes*';
  let shown = 0;
  for (const line of lines) {
    const next = `${text}\n• ${clip(line, 500)}`;
    if (next.length > max) break;
    text = next;
    shown++;
  }
  if (shown < lines.length) text += `\n… ${lines.length - shown} more notes in run.json`;
  return [context(text)];
}

/** The fallback text: the headline figures in one line. */
function fallbackText(input: DigestInput): string {
  const rows = overviewRows(input.summary).map((r) => `${r.label}: ${r.value}`);
  return escapeMrkdwn(`${digestTitle(input)}. ${rows.join('; ')}`);
}

/** Build the digest: a chat.postMessage `text` and `blocks` within Slack's limits. */
export function buildDigest(input: DigestInput): Digest {
  const head = [...titleBlocks(input), ...spendBlocks(input.summary), ...moversBlocks(input.summary)];
  const tail = notesBlocks(input);
  const body = sectionBlocks(input.sections, SLACK_LIMITS.blocks - head.length - tail.length);
  return { text: fallbackText(input), blocks: [...head, ...body, ...tail] };
}

/** What an owner's channel gets: only that owner's findings, never the account-wide spend. */
export interface OwnerDigestInput {
  asOf: string;
  sample: boolean;
  owner: string;
  sections: DigestSection[];
}

/** The digest for a channel mapped to an owner: a header naming the owner, then their sections, within limits. */
export function buildOwnerDigest(input: OwnerDigestInput): Digest {
  const title = `Cost findings for ${input.owner} · ${input.asOf}${input.sample ? ` · ${SAMPLE_BANNER}` : ''}`;
  const head = [header(title)];
  return {
    text: escapeMrkdwn(title),
    blocks: [...head, ...sectionBlocks(input.sections, SLACK_LIMITS.blocks - head.length)],
  };
}
