// `kubectl replace`: registers itself with registerCommand (placeholder).
export {};
