/** The digest for a terminal and digest.txt: the same content as the Block Kit digest, as aligned plain text. */

import { usd } from '../domain/money';
import { type DigestInput, digestTitle, SAMPLE_NOTE } from './digest';
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
import { type DigestSection, sectionToLines } from './section';

/** Pad each column but the last to its widest cell; `right` columns align right (numbers). */
function table(rows: string[][], right: number[] = []): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) =>
    row
      .map((cell, i) => {
        if (i === row.length - 1) return cell;
        const width = widths[i] ?? 0;
        return right.includes(i) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd(),
  );
}

const indent = (lines: string[], by = '  '): string[] => lines.map((l) => `${by}${l}`);

/** Each section as its title and its lines, indented, after a blank line. */
const sectionsText = (sections: DigestSection[]): string[] =>
  sections.flatMap((section) => ['', section.title, ...indent(sectionToLines(section))]);

/** Render the digest as plain text. */
export function renderText(input: DigestInput): string {
  const s = input.summary;
  const out: string[] = [digestTitle(input)];
  if (input.sample) out.push(SAMPLE_NOTE);
  out.push(
    '',
    ...table(
      overviewRows(s).map((r) => [r.label, r.value, r.versus]),
      [1],
    ),
    basisLine(s),
  );

  if (s.topServices.length) {
    out.push('', `Top services (${servicesCaption(s)})`);
    const rows = s.topServices.map((t) => [
      sparkline(t.daily),
      value(t),
      t.changeUsd === undefined ? (t.missing ?? '') : change(t.changeUsd, t.changePct),
      t.service,
    ]);
    if (s.otherServices.count > 0)
      rows.push(['', usd(s.otherServices.usd), '', `${s.otherServices.count} other services`]);
    out.push(...indent(table(rows, [1])));
  }
  const tags = tagLine(s);
  if (tags) out.push('', tags);

  out.push('', `Top movers, last 7 days vs the 7 before (${moversCaption(s)})`);
  const { services, accounts, missing } = s.movers;
  if (services.length + accounts.length === 0) out.push(`  ${missing ?? 'nothing moved by $1 or more'}`);
  for (const [title, movers] of [
    ['Services', services],
    ['Accounts', accounts],
  ] as const) {
    if (movers.length) out.push(`  ${title}`, ...indent(movers.map(moverLine), '    '));
  }

  out.push(...sectionsText(input.sections));

  const notes = noteLines(s, input.notes);
  if (notes.length) out.push('', 'Notes', ...indent(notes.map((n) => `- ${n}`)));
  return `${out.join('\n')}\n`;
}

/** A weekly or month-close report as plain text: the same sections as its Block Kit. */
export function renderReportText(report: Report): string {
  const out = [report.title];
  if (report.sample) out.push(SAMPLE_NOTE);
  out.push(...sectionsText(report.sections));
  if (report.notes.length) out.push('', 'Notes', ...indent(report.notes.map((n) => `- ${n}`)));
  return `${out.join('\n')}\n`;
}
