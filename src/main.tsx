import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Lab } from './ui/Lab.tsx';
import { bootWorkspace } from './ui/workspace/boot.ts';
import './ui/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// `?seed=7&nodes=3` start the lab with another seed or node count.
const params = new URLSearchParams(location.search);
const num = (k: string) => (params.has(k) && Number.isFinite(Number(params.get(k))) ? Number(params.get(k)) : undefined);

// The saved workspace (IndexedDB) is read before the first render, so the lab starts as the learner left it.
void bootWorkspace().then((workspace) =>
  createRoot(root).render(
    <StrictMode>
      <Lab seed={num('seed')} nodes={num('nodes')} workspace={workspace} />
    </StrictMode>,
  ),
);
