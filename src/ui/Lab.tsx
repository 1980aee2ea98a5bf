import { useCallback, useEffect, useState } from 'react';
import { createCluster, type Cluster } from '../engine/index.ts';
import { Header } from './header/Header.tsx';
import { ClusterSource } from './state/clusterSource.ts';
import { startTicker, Ticker } from './state/ticker.ts';
import { createUiStore, type Speed } from './state/uiStore.ts';
import { TerminalPanel, type TerminalHandle } from './terminal/TerminalPanel.tsx';
import { exposeTestHook } from './testHook.ts';
import { Legend, TopologyPanel } from './topology/TopologyPanel.tsx';

export interface LabProps {
  seed?: number;
  nodes?: number;
  initialSpeed?: Speed;
}

interface Instance {
  id: number;
  cluster: Cluster;
  source: ClusterSource;
}

let nextId = 1;
function newInstance(props: LabProps): Instance {
  const cluster = createCluster({ seed: props.seed, nodes: props.nodes });
  return { id: nextId++, cluster, source: new ClusterSource(cluster) };
}

/**
 * One lab: a cluster running in the page, its terminal and its live view. Every lab owns its cluster and
 * its UI store, so several labs can share a page. The engine runs on the main thread (moving it into a Web
 * Worker is a later option; the ClusterSource boundary is where that split would go).
 */
export function Lab(props: LabProps) {
  const [ui] = useState(() => createUiStore({ speed: props.initialSpeed }));
  const [inst, setInst] = useState(() => newInstance(props));
  const [terminal, setTerminal] = useState<TerminalHandle>();

  useEffect(() => {
    inst.source.connect();
    const ticker = new Ticker({ advance: (ms) => inst.cluster.advance(ms), flush: () => inst.source.flush(), speed: () => ui.getState().speed });
    const stop = startTicker(ticker);
    return () => {
      stop();
      inst.source.dispose();
    };
  }, [inst, ui]);

  useEffect(() => {
    if (!terminal) return;
    return exposeTestHook({ terminalText: terminal.text, type: terminal.type, setSpeed: (s) => ui.getState().setSpeed(s), cluster: inst.cluster });
  }, [terminal, inst, ui]);

  const reset = useCallback(() => {
    ui.getState().select(undefined);
    setInst(newInstance(props));
  }, [props, ui]);

  return (
    <div className="lab">
      <Header source={inst.source} ui={ui} onReset={reset} />
      <main className="panels">
        <section className="panel terminal-panel" aria-label="Terminal">
          <div className="panel-head">
            <span className="panel-title">Terminal</span>
            <span className="panel-hint">
              <kbd>↑</kbd>
              <kbd>↓</kbd> history · <kbd>Ctrl</kbd>+<kbd>C</kbd> cancel · <kbd>Ctrl</kbd>+<kbd>L</kbd> clear · <code>help</code>
            </span>
          </div>
          <div className="panel-body terminal-body">
            <TerminalPanel key={inst.id} cluster={inst.cluster} onReady={setTerminal} />
          </div>
        </section>
        <section className="panel view-panel" aria-label="Cluster">
          <div className="panel-head">
            <span className="panel-title">Cluster</span>
            <Legend />
          </div>
          <div className="panel-body">
            <TopologyPanel key={inst.id} source={inst.source} ui={ui} />
          </div>
        </section>
      </main>
    </div>
  );
}
