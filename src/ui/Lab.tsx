import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { EditorPanel, type ApplyResult } from './editor/EditorPanel.tsx';
import { KubectlEditPanel } from './editor/KubectlEditPanel.tsx';
import { useKubectlEditTab } from './editor/useKubectlEditTab.ts';
import { editCommand } from './inspector/editCommand.ts';
import { EventsPanel } from './events/EventsPanel.tsx';
import { Header } from './header/Header.tsx';
import { detectLocale } from './i18n/strings.ts';
import { Inspector } from './inspector/Inspector.tsx';
import { registerObjectLinks } from './inspector/terminalLinks.ts';
import { usePanelHosts } from './layout/Slot.tsx';
import { useMediaQuery } from './layout/useMediaQuery.ts';
import { NarrowWorkspace, PANEL_NAMES, WideWorkspace } from './layout/Workspace.tsx';
import { useUi } from './state/hooks.ts';
import { createUiStore, loadPrefs, savePrefs, type Speed } from './state/uiStore.ts';
import { TerminalPanel, type TerminalHandle } from './terminal/TerminalPanel.tsx';
import { exposeTestHook } from './testHook.ts';
import { TopologyPanel } from './topology/TopologyPanel.tsx';
import { Scrubber, TimelineBanner } from './timeline/Scrubber.tsx';
import { useTimeline } from './timeline/useTimeline.ts';
import { viewedUnixMs } from './timeline/model.ts';
import { useT } from './i18n/useT.ts';
import { Catalog } from './lessons/Catalog.tsx';
import { LessonPanel } from './lessons/LessonPanel.tsx';
import { LessonPicker } from './lessons/LessonPicker.tsx';
import { useLessonSelection } from './lessons/selection.ts';
import { workspaceProgressStore } from './persistence/progress.ts';
import type { WorkspaceStore } from './persistence/store.ts';
import { newInstance } from './workspace/instance.ts';
import { usePersistence } from './workspace/usePersistence.ts';
import { WorkspaceMenu } from './workspace/WorkspaceMenu.tsx';
import { wsText } from './workspace/strings.ts';
import { diffToConfirm } from './editor/diffPreview.ts';
import { lintCluster, lintManifest } from './editor/lint.ts';
import { mirrorReader } from './state/mirrorReader.ts';
import { useLabLifetime } from './workspace/useLabLifetime.ts';
import { EmbedWorkspace } from './embed/EmbedWorkspace.tsx';
import type { EmbedOptions } from './embed/options.ts';
import { useEmbedBridge } from './embed/useEmbedBridge.ts';
import { banner } from './terminal/session.ts';

export interface LabProps {
  seed?: number;
  nodes?: number;
  initialSpeed?: Speed;
  /** The saved workspace (IndexedDB): the lab is restored from it and saved back as the learner works. */
  workspace?: WorkspaceStore;
  /** Embedded in another page (`?embed=1`): only the requested panels, no header, the postMessage API. */
  embed?: EmbedOptions;
}

