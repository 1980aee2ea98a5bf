/**
 * `$(VAR_NAME)` references in a container's command and args, expanded from its environment as the kubelet
 * does (third_party/forked/golang/expansion): a defined name is replaced by its value, an undefined one is
 * left as written, `$$` escapes a dollar, and an unterminated `$(` stays as it is.
 */
export function expandVars(input: string, env: ReadonlyMap<string, string>): string {
  if (!input.includes('$')) return input;
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === '$') out += '$';
    else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close < 0) out += '$(';
      else {
        const name = input.slice(cursor + 2, close);
        const v = env.get(name);
        out += v !== undefined ? v : `$(${name})`;
        advance = close - cursor;
      }
    } else out += `$${next}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/** A container's command or args with every element expanded; undefined stays undefined. */
export function expandArgv(list: readonly string[] | undefined, env: ReadonlyMap<string, string>): string[] | undefined {
  return list?.map((s) => expandVars(s, env));
}
