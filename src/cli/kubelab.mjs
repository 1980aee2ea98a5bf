#!/usr/bin/env node
// The `kubelab` command. Loads the TypeScript sources directly through tsx, so it works right after
// `npm install` in a fresh clone with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
