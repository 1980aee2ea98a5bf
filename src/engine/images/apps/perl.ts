/**
 * `perl` of the docker.io/library/perl images: command-line switches as perlrun documents them (-e/-E, bundles
 * such as -wle, -l, -w, -M/-m, -c, -v, -h, -d, -n/-p), a script file or the program on stdin, then the
 * one-liner subset of perlscript.ts. Enough for the Job example of the Kubernetes docs
 * (`perl -Mbignum=bpi -wle "print bpi(2000)"`) and `print` one-liners; other programs fail as perl does.
 */
import type { Repository } from '../catalog.ts';
import type { Gen, ShIO, ShState, ShTool } from '../shell/run.ts';
import { PerlDie, runPerl, type PerlEnv } from './perlrun.ts';
import { parsePerl, PerlCompileError, type Expr, type Stmt } from './perlscript.ts';

/** Modules of a stock perl install the lab knows by name (loading them does nothing else). */
const coreModules = new Set([
  'strict', 'warnings', 'utf8', 'feature', 'constant', 'lib', 'vars', 'integer', 'bytes', 'open', 'diagnostics',
  'bignum', 'bigint', 'bigrat', 'Math::BigInt', 'Math::BigFloat', 'Math::BigRat', 'POSIX', 'List::Util', 'Scalar::Util',
  'Data::Dumper', 'Time::HiRes', 'Time::Local', 'Getopt::Long', 'Getopt::Std', 'File::Basename', 'File::Spec', 'File::Path',
  'File::Temp', 'Cwd', 'Carp', 'Exporter', 'Encode', 'JSON::PP', 'Storable', 'Digest::MD5', 'Digest::SHA', 'MIME::Base64',
  'IO::Handle', 'IO::File', 'Socket', 'Sys::Hostname', 'Text::Wrap', 'Term::ANSIColor', 'English', 'Benchmark',
]);

const debuggerVersion: Record<string, string> = { '5.34': '1.60', '5.36': '1.73', '5.38': '1.77', '5.40': '1.80' };
const copyrightYear: Record<string, string> = { '5.34': '2021', '5.36': '2022', '5.38': '2023', '5.40': '2024' };

function incDirs(v: string): string[] {
  return [
    `/usr/local/lib/perl5/site_perl/${v}/x86_64-linux-gnu`,
    `/usr/local/lib/perl5/site_perl/${v}`,
    `/usr/local/lib/perl5/vendor_perl/${v}/x86_64-linux-gnu`,
    `/usr/local/lib/perl5/vendor_perl/${v}`,
    `/usr/local/lib/perl5/${v}/x86_64-linux-gnu`,
    `/usr/local/lib/perl5/${v}`,
  ];
}

/** `Can't locate Foo/Bar.pm in @INC ...` (perl 5.38 renamed "@INC contains" to "@INC entries checked"). */
function cantLocate(module: string, version: string): string {
  const minor = parseInt(version.split('.')[1] ?? '0', 10);
  const label = minor >= 38 ? '@INC entries checked' : '@INC contains';
  return `Can't locate ${module.replace(/::/g, '/')}.pm in @INC (you may need to install the ${module} module) (${label}: ${incDirs(version).join(' ')})`;
}

export function perlVersionText(version: string): string {
  const [, minor, patch] = version.split('.');
  const series = `5.${minor}`;
  return (
    `\nThis is perl 5, version ${minor}, subversion ${patch} (v${version}) built for x86_64-linux-gnu\n\n` +
    `Copyright 1987-${copyrightYear[series] ?? '2024'}, Larry Wall\n\n` +
    'Perl may be copied only under the terms of either the Artistic License or the\nGNU General Public License, which may be found in the Perl 5 source kit.\n\n' +
    'Complete documentation for Perl, including FAQ lists, should be found on\nthis system using "man perl" or "perldoc perl".  If you have access to the\n' +
    'Internet, point your browser at https://www.perl.org/, the Perl Home Page.\n\n'
  );
}

