/**
 * The HTML report in a real browser: Debian's chromium, driven by playwright-core (no browser
 * download). Renders the compliance report of the bundled examples, checks that it shows the same
 * numbers as the JSON report, that filters work, that nothing is fetched and nothing logs an
 * error, and keeps a screenshot in test-output/. Skipped only outside CI when chromium is missing.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { palisade, ROOT } from './helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = path.join(ROOT, 'test-output');
const HTML = path.join(OUT, 'html-report.html');
const SCREENSHOT = path.join(OUT, 'html-report.png');
const skip = !existsSync(CHROMIUM) && !process.env.CI ? `${CHROMIUM} is missing (apt-get install chromium)` : false;

interface JsonReport {
  summary: { findings: number; bySeverity: Record<string, number> };
  frameworks: { id: string; score: number | null; counts: Record<string, number> }[];
  findings: { severity: string; object: { namespace?: string }; controls: { framework: string }[] }[];
}

describe('HTML report in headless Chromium', { skip }, () => {
  let browser: BrowserContext;
  let page: Page;
  let json: JsonReport;
  let profile: string;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    const html = palisade(['compliance', 'examples/', '--framework', 'all', '-o', 'html', '--output-file', HTML]);
    assert.equal(html.code, 1, html.stderr); // the bad examples fail controls
    const j = palisade(['compliance', 'examples/', '--framework', 'all', '-o', 'json']);
    json = JSON.parse(j.stdout) as JsonReport;

    profile = mkdtempSync(path.join(tmpdir(), 'palisade-chromium-'));
    // A fresh profile: playwright passes it to chromium as --user-data-dir.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(HTML).href);
  });

  after(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('renders the same numbers as the JSON report', async () => {
    assert.ok(json.summary.findings > 0);
    assert.equal(await page.locator('tr.finding').count(), json.summary.findings);
    assert.equal(await page.locator('#summary-findings .n').textContent(), String(json.summary.findings));
    assert.equal(await page.locator('#summary-critical .n').textContent(), String(json.summary.bySeverity.critical));
    assert.equal(await page.locator('#shown-count').textContent(), String(json.summary.findings));
    for (const f of json.frameworks) {
      const row = page.locator(`tr[data-framework-summary="${f.id}"] td`);
      assert.equal(await row.nth(1).textContent(), f.score === null ? 'n/a' : `${f.score}%`, f.id);
      assert.equal(await row.nth(3).textContent(), String(f.counts.fail), `${f.id} fail`);
      assert.equal(await page.locator(`section.framework[data-framework="${f.id}"] tr.control-fail`).count(), f.counts.fail);
      assert.equal(await page.locator(`section.framework[data-framework="${f.id}"] tr.control-manual`).count(), f.counts.manual);
    }
    assert.equal(await page.locator('figure.chart svg').count(), 3);
  });

  it('lists the highest risks first', async () => {
    const risks = (await page.locator('tr.finding td.num').allTextContents()).map(Number);
    assert.deepEqual(
      risks,
      [...risks].sort((a, b) => b - a),
    );
  });

  it('filters by severity, namespace and framework', async () => {
    const visible = () => page.locator('tr.finding:visible').count();
    const bySev = (s: string) => json.findings.filter((f) => f.severity === s).length;

    await page.click('button[data-severity-filter="critical"]');
    assert.equal(await visible(), bySev('critical'));
    assert.equal(await page.locator('#shown-count').textContent(), String(bySev('critical')));
    await page.click('button[data-severity-filter="high"]');
    assert.equal(await visible(), bySev('high'));
    await page.click('button[data-severity-filter=""]');
    assert.equal(await visible(), json.summary.findings);

    await page.selectOption('#filter-namespace', 'shop');
    assert.equal(await visible(), json.findings.filter((f) => f.object.namespace === 'shop').length);
    await page.selectOption('#filter-namespace', '');

    await page.selectOption('#filter-framework', 'hipaa');
    assert.equal(await visible(), json.findings.filter((f) => f.controls.some((c) => c.framework === 'hipaa')).length);
    assert.equal(await page.locator('section.framework:visible').count(), 1);
    await page.selectOption('#filter-framework', '');
    assert.equal(await page.locator('section.framework:visible').count(), json.frameworks.length);
  });

  it('logs no errors, fetches nothing, and keeps a screenshot', async () => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    assert.ok(existsSync(SCREENSHOT));
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(requests, []);
  });
});
