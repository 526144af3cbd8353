// Issue 3 "Must show": a folder of 1,000 mixed files (generated here, reproducibly, in a temp dir)
// is checked with `jixiao check <folder> --json --jobs 2`; every file is accounted for (one entry
// each, with evaluations or an error), the hostile ones carry their own errors, the batch finishes.
// Sources: the four seed reports and the variant fixtures in several encodings, line ends and text
// layouts; the committed .docx/.xlsx/.html/.pdf fixtures; the hostile fixtures; all renamed and shuffled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FIX = fileURLToPath(new URL('../../test-fixtures/', import.meta.url));
const SEEDS = fileURLToPath(new URL('../../test-fixtures/seeds/', import.meta.url));
const TOTAL = 1000;

/** mulberry32: the same folder on every run */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Entry = { bytes: Uint8Array; ext: string; expect: { code: string } | 'evaluations'; origin: string };

const ENCODINGS: [string, (s: string) => Uint8Array][] = [
  ['utf-8', (s) => new TextEncoder().encode(s)],
  ['utf-8 BOM', (s) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)])],
  ['gb18030', (s) => new Uint8Array(iconv.encode(s, 'gb18030'))],
  ['utf-16le BOM', (s) => new Uint8Array([0xff, 0xfe, ...iconv.encode(s, 'utf16le')])],
  ['utf-16le', (s) => new Uint8Array(iconv.encode(s, 'utf16le'))],
  ['utf-16be BOM', (s) => new Uint8Array([0xfe, 0xff, ...iconv.encode(s, 'utf16-be')])],
];

/** Tab-separated tables re-laid out as web text: pipe rows, or one cell per line ending in " |". */
function relayout(text: string, how: 'pipes' | 'cell-pipes'): string | null {
  const lines = text.split('\n');
  if (!lines.some((l) => l.includes('\t')) || lines.some((l) => l.startsWith('\t'))) return null;
  return lines
    .map((l) => {
      if (!l.includes('\t')) return l;
      const cells = l.split('\t').map((c) => c.trim());
      return how === 'pipes' ? `| ${cells.join(' | ')} |` : `${cells.map((c) => (c ? `${c} |` : '|')).join('\n')}\n${'|'.repeat(cells.length)}`;
    })
    .join('\n');
}

function build(): Entry[] {
  const rand = rng(20241122);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const out: Entry[] = [];
  const texts: [string, string][] = [
    ...readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => [`seed ${f}`, readFileSync(SEEDS + f, 'utf8')] as [string, string]),
    ...readdirSync(FIX + 'variants').filter((f) => f.endsWith('.txt')).sort().map((f) => [`variant ${f}`, readFileSync(FIX + 'variants/' + f, 'utf8')] as [string, string]),
  ];
  const binary = (dir: string, f: string) => new Uint8Array(readFileSync(FIX + dir + '/' + f));
  const ext = (f: string) => f.slice(f.lastIndexOf('.') + 1);

  // every committed format fixture at least once; the quick ones several times (PDFs are the slowest)
  for (const f of readdirSync(FIX + 'formats').sort()) {
    const copies = f.endsWith('.pdf') ? 1 : 6;
    for (let k = 0; k < copies; k++) out.push({ bytes: binary('formats', f), ext: f.endsWith('.html') && k % 2 ? 'htm' : ext(f), expect: 'evaluations', origin: f });
  }
  for (const f of readdirSync(FIX + 'variants').filter((x) => !x.endsWith('.txt')).sort())
    for (let k = 0; k < 3; k++) out.push({ bytes: binary('variants', f), ext: ext(f), expect: 'evaluations', origin: f });
  // hostile files, three copies each, with what each must say
  const hostile: Record<string, string> = {
    'zip-bomb.docx': 'zip-bomb',
    'xxe.docx': 'xxe',
    'truncated.xlsx': 'corrupt',
    'encrypted.xlsx': 'encrypted',
    'no-text.pdf': 'scanned-pdf',
    'empty.docx': 'empty',
  };
  for (const [f, code] of Object.entries(hostile))
    for (let k = 0; k < 3; k++) out.push({ bytes: binary('hostile', f), ext: ext(f), expect: { code }, origin: f });
  // renamed: the same hostile files under another format's extension say the same; a .docx named
  // .pdf and a workbook named .docx are read by their content
  const renamed: [string, string, string][] = [
    ['zip-bomb.docx', 'xlsx', 'zip-bomb'],
    ['xxe.docx', 'xlsx', 'xxe'],
    ['truncated.xlsx', 'docx', 'corrupt'],
    ['encrypted.xlsx', 'docx', 'encrypted'],
    ['no-text.pdf', 'txt', 'scanned-pdf'],
  ];
  for (const [f, e, code] of renamed) out.push({ bytes: binary('hostile', f), ext: e, expect: { code }, origin: `${f} → .${e}` });
  for (let k = 0; k < 3; k++) out.push({ bytes: binary('hostile', 'docx-renamed.pdf'), ext: 'pdf', expect: 'evaluations', origin: 'docx-renamed.pdf' });
  out.push({ bytes: binary('formats', '001.xlsx'), ext: 'docx', expect: 'evaluations', origin: '001.xlsx → .docx' });
  // binary noise named .txt, and a text with no table at all
  for (let k = 0; k < 3; k++) {
    const noise = new Uint8Array(2048);
    for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(rand() * 256);
    out.push({ bytes: noise, ext: 'txt', expect: { code: 'unsupported' }, origin: 'noise' });
    out.push({ bytes: new TextEncoder().encode('关于做好2024年度预算绩效自评工作的通知\n\n各单位：请按要求开展自评。\n'), ext: 'txt', expect: { code: 'no-evaluation' }, origin: 'no table' });
  }
  // the rest: text reports in every encoding, line end and layout
  while (out.length < TOTAL) {
    const [origin, text] = pick(texts);
    const layout = pick(['as is', 'as is', 'pipes', 'cell-pipes'] as const);
    let t = layout === 'as is' ? text : relayout(text, layout) ?? text;
    if (rand() < 0.3) t = t.replace(/\n/g, '\r\n');
    const [enc, encode] = pick(ENCODINGS);
    out.push({ bytes: encode(t), ext: pick(['txt', 'txt', 'txt', 'text', 'md']), expect: 'evaluations', origin: `${origin} (${enc}, ${layout})` });
  }
  // shuffle (Fisher–Yates)
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