const usage = `
Usage: perl [switches] [--] [programfile] [arguments]
  -0[octal/hexadecimal] specify record separator (\\0, if no argument)
  -a                    autosplit mode with -n or -p (splits $_ into @F)
  -C[number/list]       enables the listed Unicode features
  -c                    check syntax only (runs BEGIN and CHECK blocks)
  -d[t][:MOD]           run program under debugger or module Devel::MOD
  -D[number/letters]    set debugging flags (argument is a bit mask or alphabets)
  -e commandline        one line of program (several -e's allowed, omit programfile)
  -E commandline        like -e, but enables all optional features
  -f                    don't do $sitelib/sitecustomize.pl at startup
  -F/pattern/           split() pattern for -a switch (//'s are optional)
  -i[extension]         edit <> files in place (makes backup if extension supplied)
  -Idirectory           specify @INC/#include directory (several -I's allowed)
  -l[octnum]            enable line ending processing, specifies line terminator
  -[mM][-]module        execute "use/no module..." before executing program
  -n                    assume "while (<>) { ... }" loop around program
  -p                    assume loop like -n but print line also, like sed
  -s                    enable rudimentary parsing for switches after programfile
  -S                    look for programfile using PATH environment variable
  -t                    enable tainting warnings
  -T                    enable tainting checks
  -u                    dump core after parsing program
  -U                    allow unsafe operations
  -v                    print version, patchlevel and license
  -V[:configvar]        print configuration summary (or a single Config.pm variable)
  -w                    enable many useful warnings
  -W                    enable all warnings
  -x[directory]         ignore text before #!perl line (optionally cd to directory)
  -X                    disable all warnings
  
Run 'perldoc perl' for more help with Perl.

`;

interface Switches {
  code: string[];
  modules: Array<{ name: string; args: string[] }>;
  warn: boolean;
  ors: string;
  say: boolean;
  check: boolean;
  debug: boolean;
  loop?: 'n' | 'p';
  rest: string[];
}

type Parsed = Switches | { exit: number; out?: string; err?: string };

function parseSwitches(argv: string[], version: string): Parsed {
  const s: Switches = { code: [], modules: [], warn: false, ors: '', say: false, check: false, debug: false, rest: [] };
  let i = 1;
  while (i < argv.length) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    i++;
    if (a === '--version') return { exit: 0, out: perlVersionText(version) };
    if (a === '--help') return { exit: 0, out: usage };
    for (let j = 1; j < a.length; ) {
      const c = a[j++];
      const rest = a.slice(j);
      switch (c) {
        case 'w':
        case 'W':
          s.warn = true;
          break;
        case 'X':
          s.warn = false;
          break;
        case 'l': {
          const m = /^[0-7]*/.exec(rest)![0];
          s.ors = m ? String.fromCharCode(parseInt(m, 8)) : '\n';
          j += m.length;
          break;
        }
        case 'e':
        case 'E':
          if (c === 'E') s.say = true;
          if (rest) s.code.push(rest);
          else if (i < argv.length) s.code.push(argv[i++]);
          else return { exit: 25, err: `No code specified for -${c}.\n` };
          j = a.length;
          break;
        case 'M':
        case 'm': {
          if (!rest || rest === '-') return { exit: 25, err: `Missing argument to -${c}.\n` };
          const [name, args] = rest.replace(/^-/, '').split('=');
          s.modules.push({ name, args: args ? args.split(',') : [] });
          j = a.length;
          break;
        }
        case 'c':
          s.check = true;
          break;
        case 'd':
          s.debug = true;
          j = a.length;
          break;
        case 'n':
        case 'p':
          s.loop = s.loop === 'p' ? 'p' : c;
          break;
        case 'v':
          return { exit: 0, out: perlVersionText(version) };
        case 'h':
          return { exit: 0, out: usage };
        case 'a': case 's': case 'S': case 't': case 'T': case 'U': case 'f': case 'u':
          break;
        case 'i': case 'I': case '0': case 'C': case 'D': case 'x': case 'F': case 'V':
          j = a.length;
          break;
        default:
          return { exit: 25, err: `Unrecognized switch: -${c}${rest}  (-h will show valid options).\n` };
      }
    }
  }
  s.rest = argv.slice(i);
  return s;
}

