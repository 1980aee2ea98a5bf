// `kubectl version`: registers itself with registerCommand (placeholder).
export {};
