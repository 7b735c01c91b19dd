/**
 * The daily digest as Block Kit: the spend overview, top services with sparklines, top movers, then the sections
 * other parts add in the order given (the daily run puts anomalies first, then savings and rightsizing, then the
 * account-wide ones), then notes. Within Slack's limits: the lists are what a cut shortens.
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
import type { Report } from './reports/report';
import { blockToBlocks, captionBlocks, type DigestSection } from './section';

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
/** Under the title of everything built from the sample account. */
export const SAMPLE_NOTE = 'Built from the bundled sample account: no AWS account was read.';

/** The title line of the digest, shared with the terminal rendering. */
export const digestTitle = (input: DigestInput): string =>
  `Cost digest for ${input.asOf}${input.sample ? ` · ${SAMPLE_BANNER}` : ''}`;

function titleBlocks(input: DigestInput): Block[] {
  return [header(digestTitle(input)), ...(input.sample ? [context(SAMPLE_NOTE)] : [])];
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

/** A section laid out for Slack: its fixed blocks (divider, title, caption), its items and how many are shown. */
interface Laid {
  section: DigestSection;
  head: Block[];
  /** Each block of the section as Block Kit (a section block, then its buttons), with the entries it holds. */
  items: { blocks: Block[]; entries: number }[];
  shown: number;
}

function lay(s: DigestSection): Laid {
  const head = [divider(), section(`*${escapeMrkdwn(s.title)}*`), ...captionBlocks(s)];
  const items = s.blocks.map((b) => ({ blocks: blockToBlocks(b).map(withinLimits), entries: b.entries.length }));
  return { section: s, head, items, shown: items.length };
}

/** The blocks a section takes with `shown` items; a cut one takes one more, for the line counting what it left out. */
const size = (l: Laid, shown = l.shown): number =>
  l.head.length + l.items.slice(0, shown).reduce((n, i) => n + i.blocks.length, 0) + (shown < l.items.length ? 1 : 0);

const total = (laid: readonly Laid[]) => laid.reduce((n, l) => n + size(l), 0);

function render(l: Laid): Block[] {
  const left = l.items.slice(l.shown).reduce((n, i) => n + i.entries, 0);
  const cut = `… ${left} more not shown (Slack's ${SLACK_LIMITS.blocks}-block limit); all are in findings.csv`;
  return [...l.head, ...l.items.slice(0, l.shown).flatMap((i) => i.blocks), ...(left ? [context(cut)] : [])];
}

/**
 * Shorten the lists (sections marked `list`) an item at a time, the one showing most first (the later one on a tie),
 * until every section fits in `budget` or the lists show no item.
 */
function shortenLists(laid: readonly Laid[], budget: number): void {
  const lists = laid.filter((l) => l.section.list).reverse();
  let over = total(laid) - budget;
  while (over > 0) {
    const longest = lists.reduce<Laid | undefined>((a, l) => (l.shown > (a?.shown ?? 0) ? l : a), undefined);
    if (!longest) return;
    const before = size(longest);
    longest.shown--;
    over -= before - size(longest);
  }
}

/**
 * The sections, each a divider, its title, its caption and its blocks, within `budget` blocks, in their order. When
 * they do not fit, the lists are shortened first, each with a line counting what it left out; only if that is not
 * enough are other sections cut in order (the first that does not fit shortened, those with no room named in one
 * closing line).
 */
function sectionBlocks(sections: DigestSection[], budget: number): Block[] {
  const laid = sections.map(lay);
  shortenLists(laid, budget);
  if (total(laid) <= budget) return laid.flatMap(render);
  const out: Block[] = [];
  const omitted: string[] = [];
  let left = budget - 1; // kept for the closing line naming sections left out
  for (const l of laid) {
    while (l.shown > 0 && size(l) > left) l.shown--;
    if (size(l) > left || (l.shown === 0 && l.items.length > 0 && !l.section.list)) {
      omitted.push(l.section.title);
      continue;
    }
    out.push(...render(l));
    left -= size(l);
  }
  if (omitted.length) {
    out.push(context(escapeMrkdwn(`… ${omitted.length} more sections in findings.csv: ${omitted.join(', ')}`)));
  }
  return out;
}

/** Notes in one context block; what does not fit in Slack's 3,000 characters is counted, not dropped silently. */
function notesBlocks(plain: string[]): Block[] {
  const lines = plain.map(escapeMrkdwn);
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
  const tail = notesBlocks(noteLines(input.summary, input.notes));
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

/** A weekly or month-close report as Block Kit: its title, the sample banner, its sections and notes, within limits. */
export function buildReportDigest(report: Report): Digest {
  const head = [header(report.title), ...(report.sample ? [context(SAMPLE_NOTE)] : [])];
  const tail = notesBlocks(report.notes);
  const body = sectionBlocks(report.sections, SLACK_LIMITS.blocks - head.length - tail.length);
  return { text: escapeMrkdwn(report.title), blocks: [...head, ...body, ...tail] };
}
