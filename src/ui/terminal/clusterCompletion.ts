import type { Cluster } from '../../engine/index.ts';
import { allCommands, findCommand, globalFlags } from '../../engine/kubectl/command.ts';
import { allShellCommands } from '../../engine/shell/commands/registry.ts';
import { listDirectory } from '../../engine/shell/fs.ts';
import type { CompletionSource } from './completion.ts';

/** Completion candidates from a live cluster: the engine's command tables, resource registry, objects and files. */
export function clusterCompletionSource(cluster: Cluster): CompletionSource {
  const rt = () => cluster.runtime;
  return {
    commands: () => allShellCommands().map((c) => c.name),
    kubectlVerbs: () => allCommands().flatMap((c) => [c.name]),
    kubectlVerb(name) {
      const spec = findCommand(name);
      if (!spec) return undefined;
      const flags = [...(spec.flags ?? []), ...globalFlags].filter((f) => !f.hidden).map((f) => f.name);
      return { subcommands: (spec.subcommands ?? []).map((s) => s.name), flags };
    },
    resourceTypes: () => rt().registry.all().flatMap((r) => [r.plural, r.singular, ...r.shortNames]),
    names: (resource, namespace) => cluster.list(resource, namespace || undefined).map((o) => o.metadata?.name ?? '').filter(Boolean),
    files: () => listDirectory(rt(), '.'),
  };
}
