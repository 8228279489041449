// The web UI in a real browser (Debian Chromium, headless) against a demo shop served by one API process: the home
// feed's cards and reasons (and how fast they appear), an item page's similar items, click feedback with its source
// and position, the assistant answering "tent for 2" with tents, the dashboard's charts, a phone-width layout and
// labelled controls. Skipped, with the reason, when Chromium is not installed.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumAbsent, startUiFixture, type UiFixture } from './ui-fixture.ts';

const absent = chromiumAbsent();

describe('web UI in Chromium', { skip: absent }, () => {
  let ui: UiFixture;
  before(async () => {
    ui = await startUiFixture({ scale: 0.2, evaluate: 'popularity,itemknn,ease' });
  });
  after(() => ui?.close());

  const page = async (width = 1280): Promise<Page> => {
    const context = await ui.browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US' });
    return context.newPage();
  };
  const cards = (tab: Page, selector = '[data-testid="rec-card"]') =>
    tab.$$eval(selector, (elements) =>
      elements.map((element) => ({
        id: element.getAttribute('data-item-id'),
        source: element.getAttribute('data-source'),
        reason: element.querySelector('[data-testid="rec-reason"]')?.textContent?.trim() ?? '',
      })),
    );

  it('shows at least 8 recommendation cards on the home page, each with a reason, and times the first render', async () => {
    const tab = await page();
    await tab.goto(`${ui.baseUrl}/`);
    await tab.waitForSelector('#list-home-for-you ~ .card-grid [data-testid="rec-card"]');
    const shown = await cards(tab, '.card-grid [data-testid="rec-card"]');
    assert.ok(shown.length >= 8, `${shown.length} cards`);
    for (const card of shown) {
      assert.ok(card.id, 'a card without data-item-id');
      assert.ok(card.reason.length > 0, `no reason on ${card.id}`);
    }
    const firstRender = await tab.evaluate(
      () => performance.getEntriesByName('lmrec:home-recommendations')[0]?.startTime ?? Number.NaN,
    );
    process.stdout.write(
      `# home: first render with ${shown.length} recommendations ${Math.round(firstRender)} ms after navigation start\n`,
    );
    assert.ok(Number.isFinite(firstRender));
    await tab.context().close();
  });

  it('shows similar items on an item page', async () => {
    const tab = await page();
    await tab.goto(`${ui.baseUrl}/item/tents-003`);
    await tab.waitForSelector('[data-testid="item-detail"]');
    await tab.waitForSelector('#list-item-similar ~ .card-row [data-testid="rec-card"]');
    const similar = await cards(tab, '.card-row [data-testid="rec-card"]');
    assert.ok(similar.length > 0);
    assert.ok(similar.every((card) => card.id !== 'tents-003' && card.reason.length > 0));
    assert.match(await tab.textContent('h1').then((text) => text ?? ''), /\S/);
    await tab.context().close();
  });

  it('stores a click on a recommendation as feedback with its source, position and request id', async () => {
    const tab = await page();
    await tab.goto(`${ui.baseUrl}/`);
    const selector = '.card-grid [data-testid="rec-card"]';
    await tab.waitForSelector(selector);
    const [first, second] = await cards(tab, selector);
    const userId = await tab.evaluate(() => JSON.parse(localStorage.getItem('lmrec.session') ?? '{}').userId as string);
    await tab.click(`${selector}:nth-child(2) .card-link`);
    await tab.waitForURL(`**/item/${second.id}`);
    let click: { context?: Record<string, unknown> } | undefined;
    for (let attempt = 0; attempt < 50 && !click; attempt++) {
      const events = await ui.server.services.store.feedback.forUser(userId, { types: ['click'] });
      click = events.find((event) => event.itemId === second.id);
      if (!click) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(click, `no click of ${second.id} stored for ${userId}`);
    assert.equal(click.context?.source, second.source);
    assert.equal(click.context?.position, 1);
    assert.equal(click.context?.list, 'home-for-you');
    assert.match(String(click.context?.requestId), /\S/);
    // The impressions of the shown cards were sent too, with their positions.
    const impressions = await ui.server.services.store.feedback.forUser(userId, { types: ['impression'] });
    const seen = impressions.find((event) => event.itemId === first.id && event.context?.list === 'home-for-you');
    assert.equal(seen?.context?.position, 0);
    await tab.context().close();
  });

  it('answers "tent for 2" in the assistant panel with tent cards (basic mode)', async () => {
    const tab = await page();
    await tab.goto(`${ui.baseUrl}/`);
    await tab.click('[data-testid="chat-toggle"]');
    await tab.fill('#chat-input', 'tent for 2');
    await tab.keyboard.press('Enter');
    await tab.waitForSelector('[data-testid="chat-card"]', { timeout: 30_000 });
    await tab.waitForSelector('[data-testid="chat-answer"][aria-busy="false"]', { timeout: 30_000 });
    const categories = await tab.$$eval('[data-testid="chat-card"]', (elements) =>
      elements.map((element) => element.getAttribute('data-category')),
    );
    assert.ok(categories.length > 0);
    assert.deepEqual(new Set(categories), new Set(['tents']));
    assert.match((await tab.textContent('[data-testid="chat-answer"]')) ?? '', /basic mode/i);
    await tab.context().close();
  });

  it('renders the dashboard with charts holding data, after the admin key is given', async () => {
    const tab = await page();
    await tab.goto(`${ui.baseUrl}/admin`);
    await tab.fill('#admin-key', ui.adminKey);
    await tab.click('button[type=submit]');
    const plotted = async (path: string) => {
      if (path !== '/admin') await tab.click(`nav a[href="${path}"]`);
      await tab.waitForSelector('[data-testid="chart"]', { timeout: 30_000 });
      return tab.$$eval('[data-testid="chart"]', (elements) =>
        elements.map((element) => Number(element.getAttribute('data-points'))),
      );
    };
    for (const path of ['/admin', '/admin/models', '/admin/inspector', '/admin/monitoring']) {
      const points = await plotted(path);
      assert.ok(points.filter((count) => count > 0).length >= 2, `${path}: charts with data ${JSON.stringify(points)}`);
    }
    await tab.click('nav a[href="/admin/inspector"]');
    await tab.waitForSelector('[data-testid="recall-source"]');
    assert.ok((await tab.$$('[data-testid="recall-source"]')).length >= 3, 'recall sources in the inspector');
    await tab.context().close();
  });

  it('fits a 390 px phone and labels every control', async () => {
    const tab = await page(390);
    await tab.goto(`${ui.baseUrl}/`);
    await tab.waitForSelector('.card-grid [data-testid="rec-card"]');
    const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
    const unlabelled = await tab.$$eval('input, select, textarea, button', (elements) =>
      elements
        .filter((element) => {
          const control = element as HTMLInputElement;
          const named =
            control.labels?.length ||
            control.getAttribute('aria-label') ||
            control.textContent?.trim() ||
            control.title;
          return !named;
        })
        .map((element) => element.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unlabelled, []);
    // The first Tab stop is the skip link, then the header's controls: all reachable by keyboard.
    await tab.keyboard.press('Tab');
    assert.equal(await tab.evaluate(() => document.activeElement?.className), 'skip-link');
    await tab.context().close();
  });
});
