import { readFileSync } from 'node:fs';
import { createCluster, type ClusterOptions } from '../engine/index.ts';
import { runTranscript } from './transcript.ts';
import { startRepl } from './repl.ts';
import { lessonsCommand } from './lessons.ts';
import { serveCommand } from './serve.ts';

/** Where the CLI reads and writes; the real process streams by default, buffers in tests. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Read a file (`-` is standard input); throws like fs.readFileSync when it cannot. */
  readFile(path: string): string;
}

const processIO: CliIO = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  readFile: (p) => readFileSync(p === '-' ? 0 : p, 'utf8'),
};

export const USAGE = `Kubelab: a simulated Kubernetes 1.32 cluster with kubectl, in your terminal.

Usage:
  kubelab run FILE [flags]    Run a transcript as if typed into the lab terminal ("-" reads stdin)
  kubelab shell [flags]       Open an interactive lab shell
  kubelab serve [flags]       Serve the cluster's Kubernetes API on 127.0.0.1 for real kubectl (see
                              kubelab serve --help)
  kubelab lessons check [SLUG...]
                              Walk every lesson (or the named ones) headlessly: each step's check must fail
                              before its solution and pass after it
  kubelab --help              Show this help

Flags:
  --seed N     Seed for every random choice (default 1); the same seed gives the same run
  --nodes N    Number of worker nodes (default 2)
  --speed X    (shell only) virtual seconds per wall-clock second between commands (default 1; 0 = only
               \`sleep\` moves time)

A transcript is shell input: one command per line; heredocs, quotes and trailing | or && continue onto
the next lines. Each command is printed after a "$ " prompt, followed by its output.
`;

interface Parsed {
  verb?: string;
  operands: string[];
  options: ClusterOptions;
  speed: number;
  help: boolean;
  error?: string;
}

function parseArgs(argv: string[]): Parsed {
  const p: Parsed = { operands: [], options: {}, speed: 1, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const takeValue = (): string | undefined => (eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : argv[++i]);
    if (name === '--help' || name === '-h') p.help = true;
    else if (name === '--seed' || name === '--nodes' || name === '--speed') {
      const v = takeValue();
      const n = Number(v);
      if (v === undefined || v === '' || !Number.isFinite(n) || n < 0 || (name !== '--speed' && !Number.isInteger(n))) {
        p.error = `invalid value for ${name}: ${v === undefined ? '(missing)' : JSON.stringify(v)}`;
        return p;
      }
      if (name === '--seed') p.options.seed = n;
      else if (name === '--nodes') p.options.nodes = n;
      else p.speed = n;
    } else if (a.startsWith('-') && a !== '-') {
      p.error = `unknown flag: ${a}`;
      return p;
    } else if (!p.verb) p.verb = a;
    else p.operands.push(a);
  }
  return p;
}

/** The `kubelab` command. Returns the process exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  if (argv[0] === 'serve') return serveCommand(argv.slice(1), io);
  const p = parseArgs(argv);
  if (p.help || (!p.verb && !p.error)) {
    (p.help ? io.out : io.err)(USAGE);
    return p.help ? 0 : 2;
  }
  if (p.error) {
    io.err(`kubelab: ${p.error}\nRun 'kubelab --help' for usage.\n`);
    return 2;
  }
  if (p.verb === 'run') {
    if (p.operands.length !== 1) {
      io.err(`kubelab: run takes exactly one FILE ("-" for stdin)\nRun 'kubelab --help' for usage.\n`);
      return 2;
    }
    const file = p.operands[0];
    let text: string;
    try {
      text = io.readFile(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
      io.err(`kubelab: cannot read ${file}: ${why}\n`);
      return 1;
    }
    runTranscript(createCluster(p.options), text, io.out);
    return 0;
  }
  if (p.verb === 'lessons') return lessonsCommand(p.operands, io);
  if (p.verb === 'shell') return startRepl(createCluster(p.options), p.speed);
  io.err(`kubelab: unknown command "${p.verb}"\nRun 'kubelab --help' for usage.\n`);
  return 2;
}
