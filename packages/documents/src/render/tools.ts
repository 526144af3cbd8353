// External tools the render tests and the page images use: LibreOffice (soffice) and poppler
// (pdftotext, pdftoppm). A missing tool is an error with a clear message, never a silent skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const INSTALL: Record<string, string> = {
  soffice: 'apt-get install libreoffice-writer-nogui libreoffice-calc-nogui',
  pdftotext: 'apt-get install poppler-utils',
  pdftoppm: 'apt-get install poppler-utils',
  chromium: 'apt-get install chromium',
};

/** Path of a command, or a thrown Error naming the package that provides it. */
export function requireTool(cmd: string): string {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  const path = r.stdout.trim();
  if (r.status !== 0 || !path) {
    throw new Error(`缺少外部工具 ${cmd}：此测试需要它（CI 会安装）。安装：${INSTALL[cmd] ?? cmd}`);
  }
  return path;
}

// The official fonts (仿宋_GB2312, 方正小标宋简体 …) are not free; map them to Noto CJK so
// LibreOffice draws Chinese instead of boxes. Only for the conversion's own HOME.
const FONTS_CONF = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
${[
  ['仿宋_GB2312', 'Noto Serif CJK SC'],
  ['仿宋', 'Noto Serif CJK SC'],
  ['FangSong', 'Noto Serif CJK SC'],
  ['楷体_GB2312', 'Noto Serif CJK SC'],
  ['楷体', 'Noto Serif CJK SC'],
  ['宋体', 'Noto Serif CJK SC'],
  ['SimSun', 'Noto Serif CJK SC'],
  ['方正小标宋简体', 'Noto Serif CJK SC'],
  ['黑体', 'Noto Sans CJK SC'],
  ['SimHei', 'Noto Sans CJK SC'],
]
  .map(([from, to]) => `  <alias binding="same"><family>${from}</family><prefer><family>${to}</family></prefer></alias>`)
  .join('\n')}
</fontconfig>
`;

/** A throwaway HOME for soffice (its profile) with the font aliases above. */
export function tempHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'jixiao-soffice-'));
  mkdirSync(join(home, '.config', 'fontconfig'), { recursive: true });
  writeFileSync(join(home, '.config', 'fontconfig', 'fonts.conf'), FONTS_CONF);
  return home;
}

/**
 * Convert files (.docx, .xlsx …) to PDF with one LibreOffice run; returns the PDF paths in order.
 * Inputs are written to a temp dir first.
 */
export function convertToPdf(files: { name: string; bytes: Uint8Array }[], outDir?: string): string[] {
  const soffice = requireTool('soffice');
  const home = tempHome();
  const dir = outDir ?? mkdtempSync(join(tmpdir(), 'jixiao-pdf-'));
  const inputs = files.map((f) => {
    const p = join(home, f.name);
    writeFileSync(p, f.bytes);
    return p;
  });
  try {
    execFileSync(soffice, ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...inputs], {
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
      stdio: 'pipe',
      timeout: 240_000,
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return inputs.map((p) => join(dir, basename(p).replace(/\.[^.]+$/, '.pdf')));
}

/** Text of a PDF (pdftotext -layout off), whitespace collapsed so wrapped cells still match. */
export function pdfText(pdfPath: string): string {
  const bin = requireTool('pdftotext');
  const raw = execFileSync(bin, [pdfPath, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return raw;
}

/** Remove all whitespace: table cells wrap, so "资助孵化海创数量" may come out split over lines. */
export function squeeze(s: string): string {
  return s.replace(/\s+/g, '');
}

export function pdfPages(pdfPath: string): number {
  const info = spawnSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  const m = /Pages:\s+(\d+)/.exec(info.stdout ?? '');
  return m ? Number(m[1]) : 0;
}

export function readBytes(p: string): Uint8Array {
  return new Uint8Array(readFileSync(p));
}
