import { expect, type Page } from '@playwright/test';
import { LabPage } from './LabPage.ts';

/** The terminal while a command streams (`kubectl get -w`, `kubectl logs -f`): typed input, Ctrl+C, the visible lines. */
export class StreamPage extends LabPage {
  constructor(page: Page) {
    super(page);
  }

  /** Set the simulation speed (virtual seconds per wall second). */
  async speed(s: number): Promise<void> {
    await this.page.evaluate((x) => window.__kubelab!.setSpeed(x as 0), s);
  }

  /** Ctrl+C as the keyboard sends it to the focused terminal. */
  async interrupt(): Promise<void> {
    await this.page.getByTestId('terminal').click();
    await this.page.keyboard.press('Control+C');
  }

  /** The terminal's lines after the last line that starts with `$ <command>`. */
  async linesAfter(command: string): Promise<string[]> {
    const text = await this.terminalText();
    const lines = text.split('\n');
    const at = lines.map((l) => l.trimEnd()).lastIndexOf(`$ ${command}`);
    return at < 0 ? [] : lines.slice(at + 1);
  }

  async waitForLine(command: string, re: RegExp, timeout = 20_000): Promise<void> {
    await expect.poll(async () => (await this.linesAfter(command)).some((l) => re.test(l)), { timeout }).toBe(true);
  }
}
