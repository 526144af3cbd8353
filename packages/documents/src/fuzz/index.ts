// Mutation fuzzing of the import path (issue 13): real reports and fixtures, damaged in many ways,
// are read, recognised, scored and checked in the import pool. A crash is a file that ends a worker
// or an error that is not one of our Chinese messages; a hang is a file over the time limit.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { ImportPool } from '../pool/index.ts';
import { isZip } from '../read/detect.ts';

export interface Source {
  name: string;
  bytes: Uint8Array;
}

/** Every file under the given folders (not recursive into node_modules), as fuzzing sources. */
export function loadSources(dirs: string[], accept: (name: string) => boolean = (n) => /\.(txt|docx|xlsx|html?|pdf|csv)$/i.test(n)): Source[] {
  const out: Source[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names.sort()) {
      const p = join(dir, n);
      if (statSync(p).isFile() && accept(n)) out.push({ name: n, bytes: new Uint8Array(readFileSync(p)) });
    }
  }
  return out;
}

type Rnd = (n: number) => number;

export function random(seed: number): Rnd {
  let s = seed >>> 0 || 1;
  return (n) => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

const TOKENS = [
  '<td colspan=1000 rowspan=65534>', '</td>', '<tr>', '</table>', '<table>', '|', '\t', '\n', '%', '万元', '分', '100', '-1',
  '1e308', 'NaN', '\u0000', '\ud800', '\uffff', '一级指标', '二级指标', '三级指标', '指标值', '得分', '权重', '合计', '　', '<!DOCTYPE x [<!ENTITY a "b">]>',
  '<w:tbl><w:tr><w:tc>', '</w:tc></w:tr></w:tbl>', '<w:gridSpan w:val="65534"/>', '<w:vMerge w:val="restart"/>', '<w:vMerge/>', '&#0;', '&#xD800;',
  '<mergeCell ref="A1:XFD1048576"/>', '<c r="XFD1048576" t="s"><v>999999</v></c>', '9'.repeat(400), '（', '）', '≥', '≤', '元', '亿元',
];

/** One mutation of `b`: bytes flipped, overwritten, cut, repeated, or a token spliced in. */
export function mutateBytes(b: Uint8Array, rnd: Rnd): Uint8Array {
  if (b.length === 0) return b;
  const kind = rnd(7);
  const at = rnd(b.length);
  switch (kind) {
    case 0: {
      const c = b.slice();
      for (let i = 0, n = 1 + rnd(16); i < n; i++) c[rnd(c.length)] ^= 1 << rnd(8);
      return c;
    }
    case 1: {
      const c = b.slice();
      c.fill([0, 0xff, 0x7f, 0x80, 0x20][rnd(5)], at, Math.min(c.length, at + 1 + rnd(512)));
      return c;
    }
    case 2:
      return b.slice(0, at);
    case 3: {
      const len = Math.min(b.length - at, 1 + rnd(4096));
      const times = 1 + rnd(20);
      const parts = [b.subarray(0, at + len)];
      for (let i = 0; i < times; i++) parts.push(b.subarray(at, at + len));
      parts.push(b.subarray(at + len));
      return concat(parts);
    }
    case 4: {
      const end = Math.min(b.length, at + 1 + rnd(4096));
      return concat([b.subarray(0, at), b.subarray(end)]);
    }
    default: {
      const tok = new TextEncoder().encode(TOKENS[rnd(TOKENS.length)].repeat(1 + rnd(kind === 5 ? 3 : 60)));
      return concat([b.subarray(0, at), tok, b.subarray(at)]);
    }
  }
}

/** A zip is mutated inside one of its entries half the time (and zipped again), so the readers see damaged XML, not only a damaged zip. */
export function mutate(src: Source, rnd: Rnd): Uint8Array {
  let b: Uint8Array = src.bytes;
  if (isZip(b) && rnd(2) === 0) {
    try {
      const files = unzipSync(b);
      const names = Object.keys(files).filter((n) => n.endsWith('.xml'));
      const name = names[rnd(names.length)];
      if (name) {
        files[name] = mutateBytes(files[name], rnd) as Uint8Array<ArrayBuffer>;
        b = zipSync(files, { level: 1 });
        return rnd(4) === 0 ? mutateBytes(b, rnd) : b;
      }
    } catch {
      // fall through to mutating the bytes
    }
  }
  const rounds = 1 + rnd(3);
  for (let i = 0; i < rounds; i++) b = mutateBytes(b, rnd);
  return b;
}

export interface FuzzReport {
  inputs: number;
  crashes: { name: string; error: string }[];
  hangs: string[];
  /** files refused with one of our messages (damaged, over a limit …) */
  refused: number;
  /** files read with at least one evaluation */
  read: number;
  peakRssMb: number;
  seconds: number;
}

const OWN_CODES = new Set(['empty', 'corrupt', 'encrypted', 'zip-bomb', 'xxe', 'scanned-pdf', 'unsupported', 'too-large', 'too-many-pages', 'too-many-cells', 'too-long', 'too-deep', 'not-text', 'no-evaluation', 'bad-json', 'legacy-no-soffice']);

/** Run `count` mutated inputs through the pool; progress every 1,000 inputs through `log`. */
export async function fuzz(sources: Source[], opts: { count: number; seed?: number; size?: number; timeoutMs?: number; log?: (s: string) => void }): Promise<FuzzReport> {
  const rnd = random(opts.seed ?? 1);
  const pool = new ImportPool({ size: opts.size, timeoutMs: opts.timeoutMs });
  const report: FuzzReport = { inputs: 0, crashes: [], hangs: [], refused: 0, read: 0, peakRssMb: 0, seconds: 0 };
  const t0 = Date.now();
  const sample = () => (report.peakRssMb = Math.max(report.peakRssMb, process.memoryUsage().rss / 1048576));
  const timer = setInterval(sample, 50);
  let next = 0;
  const workers = Array.from({ length: pool.size * 2 }, async () => {
    while (next < opts.count) {
      const i = next++;
      const src = sources[i % sources.length];
      const name = `${i}-${src.name}`;
      const r = await pool.run({ path: name, bytes: mutate(src, rnd) });
      report.inputs++;
      if (r.errorCode === 'timeout') report.hangs.push(name);
      else if (r.error && !OWN_CODES.has(r.errorCode ?? '')) report.crashes.push({ name, error: `${r.errorCode}: ${r.error}` });
      else if (r.error) report.refused++;
      else report.read++;
      if (report.inputs % 1000 === 0) opts.log?.(`${report.inputs} / ${opts.count}：崩溃 ${report.crashes.length}，超时 ${report.hangs.length}`);
    }
  });
  try {
    await Promise.all(workers);
  } finally {
    clearInterval(timer);
    sample();
    await pool.close();
  }
  report.seconds = (Date.now() - t0) / 1000;
  return report;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
