import { answer } from '../blocks';
import type { Command } from '../command';

/** The help: every command with its arguments; `note` leads (e.g. "did you mean …"). */
export function helpAnswer(commands: Command[], slash: string, note?: string): ReturnType<typeof answer> {
  const lines = commands.map((c) => `\`${slash} ${c.name}${c.usage ? ` ${c.usage}` : ''}\` — ${c.summary}`);
  return answer(
    'durion-cost commands',
    note ? [note, '', ...lines] : lines,
    'Answers are visible only to you; add `--share` to post one in the channel. Figures are USD a month.',
  );
}

/** The help command over the router's list (given lazily: the list includes help itself). */
export const helpCommand = (commands: () => Command[], slash: string): Command => ({
  name: 'help',
  usage: '',
  summary: 'this list',
  run: async () => helpAnswer(commands(), slash),
});