function localStore(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Below this width every panel becomes a tab of its own. */
export const NARROW_QUERY = '(max-width: 760px)';

/**
 * One lab: a cluster, its terminal, editor, events and inspector around the live graph. Every lab owns its
 * cluster (in a Web Worker, behind a LabConnection) and its UI store, so several labs can share a page.
 */
export function Lab(props: LabProps) {
  const [ui] = useState(() => createUiStore({ locale: detectLocale(navigator.languages?.length ? navigator.languages : [navigator.language]), ...loadPrefs(localStore()), ...(props.embed?.theme ? { theme: props.embed.theme } : {}), speed: props.initialSpeed }));
  const embed = props.embed;
  const ws = props.workspace;
  const [progress] = useState(() => (ws ? workspaceProgressStore(ws) : undefined));
  const lessons = useLessonSelection(progress);
  const origin = (slug: string | undefined) => ({ seed: props.seed, nodes: slug ? undefined : props.nodes, lesson: slug });
  const [inst, setInst] = useState(() => newInstance(origin(lessons.slug), lessons.lesson('en'), ws?.data.lab));
  const [terminal, setTerminal] = useState<TerminalHandle>();
  // A command an empty view suggests: put at the prompt (replacing anything half-typed), the terminal focused.
  const tryCommand = (command: string) => {
    ui.getState().setDockTab('terminal');
    ui.getState().setNarrowTab('terminal');
    terminal?.type(`\x05\x15${command}`);
    terminal?.focus();
  };
  // Timeline scrubbing: a past moment rebuilt in its own engine is shown read-only in the graph, inspector and events.
  const timeline = useTimeline(inst, lessons.lesson('en'), setInst);
  const shown = timeline.past ?? inst;
  const startUnixMs = inst.conn.nowUnixMs() - inst.conn.now();
  // A past moment is read at the viewed instant (ages count from it), not at the rebuilt lab's own clock.
  const viewed = timeline.past ? viewedUnixMs(startUnixMs, timeline.at) : undefined;
  const shownNowUnixMs = useCallback(() => viewed ?? shown.conn.nowUnixMs(), [shown, viewed]);
  const hosts = usePanelHosts(PANEL_NAMES);
  const narrow = useMediaQuery(NARROW_QUERY);
  const theme = useUi(ui, (s) => s.theme);
  const locale = useUi(ui, (s) => s.locale);
  const editorActive = useUi(ui, (s) => (narrow ? s.narrowTab === 'editor' : s.dockTab === 'editor'));
  useKubectlEditTab(ui, narrow);
  const t = useT(ui);
  const lesson = lessons.lesson(locale);
  const lessonSlug = lessons.slug;
  const startedSlug = useRef(lessonSlug);
  useEffect(() => {
    // Opening or closing a lesson starts a fresh cluster for it.
    if (startedSlug.current === lessonSlug) return;
    startedSlug.current = lessonSlug;
    ui.getState().select(undefined);
    setInst(newInstance(origin(lessonSlug), lessons.lesson('en')));
  }, [lessonSlug, lessons, props, ui]);
  usePersistence(ws, inst);

  // An embedded lab follows its iframe's query and leaves the learner's own preferences alone.
  useEffect(() => (embed ? undefined : ui.subscribe((s) => savePrefs(localStore(), s))), [ui, embed]);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
    root.lang = locale;
    root.classList.toggle('embed', embed !== undefined);
  }, [theme, locale, embed]);

  useLabLifetime(inst, ui, terminal !== undefined);

  useEffect(() => {
    if (!terminal) return;
    // Up once the terminal is drawn and the cluster is built (or replayed) with its first delta mirrored.
    let live = true;
    let off: (() => void) | undefined;
    void inst.conn.ready.then(() => {
      if (live) off = exposeTestHook({ terminalText: terminal.text, type: terminal.type, execute: terminal.execute, rendered: terminal.rendered, setSpeed: (s) => ui.getState().setSpeed(s), cluster: inst.conn });
    });
    return () => {
      live = false;
      off?.();
    };
  }, [terminal, inst, ui]);

  const restart = useCallback(() => {
    ui.getState().select(undefined);
    setInst(newInstance(origin(lessons.slug), lessons.lesson('en')));
    ws?.save('history', []);
  }, [props, ui, lessons, ws]);
  // Reset throws the learner's work away: ask first.
  const reset = useCallback(() => {
    if (window.confirm(wsText(ui.getState().locale, 'ws.reset.confirm'))) restart();
  }, [restart, ui]);

  const apply = useCallback(
    async (path: string, text: string): Promise<ApplyResult> => {
      await inst.conn.writeFile(path, text);
      const command = `kubectl apply -f ~/${path}`;
      if (terminal) return terminal.execute(command);
      const r = await inst.conn.run(command);
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.code };
    },
    [inst, terminal],
  );
  useEmbedBridge(embed, inst, terminal, apply);

  return (
    <div className={`lab${embed ? ' embed' : ''}`} data-theme={theme}>
      {!embed && <Header
        source={inst.source}
        ui={ui}
        onReset={reset}
        extra={<LessonPicker t={t} onClick={() => lessons.showCatalog(true)} />}
        tools={ws ? <WorkspaceMenu ui={ui} workspace={ws} journal={inst.conn} /> : undefined}
      />}
      <div className="lab-body">
        {lesson && (
          <LessonPanel
            key={`${inst.id}-${lesson.slug}`}
            lesson={lesson}
            conn={inst.conn}
            store={lessons.store}
            t={t}
            typeIntoTerminal={(input) => terminal?.type(`${input}\n`)}
            focusStep={lessons.focusStep}
            onFocusStep={lessons.setStep}
            onRestart={restart}
            onClose={lessons.close}
          />
        )}
        <main className="main">{embed ? <EmbedWorkspace panels={embed.panels} hosts={hosts} /> : narrow ? <NarrowWorkspace ui={ui} hosts={hosts} /> : <WideWorkspace ui={ui} hosts={hosts} />}</main>
      </div>
      {lessons.catalogOpen && <Catalog entries={lessons.catalog.entries} locale={locale} t={t} store={lessons.store} onPick={lessons.open} onClose={() => lessons.showCatalog(false)} />}
      {createPortal(
        <>
          <TimelineBanner timeline={timeline} startUnixMs={startUnixMs} locale={locale} />
          <TopologyPanel key={shown.id} source={shown.source} ui={ui} onTry={tryCommand} />
        </>,
        hosts.graph,
      )}
      {createPortal(
        <div className="terminal-body">
          <TerminalPanel
            key={inst.id}
            conn={inst.conn}
            onReady={setTerminal}
            history={ws?.data.history}
            onHistory={(h) => ws?.save('history', [...h])}
            welcome={banner(t)}
            theme={theme}
            decorate={(term) =>
              registerObjectLinks(term, inst.source, (ref) => {
                ui.getState().select(ref);
                ui.getState().setInspectorOpen(true);
              })
            }
          />
        </div>,
        hosts.terminal,
      )}
      {createPortal(<KubectlEditPanel ui={ui} />, hosts.editor)}
      {createPortal(<EditorPanel ui={ui} active={editorActive} onApply={apply} previewDiff={async (text) => diffToConfirm(await inst.conn.diff(text))} lint={(text) => lintManifest(text, lintCluster(mirrorReader(inst.source)))} initialText={ws?.data.files?.['app.yaml']} onTextChange={ws ? (path, text) => ws.save('files', { ...ws.data.files, [path]: text }) : undefined} />, hosts.editor)}
      {createPortal(<EventsPanel key={shown.id} source={shown.source} ui={ui} nowUnixMs={shownNowUnixMs} until={viewed} scrubber={embed ? undefined : <Scrubber timeline={timeline} source={inst.source} startUnixMs={startUnixMs} locale={locale} />} />, hosts.events)}
      {createPortal(<Inspector key={shown.id} source={shown.source} ui={ui} nowUnixMs={shownNowUnixMs} until={viewed} onEdit={timeline.past || !terminal ? undefined : (ref) => void terminal.execute(editCommand(ref))} />, hosts.inspector)}
    </div>
  );
}
