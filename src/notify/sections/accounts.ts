/**
 * The digest's accounts, where a run covers more than one: each account's spend over the shown month against the
 * same days of the month before (the overview's window and basis), and its savings waiting (src/ledger/savings.ts,
 * the digest's own figure, account by account). One block, one line each.
 */
import type { SpendSummary } from '../../analyze/summary';
import { window } from '../../domain/dates';
import { accountLabel, type Finding } from '../../domain/finding';
import { usd } from '../../domain/money';
import { savingsWaiting } from '../../ledger/savings';
import { change } from '../format';
import type { DigestSection } from '../section';

/** The accounts section, or undefined for a one-account run. */
export function accountsSection(
  summary: SpendSummary,
  findings: readonly Finding[],
  asOf: string,
): DigestSection | undefined {
  if (summary.accounts.length < 2) return undefined;
  const shown = summary.accounts[0]?.current;
  const entries = summary.accounts.map((a) => {
    const waiting = savingsWaiting(findings, (f) => f.accountId === a.accountId, asOf);
    const moved = a.changeUsd === undefined ? (a.missing ?? 'no comparison') : change(a.changeUsd, a.changePct);
    const name = accountLabel({ accountId: a.accountId, accountName: a.name });
    return {
      lines: [
        [
          { strong: name },
          `: ${a.current ? usd(a.current.usd) : 'n/a'} (${moved}) · savings waiting ${usd(waiting.totalUsd)} a month in ${waiting.findings.length} finding(s)`,
        ],
      ],
    };
  });
  return {
    id: 'accounts',
    title: 'Accounts',
    caption:
      `Spend ${shown ? window(shown) : 'this month'} against the same days of the month before (${summary.basis.actuals}); ` +
      "savings waiting has the digest's definition, over all the account's findings wherever they are routed.",
    blocks: [{ entries }],
  };
}
