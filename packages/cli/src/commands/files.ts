// Expand the inputs of a command into files; folders are walked for report files.
import { readdir, stat } from 'node:fs/promises';
import { join, extname } from 'node:path';

export const REPORT_EXTENSIONS = new Set(['.txt', '.text', '.docx', '.doc', '.xlsx', '.xls', '.pdf', '.html', '.htm', '.json', '.csv', '.tsv', '.md']);

export interface Expanded {
  files: string[];
  /** inputs that could not be used, with a Chinese reason */
  missing: { path: string; error: string }[];
}

export async function expandInputs(inputs: string[]): Promise<Expanded> {
  const out: Expanded = { files: [], missing: [] };
  for (const input of inputs) {
    let s;
    try {
      s = await stat(input);
    } catch {
      out.missing.push({ path: input, error: '文件或文件夹不存在' });
      continue;
    }
    if (s.isDirectory()) {
      const before = out.files.length;
      await walk(input, out.files);
      if (out.files.length === before) out.missing.push({ path: input, error: '文件夹中没有可读取的报告文件' });
    } else {
      out.files.push(input);
    }
  }
  return out;
}

async function walk(dir: string, acc: string[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, acc);
    else if (e.isFile() && REPORT_EXTENSIONS.has(extname(e.name).toLowerCase())) acc.push(p);
  }
}
