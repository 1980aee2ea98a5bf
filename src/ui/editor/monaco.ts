/**
 * The Monaco side of the YAML editor. This module (and Monaco, monaco-yaml and their workers with it) is
 * loaded only by a dynamic import when the editor is first shown, so the page is interactive long before.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import openapi from '../../engine/kubectl/explain/schema.json';
import type { ErrorMark } from './errors.ts';
import { kubernetesJsonSchema } from './k8sSchema.ts';
import YamlWorker from './yaml.worker.ts?worker';

globalThis.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

/**
 * monaco-yaml (through monaco-worker-manager) asks for its worker the pre-0.50 way, by label and module id.
 * Monaco 0.57's createWebWorker wants the Worker itself, then the create data as the second message
 * (what Monaco's own language workers do), so the YAML worker is started here and handed over.
 */
type LegacyWorkerOptions = { label?: string; moduleId?: string; createData?: unknown; host?: unknown; keepIdleModels?: boolean; worker?: unknown };
const monacoForYaml = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker: (opts: LegacyWorkerOptions) => {
      if (opts.worker) return monaco.editor.createWebWorker(opts as Parameters<typeof monaco.editor.createWebWorker>[0]);
      const worker = new YamlWorker();
      worker.postMessage('ignore');
      worker.postMessage(opts.createData);
      return monaco.editor.createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels } as Parameters<typeof monaco.editor.createWebWorker>[0]);
    },
  },
} as typeof monaco;

const SCHEMA_URI = 'kubelab://schemas/kubernetes-1.32.json';
let configured = false;

function configure(): void {
  if (configured) return;
  configured = true;
  const { schema } = kubernetesJsonSchema(openapi as { components: { schemas: Record<string, unknown> } });
  configureMonacoYaml(monacoForYaml, {
    enableSchemaRequest: false,
    validate: true,
    completion: true,
    hover: true,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['**/*.yaml', '**/*.yml'], schema: schema as never }],
  });
  monaco.editor.defineTheme('kubelab-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#0d1117', 'editorGutter.background': '#0d1117' },
  });
}

export interface YamlEditor {
  getValue(): string;
  setValue(text: string): void;
  /** Show engine errors as markers (replacing earlier ones); an empty list clears them. */
  setErrors(marks: ErrorMark[]): void;
  /** Show cross-object lint warnings (replacing earlier ones). */
  setWarnings(marks: ErrorMark[]): void;
  setTheme(theme: 'dark' | 'light'): void;
  /** Scroll `line` (1-based) into the middle of the view and put the cursor there. */
  revealLine(line: number): void;
  focus(): void;
  dispose(): void;
}

export interface EditorOptions {
  path: string;
  value: string;
  theme: 'dark' | 'light';
  onChange(text: string): void;
  onApply(): void;
}

const OWNER = 'kubelab-apply';

export function createYamlEditor(host: HTMLElement, opts: EditorOptions): YamlEditor {
  configure();
  const uri = monaco.Uri.parse(`file:///${opts.path.replace(/^\/+/, '')}`);
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(opts.value, 'yaml', uri);
  if (model.getValue() !== opts.value) model.setValue(opts.value);
  const editor = monaco.editor.create(host, {
    model,
    automaticLayout: true,
    theme: opts.theme === 'dark' ? 'kubelab-dark' : 'vs',
    minimap: { enabled: false },
    fontSize: 13,
    tabSize: 2,
    scrollBeyondLastLine: false,
    renderWhitespace: 'none',
    quickSuggestions: { other: true, comments: false, strings: true },
    fixedOverflowWidgets: true,
  });
  editor.addAction({
    id: 'kubelab.apply',
    label: 'Apply (kubectl apply -f)',
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
    run: () => opts.onApply(),
  });
  const sub = model.onDidChangeContent(() => {
    monaco.editor.setModelMarkers(model, OWNER, []);
    opts.onChange(model.getValue());
  });
  return {
    getValue: () => model.getValue(),
    setValue: (t) => model.setValue(t),
    setErrors: (marks) =>
      monaco.editor.setModelMarkers(
        model,
        OWNER,
        marks.map((m) => ({
          severity: monaco.MarkerSeverity.Error,
          message: m.message,
          startLineNumber: m.line,
          endLineNumber: m.line,
          startColumn: model.getLineFirstNonWhitespaceColumn(m.line) || 1,
          endColumn: model.getLineMaxColumn(m.line),
          source: 'kubectl apply',
        })),
      ),
    setWarnings: (marks) =>
      monaco.editor.setModelMarkers(
        model,
        `${OWNER}-lint`,
        marks
          .filter((m) => m.line >= 1 && m.line <= model.getLineCount())
          .map((m) => ({
            severity: monaco.MarkerSeverity.Warning,
            message: m.message,
            startLineNumber: m.line,
            endLineNumber: m.line,
            startColumn: model.getLineFirstNonWhitespaceColumn(m.line) || 1,
            endColumn: model.getLineMaxColumn(m.line),
            source: 'kubelab lint',
          })),
      ),
    setTheme: (t) => monaco.editor.setTheme(t === 'dark' ? 'kubelab-dark' : 'vs'),
    revealLine: (line) => {
      editor.revealLineInCenter(line);
      editor.setPosition({ lineNumber: line, column: model.getLineFirstNonWhitespaceColumn(line) || 1 });
    },
    focus: () => editor.focus(),
    dispose: () => {
      sub.dispose();
      editor.dispose();
    },
  };
}
