/**
 * Old Office and Excel for Mac in headless Chromium (issue 9, items 7 and 8):
 * - the task pane under Internet Explorer 11's and Edge Legacy's user agents shows the ES5
 *   notice's one sentence instead of a blank pane; under Chromium's own it does not; and where a
 *   bundle fails to parse, the notice shows too;
 * - the save page (save.html, opened in the browser by the pane on Mac and iPad) takes the
 *   package from its fragment, drops the fragment, and saves exactly the bytes handed over;
 *   a damaged package is refused.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { handoverUrl } from '../../src/taskpane/submit/handover';
import { BUILD_TIMEOUT_MS, UI_TIMEOUT_MS, startE2E, type E2E } from './harness';

const TRIDENT = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko';
const EDGE_HTML =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041';
const SENTENCE = /^This add-in needs a newer Excel \(Microsoft 365, Office 2021 or later, or Excel on the web\)/;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, BUILD_TIMEOUT_MS);
afterAll(() => e2e?.close());

/** The task pane page with this user agent; office.js (Microsoft's CDN, unreachable here) refused at once. */
async function openPane(userAgent: string | null, brokenBundle = false): Promise<Page> {
  const page = await e2e.context.newPage();
  if (userAgent !== null) {
    const cdp = await e2e.context.newCDPSession(page);
    await cdp.send('Emulation.setUserAgentOverride', { userAgent });
  }
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
  // A bundle this web view cannot parse, as the ES2022 one is for IE11.
  if (brokenBundle)
    await page.route(/\/taskpane\.js$/, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: 'let x = ;' }),
    );
  await page.goto(`${e2e.url}taskpane.html`);
  return page;
}

describe('old Office web views (item 8)', () => {
  it.each([
    ['Internet Explorer 11 (Trident)', TRIDENT],
    ['Edge Legacy (EdgeHTML)', EDGE_HTML],
  ])('under %s: one sentence on what is needed, instead of the pane', async (_name, ua) => {
    const page = await openPane(ua);
    try {
      expect(await page.evaluate(() => navigator.userAgent)).toBe(ua);
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await alert.textContent()).toMatch(SENTENCE);
      expect(await page.locator('#root').isHidden()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("under Chromium's own user agent: no notice, the pane starts", async () => {
    const page = await openPane(null);
    try {
      // Outside Office the pane says so: proof that the bundle ran.
      await page.getByText('Office did not load').waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await page.locator('#legacy-notice').count()).toBe(0);
      expect(await page.locator('#root').isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('where a bundle does not parse: the notice, not a blank pane', async () => {
    const page = await openPane(null, true);
    try {
      await page.getByRole('alert').waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await page.getByRole('alert').textContent()).toMatch(SENTENCE);
    } finally {
      await page.close();
    }
  });
});

describe('the save page for Excel on Mac and iPad (item 7)', () => {
  const bytes = Uint8Array.from({ length: 40_000 }, (_, i) => (i * 31 + (i >> 5)) & 0xff);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const page = () => new URL('save.html', e2e.url);

  it('saves exactly the handed-over bytes, and drops the package from the address', async () => {
    const tab = await e2e.context.newPage();
    try {
      await tab.goto(handoverUrl(page(), { fileName: 'acme-123456789012-2025-03-14.zip', sha256, bytes }));
      const link = tab.getByRole('link', { name: 'Save acme-123456789012-2025-03-14.zip' });
      await link.waitFor({ timeout: UI_TIMEOUT_MS });
      expect(new URL(tab.url()).hash).toBe('');
      expect(await tab.getByRole('status').textContent()).toContain(sha256);
      const [download] = await Promise.all([tab.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('acme-123456789012-2025-03-14.zip');
      const saved = await readFile(await download.path());
      expect(createHash('sha256').update(saved).digest('hex')).toBe(sha256);
    } finally {
      await tab.close();
    }
  });

  it('refuses a package whose SHA-256 does not match, and a page opened without one', async () => {
    const tab = await e2e.context.newPage();
    try {
      await tab.goto(handoverUrl(page(), { fileName: 'p.zip', sha256: '0'.repeat(64), bytes }));
      await tab.getByRole('alert').waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await tab.getByRole('alert').textContent()).toMatch(/arrived damaged/);
      expect(await tab.getByRole('link').count()).toBe(0);
      await tab.goto(page().href);
      await tab.getByText(/No package here/).waitFor({ timeout: UI_TIMEOUT_MS });
    } finally {
      await tab.close();
    }
  });
});