test('1,000 mixed files: every file accounted for, hostile ones with their own errors, the batch finishes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bulk-'));
  try {
    const entries = build();
    assert.equal(entries.length, TOTAL);
    const byPath = new Map<string, Entry>();
    entries.forEach((e, i) => {
      const sub = join(dir, `批次${i % 7}`, i % 3 ? '' : '子目录');
      mkdirSync(sub, { recursive: true });
      const p = join(sub, `报告-${String(i).padStart(4, '0')}-${(i * 2654435761 >>> 0).toString(36)}.${e.ext}`);
      writeFileSync(p, e.bytes);
      byPath.set(relative(dir, p), e);
    });
    const outFile = join(dir, '..', `${relative(tmpdir(), dir)}.json`);
    const fd = openSync(outFile, 'w');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'check', dir, '--json', '--jobs', '2'], {
      cwd: ROOT,
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    closeSync(fd);
    const json = readFileSync(outFile, 'utf8');
    rmSync(outFile, { force: true });
    // exit 2: some inputs could not be read, and the batch still ran to the end
    assert.equal(run.status, 2, run.stderr);
    const out = JSON.parse(json) as { files: { path: string; evaluations: unknown[]; error?: string; errorCode?: string }[] };
    assert.equal(out.files.length, TOTAL);
    const seen = new Set<string>();
    const wrong: string[] = [];
    for (const f of out.files) {
      const rel = relative(dir, f.path);
      assert.ok(!seen.has(rel), `重复：${rel}`);
      seen.add(rel);
      const e = byPath.get(rel);
      assert.ok(e, `未生成的文件：${rel}`);
      // exactly one of: evaluations, or an error
      assert.ok((f.evaluations.length > 0) !== (f.error != null), `${rel}: ${f.evaluations.length} 个评价，错误 ${f.error}`);
      if (e.expect === 'evaluations') {
        if (f.error) wrong.push(`${e.origin}: ${f.error}`);
      } else {
        if (f.errorCode !== e.expect.code) wrong.push(`${e.origin}: 期望 ${e.expect.code}，实际 ${f.errorCode} ${f.error ?? ''}`);
        assert.match(f.error ?? '', /[\u4e00-\u9fff]/, 'error messages are Chinese');
      }
    }
    assert.deepEqual(wrong, []);
    assert.equal(seen.size, byPath.size);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
