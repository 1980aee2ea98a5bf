import type { PanelName } from '../layout/Workspace.tsx';
import { Slot } from '../layout/Slot.tsx';
import './embed.css';

/**
 * The embedded lab's layout: the requested panels only, stacked to fill the iframe (the first takes the larger
 * share when there are two; a row each when more). No header, no resizing, nothing saved.
 */
export function EmbedWorkspace({ panels, hosts }: { panels: readonly PanelName[]; hosts: Record<PanelName, HTMLElement> }) {
  return (
    <div className={`embed-workspace panels-${panels.length}`} data-testid="embed-workspace">
      {panels.map((p) => (
        <section key={p} className={`embed-panel embed-${p}`} data-testid={`embed-panel-${p}`}>
          <Slot host={hosts[p]} />
        </section>
      ))}
    </div>
  );
}
