import { useStore, type ReactFlowState } from '@xyflow/react';
import { useId } from 'react';

const selector = (s: ReactFlowState) => ({ tx: s.transform[0], ty: s.transform[1], zoom: s.transform[2], width: s.width, height: s.height });
const same = (a: ReturnType<typeof selector>, b: ReturnType<typeof selector>) => a.tx === b.tx && a.ty === b.ty && a.zoom === b.zoom && a.width === b.width && a.height === b.height;

/**
 * React Flow's dotted background, drawn so a pan does not repaint it: the same dot lattice as its `<Background
 * variant="dots">` (a `gap` × `gap` pattern scaled by the zoom, dots of diameter `size`), but the pattern is drawn
 * once per zoom level on a layer a cell larger than the pane on each side, and a pan only slides that layer by
 * the pan modulo one cell (a compositor transform). React Flow's own background moves the pattern inside the
 * SVG, which repaints and re-rasterises the whole pane on every pan frame.
 */
export function DotBackground({ gap, size, color }: { gap: number; size: number; color: string }) {
  const { tx, ty, zoom, width, height } = useStore(selector, same);
  const id = useId();
  const g = gap * zoom || 1;
  const r = (size * zoom) / 2;
  return (
    <div className="react-flow__background dot-background" data-testid="dot-background">
      <svg
        className="dot-background-layer"
        width={width + 2 * g}
        height={height + 2 * g}
        style={{ left: -g, top: -g, transform: `translate(${tx % g}px, ${ty % g}px)` }}
        aria-hidden="true"
      >
        <pattern id={id} x={0} y={0} width={g} height={g} patternUnits="userSpaceOnUse" patternTransform={`translate(-${g / 2},-${g / 2})`}>
          <circle cx={r} cy={r} r={r} fill={color} />
        </pattern>
        <rect x="0" y="0" width="100%" height="100%" fill={`url(#${id})`} />
      </svg>
    </div>
  );
}
