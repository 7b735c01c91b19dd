/** The files every run writes to its out folder: the digest, its charts, the alerts, the findings and the run report. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import type { Tagging } from '../analyze/tagging';
import type { Finding } from '../domain/finding';
import { savingsWaiting } from '../ledger/savings';
import type { RunReport } from '../ledger/types';

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

const csvCell = (value: unknown): string => {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

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
  'candidateFrom',
  'monthlyRunCostUsd',
  'costMethod',
  'costBasis',
] as const;

/** The resources without an owner, the most expensive first: who probably owns each and what it costs to keep. */
export function untaggedCsv(t: Tagging): string {
  const rows = t.unowned.map((u) =>
    [
      u.kind,
      u.resource.id,
      u.resource.accountId,
      u.resource.region,
      u.candidate?.owner,
      u.candidate?.from,
      u.runCost?.monthlyUsd.toFixed(2),
      u.runCost?.method,
      u.runCost?.basis,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[UNTAGGED_COLUMNS.join(','), ...rows].join('\n')}\n`;
}

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
  /** The digest's charts, where the run drew them. */
  charts?: ChartFile[];
}

/**
 * Write digest.blocks.json, digest.txt, alerts.json, findings.json, findings.csv, untagged.csv, run.json, owners'
 * digests and the charts (chart-spend.png, chart-services.png).
 */
export function writeOutputs(dir: string, out: RunOutputs): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['digest.blocks.json', JSON.stringify(out.digest.payload, null, 2)],
    ['digest.txt', out.digest.text],
    ['alerts.json', JSON.stringify(out.alerts, null, 2)],
    ['findings.json', JSON.stringify(out.findings, null, 2)],
    ['findings.csv', findingsCsv(out.findings)],
    ['untagged.csv', untaggedCsv(out.tagging)],
    ['run.json', JSON.stringify(out.report, null, 2)],
    ...out.routed.map((p): [string, string] => [`digest.${p.channel}.blocks.json`, JSON.stringify(p, null, 2)]),
  ];
  for (const [name, body] of files) writeFileSync(join(dir, name), body.endsWith('\n') ? body : `${body}\n`);
  const charts = out.charts ?? [];
  // A chart not drawn this time (no spend) is removed, so that the folder never shows an earlier run's.
  const stale = readdirSync(dir).filter((f) => /^chart-.*\.png$/.test(f) && !charts.some((c) => c.name === f));
  for (const f of stale) rmSync(join(dir, f), { force: true });
  for (const c of charts) writeFileSync(join(dir, c.name), c.png);
  return [...files, ...charts.map((c): [string, unknown] => [c.name, c.png])].map(([name]) => join(dir, name));
}
