// `kubectl annotate`: registers itself with registerCommand (placeholder).
export {};
