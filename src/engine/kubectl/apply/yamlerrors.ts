/**
 * kubectl decodes YAML with go-yaml (via sigs.k8s.io/yaml); Kubelab parses with js-yaml. This maps js-yaml's
 * error reasons to go-yaml's texts for the mistakes people commonly make (bad indentation, tabs, unclosed
 * quotes and brackets, unknown aliases). Line numbers follow go-yaml's rules: scanner errors report the
 * 1-based line of the problem, parser errors the 0-based line of the offending token (go-yaml's quirk), and
 * a line of 0 is left out. Less common js-yaml reasons fall back to a generic go-yaml-like text.
 */
interface JsYamlError {
  reason?: string;
  mark?: { line: number; column: number };
}

function withLine(line: number, text: string): string {
  return line > 0 ? `yaml: line ${line}: ${text}` : `yaml: ${text}`;
}

/** Scanner errors: go-yaml tests the 0-based line for zero, then prints it plus one. */
function scannerLine(line0: number, text: string): string {
  return withLine(line0 === 0 ? 0 : line0 + 1, text);
}

/** The closing bracket of the innermost flow collection still open at the end of `text`. */
function openFlowCloser(text: string): ']' | '}' {
  const stack: string[] = [];
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === '{') stack.push(c);
    else if ((c === ']' || c === '}') && stack.length > 0) stack.pop();
  }
  return stack[stack.length - 1] === '{' ? '}' : ']';
}

/** go-yaml's message (starting `yaml: `) for a js-yaml exception raised while parsing `text`. */
export function goYamlError(e: unknown, text: string): string {
  const err = e as JsYamlError;
  const reason = err.reason ?? String(e);
  const line = err.mark?.line ?? 0;
  const col = err.mark?.column ?? 0;
  const lineText = text.split('\n')[line] ?? '';
  const at = lineText[col] ?? '';
  if (reason.startsWith('bad indentation of a mapping entry')) {
    if (at === ':') return scannerLine(line, 'mapping values are not allowed in this context');
    if ('@`'.includes(at) && at !== '') return scannerLine(line, 'found character that cannot start any token');
    return withLine(line, 'did not find expected key');
  }
  if (reason.startsWith('bad indentation of a sequence entry')) {
    if (at === '-') return withLine(line, "did not find expected '-' indicator");
    return withLine(line, 'did not find expected key');
  }
  if (reason.startsWith('end of the stream or a document separator is expected')) {
    return withLine(line, 'did not find expected key');
  }
  if (reason.startsWith('tab characters must not be used')) {
    return scannerLine(line, 'found character that cannot start any token');
  }
  if (reason.includes('within a double quoted scalar') || reason.includes('within a single quoted scalar')) {
    return scannerLine(line, 'found unexpected end of stream');
  }
  if (reason.includes('within a flow collection') || reason.startsWith('missed comma between flow collection entries')) {
    return withLine(line, `did not find expected ',' or '${openFlowCloser(text)}'`);
  }
  if (reason.startsWith('unidentified alias')) {
    const name = /"(.*)"/.exec(reason)?.[1] ?? '';
    return `yaml: unknown anchor '${name}' referenced`;
  }
  if (reason.startsWith('can not read an implicit mapping pair')) {
    return withLine(line + 2, "could not find expected ':'");
  }
  if (reason.startsWith('can not read a block mapping entry')) {
    return withLine(line, 'did not find expected key');
  }
  return scannerLine(line, reason);
}
