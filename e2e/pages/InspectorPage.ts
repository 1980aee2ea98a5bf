import { expect, type Locator, type Page } from '@playwright/test';

/** The inspector panel: the selected object's name, tabs and sections. */
export class InspectorPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('inspector-view');
  }

  async shows(kind: string, name: string): Promise<void> {
    await expect(this.root).toHaveAttribute('data-kind', kind);
    await expect(this.root).toHaveAttribute('data-name', name);
  }

  async tab(name: 'summary' | 'related' | 'events' | 'yaml' | 'logs' | 'rules'): Promise<void> {
    await this.page.getByTestId(`inspector-tab-${name}`).click();
  }

  field(name: string): Locator {
    return this.page.getByTestId(`inspector-${name}`);
  }

  status(): Locator {
    return this.page.getByTestId('inspector-status');
  }

  ref(kind: string, name?: string): Locator {
    return this.root.locator(`[data-testid="inspector-ref"][data-kind="${kind}"]${name ? `[data-name="${name}"]` : ''}`);
  }
}
