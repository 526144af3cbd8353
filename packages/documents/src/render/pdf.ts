// PDF: the HTML report printed by Chromium (playwright-core), fonts embedded by Chromium's PDF
// backend. One browser serves many PDFs; close() ends it.
import type { Browser } from 'playwright-core';
import type { EvaluationJson } from '@jixiao/core';
import { renderHtml } from './html.ts';

export const CHROMIUM_PATH = process.env.JIXIAO_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// GB/T 9704 §7.5: “— 1 —”, 4号 宋体; Chromium draws it inside the bottom margin
const FOOTER = `<div style="width:100%;font-size:14pt;font-family:'宋体',SimSun,'Noto Serif CJK SC',serif;text-align:center;"><span>— </span><span class="pageNumber"></span><span> —</span></div>`;

export class PdfRenderer {
  #browser: Promise<Browser> | null = null;
  #executablePath: string;

  constructor(opts: { executablePath?: string } = {}) {
    this.#executablePath = opts.executablePath ?? CHROMIUM_PATH;
  }

  #launch(): Promise<Browser> {
    this.#browser ??= (async () => {
      const { existsSync } = await import('node:fs');
      if (!existsSync(this.#executablePath)) {
        throw new Error(`找不到 Chromium（${this.#executablePath}），无法生成 PDF。请安装：apt-get install chromium fonts-noto-cjk`);
      }
      const { chromium } = await import('playwright-core');
      return chromium.launch({ executablePath: this.#executablePath, args: ARGS, headless: true });
    })();
    this.#browser.catch(() => (this.#browser = null));
    return this.#browser;
  }

  /** The report of one evaluation as PDF bytes. */
  async render(ev: EvaluationJson): Promise<Uint8Array> {
    return this.renderHtml(renderHtml(ev));
  }

  async renderHtml(html: string): Promise<Uint8Array> {
    const browser = await this.#launch();
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<div></div>',
        footerTemplate: FOOTER,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const b = this.#browser;
    this.#browser = null;
    if (b) await (await b.catch(() => null))?.close();
  }
}

/** One PDF with a browser of its own; for many, use a PdfRenderer. */
export async function renderPdf(ev: EvaluationJson): Promise<Uint8Array> {
  const r = new PdfRenderer();
  try {
    return await r.render(ev);
  } finally {
    await r.close();
  }
}
