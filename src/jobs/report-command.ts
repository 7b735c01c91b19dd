/**
 * `durion-cost report weekly|month-close`: a report built from the store that `run` filled, for any day up to its
 * latest run, written to the out folder. It reads no AWS and posts nothing (the daily run posts, once); a period the
 * store cannot report on is a usage error that says why.
 */
import { closingMonth, monthWindow, reportWeek, unsettled } from '../analyze/periods';
import { Days } from '../analyze/summary';
import type { Config } from '../config';
import { monthName } from '../domain/dates';
import { UsageError } from '../domain/errors';
import { openStore } from '../ledger/store';
import { writeReportFiles } from '../notify/files';
import type { ReportKind } from '../notify/reports/report';
import { spendKey } from './daily';
import { monthCloseOf, outputOf, type ReportContext, weeklyOf } from './reports';

export interface ReportCommand {
  kind: ReportKind;
  /** The day the report is built as of; the store's latest run when absent. */
  asOf?: string;
  storeDir: string;
  outDir: string;
  config: Config;
}

/** Build the report from the store and write its files; its text and the files written. */
export async function storedReport(options: ReportCommand): Promise<{ text: string; files: string[] }> {
  const { config, kind } = options;
  const store = await openStore({ tableName: config.tableName, storeDir: options.storeDir });
  try {
    const snapshot = await store.latestSnapshot();
    if (!snapshot) throw new UsageError(`the store ${options.storeDir} holds no run yet: run durion-cost run first`);
    const asOf = options.asOf ?? snapshot.asOf;
    if (asOf > snapshot.asOf) {
      throw new UsageError(
        `--as-of ${asOf} is after the store's latest run (${snapshot.asOf}): run durion-cost run --as-of ${asOf} first`,
      );
    }
    const spend = (await store.getSpend(spendKey(config))) ?? snapshot.spend;
    const ctx: ReportContext = {
      asOf,
      sample: snapshot.sample,
      spend,
      findings: await store.listFindings(),
      budgets: snapshot.extra.commitments?.budgets?.value,
    };
    const report = kind === 'weekly' ? weekly(ctx) : monthClose(ctx, config, snapshot.extra.monthClose);
    const output = outputOf(report, config.slack.channel);
    return { text: output.text, files: writeReportFiles(options.outDir, [output]) };
  } finally {
    await store.close();
  }
}

function weekly(ctx: ReportContext) {
  const { current, previous } = reportWeek(ctx.asOf);
  const gap = new Days(ctx.spend.days).gap(previous.from, current.to);
  if (gap) throw new UsageError(`the store's spend cannot report the week of ${current.from}: ${gap}`);
  return weeklyOf(ctx);
}

function monthClose(ctx: ReportContext, config: Config, kept: Parameters<typeof monthCloseOf>[2]) {
  const month = closingMonth(ctx.asOf);
  const why = unsettled(ctx.spend, month, ctx.asOf, config.spend.revisedDays);
  if (why) throw new UsageError(`${monthName(month)} is not settled as of ${ctx.asOf}: ${why}`);
  const gap = new Days(ctx.spend.days).gap(monthWindow(closingMonth(`${month}-01`)).from, monthWindow(month).to);
  if (gap) throw new UsageError(`the store's spend cannot report ${monthName(month)} against the month before: ${gap}`);
  return monthCloseOf(ctx, month, kept);
}
