/**
 * `kubectl edit` with the page's editor, on the engine's side. The engine's edit is synchronous (its editor
 * hook returns the saved text), the page's editor is not: so an edit runs twice. First as a probe: the hook
 * takes the file kubectl wrote and closes it unsaved; the host drops that run (its output and its journal
 * entry) and the page opens the file. When the learner applies, the same input runs again, recorded with the
 * saved text as the editor's answer: the hook returns it, and if kubectl reopens the file with errors the
 * hook closes it unchanged (kubectl: "Edit cancelled, no valid changes were saved.") and the page shows the
 * reopened file. Replaying the recorded input with the same answers gives the same result.
 */
import { setEditorHook, type Cluster, type EditorHook } from '../../engine/index.ts';

/** The file `kubectl edit` opened; `failed` when it was reopened with the errors of an edit. */
export interface EditFile {
  path: string;
  content: string;
  failed?: boolean;
}

export class EditorBridge {
  /** The probe's file (no answers given). */
  opened: EditFile | undefined;
  /** The file kubectl reopened after the answers ran out (the edit was invalid). */
  reopened: EditFile | undefined;
  private calls = 0;

  /** `answers`: the saved text for each time the editor opens; none: a probe. */
  constructor(readonly answers?: readonly string[]) {}

  readonly hook: EditorHook = (file) => {
    const i = this.calls++;
    if (!this.answers) {
      this.opened ??= { path: file.path, content: file.content };
      return undefined;
    }
    if (i < this.answers.length) return this.answers[i];
    this.reopened ??= { path: file.path, content: file.content, failed: true };
    return undefined;
  };

  /** Output after the probe opened its file is the discarded run's ("Edit cancelled, no changes made."). */
  gate<A extends unknown[]>(fn: ((...a: A) => void) | undefined): (...a: A) => void {
    return (...a: A) => {
      if (!this.opened) fn?.(...a);
    };
  }

  /** Run `fn` with this bridge as the cluster's editor. */
  run<T>(cluster: Cluster, fn: () => T): T {
    setEditorHook(cluster, this.hook);
    try {
      return fn();
    } finally {
      setEditorHook(cluster, undefined);
    }
  }
}
