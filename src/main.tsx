import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Lab } from './ui/Lab.tsx';
import { parseEmbedOptions } from './ui/embed/options.ts';
import { bootWorkspace } from './ui/workspace/boot.ts';
import { prewarmWorker } from './ui/worker/client.ts';
import './ui/styles.css';

// The engine's worker starts loading at once, while the saved workspace is read.
prewarmWorker();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// `?seed=7&nodes=3` start the lab with another seed or node count.
const params = new URLSearchParams(location.search);
const num = (k: string) => (params.has(k) && Number.isFinite(Number(params.get(k))) ? Number(params.get(k)) : undefined);

// `?embed=1&panels=terminal,graph&theme=light&allowedOrigins=https://docs.example` is the embedded lab
// (README "Embedding"): a fresh lab each time, nothing saved, the postMessage API for the allowed origins.
const embed = parseEmbedOptions(location.search);

// Otherwise the saved workspace (IndexedDB) is read before the first render, so the lab starts as the
// learner left it.
void (embed ? Promise.resolve(undefined) : bootWorkspace()).then((workspace) =>
  createRoot(root).render(
    <StrictMode>
      <Lab seed={num('seed')} nodes={num('nodes')} workspace={workspace} embed={embed} />
    </StrictMode>,
  ),
);