/** Compile-time warnings of -w: package variables named once, barewords in void context. */
function compileWarnings(stmts: Stmt[], name: string): string {
  const uses = new Map<string, { n: number; line: number; my: boolean }>();
  const note = (v: string, line: number, my = false) => {
    if (v === '$0' || v === '$_') return;
    const u = uses.get(v.slice(1)) ?? { n: 0, line, my: false };
    u.n++;
    u.my ||= my;
    uses.set(v.slice(1), u);
  };
  const walk = (e: Expr, line: number): void => {
    if (e.k === 'var') note(e.name, line);
    else if (e.k === 'interp') {
      for (const p of e.parts) if (typeof p !== 'string') note('scalar' in p ? `$${p.scalar}` : `@${p.array}`, line);
    } else if (e.k === 'bin') {
      walk(e.a, line);
      walk(e.b, line);
    }
    else if (e.k === 'neg') walk(e.a, line);
    else if (e.k === 'call' || e.k === 'method') for (const a of e.args) walk(a, line);
  };
  let out = '';
  for (const st of stmts) {
    if (st.k === 'assign') {
      note(st.name, st.line, st.my);
      walk(st.value, st.line);
    } else if (st.k === 'print') {
      if (st.fh !== 'STDOUT' && st.fh !== 'STDERR') uses.set(st.fh, { n: 1, line: st.line, my: false });
      for (const a of st.args) walk(a, st.line);
    } else if (st.k === 'exit' && st.code) walk(st.code, st.line);
    else if (st.k === 'expr') {
      walk(st.e, st.line);
      if (st.e.k === 'lit' && typeof st.e.v === 'string') {
        if (/^[a-z]+$/.test(st.e.v)) out += `Unquoted string "${st.e.v}" may clash with future reserved word at ${name} line ${st.line}.\n`;
        out += `Useless use of a constant ("${st.e.v}") in void context at ${name} line ${st.line}.\n`;
      }
    }
  }
  for (const [v, u] of uses) if (u.n === 1 && !u.my) out += `Name "main::${v}" used only once: possible typo at ${name} line ${u.line}.\n`;
  // Arrays interpolated into strings come first, as perl reports them while tokenizing.
  let arrays = '';
  const scan = (e: Expr, line: number): void => {
    if (e.k === 'interp') for (const p of e.parts) if (typeof p !== 'string' && 'array' in p) arrays += `Possible unintended interpolation of @${p.array} in string at ${name} line ${line}.\n`;
    if (e.k === 'bin') {
      scan(e.a, line);
      scan(e.b, line);
    }
  };
  for (const st of stmts) {
    if (st.k === 'print') for (const a of st.args) scan(a, st.line);
    else if (st.k === 'assign') scan(st.value, st.line);
  }
  return arrays + out;
}

