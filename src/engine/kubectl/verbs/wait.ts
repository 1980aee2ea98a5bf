// `kubectl wait`: registers itself with registerCommand (placeholder).
export {};
