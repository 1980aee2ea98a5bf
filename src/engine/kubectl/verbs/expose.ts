// `kubectl expose`: registers itself with registerCommand (placeholder).
export {};
