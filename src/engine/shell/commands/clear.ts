import { registerShellCommand } from './registry.ts';

/** What `clear` writes on an xterm: cursor home, erase the screen, erase the scrollback. */
export const CLEAR_SEQUENCE = '\x1b[H\x1b[2J\x1b[3J';

registerShellCommand({
  name: 'clear',
  synopsis: 'clear',
  run: (ctx) => {
    ctx.out(CLEAR_SEQUENCE);
    return 0;
  },
});
