import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Lab } from './ui/Lab.tsx';
import './ui/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// `?seed=7&nodes=3` start the lab with another seed or node count.
const params = new URLSearchParams(location.search);
const num = (k: string) => (params.has(k) && Number.isFinite(Number(params.get(k))) ? Number(params.get(k)) : undefined);

createRoot(root).render(
  <StrictMode>
    <Lab seed={num('seed')} nodes={num('nodes')} />
  </StrictMode>,
);
