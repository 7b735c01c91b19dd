import { context, escapeMrkdwn, header } from '../../notify/blocks';
import { spendBlocks } from '../../notify/digest';
import { noteLines } from '../../notify/format';
import { answer, capBlocks } from '../blocks';
import { type Command, NO_SNAPSHOT } from '../command';

/** The digest's overview and top services (one wording for both), with the estimated days the digest lists as notes. */
export const summary: Command = {
  name: 'summary',
  usage: '',
  summary: 'spend yesterday, month to date and the month-end forecast (the default)',
  async run({ snapshot }) {
    const snap = await snapshot();
    if (!snap) return answer('Spend summary', [NO_SNAPSHOT]);
    const title = `Spend as of ${snap.asOf}`;
    const footer = [
      ...(snap.sample ? ['Sample account (not real AWS data).'] : []),
      ...noteLines(snap.summary, []).map(escapeMrkdwn),
    ];
    const blocks = [header(title), ...spendBlocks(snap.summary), ...(footer.length ? [context(...footer)] : [])];
    return { text: title, blocks: capBlocks(blocks) };
  },
};
