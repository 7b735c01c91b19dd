/**
 * The weekly and month-close reports of a run. The daily run decides (no schedule of its own): the weekly report of
 * last week with the Monday run, the month-close report with the first run on a working day that finds the month
 * before settled (analyze/periods.ts). Each goes to the main channel through the outbox, keyed by its kind and period:
 * the report as a chat.postMessage, then its charts and its CSV as files in the message's thread, so a rerun or a
 * retry posts none of them twice. `durion-cost report` builds the same reports from the store, any day, and posts nothing.
 */
import { monthAgainstBudgets } from '../analyze/budgets';
import { monthCloseStep, monthSpend, monthWindow, weekSpend } from '../analyze/periods';
import { monthCommitments } from '../analyze/recommend/commitments';
import { summarize } from '../analyze/summary';
import type { Aws } from '../aws';
import type { Budgets } from '../collect/budgets';
import { collectMonthCommitments } from '../collect/commitments';
import type { Config } from '../config';
import { monthName, nextMonthStart } from '../domain/dates';
import type { Finding } from '../domain/finding';
import type { Note } from '../domain/note';
import type { SpendData } from '../domain/spend';
import { activityOf } from '../ledger/activity';
import { realizedSavings } from '../ledger/realized';
import { savingsWaiting } from '../ledger/savings';
import type { MonthCloseRead, PostStatus } from '../ledger/types';
import { type Chart, dailyCharts } from '../notify/charts';
import { buildReportDigest } from '../notify/digest';
import type { ReportOutput } from '../notify/files';
import { chartUpload, type FilesMessage } from '../notify/files-upload';
import { noteLine } from '../notify/format';
import { type Message, reportKey } from '../notify/outbox';
import { monthCloseReport } from '../notify/reports/month-close';
import type { Report } from '../notify/reports/report';
import { weeklyReport } from '../notify/reports/weekly';
import { renderReportText } from '../notify/text';
import { MAIN } from './delivery';

/**
 * The month-close step of this run (analyze/periods.ts): the mark to keep, and when one is due, the month's
 * commitments, read once (4 Cost Explorer requests) by the run that builds it; a rerun of that day reuses the read.
 */
export async function readMonthClose(
  aws: Aws,
  request: { asOf: string; revisedDays: number },
  spend: SpendData,
  kept: MonthCloseRead | undefined,
  notes: Note[],
): Promise<{ due: boolean; mark: MonthCloseRead | undefined }> {
  const step = monthCloseStep(spend, request.asOf, request.revisedDays, kept);
  if (!step.due || !step.mark) return { due: false, mark: step.mark };
  if (kept?.built && kept.month === step.month && kept.commitments) return { due: true, mark: kept };
  const own: Note[] = [];
  const commitments = await collectMonthCommitments(aws, own, step.month);
  notes.push(...own);
  return { due: true, mark: { ...step.mark, commitments, notes: own } };
}

/** What every report is built from: the spend, the whole ledger, the budgets read. */
export interface ReportContext {
  asOf: string;
  sample: boolean;
  spend: SpendData;
  /** Every finding the ledger holds, resolved ones too. */
  findings: readonly Finding[];
  budgets: Budgets | undefined;
}

/** The weekly report of the last whole week before asOf. */
export function weeklyOf(ctx: ReportContext): Report {
  const week = weekSpend(ctx.spend, ctx.asOf);
  return weeklyReport({
    sample: ctx.sample,
    week,
    activity: activityOf(ctx.findings, week.current),
    waiting: savingsWaiting(ctx.findings),
    realized: realizedSavings(ctx.findings),
  });
}

/** The month-close report of `month`, with the commitments read for it (when they were). */
export function monthCloseOf(ctx: ReportContext, month: string, read: MonthCloseRead | undefined): Report {
  const spend = monthSpend(ctx.spend, month);
  const commitments =
    read?.month === month && read.commitments
      ? monthCommitments(read.commitments)
      : `Coverage and utilization of ${monthName(month)} were not read: the run that finds the month settled reads them.`;
  return monthCloseReport({
    sample: ctx.sample,
    month,
    asOf: ctx.asOf,
    spend,
    teams: monthAgainstBudgets(spend.tags?.lines ?? [], ctx.budgets),
    commitments,
    activity: activityOf(ctx.findings, monthWindow(month)),
    realized: realizedSavings(ctx.findings),
    notes: read?.month === month ? (read.notes ?? []).map((n) => noteLine(n)) : [],
  });
}

/**
 * The month-close's charts: the digest's as the 1st of the next month draws them, the month closed against the month
 * before (no forecast), and its top services' last 14 days.
 */
export const monthCloseCharts = (ctx: ReportContext, month: string): Chart[] =>
  dailyCharts(summarize(ctx.spend, nextMonthStart(`${month}-01`)), ctx.sample);

/** A report with its chat.postMessage payload (channel as configured), its text and the charts posted with it. */
export function outputOf(report: Report, channel: string | undefined, charts: readonly Chart[] = []): ReportOutput {
  const digest = buildReportDigest(report);
  return {
    report,
    payload: { channel: channel ?? '(SLACK_CHANNEL not set)', text: digest.text, blocks: digest.blocks },
    text: renderReportText(report),
    charts,
  };
}

/** A report's file's name in Slack (`.csv`, `-chart-spend.png` after it): unique, as a lost upload is found by it. */
const slackFileName = (r: Report, what: string) => `durion-cost-${r.kind}-${r.period}${what}`;

/**
 * The outbox messages of the reports (each its message, then in its thread its charts and its CSV, each upload its
 * own so that a chart that cannot be drawn holds no CSV back), and those that cannot be sent, with why.
 */
export function reportMessages(
  config: Config,
  outputs: readonly ReportOutput[],
  slackBotToken: string | undefined,
): { messages: Message[]; unsendable: PostStatus[] } {
  const channel = config.slack.channel;
  const why = !channel ? 'SLACK_CHANNEL not set' : !slackBotToken ? 'SLACK_BOT_TOKEN not set' : undefined;
  if (!channel || why) {
    const unsendable = outputs.map(({ report }) => ({
      key: reportKey(report.kind, report.period, channel ?? MAIN),
      posted: false,
      reason: why ?? '',
    }));
    return { messages: [], unsendable };
  }
  const messages = outputs.flatMap(({ report, payload, charts }): Message[] => {
    const key = reportKey(report.kind, report.period, channel);
    const csv: FilesMessage = {
      channel,
      parentKey: key,
      files: [
        {
          filename: slackFileName(report, '.csv'),
          title: `${report.title}: every figure (CSV)`,
          content: { text: report.csv },
        },
      ],
    };
    const drawn: FilesMessage = {
      channel,
      parentKey: key,
      files: charts.map((c) => chartUpload(c, slackFileName(report, `-${c.name}.png`))),
    };
    return [
      { key, transport: 'slack', payload },
      ...(charts.length ? [{ key: `${key}#charts`, transport: 'slack-files' as const, payload: drawn }] : []),
      { key: `${key}#csv`, transport: 'slack-files', payload: csv },
    ];
  });
  return { messages, unsendable: [] };
}
