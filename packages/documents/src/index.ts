// @jixiao/documents: readers (file → Document), recognition (Document → Evaluation[]), renderers.
import type { Problem } from '@jixiao/core';
import type { Document } from './document.ts';
import { readDocument } from './read/index.ts';
import { recognize, type RecognizeResult } from './recognize/index.ts';

export * from './document.ts';
export { readText, parseText } from './read/text.ts';
export { decodeText, NotTextError } from './read/encoding.ts';
export { readDocument } from './read/index.ts';
export { recognize, type RecognizeResult } from './recognize/index.ts';

/**
 * Read any supported file and recognise its evaluations. The reader's warnings come back as
 * problems of the document. Throws (Chinese message) when the file cannot be read at all.
 */
export async function readAndRecognize(
  bytes: Uint8Array,
  path: string,
): Promise<RecognizeResult & { document: Document }> {
  const document = await readDocument(bytes, path);
  const result = recognize(document, { file: path });
  const warnings: Problem[] = document.warnings.map((w) => ({
    message: w.message,
    severity: 'warning',
    source: { file: path, line: w.line, page: w.page },
  }));
  return { document, evaluations: result.evaluations, problems: [...warnings, ...result.problems] };
}
