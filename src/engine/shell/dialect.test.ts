// One grammar, two dialects: the lab's bash and the containers' busybox ash. Valid programs parse the same in
// both; syntax errors are worded as each shell words them. The ash wants follow busybox shell/ash.c
// (`raise_error_unexpected_syntax`, `tokname`: keywords and operators in double quotes, `end of file`,
// `newline`, `word`, `redirection` bare; "unterminated quoted string"; "bad for loop variable").
import { describe, expect, it } from 'vitest';
import { parse, ShellSyntaxError } from './parser.ts';
import { shellTable } from './testing.ts';

function errorOf(src: string, dialect: 'bash' | 'ash'): string {
  try {
    parse(src, dialect);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return e.message;
    throw e;
  }
  return '(parsed)';
}

describe('the same programs parse alike in both dialects', () => {
  const sources = [
    'a; b && c || d | e\nf',
    'for i in $(seq 1 3); do echo "$i"; done | sort',
    'i=0; while [ $i -lt 3 ]; do i=$((i+1)); done',
    'if a; then b; elif c; then d; else e; fi > out 2>&1',
    '{ echo a; echo b; } | wc -l; (cd /tmp && ls)',
    'cat <<EOF\n$X\nEOF',
    '! grep -q x f',
  ];
  const strip = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'program' ? undefined : x)));
  for (const src of sources) it(JSON.stringify(src), () => expect(strip(parse(src, 'ash'))).toEqual(strip(parse(src, 'bash'))));
});

describe('syntax errors in each dialect', () => {
  const cases: Array<{ name: string; src: string; bash: string; ash: string }> = [
    { name: 'loop without do', src: 'while true; done', bash: "syntax error near unexpected token `done'", ash: 'syntax error: unexpected "done" (expecting "do")' },
    { name: 'if at end of input', src: 'if true', bash: 'syntax error: unexpected end of file', ash: 'syntax error: unexpected end of file (expecting "then")' },
    { name: 'stray fi', src: 'fi', bash: "syntax error near unexpected token `fi'", ash: 'syntax error: unexpected "fi"' },
    { name: 'leading semicolon', src: '; echo', bash: "syntax error near unexpected token `;'", ash: 'syntax error: unexpected ";"' },
    { name: 'redirect without target', src: 'echo >', bash: "syntax error near unexpected token `newline'", ash: 'syntax error: unexpected end of file' },
    { name: 'unclosed subshell', src: '(echo a', bash: 'syntax error: unexpected end of file', ash: 'syntax error: unexpected end of file (expecting ")")' },
    { name: 'open double quote', src: 'echo "a', bash: "unexpected EOF while looking for matching `\"'", ash: 'syntax error: unterminated quoted string' },
    { name: 'open substitution', src: 'echo $(ls', bash: "unexpected EOF while looking for matching `)'", ash: 'syntax error: unterminated $(' },
    { name: 'open parameter', src: 'echo ${X', bash: "unexpected EOF while looking for matching `)'", ash: 'syntax error: bad substitution' },
    { name: 'bad for variable', src: 'for 1 in a; do :; done', bash: "`1': not a valid identifier", ash: 'syntax error: bad for loop variable' },
    { name: 'error inside $( )', src: 'echo $(do)', bash: '(parsed)', ash: 'syntax error: unexpected "do"' },
  ];
  for (const c of cases) {
    it(`${c.name} (bash)`, () => expect(errorOf(c.src, 'bash')).toBe(c.bash));
    it(`${c.name} (ash)`, () => expect(errorOf(c.src, 'ash')).toBe(c.ash));
  }
});

describe('ash reads a whole script', () => {
  it('a backslash at the very end stands for itself', () => {
    const cmd = parse('echo a\\', 'ash').program[0].first.commands[0];
    expect(cmd.type === 'simple' && cmd.words[1].parts.map((p) => (p.kind === 'lit' ? p.text : '?')).join('')).toBe('a\\');
  });
  it('$( ) bodies come parsed with their command line', () => {
    const cmd = parse('echo $(echo x)', 'ash').program[0].first.commands[0];
    const part = cmd.type === 'simple' ? cmd.words[1].parts[0] : undefined;
    expect(part?.kind === 'cmd' && part.program?.length).toBe(1);
  });
});

describe('a reserved word where a command must stand', () => {
  const cases = [
    { src: 'true && done', bash: "syntax error near unexpected token `done'", ash: 'syntax error: unexpected "done"' },
    { src: 'echo a | fi', bash: "syntax error near unexpected token `fi'", ash: 'syntax error: unexpected "fi"' },
  ];
  for (const c of cases) {
    it(`${c.src} (bash)`, () => expect(errorOf(c.src, 'bash')).toBe(c.bash));
    it(`${c.src} (ash)`, () => expect(errorOf(c.src, 'ash')).toBe(c.ash));
  }
});

// Both shells know the same special parameters (POSIX XCU 2.5.2); with no arguments the positional ones
// (`$1`…`$9`, `$@`, `$*`) are empty, as in `bash -c 'echo "[$1][$@][$*]"'`.
shellTable('special parameters in the lab shell', [
  { name: 'positional parameters are empty', input: 'echo "[$1][$@][$*]"', want: '[][][]\n' },
  { name: '$# is 0 and $0 is sh', input: 'echo $# $0', want: '0 sh\n' },
]);
