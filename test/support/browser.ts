import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { nodeTarget, type Target } from './targets.js';
import { makeTempDir } from './temp-dir.js';

/** Debian's Chromium, driven by playwright-core; no browser is ever downloaded. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Screenshots are kept as test artifacts for people to look at. */
export function artifactPath(name: string): string {
  const dir = resolve(import.meta.dirname, '../../test-artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

export const PHONE_VIEWPORT = { width: 390, height: 844 };
/** The narrowest phone the console is checked on. */
export const SMALL_PHONE_VIEWPORT = { width: 360, height: 740 };

/**
 * The Node entry as a real process plus Debian's Chromium, started before and stopped after a describe block.
 * Returns getters because vitest runs the hooks after the block body has been read.
 */
export function useBrowserAndServer(env: Record<string, string> = {}) {
  let target: Target | undefined;
  let browser: Browser | undefined;
  const files = makeTempDir('browser-files');
  beforeAll(async () => {
    // Slips print PUBLIC_URL; the tests open the chat on the server's own address instead.
    target = nodeTarget({ PUBLIC_URL: 'https://mingbai.example.edu.cn', ...env });
    await target.start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await target?.dispose();
    files.remove();
  });
  return {
    target: () => target!,
    browser: () => browser!,
    /** A folder for files the test hands to file inputs. */
    filesDir: files.path,
  };
}
