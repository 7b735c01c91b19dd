/** The files every run writes to its out folder: the digest, its charts, the alerts, the findings and the run report. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { type Tagging, tagCommand } from '../analyze/tagging';
import type { Finding } from '../domain/finding';
import { savingsWaiting } from '../ledger/savings';
import type { RunReport } from '../ledger/types';
import type { Chart } from './charts';
import { csvCell } from './csv';
import type { Report } from './reports/report';

const CSV_COLUMNS = [
  'id',
  'priority',
  'score',
  'status',
  'state',
  'title',
  'monthlySavingsUsd',
  'countedInSavings',
  'monthlyImpactUsd',
  'savingsMethod',
  'savingsBasis',
  'confidence',
  'effort',
  'owner',
  'ownerSource',
  'ownerFrom',
  'accountId',
  'accountName',
  'region',
  'service',
  'resourceId',
  'strategy',
  'source',
  'ruleId',
  'reason',
  'firstSeen',
  'lastSeen',
] as const satisfies readonly (keyof Finding | 'countedInSavings')[];

/**
 * Findings as CSV, one row each, in rank order, dollars to the cent. countedInSavings marks the findings savings
 * waiting counts (src/ledger/savings.ts): their monthlySavingsUsd sums to the digest's figure.
 */
export function findingsCsv(findings: Finding[]): string {
  const { counted } = savingsWaiting(findings);
  const cell = (f: Finding, c: (typeof CSV_COLUMNS)[number]): unknown =>
    c === 'countedInSavings'
      ? counted.has(f.id)
      : c === 'monthlySavingsUsd' || c === 'monthlyImpactUsd'
        ? f[c]?.toFixed(2)
        : f[c];
  const rows = findings.map((f) => CSV_COLUMNS.map((c) => csvCell(cell(f, c))).join(','));
  return `${[CSV_COLUMNS.join(','), ...rows].join('\n')}\n`;
}

const UNTAGGED_COLUMNS = [
  'kind',
  'resourceId',
  'accountId',
  'region',
  'candidateOwner',
  'candidateSource',
  'candidateFrom',
  'createdBy',
  'createEvent',
  'createdAt',
  'creatorMissing',
  'monthlyRunCostUsd',
  'costMethod',
  'costBasis',
  'tagCommand',
] as const;

/**
 * The resources without an owner, the most expensive first: who probably owns each and where that came from, who
 * CloudTrail says created it (or why it does not say), what it costs to keep, and the command that tags it.
 */
export function untaggedCsv(t: Tagging): string {
  const rows = t.unowned.map((u) =>
    [
      u.kind,
      u.resource.id,
      u.resource.accountId,
      u.resource.region,
      u.candidate?.owner,
      u.candidate?.source,
      u.candidate?.from,
      u.creator?.creator?.name,
      u.creator?.creator?.event,
      u.creator?.creator?.at,
      u.creator?.missing,
      u.runCost?.monthlyUsd.toFixed(2),
      u.runCost?.method,
      u.runCost?.basis,
      tagCommand(u, t.ownerTags),
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[UNTAGGED_COLUMNS.join(','), ...rows].join('\n')}\n`;
}

/**
 * A weekly or month-close report as the run writes it: the report, its chat.postMessage payload and its text, and the
 * charts posted in its thread (not written: the run's out folder has the digest's).
 */
export interface ReportOutput {
  report: Report;
  payload: Record<string, unknown>;
  text: string;
  charts: readonly Chart[];
}

/** `<kind>.blocks.json`, `<kind>.txt` and `<kind>.csv` of each report. */
const reportFiles = (reports: readonly ReportOutput[]): [string, string][] =>
  reports.flatMap(({ report, payload, text }): [string, string][] => [
    [`${report.kind}.blocks.json`, JSON.stringify(payload, null, 2)],
    [`${report.kind}.txt`, text],
    [`${report.kind}.csv`, report.csv],
  ]);

/** Write files into `dir` (made if missing), each ending with a newline; their paths. */
function writeAll(dir: string, files: [string, string][]): string[] {
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of files) writeFileSync(join(dir, name), body.endsWith('\n') ? body : `${body}\n`);
  return files.map(([name]) => join(dir, name));
}

/** Write the reports' files alone (`durion-cost report`). */
export const writeReportFiles = (dir: string, reports: readonly ReportOutput[]): string[] =>
  writeAll(dir, reportFiles(reports));

/** A chart drawn as PNG, by its file name. */
export interface ChartFile {
  name: string;
  png: Uint8Array;
}

export interface RunOutputs {
  digest: { payload: Record<string, unknown>; text: string };
  /** The digests of owners' channels, each a chat.postMessage payload. */
  routed: { channel: string }[];
  alerts: PublishCommandInput[];
  findings: Finding[];
  tagging: Tagging;
  report: RunReport;
  /** The weekly and month-close reports the run built, if any was due. */
  reports?: readonly ReportOutput[];
  /** The digest's charts, where the run drew them. */
  charts?: ChartFile[];
}

/**
 * Write digest.blocks.json, digest.txt, alerts.json, findings.json, findings.csv, untagged.csv, run.json, owners'
 * digests, the charts (chart-spend.png, chart-services.png) and the files of each report due.
 */
export function writeOutputs(dir: string, out: RunOutputs): string[] {
  const written = writeAll(dir, [
    ['digest.blocks.json', JSON.stringify(out.digest.payload, null, 2)],
    ['digest.txt', out.digest.text],
    ['alerts.json', JSON.stringify(out.alerts, null, 2)],
    ['findings.json', JSON.stringify(out.findings, null, 2)],
    ['findings.csv', findingsCsv(out.findings)],
    ['untagged.csv', untaggedCsv(out.tagging)],
    ['run.json', JSON.stringify(out.report, null, 2)],
    ...out.routed.map((p): [string, string] => [`digest.${p.channel}.blocks.json`, JSON.stringify(p, null, 2)]),
    ...reportFiles(out.reports ?? []),
  ]);
  const charts = out.charts ?? [];
  // A chart not drawn this time (no spend) is removed, so that the folder never shows an earlier run's.
  const stale = readdirSync(dir).filter((f) => /^chart-.*\.png$/.test(f) && !charts.some((c) => c.name === f));
  for (const f of stale) rmSync(join(dir, f), { force: true });
  for (const c of charts) writeFileSync(join(dir, c.name), c.png);
  return [...written, ...charts.map((c) => join(dir, c.name))];
}
