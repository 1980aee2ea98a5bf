import { describe, expect, it } from 'vitest';
import type { Command, Word } from './ast.ts';
import { needsMoreInput, parse, ShellSyntaxError } from './parser.ts';

/** A word's parts in a compact form: lit text, `$name` for variables, `$(src)` for substitutions. */
function show(w: Word): string {
  return w.parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'var' ? `<$${p.name}>` : p.kind === 'cmd' ? `<$(${p.source})>` : '<~>')).join('');
}

function words(src: string): string[][] {
  return parse(src).program.flatMap((a) => [a.first, ...a.rest.map((r) => r.pipeline)]).flatMap((p) => p.commands.map((c: Command) => (c.type === 'simple' ? c.words.map(show) : ['(group)'])));
}

describe('parse: words and quoting', () => {
  const cases: Array<{ name: string; src: string; want: string[][] }> = [
    { name: 'plain words', src: 'kubectl get pods', want: [['kubectl', 'get', 'pods']] },
    { name: 'extra blanks', src: '  echo   a\tb  ', want: [['echo', 'a', 'b']] },
    { name: 'single quotes keep everything', src: `echo '$X "y" \\n'`, want: [['echo', '$X "y" \\n']] },
    { name: 'double quotes expand variables', src: 'echo "a $X b"', want: [['echo', 'a <$X> b']] },
    { name: 'backslash escapes outside quotes', src: 'echo a\\ b \\$X', want: [['echo', 'a b', '$X']] },
    { name: 'backslash inside double quotes', src: 'echo "\\$X \\" \\a"', want: [['echo', '$X " \\a']] },
    { name: 'adjacent quoted pieces form one word', src: `echo 'a'"b"c`, want: [['echo', 'abc']] },
    { name: 'empty quotes are a word', src: `echo '' ""`, want: [['echo', '', '']] },
    { name: 'braced variable', src: 'echo ${HOME}/x', want: [['echo', '<$HOME>/x']] },
    { name: 'special parameter', src: 'echo $?', want: [['echo', '<$?>']] },
    { name: 'lone dollar is literal', src: 'echo $ a$', want: [['echo', '$', 'a$']] },
    { name: 'command substitution', src: 'echo $(kubectl get pods -o name)', want: [['echo', '<$(kubectl get pods -o name)>']] },
    { name: 'nested substitution', src: 'echo $(echo $(echo x))', want: [['echo', '<$(echo $(echo x))>']] },
    { name: 'backticks', src: 'echo `date`', want: [['echo', '<$(date)>']] },
    { name: 'comment', src: 'echo a # not this', want: [['echo', 'a']] },
    { name: 'hash inside a word is not a comment', src: 'echo a#b', want: [['echo', 'a#b']] },
    { name: 'line continuation', src: 'kubectl get \\\npods', want: [['kubectl', 'get', 'pods']] },
    { name: 'tilde', src: 'cat ~/a.yaml', want: [['cat', '<~>/a.yaml']] },
    { name: 'jsonpath braces stay literal', src: `kubectl get po -o jsonpath='{.items[*].metadata.name}'`, want: [['kubectl', 'get', 'po', '-o', 'jsonpath={.items[*].metadata.name}']] },
  ];
  for (const c of cases) it(c.name, () => expect(words(c.src)).toEqual(c.want));
});

describe('parse: structure', () => {
  it('lists, and-or and pipelines', () => {
    const { program } = parse('a; b && c || d | e\nf');
    expect(program).toHaveLength(3);
    expect(program[1].rest.map((r) => r.op)).toEqual(['&&', '||']);
    expect(program[1].rest[1].pipeline.commands).toHaveLength(2);
  });
  it('assignments before the command name', () => {
    const { program } = parse('A=1 B="x y" env');
    const cmd = program[0].first.commands[0];
    expect(cmd.type === 'simple' && cmd.assigns.map((a) => [a.name, show(a.value)])).toEqual([['A', '1'], ['B', 'x y']]);
  });
  it('an assignment-looking word after the name is an argument', () => {
    expect(words('echo A=1')).toEqual([['echo', 'A=1']]);
  });
  const redirectCases: Array<{ name: string; src: string; want: Array<[number, string, string]> }> = [
    { name: 'stdout to file', src: 'echo a > f', want: [[1, '>', 'f']] },
    { name: 'append', src: 'echo a >>f', want: [[1, '>>', 'f']] },
    { name: 'stdin', src: 'cat < f', want: [[0, '<', 'f']] },
    { name: 'stderr to stdout', src: 'k 2>&1', want: [[2, '>&', '1']] },
    { name: 'stderr to null', src: 'k 2>/dev/null', want: [[2, '>', '/dev/null']] },
    { name: 'both', src: 'k &> f', want: [[-1, '&>', 'f']] },
    { name: 'here-string', src: 'cat <<< hi', want: [[0, '<<<', 'hi']] },
    { name: 'order kept', src: 'k >f 2>&1', want: [[1, '>', 'f'], [2, '>&', '1']] },
  ];
  for (const c of redirectCases) {
    it(`redirect: ${c.name}`, () => {
      const cmd = parse(c.src).program[0].first.commands[0];
      expect(cmd.redirects.map((r) => [r.fd, r.op, r.target ? show(r.target) : ''])).toEqual(c.want);
    });
  }
  it('a subshell group', () => {
    expect(words('(echo a; echo b) | wc -l')).toEqual([['(group)'], ['wc', '-l']]);
  });
});

