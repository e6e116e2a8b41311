import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where the screenshots and downloads of the browser tests go (looked at by people, ignored by git). */
export const RESULTS = new URL('../../../.test-results/', import.meta.url).pathname;

const CONSOLE_INDEX = new URL('../dist/index.html', import.meta.url).pathname;

/**
 * Debian's Chromium (the test command installs it with fonts-noto-cjk; never a browser download),
 * headless, at the 1366x768 the console is made for.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CONSOLE_INDEX)) {
    throw new Error(
      'the console is not built: run ./scripts/test.sh, or pnpm --filter @engine/console build',
    );
  }
  if (!existsSync('/usr/bin/chromium')) {
    throw new Error(
      'no /usr/bin/chromium: ./scripts/test.sh installs it (apt-get install chromium fonts-noto-cjk)',
    );
  }
  await mkdir(RESULTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  return context.newPage();
}

/** Signs in through the sign-in page, as a person does. */
export async function signIn(page: Page, key: string): Promise<void> {
  await page.goto('/console/');
  await page.getByLabel('个人密钥').fill(key);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${RESULTS}console-${name}.png` });
}
