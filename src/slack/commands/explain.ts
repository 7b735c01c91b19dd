import { minuteOf } from '../../domain/dates';
import { accountLabel, ownerLabel } from '../../domain/finding';
import { context, header, section } from '../../notify/blocks';
import { findingActions } from '../../notify/buttons';
import { answer, capBlocks, escapeText, mention } from '../blocks';
import { type Command, oneFindingId } from '../command';
import { isFindingId, moneyText, stateText, unknownId } from '../findings';

const EVIDENCE_CHARS = 1500;

/** `explain ID`: the evidence behind a finding: sources, figures, window, and the history of its states. */
export const explain: Command = {
  name: 'explain',
  usage: 'ID',
  summary: 'the evidence behind a finding: sources, figures, window, history',
  async run({ args, store, now }) {
    const id = oneFindingId('explain', args);
    const f = isFindingId(id) ? await store.getFinding(id) : undefined;
    if (!f) return answer('Unknown finding', [unknownId(id)]);
    const sources = (f.sources ?? [f.source]).join(', ');
    const money = moneyText(f);
    const history = f.history.length
      ? f.history.map(
          (h) =>
            `• ${minuteOf(h.at)} ${h.state}${h.until ? ` until ${h.until}` : ''} by ${mention(h.by)}${
              h.reason ? `: “${escapeText(h.reason)}”` : ''
            }`,
        )
      : ['• open since first seen'];
    let evidence = JSON.stringify(f.evidence, null, 1);
    if (evidence.length > EVIDENCE_CHARS) evidence = `${evidence.slice(0, EVIDENCE_CHARS)}\n… (cut)`;
    const blocks = [
      header(`${f.title} (${f.id})`),
      section(
        [
          `*Resource:* ${escapeText(f.resourceId)} (${escapeText(f.service)}), account ${escapeText(accountLabel(f))}, ${f.region}${f.owner ? `, owner ${escapeText(ownerLabel(f))}` : ''}`,
          `*Why:* ${escapeText(f.reason)}`,
          `${f.monthlyImpactUsd ? '*Impact:*' : '*Saving:*'} ${money}`,
          `*Sources:* ${sources} · rule ${escapeText(f.ruleId)} · ${f.strategy} · ${escapeText(f.wellArchitected)}`,
          `*Severity* ${f.severity} · *confidence* ${f.confidence} · *effort* ${f.effort} · *priority* P${f.priority} (score ${f.score.toFixed(1)})`,
          `*Seen:* ${f.firstSeen} to ${f.lastSeen} · *state:* ${stateText(f, now)}`,
        ].join('\n'),
      ),
      section(`*History*\n${history.join('\n')}`),
      section(`*Evidence*\n\`\`\`${escapeText(evidence)}\`\`\``),
      findingActions(f),
      context('Figures are USD a month (730 hours a month).'),
    ];
    return { text: `${f.title} (${f.id})`, blocks: capBlocks(blocks) };
  },
};
