/**
 * The page's half of `kubectl edit`: the terminal's input that opened the editor waits here until the learner
 * applies the file (the worker finishes the edit: `editApply`) or cancels it (Ctrl+C in the terminal, the
 * editor's Cancel). While the edit is invalid the file stays open with kubectl's reasons as markers and the
 * terminal keeps waiting, as kubectl does when it reopens the file.
 */
import { createStore } from 'zustand/vanilla';
import type { ChunkListener, LabConnection, RunReply } from '../worker/connection.ts';
import type { EditFile } from './editorBridge.ts';
import { lineOfPath, type ErrorMark } from './errors.ts';

export interface PendingEdit {
  /** The terminal input being edited (run again with the saved text). */
  line: string;
  file: EditFile;
  /** kubectl's reasons, placed on the file's lines. */
  marks: ErrorMark[];
  /** Increases with each (re)opening, so the editor reloads the text. */
  seq: number;
}

export interface EditState {
  edit?: PendingEdit;
  busy: boolean;
}

export const editStore = createStore<EditState>(() => ({ busy: false }));

let answer: ((text: string | undefined) => void) | undefined;
let seq = 0;

/** The learner's Apply: the file's text. */
export function applyEdit(text: string): void {
  answer?.(text);
}

/** Ctrl+C or Cancel: the edit ends with no changes. */
export function cancelEdit(): void {
  answer?.(undefined);
}

export function editPending(): boolean {
  return editStore.getState().edit !== undefined;
}

/** The first line of the body (after kubectl's header and reasons), 1-based. */
function bodyStart(lines: string[]): number {
  const i = lines.findIndex((l) => !l.trimStart().startsWith('#'));
  return i < 0 ? 1 : i + 1;
}

/** kubectl's reasons in a reopened file (`# * spec.replicas: Invalid value: ...`, a syntax error) as markers. */
export function reasonMarks(content: string, submitted: string | undefined): ErrorMark[] {
  const lines = content.split('\n');
  const start = bodyStart(lines);
  const marks: ErrorMark[] = [];
  for (const l of lines.slice(0, start - 1)) {
    const field = /^# \* ([\w.[\]/-]+): (.*)$/.exec(l);
    if (field) marks.push({ line: lineOfPath(content, field[1]) ?? start, message: `${field[1]}: ${field[2]}` });
    const syntax = /^# The edited file had a syntax error: .*yaml: line (\d+): (.*)$/.exec(l);
    if (syntax) {
      const header = submitted ? bodyStart(submitted.split('\n')) - 1 : 0;
      const line = Math.min(Math.max(start, start + Number(syntax[1]) - 1 - header), lines.length);
      marks.push({ line, message: l.replace(/^# /, '') });
    }
  }
  if (marks.length === 0 && lines.slice(0, start - 1).some((l) => /was not valid/.test(l))) marks.push({ line: start, message: lines.slice(0, start - 1).filter((l) => /^# \S/.test(l)).map((l) => l.slice(2)).join('\n') });
  return marks;
}

function open(line: string, file: EditFile, submitted?: string): Promise<string | undefined> {
  editStore.setState({ edit: { line, file, marks: file.failed ? reasonMarks(file.content, submitted) : [], seq: ++seq }, busy: false });
  return new Promise((resolve) => {
    answer = (text) => {
      answer = undefined;
      resolve(text);
    };
  });
}

/**
 * Finish a terminal input whose reply opened the editor: wait for Apply or Cancel, let the worker finish the
 * edit, and reopen while kubectl reports the edit invalid. Resolves with the input's final reply.
 */
export async function completeEdit(conn: LabConnection, line: string, first: RunReply, onOutput: ChunkListener): Promise<RunReply> {
  let reply = first;
  let submitted: string | undefined;
  try {
    while (reply.edit) {
      const text = await open(line, reply.edit, submitted);
      if (text === undefined) {
        const stderr = 'Edit cancelled, no changes made.\n';
        onOutput('stderr', stderr);
        return { stdout: '', stderr, code: 0, prompt: reply.prompt };
      }
      submitted = text;
      editStore.setState({ busy: true });
      reply = await conn.editApply(line, [text], onOutput);
    }
    return reply;
  } finally {
    answer = undefined;
    editStore.setState({ edit: undefined, busy: false });
  }
}
