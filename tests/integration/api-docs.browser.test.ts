import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';

/**
 * Swagger UI in a real browser (Debian's `chromium`, driven by playwright-core; no browser download),
 * against the real app on a random port, in production mode with API_DOCS=true so helmet's production
 * Content-Security-Policy is in force: the page must load, and "Try it out" → "Execute" must reach the
 * server, anonymously, with the login cookie, and with a Bearer token entered in "Authorize".
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  // Straight to stderr: the test console (tests/support/quiet-environment.ts) shows only failing tests' lines.
  process.stderr.write(
    `api-docs.browser.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)\n`,
  );
}
// Quiet machine: the whole file takes a few seconds; the generous timeouts are for a loaded CI runner.
const describeWithBrowser = haveChromium ? describe : describe.skip;

describeWithBrowser('Swagger UI at /api-docs in a browser (production CSP)', () => {
  let t: TestApp;
  let server: http.Server;
  let origin: string;
  let browser: Browser;
  let page: Page;
  let user: TestUser;
  /** Script errors, CSP violations and failed loads the page reported. */
  const problems: string[] = [];

  beforeAll(async () => {
    Object.assign(process.env, { NODE_ENV: 'production', API_DOCS: 'true', BCRYPT_ROUNDS: '10' });
    const { bootApp } = await import('../support/app');
    const { registerAndLogin } = await import('../support/factories');
    t = await bootApp();
    user = await registerAndLogin(t.app);
    server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage();
    page.on('console', (m) => {
      // An HTTP error status the test asks for (401) is logged too: that is the API answering, not a problem.
      if (m.type() === 'error' && !m.text().includes('the server responded with a status of')) {
        problems.push(m.text());
      }
    });
    page.on('pageerror', (e) => problems.push(e.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  /** Opens a tag and one of its operations, "Try it out" → "Execute", and returns the status the UI shows. */
  async function execute(tag: string, operationId: string): Promise<string> {
    const op = page.locator(`#operations-${tag}-${operationId}`);
    // Tags start collapsed (docExpansion: none): open this one unless it is open already.
    if (!(await op.isVisible())) await page.locator(`#operations-tag-${tag}`).click();
    if (!(await op.locator('.opblock-body').isVisible()))
      await op.locator('.opblock-summary').first().click();
    const tryOut = op.locator('button.try-out__btn', { hasText: 'Try it out' });
    if (await tryOut.isVisible()) await tryOut.click();
    const status = op.locator('.live-responses-table tr.response .response-col_status');
    // A second run replaces the previous response: clear it first so we read the new one.
    const clear = op.locator('button.btn-clear');
    if (await clear.isVisible()) await clear.click();
    await op.locator('button.execute').click();
    await status.first().waitFor({ timeout: 15_000 });
    return (await status.first().innerText()).trim();
  }

  it('loads under the production CSP and runs an anonymous call (GET /api/v1/meta/options → 200)', async () => {
    const response = await page.goto(`${origin}/api-docs`);
    expect(page.url()).toBe(`${origin}/api-docs/`);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.locator('#operations-tag-meta').waitFor({ timeout: 30_000 });

    expect(await execute('meta', 'getApiV1MetaOptions')).toBe('200');
    const body = await page
      .locator(
        '#operations-meta-getApiV1MetaOptions .live-responses-table tr.response .response-col_description',
      )
      .first()
      .innerText();
    expect(body).toContain('"success": true');
    // The request went to this server (same origin), shown as the curl command.
    expect(await page.locator('#operations-meta-getApiV1MetaOptions .curl-command').innerText()).toContain(
      `${origin}/api/v1/meta/options`,
    );
    expect(problems).toEqual([]);
  }, 60_000);

  it('an authenticated call runs with the login cookie, then with a Bearer token from "Authorize"', async () => {
    const profile = 'getApiV1UserProfile';
    expect(await execute('user', profile)).toBe('401');

    // Logging in from the page sets the httpOnly `token` cookie, which "Try it out" then sends.
    const loggedIn = await page.evaluate(
      async ([email, password]) =>
        (
          await fetch('/api/v1/user/login', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ email, password }),
          })
        ).status,
      [user.user.email, user.password],
    );
    expect(loggedIn).toBe(200);
    expect(await execute('user', profile)).toBe('200');

    // Without the cookie, a Bearer token entered in "Authorize" does the same.
    await page.context().clearCookies();
    expect(await execute('user', profile)).toBe('401');
    await page.locator('.scheme-container button.authorize').click();
    const bearerForm = page.locator('.modal-ux .auth-container', { hasText: 'bearerAuth' });
    await bearerForm.locator('input').fill(user.token);
    await bearerForm.locator('button.authorize').click();
    await page.locator('.modal-ux button.btn-done').first().click();
    expect(await execute('user', profile)).toBe('200');
    expect(await page.locator(`#operations-user-${profile} .curl-command`).innerText()).toContain(
      `Authorization: Bearer ${user.token}`,
    );
    expect(problems).toEqual([]);
  }, 60_000);
});
