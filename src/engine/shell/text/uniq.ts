import { linesOf, tryHelpText, type TextTool } from './tool.ts';

/**
 * GNU uniq over stdin or one file: adjacent equal lines collapse; `-c` prefixes the count (`%7d `),
 * `-d` only repeated lines, `-u` only unique ones, `-i` ignores case.
 */
export const uniq: TextTool = (io) => {
  let count = false;
  let repeated = false;
  let unique = false;
  let ignoreCase = false;
  const files: string[] = [];
  for (const a of io.argv.slice(1)) {
    if (a === '--count') count = true;
    else if (a === '--repeated') repeated = true;
    else if (a === '--unique') unique = true;
    else if (a === '--ignore-case') ignoreCase = true;
    else if (a.startsWith('--')) {
      io.err(`uniq: unrecognized option '${a}'\n${tryHelpText('uniq')}`);
      return 1;
    } else if (a.startsWith('-') && a.length > 1) {
      for (const l of a.slice(1)) {
        if (l === 'c') count = true;
        else if (l === 'd') repeated = true;
        else if (l === 'u') unique = true;
        else if (l === 'i') ignoreCase = true;
        else {
          io.err(`uniq: invalid option -- '${l}'\n${tryHelpText('uniq')}`);
          return 1;
        }
      }
    } else files.push(a);
  }
  let text = io.stdin;
  if (files.length > 0 && files[0] !== '-') {
    const content = io.read(files[0]);
    if (content === undefined || content === 'dir') {
      io.err(`uniq: ${files[0]}: ${content === 'dir' ? 'Is a directory' : 'No such file or directory'}\n`);
      return 1;
    }
    text = content;
  }
  const key = (l: string) => (ignoreCase ? l.toLowerCase() : l);
  let out = '';
  const lines = linesOf(text);
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && key(lines[j]) === key(lines[i])) j++;
    const n = j - i;
    if (!(repeated && n < 2) && !(unique && n > 1)) out += `${count ? `${String(n).padStart(7)} ` : ''}${lines[i]}\n`;
    i = j;
  }
  io.out(out);
  return 0;
};
