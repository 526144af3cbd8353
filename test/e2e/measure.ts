// Web UI figures for `npm run bench` (measured, never asserted as timing):
//  - first page load of the production build on loopback (navigation start → load event, and → login form shown)
//  - typing into a 25-row indicator table → the total updated on screen (requestAnimationFrame)
// Writes .tmp/web-bench.json. Run alone: node --import tsx test/e2e/measure.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, ROOT, startApp, VIEWPORT, type TestApp } from './harness.ts';
import { projectEvaluation } from './fixtures.ts';
import { createEvaluation } from './api.ts';

export interface WebBench {
  at: string;
  firstLoad: { loadEventMs: number; domContentLoadedMs: number; loginFormVisibleMs: number };
  typing: { rows: number; samples: number; medianMs: number; maxMs: number; maxFrames: number; totalChanged: boolean };
}

export const WEB_BENCH_FILE = join(ROOT, '.tmp/web-bench.json');

export async function measureWeb(opts: { app?: TestApp; browser?: Browser; out?: string } = {}): Promise<WebBench> {
  const app = opts.app ?? (await startApp());
  const browser = opts.browser ?? (await launchBrowser());
  try {
    // first load: a fresh context, nothing cached
    const ctx = await browser.newContext({ viewport: VIEWPORT });
    // tsx compiles page functions with esbuild's keepNames, which calls a __name helper
    await ctx.addInitScript({ content: 'window.__name = (f) => f' });
    const page = await ctx.newPage();
    const t0 = Date.now();
    await page.goto(`${app.url}/login`, { waitUntil: 'load' });
    await page.getByLabel('用户名').waitFor();
    const loginFormVisibleMs = Date.now() - t0;
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { loadEventMs: n.loadEventEnd - n.startTime, domContentLoadedMs: n.domContentLoadedEventEnd - n.startTime };
    });

    const rows = 25;
    const id = await createEvaluation(app.url, app.users.filler, projectEvaluation(rows, '二十五行计时项目'));
    await login(page, app.url, app.users.filler);
    await page.goto(`${app.url}/evaluations/${id}`);
    await page.getByTestId('total').waitFor();
    const leaves = await page.locator('tbody [data-field="actual"][data-indicator-id]').count();
    const samples: { ms: number; frames: number; changed: boolean }[] = [];
    for (let k = 0; k < 15; k++) {
      samples.push(
        await page.evaluate((k) => {
          const inputs = document.querySelectorAll<HTMLInputElement>('tbody [data-field="actual"][data-indicator-id]');
          const input = inputs[k % inputs.length];
          const total = document.querySelector('[data-testid="total"]')!;
          const before = total.textContent;
          const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
          input.focus();
          return new Promise<{ ms: number; frames: number; changed: boolean }>((resolve) => {
            const t0 = performance.now();
            // what a keystroke does: the value changes and an input event bubbles to React
            setValue.call(input, k % 2 ? '100人次' : `${10 + k}人次`);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            let frames = 0;
            const tick = () => {
              frames++;
              if (total.textContent !== before || frames > 30) resolve({ ms: performance.now() - t0, frames, changed: total.textContent !== before });
              else requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          });
        }, k * 2),
      );
    }
    await ctx.close();
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    const result: WebBench = {
      at: new Date().toISOString(),
      firstLoad: { ...round(nav), loginFormVisibleMs },
      typing: {
        rows: leaves,
        samples: samples.length,
        medianMs: r1(ms[Math.floor(ms.length / 2)]),
        maxMs: r1(ms[ms.length - 1]),
        maxFrames: Math.max(...samples.map((s) => s.frames)),
        totalChanged: samples.every((s) => s.changed),
      },
    };
    const out = opts.out ?? WEB_BENCH_FILE;
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
    return result;
  } finally {
    if (!opts.browser) await browser.close();
    if (!opts.app) await app.close();
  }
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const round = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, r1(v)])) as any;

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measureWeb();
  console.log(JSON.stringify(r, null, 2));
}