describe('parse: heredocs', () => {
  const cases: Array<{ name: string; src: string; want: { body: string; expand: boolean; delimiter: string } }> = [
    { name: 'plain', src: 'cat <<EOF\na\n$X\nEOF', want: { body: 'a\n$X\n', expand: true, delimiter: 'EOF' } },
    { name: 'quoted delimiter', src: "cat <<'EOF'\n$X\nEOF", want: { body: '$X\n', expand: false, delimiter: 'EOF' } },
    { name: 'double-quoted delimiter', src: 'cat <<"END"\n$X\nEND', want: { body: '$X\n', expand: false, delimiter: 'END' } },
    { name: 'tab strip', src: 'cat <<-EOF\n\ta\n\t\tb\n\tEOF', want: { body: 'a\nb\n', expand: true, delimiter: 'EOF' } },
    { name: 'pipe after the heredoc', src: 'cat <<EOF | kubectl apply -f -\nkind: Pod\nEOF', want: { body: 'kind: Pod\n', expand: true, delimiter: 'EOF' } },
    { name: 'terminator must be the whole line', src: 'cat <<EOF\n EOF\nEOFX\nEOF\n', want: { body: ' EOF\nEOFX\n', expand: true, delimiter: 'EOF' } },
    { name: 'empty body', src: 'cat <<EOF\nEOF', want: { body: '', expand: true, delimiter: 'EOF' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const doc = parse(c.src).program[0].first.commands[0].redirects[0].heredoc!;
      expect({ body: doc.body, expand: doc.expand, delimiter: doc.delimiter }).toEqual(c.want);
    });
  }
  it('commands after the heredoc body run too', () => {
    expect(words('cat <<EOF\nx\nEOF\necho done')).toEqual([['cat'], ['echo', 'done']]);
  });
  it('two heredocs on one line read their bodies in order', () => {
    const { program } = parse('cat <<A; cat <<B\n1\nA\n2\nB');
    expect(program.map((a) => a.first.commands[0].redirects[0].heredoc!.body)).toEqual(['1\n', '2\n']);
  });
  it('warns when the input ends before the terminator', () => {
    expect(parse('cat <<EOF\na').warnings).toEqual(["warning: here-document delimited by end-of-file (wanted `EOF')"]);
  });
});

describe('parse: syntax errors (bash wording)', () => {
  const cases: Array<{ name: string; src: string; want: string }> = [
    { name: 'leading semicolon', src: '; echo', want: "syntax error near unexpected token `;'" },
    { name: 'double pipe symbol', src: 'echo a | | b', want: "syntax error near unexpected token `|'" },
    { name: 'leading &&', src: '&& echo', want: "syntax error near unexpected token `&&'" },
    { name: 'redirect without target', src: 'echo >', want: "syntax error near unexpected token `newline'" },
    { name: 'redirect into operator', src: 'echo > ;', want: "syntax error near unexpected token `;'" },
    { name: 'stray paren', src: 'echo a )', want: "syntax error near unexpected token `)'" },
    { name: 'trailing pipe', src: 'echo a |', want: 'syntax error: unexpected end of file' },
    { name: 'open double quote', src: 'echo "a', want: "unexpected EOF while looking for matching `\"'" },
    { name: 'open single quote', src: "echo 'a", want: "unexpected EOF while looking for matching `''" },
    { name: 'open substitution', src: 'echo $(ls', want: "unexpected EOF while looking for matching `)'" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      let err: unknown;
      try {
        parse(c.src);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ShellSyntaxError);
      expect((err as Error).message).toBe(c.want);
    });
  }
});

describe('needsMoreInput', () => {
  const cases: Array<{ src: string; want: boolean }> = [
    { src: 'kubectl get pods', want: false },
    { src: '', want: false },
    { src: 'echo "abc', want: true },
    { src: "echo 'abc", want: true },
    { src: 'echo "a\nb"', want: false },
    { src: 'cat <<EOF', want: true },
    { src: 'cat <<EOF\napiVersion: v1', want: true },
    { src: 'cat <<EOF\napiVersion: v1\nEOF', want: false },
    { src: 'cat <<EOF | kubectl apply -f -\nkind: Pod\n', want: true },
    { src: "kubectl apply -f - <<'EOF'\nkind: Pod\nEOF", want: false },
    { src: 'kubectl get pods |', want: true },
    { src: 'true &&', want: true },
    { src: 'false ||', want: true },
    { src: 'kubectl get \\', want: true },
    { src: 'echo $(date', want: true },
    { src: '(echo a', want: true },
    { src: '; echo', want: false },
    { src: 'echo a # "unclosed in a comment', want: false },
  ];
  for (const c of cases) it(JSON.stringify(c.src), () => expect(needsMoreInput(c.src)).toBe(c.want));
});
