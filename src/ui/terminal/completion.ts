/**
 * Tab completion for the lab terminal, as bash-completion with kubectl's completion script offers it: command
 * names first, then kubectl verbs, subcommands, flags, resource types, object names from the live cluster and
 * file names. Pure: the cluster's side comes in through a CompletionSource.
 */
export interface CompletionSource {
  /** Shell command names (`cat`, `kubectl`, `lab`...). */
  commands(): string[];
  /** kubectl verbs with their subcommands and flags (long names, without dashes). */
  kubectlVerb(name: string): { subcommands: string[]; flags: string[] } | undefined;
  kubectlVerbs(): string[];
  /** Resource type names kubectl accepts (plural, singular, short names). */
  resourceTypes(): string[];
  /** Names of objects of a resource type (any spelling kubectl accepts) in a namespace. */
  names(resource: string, namespace: string): string[];
  /** File names in the lab's home directory. */
  files(): string[];
}

export interface Completion {
  /** Where the word being completed starts in the line. */
  from: number;
  /** Matching candidates, sorted. */
  candidates: string[];
}

/** Verbs whose first argument is a pod (not a resource type). */
const POD_VERBS = new Set(['logs', 'exec', 'attach', 'port-forward', 'cp']);
/** Verbs whose arguments are TYPE NAME or TYPE/NAME. */
const RESOURCE_VERBS = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'patch', 'explain', 'expose', 'autoscale', 'wait', 'cordon', 'uncordon', 'drain', 'taint', 'set', 'top', 'rollout']);
/** Verbs whose positional arguments are node names. */
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain']);
const FILE_FLAGS = new Set(['-f', '--filename', '-k', '--kustomize']);
const NAMESPACE_FLAGS = new Set(['-n', '--namespace']);

function filter(candidates: Iterable<string>, prefix: string): string[] {
  return [...new Set(candidates)].filter((c) => c.startsWith(prefix)).sort();
}

export function complete(line: string, cursor: number, src: CompletionSource): Completion {
  const before = line.slice(0, cursor);
  // The current pipeline segment only: `kubectl get pods | gr<Tab>` completes a command.
  const segStart = Math.max(before.lastIndexOf('|'), before.lastIndexOf(';'), before.lastIndexOf('&')) + 1;
  const seg = before.slice(segStart);
  const m = /(\S*)$/.exec(seg);
  const word = m ? m[1] : '';
  const from = cursor - word.length;
  const words = seg.slice(0, seg.length - word.length).trim().split(/\s+/).filter(Boolean);
  const none = { from, candidates: [] };
  if (words.length === 0) return { from, candidates: filter(src.commands(), word) };
  if (words[0] !== 'kubectl') return { from, candidates: filter(src.files(), word) };

  const args = words.slice(1);
  const prev = args[args.length - 1];
  let namespace = 'default';
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (NAMESPACE_FLAGS.has(a)) namespace = args[++i] ?? namespace;
    else if (a.startsWith('--namespace=')) namespace = a.slice(12);
    else if (a.startsWith('-')) {
      if (FILE_FLAGS.has(a) || a === '-o' || a === '-l' || a === '-c' || a === '--output' || a === '--selector' || a === '--container') i++;
    } else positional.push(a);
  }
  if (prev && NAMESPACE_FLAGS.has(prev)) return { from, candidates: filter(src.names('namespaces', ''), word) };
  if (prev && FILE_FLAGS.has(prev)) return { from, candidates: filter(src.files(), word) };
  if (positional.length === 0) return word.startsWith('-') ? none : { from, candidates: filter(src.kubectlVerbs(), word) };

  const verb = positional[0];
  const spec = src.kubectlVerb(verb);
  if (!spec) return none;
  if (word.startsWith('-')) return { from, candidates: filter(spec.flags.map((f) => `--${f}`), word) };
  let rest = positional.slice(1);
  if (spec.subcommands.length > 0) {
    if (rest.length === 0 && verb !== 'set' && verb !== 'rollout') return { from, candidates: filter(spec.subcommands, word) };
    if (verb === 'set' || verb === 'rollout') {
      if (rest.length === 0) return { from, candidates: filter(spec.subcommands, word) };
      rest = rest.slice(1);
    } else return none;
  }
  if (POD_VERBS.has(verb)) return rest.length === 0 ? { from, candidates: filter(src.names('pods', namespace), word) } : none;
  if (NODE_VERBS.has(verb)) return { from, candidates: filter(src.names('nodes', ''), word) };
  if (!RESOURCE_VERBS.has(verb)) return none;
  const slash = word.indexOf('/');
  if (slash > 0) {
    const type = word.slice(0, slash);
    return { from, candidates: filter(src.names(type, namespace).map((n) => `${type}/${n}`), word) };
  }
  if (rest.length === 0 || verb === 'explain') return rest.length === 0 ? { from, candidates: filter(src.resourceTypes(), word) } : none;
  const type = rest[0];
  if (type.includes('/')) return { from, candidates: filter(src.names(type.split('/')[0], namespace).map((n) => `${type.split('/')[0]}/${n}`), word) };
  return { from, candidates: filter(src.names(type.split(',')[0], namespace), word) };
}

/** The longest prefix all candidates share. */
export function commonPrefix(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  let p = candidates[0];
  for (const c of candidates) while (!c.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Candidates laid out in columns as bash lists them, for a terminal `cols` wide. */
export function columns(candidates: readonly string[], cols: number): string {
  const width = Math.max(...candidates.map((c) => c.length)) + 2;
  const per = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(candidates.length / per);
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < per; c++) {
      const x = candidates[c * rows + r];
      if (x !== undefined) cells.push(x.padEnd(width));
    }
    out.push(cells.join('').trimEnd());
  }
  return out.join('\r\n');
}