/** The perl binary of an image whose perl is `version` (e.g. `5.34.0`). */
export function perlTool(versionOf: (st: ShState) => string): ShTool {
  return function* perl(st: ShState, argv: string[], io: ShIO): Gen {
    const version = versionOf(st);
    const sw = parseSwitches(argv, version);
    if ('exit' in sw) {
      if (sw.out) io.out(sw.out);
      if (sw.err) io.err(sw.err);
      return sw.exit;
    }
    let name = '-e';
    let src: string;
    if (sw.code.length > 0) src = sw.code.join('\n') + '\n';
    else if (sw.rest.length > 0) {
      name = sw.rest[0];
      const text = st.m.fs.read(name);
      if (text === undefined) {
        io.err(`Can't open perl script "${name}": No such file or directory\n`);
        return 2;
      }
      src = text.replace(/^#!.*\n/, '\n');
    } else src = io.stdin;
    const at = (msg: string) => (name === '-e' ? msg : msg.replaceAll(' at -e line ', ` at ${name} line `).replaceAll('Execution of -e ', `Execution of ${name} `));
    // Perl starts, then loads -M modules (BEGIN blocks) before compiling the program.
    if (!st.m.interactive) yield { sleep: 4 };
    const env: PerlEnv = {
      name,
      warn: sw.warn,
      ors: sw.ors,
      imports: new Set(),
      modules: new Set(),
      version,
      out: io.out,
      err: io.err,
      cpu: function* (ms: number): Gen {
        if (!st.m.interactive) yield { sleep: ms };
        return 0;
      },
      vars: new Map(),
    };
    const load = (module: string, args: string[]): boolean => {
      if (!coreModules.has(module)) return false;
      env.modules.add(module);
      if (['bignum', 'bigint', 'bigrat'].includes(module)) {
        env.modules.add('Math::BigFloat');
        for (const a of args) for (const w of a.replace(/^qw[(/{[]|[)/}\]]$/g, '').split(/\s+/)) if (w === 'bpi') env.imports.add('bpi');
      }
      return true;
    };
    for (const m of sw.modules) {
      if (!load(m.name, m.args)) {
        io.err(`${cantLocate(m.name, version)}.\nBEGIN failed--compilation aborted.\n`);
        return 2;
      }
    }
    if (sw.modules.some((m) => ['bignum', 'bigint', 'bigrat'].includes(m.name)) && !st.m.interactive) yield { sleep: 60 };
    let stmts: Stmt[];
    try {
      stmts = parsePerl(src, { say: sw.say });
    } catch (e) {
      if (!(e instanceof PerlCompileError)) throw e;
      io.err(at(`${e.message}\n`) + (e.message.startsWith("Can't find string terminator") ? '' : `Execution of ${name} aborted due to compilation errors.\n`));
      return 255;
    }
    for (const s of stmts) {
      if (s.k === 'use' && s.module !== 'VERSION' && !load(s.module, s.args)) {
        io.err(at(`${cantLocate(s.module, version)} at -e line ${s.line}.\nBEGIN failed--compilation aborted at -e line ${s.line}.\n`));
        return 2;
      }
    }
    if (sw.warn) io.err(compileWarnings(stmts, name));
    if (sw.check) {
      io.err(`${name} syntax OK\n`);
      return 0;
    }
    if (sw.debug) {
      const series = version.split('.').slice(0, 2).join('.');
      io.out(`\nLoading DB routines from perl5db.pl version ${debuggerVersion[series] ?? '1.80'}\nEditor support available.\n\nEnter h or 'h h' for help, or 'man perldebug' for more help.\n\n`);
      io.out(`main::(${name}:1):\t${src.split('\n')[0]}\n  DB<1> `);
      return 0;
    }
    try {
      if (!sw.loop) return yield* runPerl(env, stmts);
      const lines = io.stdin === '' ? [] : io.stdin.replace(/\n$/, '').split('\n');
      for (const l of lines) {
        env.vars.set('$_', sw.ors ? l : `${l}\n`);
        const code = yield* runPerl(env, stmts);
        if (code !== 0) return code;
        if (sw.loop === 'p') io.out(`${env.vars.get('$_') ?? ''}${env.ors}`);
      }
      return 0;
    } catch (e) {
      if (!(e instanceof PerlDie)) throw e;
      io.err(`${e.message}\n`);
      return 255;
    }
  };
}

const perlBuilds: Array<{ version: string; tags: string[]; size: number }> = [
  { version: '5.34.0', tags: ['5.34.0', '5.34', '5.34.0-bullseye', '5.34-bullseye'], size: 336_374_103 },
  { version: '5.36.0', tags: ['5.36.0', '5.36', '5.36.0-bullseye', '5.36-bullseye'], size: 341_580_229 },
  { version: '5.38.2', tags: ['5.38.2', '5.38', '5.38.2-bookworm', '5.38-bookworm'], size: 349_212_510 },
  { version: '5.40.0', tags: ['5.40.0', '5.40', '5', 'latest', 'stable', '5.40.0-bookworm', 'bookworm'], size: 355_407_688 },
];

/** The perl release a tag of docker.io/library/perl stands for. */
export function perlRelease(tag: string): string {
  return perlBuilds.find((b) => b.tags.includes(tag))?.version ?? tag;
}

const perl = perlTool((st) => st.m.version ?? '5.40.0');

/** docker.io/library/perl: Debian (buildpack-deps) with perl built into /usr/local; CMD runs the debugger (`perl5.X.Y -de0`). */
export const perlRepository: Repository = {
  name: 'docker.io/library/perl',
  versions: perlBuilds.map((b) => ({ tags: b.tags, size: b.size })),
  entrypoint: [],
  cmd: ['perl', '-de0'],
  env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
  stopSignal: 'SIGTERM',
  flavor: 'gnu',
  apps: {},
  tools: Object.fromEntries([['perl', perl], ...perlBuilds.map((b) => [`perl${b.version}`, perl])]),
  release: perlRelease,
  files: { '/usr/local/bin/perl': '' },
};
