// Issue 3 "Safe with hostile files": each hostile file is refused with its own Chinese message and code,
// and nothing in it is inflated, expanded or trusted by its name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { readDocument, ImportError, withTimeout, detectFormat } from './index.ts';
import { readDocx } from './docx.ts';
import { resolveLimits } from './limits.ts';

const dir = new URL('../../test-fixtures/hostile/', import.meta.url);
const bytes = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));

async function refusal(name: string, path = name): Promise<ImportError> {
  try {
    await readDocument(bytes(name), path);
  } catch (e) {
    assert.ok(e instanceof ImportError, `${name}: 应抛出 ImportError，实际 ${String(e)}`);
    return e;
  }
  assert.fail(`${name} 应被拒绝`);
}

const cases: [string, string, string][] = [
  ['zip-bomb.docx', 'zip-bomb', '压缩包解压后过大，疑似压缩炸弹'],
  ['xxe.docx', 'xxe', '文件包含外部实体声明，已拒绝'],
  ['truncated.xlsx', 'corrupt', 'xlsx 文件已损坏（zip 目录无法读取）'],
  ['encrypted.xlsx', 'encrypted', '文件已加密（有密码保护），无法读取'],
  ['encrypted.pdf', 'encrypted', '文件已加密（有密码保护），无法读取'],
  ['no-text.pdf', 'scanned-pdf', '扫描件，无文字层'],
  ['empty.docx', 'empty', '文件为空'],
];
for (const [file, code, message] of cases) {
  test(`hostile: ${file} → ${code}「${message}」`, async () => {
    const e = await refusal(file);
    assert.equal(e.code, code);
    assert.equal(e.message, message);
  });
}

test('hostile: every kind of hostile file gets its own code (the two password-protected ones share one)', () => {
  assert.equal(new Set(cases.map((c) => c[1])).size, cases.length - 1);
});

test('hostile: a .docx renamed .pdf is read as the .docx it is, with a warning', async () => {
  const doc = await readDocument(bytes('docx-renamed.pdf'), 'docx-renamed.pdf');
  assert.equal(doc.format, 'docx');
  assert.ok(doc.blocks.some((b) => b.kind === 'table'));
  assert.deepEqual(doc.warnings.map((w) => w.message), ['文件扩展名为 .pdf，实际内容为 .docx，已按 .docx 读取']);
});

test('hostile: the zip bomb is refused before inflating (limits read from the central directory)', () => {
  // with a 1 GB total budget it is the ratio limit (60 MB from 60 KB) that refuses it
  const limits = resolveLimits({ maxUncompressedBytes: 1024 ** 3 });
  assert.throws(() => readDocx(bytes('zip-bomb.docx'), 'x.docx', limits), (e: unknown) => e instanceof ImportError && e.code === 'zip-bomb');
});

test('hostile: the total uncompressed size limit holds for entries that each look harmless', () => {
  const xml = strToU8(`<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>${'数'.repeat(200_000)}</w:t></w:r></w:p></w:body></w:document>`);
  const zip = zipSync({ 'word/document.xml': xml });
  const limits = resolveLimits({ maxUncompressedBytes: 100_000 });
  assert.throws(() => readDocx(zip, 'x.docx', limits), (e: unknown) => e instanceof ImportError && e.code === 'zip-bomb');
});

test('hostile: a file over the size limit is refused without reading it', async () => {
  await assert.rejects(readDocument(new Uint8Array(2048).fill(0x41), 'big.txt', { limits: { maxInputBytes: 1024 } }), (e: unknown) => e instanceof ImportError && e.code === 'too-large' && /文件过大/.test(e.message));
});

test('hostile: too many zip entries count as a bomb', () => {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < 50; i++) files[`x/${i}.xml`] = strToU8('<a/>');
  assert.throws(() => detectFormat(zipSync(files), resolveLimits({ maxEntries: 20 })), (e: unknown) => e instanceof ImportError && e.code === 'zip-bomb');
});

test('hostile: a zip that is not Word or Excel is unsupported, in Chinese', async () => {
  const zip = zipSync({ 'content.xml': strToU8('<office:document/>'), mimetype: strToU8('application/vnd.oasis.opendocument.text') });
  await assert.rejects(readDocument(zip, 'a.odt'), (e: unknown) => e instanceof ImportError && e.code === 'unsupported' && /不支持的文件格式/.test(e.message));
});

test('hostile: withTimeout turns a file that never finishes into ImportError timeout', async () => {
  const never = new Promise<never>(() => undefined);
  await assert.rejects(withTimeout(never, 5, '读取超时'), (e: unknown) => e instanceof ImportError && e.code === 'timeout' && e.message === '读取超时');
  assert.equal(await withTimeout(Promise.resolve(7), 1000, 'x'), 7);
});

test('hostile: .doc without LibreOffice gives the legacy message', async () => {
  const doc = bytes('encrypted.xlsx').slice();
  // turn the container into a Word 97 file: rename the first stream to WordDocument (same length slot)
  const name = 'WordDocument';
  // the directory is sector 1 (file offset 1024); entries 1 and 2 hold the two stream names
  doc.fill(0, 1024 + 128, 1024 + 128 + 64);
  for (let i = 0; i < name.length; i++) doc[1024 + 128 + i * 2] = name.charCodeAt(i);
  doc[1024 + 128 + 64] = (name.length + 1) * 2;
  const other = 'Data';
  doc.fill(0, 1024 + 256, 1024 + 256 + 64);
  for (let i = 0; i < other.length; i++) doc[1024 + 256 + i * 2] = other.charCodeAt(i);
  doc[1024 + 256 + 64] = (other.length + 1) * 2;
  assert.equal(detectFormat(doc), 'doc');
  await assert.rejects(readDocument(doc, 'old.doc', { soffice: false }), (e: unknown) => e instanceof ImportError && e.code === 'legacy-no-soffice' && e.message === '无法读取旧版 .doc/.xls 文件：本机未安装 LibreOffice。请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer libreoffice-calc；或设置 JIXIAO_SOFFICE 为 soffice 的路径）后重试，或在 Word/WPS/Excel 中另存为 .docx/.xlsx 再导入');
});

test('hostile: damaged copies of every fixture (cut short, bytes flipped, blocks zeroed) read or fail with a Chinese ImportError, never a raw error', async () => {
  const { readdirSync } = await import('node:fs');
  const formats = new URL('../../test-fixtures/formats/', import.meta.url);
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const raw: string[] = [];
  for (const f of readdirSync(formats)) {
    const orig = new Uint8Array(readFileSync(new URL(f, formats)));
    for (let k = 0; k < 6; k++) {
      const b = orig.slice();
      let data = b;
      if (k % 3 === 0) data = b.subarray(0, Math.floor(rnd() * b.length));
      else if (k % 3 === 1) for (let j = 0; j < 20; j++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      else {
        const s = Math.floor(rnd() * b.length);
        b.fill(0, s, Math.min(b.length, s + 500));
      }
      try {
        await readDocument(data, f);
      } catch (e) {
        if (!(e instanceof ImportError && /[\u4e00-\u9fff]/.test(e.message))) raw.push(`${f} #${k}: ${String(e)}`);
      }
    }
  }
  assert.deepEqual(raw, []);
});
