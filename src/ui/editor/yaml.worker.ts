// monaco-yaml's language worker, as a module of our own so Vite bundles it as a worker (see monaco-yaml's
// README on Vite).
import 'monaco-yaml/yaml.worker.js';
