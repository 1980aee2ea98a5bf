import type { KeyboardEvent } from 'react';

/**
 * A command an empty view suggests ("Try kubectl create deployment …"). With `onTry` it is a control: a click
 * (or Enter/Space) puts the command at the terminal's prompt, to be read and run with Enter. Without it, plain
 * selectable text.
 */
export function TryCommand({ command, onTry, title }: { command: string; onTry?: (command: string) => void; title: string }) {
  if (!onTry) return <code>{command}</code>;
  const go = () => onTry(command);
  const key = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    go();
  };
  return (
    <code className="try-command" role="button" tabIndex={0} title={title} data-testid="try-command" onClick={go} onKeyDown={key}>
      {command}
    </code>
  );
}
