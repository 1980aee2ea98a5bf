// Each verb registers itself in its own file; importing them here builds the command table.
export {};
