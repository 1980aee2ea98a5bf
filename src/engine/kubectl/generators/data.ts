import type { KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';

/**
 * Key/value sources for `create configmap|secret`: --from-literal, --from-file (files or directories of the
 * lab filesystem, `key=path` to rename) and --from-env-file, as kubectl's util/hash and generate helpers.
 */
const keyRe = /^[-._a-zA-Z0-9]+$/;

function validKey(key: string, what: string, name: string): void {
  if (!keyRe.test(key) || key.length > 253) {
    throw new KubectlError(
      `${JSON.stringify(key)} is not a valid key name for a ${what}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
  }
  if (key === '.' || key === '..') throw new KubectlError(`${JSON.stringify(key)} is not a valid key name for a ${what}: must not be '.' or '..'`);
  void name;
}

export interface DataSources {
  literals: string[];
  files: string[];
  envFiles: string[];
}

/** Collect data in the order kubectl adds it: literals, then files, then env files. */
export function collectData(ctx: KubectlContext, src: DataSources, what: 'ConfigMap' | 'Secret', name: string): Map<string, string> {
  const data = new Map<string, string>();
  const add = (key: string, value: string) => {
    validKey(key, what, name);
    if (data.has(key)) throw new KubectlError(`cannot add key "${key}", another key by that name already exists in Data for ${what} "${name}"`);
    data.set(key, value);
  };
  for (const lit of src.literals) {
    const i = lit.indexOf('=');
    if (i <= 0) throw new KubectlError(`invalid literal source ${lit}, expected key=value`);
    add(lit.slice(0, i), lit.slice(i + 1));
  }
  for (const f of src.files) {
    const i = f.indexOf('=');
    const key = i >= 0 ? f.slice(0, i) : '';
    const path = i >= 0 ? f.slice(i + 1) : f;
    if (i === 0 || (i >= 0 && path === '')) throw new KubectlError(`key names or file paths cannot be empty`);
    const text = ctx.readFile(path);
    if (text !== undefined) {
      add(key || (path.split('/').pop() ?? path), text);
      continue;
    }
    const dir = path.replace(/\/+$/, '') + '/';
    const entries = [...ctx.rt.files.keys()].filter((p) => p.startsWith(dir) && !p.slice(dir.length).includes('/')).sort();
    if (entries.length === 0) throw new KubectlError(`error reading ${path}: no such file or directory`);
    if (key) throw new KubectlError(`cannot give a key name for a directory path`);
    for (const e of entries) add(e.slice(dir.length), ctx.rt.files.get(e)!);
  }
  for (const f of src.envFiles) {
    const text = ctx.readFile(f);
    if (text === undefined) throw new KubectlError(`error reading ${f}: no such file or directory`);
    text.split('\n').forEach((raw, idx) => {
      const line = raw.replace(/^\uFEFF/, '').replace(/\r$/, '');
      if (line.trim() === '' || line.trimStart().startsWith('#')) return;
      const i = line.indexOf('=');
      if (i < 0) {
        // A bare name takes its value from the environment; the lab shell has none of those.
        add(line.trim(), '');
        return;
      }
      const key = line.slice(0, i).trimStart();
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) {
        throw new KubectlError(`${JSON.stringify(key)} is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*') (line ${idx + 1})`);
      }
      add(key, line.slice(i + 1));
    });
  }
  return data;
}
