// Legacy .doc/.xls (and RTF): converted to .docx/.xlsx by LibreOffice (when installed), then read as those.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportError, MESSAGES } from './limits.ts';

let found: string | null | undefined;

/** Path of the soffice binary: $JIXIAO_SOFFICE, else `soffice`/`libreoffice` on PATH; null when absent. */
export function findSoffice(): string | null {
  if (found !== undefined) return found;
  const candidates = [process.env.JIXIAO_SOFFICE, 'soffice', 'libreoffice'].filter(Boolean) as string[];
  found = null;
  for (const c of candidates) {
    const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', c], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) {
      found = r.stdout.trim();
      break;
    }
  }
  return found;
}

// one conversion at a time per process: soffice refuses a second instance on the same profile
let queue: Promise<unknown> = Promise.resolve();
let profile: string | undefined;

export function convertLegacy(
  bytes: Uint8Array,
  kind: 'doc' | 'xls' | 'rtf',
  opts: { soffice?: string | false; timeoutMs?: number } = {},
): Promise<Uint8Array> {
  const bin = opts.soffice === false ? null : (opts.soffice ?? findSoffice());
  if (!bin) return Promise.reject(new ImportError('legacy-no-soffice', MESSAGES.legacyNoSoffice));
  const run = queue.then(() => convert(bin, bytes, kind, opts.timeoutMs ?? 60_000));
  queue = run.catch(() => undefined);
  return run;
}

async function convert(bin: string, bytes: Uint8Array, kind: 'doc' | 'xls' | 'rtf', timeoutMs: number): Promise<Uint8Array> {
  profile ??= await mkdtemp(join(tmpdir(), 'jixiao-soffice-profile-'));
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-legacy-'));
  const target = kind === 'xls' ? 'xlsx' : 'docx';
  try {
    const input = join(dir, `input.${kind}`);
    await writeFile(input, bytes);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        bin,
        [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', target, '--outdir', dir, input],
        { stdio: 'ignore', detached: true },
      );
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
        reject(new ImportError('timeout', `旧版 .${kind} 文件转换超时，已跳过`));
      }, timeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new ImportError('legacy-no-soffice', MESSAGES.legacyNoSoffice, { cause: e }));
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const out = (await readdir(dir)).find((f) => f.endsWith(`.${target}`));
    if (!out) throw new ImportError('corrupt', `旧版 .${kind} 文件无法转换（可能已损坏或有密码保护）`);
    return new Uint8Array(await readFile(join(dir, out)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
