import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The source file of a bench module that runs itself in a child process (`serve.ts`, `ui.ts`). When the
 * bench runs compiled (run.mjs), every module shares the bundle's `import.meta.url`; run.mjs names the
 * source folder so the child still starts from the module's own source.
 */
export function benchSource(file: string, metaUrl: string): string {
  const dir = process.env.KUBELAB_BENCH_SRC;
  return dir ? join(dir, file) : fileURLToPath(metaUrl);
}
