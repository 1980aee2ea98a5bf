import { grep } from '../text/grep.ts';
import { registerShellCommand } from './registry.ts';
import { runTextTool } from './texttool.ts';

registerShellCommand({
  name: 'grep',
  synopsis: 'grep [-icvEFnqwolhH] [-m NUM] [-A N] [-B N] [-C N] [-e PATTERN] PATTERN [FILE]...',
  run: runTextTool(grep),
});
