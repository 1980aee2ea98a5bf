// `kubectl explain`: registers itself with registerCommand (placeholder).
export {};
