// `kubectl scale`: registers itself with registerCommand (placeholder).
export {};
