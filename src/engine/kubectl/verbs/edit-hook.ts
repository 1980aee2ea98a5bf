import type { Cluster } from '../../cluster.ts';
import { EDITOR_SERVICE, type EditorHook } from './edit.ts';

/**
 * Install the host's editor for `kubectl edit` when the shell has no KUBE_EDITOR/EDITOR: it receives the
 * temporary file and returns the saved text, or undefined when closed without saving. Pass undefined to remove.
 */
export function setEditorHook(cluster: Cluster, hook: EditorHook | undefined): void {
  if (hook) cluster.runtime.services.set(EDITOR_SERVICE, hook);
  else cluster.runtime.services.delete(EDITOR_SERVICE);
}
