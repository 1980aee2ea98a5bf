import { useEffect } from 'react';
import type { ApplyResult } from '../editor/EditorPanel.tsx';
import type { TerminalHandle } from '../terminal/TerminalPanel.tsx';
import type { Instance } from '../workspace/instance.ts';
import { EmbedBridge, type ReplyTarget } from './bridge.ts';
import type { EmbedOptions } from './options.ts';

/**
 * Serve the embed postMessage API for a running lab: commands are typed into its terminal (so the reader
 * sees them), YAML goes through the editor's apply path, reads and watches go to the cluster.
 */
export function useEmbedBridge(embed: EmbedOptions | undefined, inst: Instance, terminal: TerminalHandle | undefined, apply: (path: string, text: string) => ApplyResult | Promise<ApplyResult>): void {
  useEffect(() => {
    if (!embed || embed.allowedOrigins.length === 0 || !terminal) return;
    const bridge = new EmbedBridge(
      {
        run: (command) => terminal.execute(command),
        apply: (yaml) => apply('embed.yaml', yaml),
        get: (resource, name, namespace) => (name ? inst.conn.get(resource, name, namespace) : inst.conn.list(resource, namespace)),
        watch: (listener) => inst.conn.watch(listener),
      },
      embed.allowedOrigins,
    );
    const onMessage = (e: MessageEvent) => bridge.handle({ origin: e.origin, data: e.data, source: e.source as ReplyTarget | null });
    window.addEventListener('message', onMessage);
    if (window.parent !== window) bridge.ready(window.parent);
    return () => {
      window.removeEventListener('message', onMessage);
      bridge.dispose();
    };
  }, [embed, inst, terminal, apply]);
}
