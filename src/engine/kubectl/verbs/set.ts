// `kubectl set`: registers itself with registerCommand (placeholder).
export {};
