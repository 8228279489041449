// `npm run screenshots`: the web UI on the real demo shop (scale 1, with an offline evaluation for the leaderboard)
// in headless Chromium, saved as PNGs in docs/screenshots/ at desktop (1280 px) and phone (390 px) widths:
// home (English and Chinese), item, chat, plan, admin overview, models, monitoring and the pipeline inspector.

import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumAbsent, startUiFixture } from '../test/e2e/ui-fixture.ts';

if (chromiumAbsent()) process.exit(1);
const out = path.resolve(import.meta.dirname, '../docs/screenshots');
fs.mkdirSync(out, { recursive: true });
const started = performance.now();
const ui = await startUiFixture({ scale: 1, evaluate: 'popularity,itemknn,rp3beta,ease,ials,bpr' });
const saved: string[] = [];

async function open(width: number, lang: 'en' | 'zh' = 'en'): Promise<Page> {
  const context = await ui.browser.newContext({
    viewport: { width, height: width < 600 ? 844 : 900 },
    deviceScaleFactor: 1,
    locale: lang === 'zh' ? 'zh-CN' : 'en-US',
  });
  return context.newPage();
}

async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  const file = path.join(out, `${name}-${width}.png`);
  await page.waitForTimeout(300);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  saved.push(path.relative(process.cwd(), file));
}

/** A shopper with a history: the first demo user the storefront offers. */
async function chooseShopper(page: Page): Promise<string> {
  await page.waitForSelector('[data-testid="user-selector"] option:nth-child(2)', { state: 'attached' });
  const userId = await page.$eval(
    '[data-testid="user-selector"] option:nth-child(2)',
    (option) => (option as HTMLOptionElement).value,
  );
  await page.selectOption('[data-testid="user-selector"]', userId);
  await page.waitForSelector('#list-home-because-viewed');
  return userId;
}

async function ask(page: Page, message: string, wait: string): Promise<void> {
  await page.click('[data-testid="chat-toggle"]');
  await page.fill('#chat-input', message);
  await page.keyboard.press('Enter');
  await page.waitForSelector(wait, { timeout: 60_000 });
  await page.waitForSelector('[data-testid="chat-answer"][aria-busy="false"]', { timeout: 60_000 });
}

let shopper = 'user-00001';
for (const width of [1280, 390]) {
  const page = await open(width);
  await page.goto(`${ui.baseUrl}/`);
  shopper = await chooseShopper(page);
  await shot(page, 'home');
  await page.goto(`${ui.baseUrl}/item/tents-027`);
  await page.waitForSelector('[data-testid="bundle"]');
  await page.waitForSelector('#list-item-similar ~ .card-row [data-testid="rec-card"]');
  await shot(page, 'item', { fullPage: true });
  await page.goto(`${ui.baseUrl}/`);
  await ask(page, 'tent for 2 people under 800 yuan', '[data-testid="chat-card"]');
  // From the question down: the streamed answer, the tool steps and the first cards.
  await page.$eval('.chat-log', (log) => log.scrollTo({ top: 0 }));
  await shot(page, 'chat');
  await page.click('button:has-text("New conversation")');
  await page.fill('#chat-input', 'prepare a 3-day rainy hike for 2 people, budget 3000 yuan');
  await page.click('button:has-text("Make a plan")');
  await page.waitForSelector('[data-testid="plan"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="chat-answer"][aria-busy="false"]');
  await page.keyboard.press('Escape');
  await page.goto(`${ui.baseUrl}/plan`);
  await page.waitForSelector('[data-testid="plan"]');
  await shot(page, 'plan', { fullPage: true });
  await page.context().close();

  const chinese = await open(width, 'zh');
  await chinese.goto(`${ui.baseUrl}/`);
  await chooseShopper(chinese);
  await shot(chinese, 'home-zh');
  await chinese.context().close();

  const admin = await open(width);
  await admin.goto(`${ui.baseUrl}/admin`);
  await admin.fill('#admin-key', ui.adminKey);
  await admin.click('button[type=submit]');
  for (const [name, url] of [
    ['admin-overview', '/admin'],
    ['admin-models', '/admin/models'],
    ['admin-monitoring', '/admin/monitoring'],
    ['pipeline-inspector', `/admin/inspector?user=${shopper}`],
  ]) {
    await admin.goto(`${ui.baseUrl}${url}`);
    await admin.waitForSelector('[data-testid="chart"]', { timeout: 60_000 });
    await shot(admin, name, { fullPage: name !== 'admin-monitoring' || width > 600 });
  }
  await admin.context().close();
}
await ui.close();
process.stdout.write(
  `${saved.length} screenshots of the demo shop in ${((performance.now() - started) / 1000).toFixed(0)} s:\n${saved.map((file) => `  ${file}`).join('\n')}\n`,
);
