/**
 * perl one-liners: expected output and messages taken from perl 5.34–5.40 itself (perlrun, perldiag), and the
 * Kubernetes docs' Job example (`perl -Mbignum=bpi -wle "print bpi(2000)"`, docs output "3.14159265358979...").
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { resolveImage } from '../catalog.ts';
import { execInContainer } from '../exec.ts';
import { ContainerFs } from '../fs.ts';
import { SimProcess } from '../process.ts';
import { parseImageRef } from '../reference.ts';
import { piDigits } from './pi.ts';
import { perlNum } from './perlrun.ts';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const DOCS_PI =
  '3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812848111745028410270193852110555964462294895493038196';

function container(image: string, files: Record<string, string> = {}): SimProcess {
  const r = resolveImage(parseImageRef(image));
  if (!('repo' in r)) throw new Error(`no image ${image}`);
  return new SimProcess({
    repo: r.repo,
    tag: r.tag,
    command: ['sleep', 'infinity'],
    env: new Map(Object.entries(r.repo.env)),
    hostname: 'p',
    podIP: '10.244.1.5',
    startMs: T0,
    fs: new ContainerFs({ ...(r.repo.files ?? {}), ...files }),
  });
}

describe('π as bignum bpi(N) prints it', () => {
  it.each([
    { n: 1, want: '3' },
    { n: 5, want: '3.1416' },
    { n: 20, want: '3.1415926535897932385' },
    { n: 50, want: '3.1415926535897932384626433832795028841971693993751' },
  ])('bpi($n) = $want', ({ n, want }) => expect(piDigits(n)).toBe(want));

  it('bpi(2000): the docs output, 2000 significant digits, correctly rounded', () => {
    const pi = piDigits(2000);
    expect(pi.startsWith(DOCS_PI)).toBe(true);
    expect(pi.length).toBe(2001);
    expect(pi.endsWith('643719172874677646575739624138908658326459958133904780275901')).toBe(true);
  });
});

describe('perl number formatting (%.15g)', () => {
  it.each([
    [3, '3'],
    [3.5, '3.5'],
    [0.1 + 0.2, '0.3'],
    [1 / 3, '0.333333333333333'],
    [1e21, '1e+21'],
    [2 ** 53, '9.00719925474099e+15'],
    [-9, '-9'],
  ])('%s → %s', (n, want) => expect(perlNum(n)).toBe(want));
});

describe('perl one-liners under kubectl exec', () => {
  const cases: Array<{ name: string; image?: string; argv: string[]; stdout?: string; stderr?: string; code?: number; files?: Record<string, string> }> = [
    { name: 'print', argv: ['perl', '-e', 'print "hi\\n"'], stdout: 'hi\n' },
    { name: '-l adds the newline', argv: ['perl', '-le', 'print "hi"'], stdout: 'hi\n' },
    { name: 'list, arithmetic, repetition', argv: ['perl', '-le', 'print 7/2, " ", -3**2, " ", 10%3, " ", "ab" x 3'], stdout: '3.5 -9 1 ababab\n' },
    { name: '. and + share precedence', argv: ['perl', '-e', 'print "a" . 1+2, "\\n"'], stdout: '2\n' },
    { name: 'STDERR filehandle', argv: ['perl', '-e', 'print STDERR "oops\\n"'], stderr: 'oops\n' },
    { name: 'printf', argv: ['perl', '-e', 'printf("%05.2f|%x|%s|%d%%\\n", 3.14159, 255, "s", -7.9)'], stdout: '03.14|ff|s|-7%\n' },
    { name: 'exit status', argv: ['perl', '-e', 'exit 300'], code: 44 },
    { name: 'scalars interpolate', argv: ['perl', '-e', 'my $n = "world"; print "hello $n\\n"'], stdout: 'hello world\n' },
    { name: 'say needs -E', argv: ['perl', '-E', 'say "hi"'], stdout: 'hi\n' },
    {
      name: 'say under -e is a syntax error',
      argv: ['perl', '-e', 'say "hi"'],
      stderr: 'String found where operator expected at -e line 1, near "say "hi""\n\t(Do you need to predeclare say?)\nsyntax error at -e line 1, near "say "hi""\nExecution of -e aborted due to compilation errors.\n',
      code: 255,
    },
    {
      name: 'missing operator',
      argv: ['perl', '-e', 'print 1 2'],
      stderr: 'Number found where operator expected at -e line 1, near "1 2"\n\t(Missing operator before  2?)\nsyntax error at -e line 1, near "1 2"\nExecution of -e aborted due to compilation errors.\n',
      code: 255,
    },
    { name: 'dangling operator', argv: ['perl', '-e', 'print 1 +;'], stderr: 'syntax error at -e line 1, near "+;"\nExecution of -e aborted due to compilation errors.\n', code: 255 },
    { name: 'unterminated string', argv: ['perl', '-e', 'print "abc'], stderr: "Can't find string terminator '\"' anywhere before EOF at -e line 1.\n", code: 255 },
    { name: 'undefined subroutine', argv: ['perl', '-e', 'print foo(1)'], stderr: 'Undefined subroutine &main::foo called at -e line 1.\n', code: 255 },
    { name: 'bpi without importing it', argv: ['perl', '-wle', 'print bpi(20)'], stderr: 'Undefined subroutine &main::bpi called at -e line 1.\n', code: 255 },
    { name: 'method on a bareword', argv: ['perl', '-e', 'foo bar baz'], stderr: 'Can\'t locate object method "foo" via package "bar" (perhaps you forgot to load "bar"?) at -e line 1.\n', code: 255 },
    { name: 'division by zero', argv: ['perl', '-e', 'print 1/0'], stderr: 'Illegal division by zero at -e line 1.\n', code: 255 },
    {
      name: '-w: @ interpolated in a string',
      argv: ['perl', '-we', 'print "me@example.com\\n"'],
      stdout: 'me.com\n',
      stderr: 'Possible unintended interpolation of @example in string at -e line 1.\nName "main::example" used only once: possible typo at -e line 1.\n',
    },
    {
      name: '-w: uninitialized value',
      argv: ['perl', '-we', 'print "$x\\n"'],
      stdout: '\n',
      stderr: 'Name "main::x" used only once: possible typo at -e line 1.\nUse of uninitialized value $x in concatenation (.) or string at -e line 1.\n',
    },
    { name: '-w: non-numeric argument', argv: ['perl', '-we', 'print "3abc"+1'], stdout: '4', stderr: 'Argument "3abc" isn\'t numeric in addition (+) at -e line 1.\n' },
    { name: 'bpi from bignum', argv: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(20)'], stdout: '3.1415926535897932385\n' },
    { name: 'Math::BigFloat->bpi', argv: ['perl', '-MMath::BigFloat', '-le', 'print Math::BigFloat->bpi(5)'], stdout: '3.1416\n' },
    { name: '-c', argv: ['perl', '-c', '-e', 'print 1'], stderr: '-e syntax OK\n' },
    { name: 'no code for -e', argv: ['perl', '-e'], stderr: 'No code specified for -e.\n', code: 25 },
    { name: 'missing -M argument', argv: ['perl', '-M', '-e', '1'], stderr: 'Missing argument to -M.\n', code: 25 },
    { name: 'unrecognized switch', argv: ['perl', '-qx'], stderr: 'Unrecognized switch: -qx  (-h will show valid options).\n', code: 25 },
    { name: 'missing script', argv: ['perl', 'nofile.pl'], stderr: 'Can\'t open perl script "nofile.pl": No such file or directory\n', code: 2 },
    { name: 'script file', argv: ['perl', '/app/hello.pl'], files: { '/app/hello.pl': '#!/usr/bin/perl\nprint "from file\\n";\n' }, stdout: 'from file\n' },
    {
      name: 'unknown module, 5.34 wording',
      image: 'perl:5.34.0',
      argv: ['perl', '-MFoo::Bar', '-e', '1'],
      stderr:
        "Can't locate Foo/Bar.pm in @INC (you may need to install the Foo::Bar module) (@INC contains: /usr/local/lib/perl5/site_perl/5.34.0/x86_64-linux-gnu /usr/local/lib/perl5/site_perl/5.34.0 /usr/local/lib/perl5/vendor_perl/5.34.0/x86_64-linux-gnu /usr/local/lib/perl5/vendor_perl/5.34.0 /usr/local/lib/perl5/5.34.0/x86_64-linux-gnu /usr/local/lib/perl5/5.34.0).\nBEGIN failed--compilation aborted.\n",
      code: 2,
    },
    {
      name: 'perl 5.36.0 Math::BigInt::Calc dies on bpi(2000)',
      image: 'perl:5.36',
      argv: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
      stderr: "Can't use an undefined value as an ARRAY reference at /usr/local/lib/perl5/5.36.0/Math/BigInt/Calc.pm line 1049.\n",
      code: 255,
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const r = execInContainer(container(t.image ?? 'perl:5.40', t.files), t.argv, T0 + 1000, 'e1');
      expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout: t.stdout ?? '', stderr: t.stderr ?? '', code: t.code ?? 0 });
    });
  }

  it('-v names the release of the tag', () => {
    expect(execInContainer(container('perl:latest'), ['perl', '-v'], T0, 'e').stdout).toContain('This is perl 5, version 40, subversion 0 (v5.40.0) built for x86_64-linux-gnu');
    expect(execInContainer(container('perl:5.34.0'), ['perl', '-v'], T0, 'e').stdout).toContain('(v5.34.0)');
  });

  it('perl output flows through a pipe', () => {
    expect(execInContainer(container('perl:5.40'), ['sh', '-c', 'perl -e "print 42" | grep 4'], T0, 'e').stdout).toBe('42\n');
    expect(execInContainer(container('perl:5.40'), ['sh', '-c', 'perl -e "print 42" | wc -c'], T0, 'e').stdout).toBe('2\n');
    expect(execInContainer(container('perl:5.40'), ['sh', '-c', 'perl -le "print 42" | wc -lw'], T0, 'e').stdout).toBe('      1       1\n');
  });
});

describe('the Jobs docs example', () => {
  it('computes π to 2000 digits in a few seconds and completes', () => {
    const c = createCluster({ seed: 3 });
    expect(c.run(`kubectl create job pi --image=perl:5.34.0 -- perl -Mbignum=bpi -wle "print bpi(2000)"`).exitCode).toBe(0);
    c.run('sleep 120');
    expect(c.run('kubectl get job pi -o jsonpath={.status.succeeded}').stdout).toBe('1');
    const logs = c.run('kubectl logs job/pi').stdout;
    expect(logs.startsWith(DOCS_PI)).toBe(true);
    expect(logs).toBe(`${piDigits(2000)}\n`);
    const st = c.run('kubectl get pods -l job-name=pi -o jsonpath={.items[0].status.containerStatuses[0].state.terminated}').stdout;
    const term = JSON.parse(st) as { exitCode: number; reason: string; startedAt: string; finishedAt: string };
    expect(term.exitCode).toBe(0);
    expect(term.reason).toBe('Completed');
    const secs = (Date.parse(term.finishedAt) - Date.parse(term.startedAt)) / 1000;
    expect(secs).toBeGreaterThanOrEqual(3);
    expect(secs).toBeLessThanOrEqual(6);
  });
});
