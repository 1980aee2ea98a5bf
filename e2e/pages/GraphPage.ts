import { expect, type Locator, type Page } from '@playwright/test';

/** The cluster graph: its toolbar, node boxes, pod cards, object cards and edges. */
export class GraphPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('topology');
  }

  pods(): Locator {
    return this.root.getByTestId('pod-card');
  }

  pod(name: string): Locator {
    return this.root.locator(`[data-testid="pod-card"][data-pod="${name}"]`);
  }

  podsStartingWith(prefix: string, status?: string): Locator {
    return this.root.locator(`[data-testid="pod-card"][data-pod^="${prefix}"]${status ? `[data-status="${status}"]` : ''}`);
  }

  node(name: string): Locator {
    return this.root.locator(`[data-testid="node-box"][data-node="${name}"]`);
  }

  unscheduledLane(): Locator {
    return this.root.getByTestId('unscheduled-lane');
  }

  card(kind: string, name: string): Locator {
    return this.root.locator(`[data-testid="obj-card"][data-kind="${kind}"][data-name="${name}"]`);
  }

  edges(kind: 'endpoint' | 'backend' | 'owner' | 'trace'): Locator {
    return this.root.locator(`.react-flow__edge.edge-${kind}`);
  }

  async view(v: 'nodes' | 'owners'): Promise<void> {
    await this.page.getByTestId(`graph-view-${v}`).click();
    await expect(this.root).toHaveAttribute('data-view', v);
  }

  async namespace(ns: string): Promise<void> {
    await this.page.getByTestId('graph-namespace').selectOption(ns);
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('graph-search').fill(text);
  }

  matched(): Locator {
    return this.root.locator('.matched');
  }

  /** Zoom out step by step until the level of detail switches to pod-count badges. */
  async zoomOutUntilCollapsed(): Promise<void> {
    const zoomOut = this.root.locator('.react-flow__controls-zoomout');
    for (let i = 0; i < 14 && (await this.root.getAttribute('data-collapsed')) !== 'true'; i++) {
      await zoomOut.click();
      await this.page.waitForTimeout(120);
    }
  }

  badges(): Locator {
    return this.root.getByTestId('pod-badges');
  }

  async toggleScheduling(): Promise<void> {
    await this.page.getByTestId('graph-scheduling').click();
  }

  schedulingPanel(): Locator {
    return this.page.getByTestId('scheduling-panel');
  }

  verdict(node: string): Locator {
    return this.node(node).getByTestId('verdict');
  }
}
