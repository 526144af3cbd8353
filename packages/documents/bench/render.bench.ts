// npm run bench: reports rendered per second on one core, for a 25-indicator project report
// (seed 001's header and 资金 block, 25 indicator rows, the five narrative parts).
import { analyzeToJson } from '@jixiao/core';
import { renderDocx } from '../src/render/docx.ts';
import { renderXlsx } from '../src/render/xlsx.ts';
import { renderHtml } from '../src/render/html.ts';
import { project25Evaluation, rugaoEvaluation } from '../src/render/fixtures.ts';

const SECONDS = Number(process.env.BENCH_RENDER_SECONDS ?? 3);

const ev = project25Evaluation();
ev.sections = rugaoEvaluation().sections;
const json = analyzeToJson(ev);

async function rate(name: string, fn: () => Promise<unknown> | unknown): Promise<void> {
  for (let i = 0; i < 5; i++) await fn(); // warm-up
  let n = 0;
  let bytes = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < SECONDS * 1000) {
    const out = await fn();
    bytes += typeof out === 'string' ? out.length : (out as Uint8Array).byteLength;
    n++;
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`render ${name}: ${Math.round(n / s)}/s`);
  console.log(`  (${n} in ${s.toFixed(2)} s on one core, ${Math.round(bytes / n / 1024)} KB each)`);
}

await rate('docx', () => renderDocx(json));
await rate('xlsx', () => renderXlsx(json));
await rate('html', () => renderHtml(json));
