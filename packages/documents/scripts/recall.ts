// npm run recall [-- FOLDER…] [-- --update-floor]
// Reads every real case (NN.<ext> with its facts NN.json) of each folder as `jixiao check --json` does and prints,
// per folder, the rows read exactly per case, the complete cases read exactly, the rows in all, and the error-level
// findings that the case's facts do not list. Without folders: the project's real cases (text, office, rebuilt).
// --update-floor raises the floors in test-fixtures/realworld/floor.json to today's figures (never lowers a floor,
// never raises the ceiling of false errors). Exit code 1 when a project folder falls below its floor.
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  belowFloor,
  FOLDERS,
  formatFolder,
  loadAllowed,
  loadFloors,
  percent,
  raiseFloor,
  recallFolder,
  REALWORLD,
  type FolderResult,
} from '../src/recall.ts';

const args = process.argv.slice(2);
const update = args.includes('--update-floor');
const given = args.filter((a) => !a.startsWith('--'));
const folders = given.length ? given.map((f) => resolve(f)) : FOLDERS.map((f) => join(REALWORLD, f));
const floors = loadFloors();
const results: { key: string | null; r: FolderResult }[] = [];
for (const folder of folders) {
  if (!existsSync(folder)) {
    console.error(`文件夹不存在：${folder}`);
    process.exit(2);
  }
  const rel = relative(REALWORLD, folder);
  const key = FOLDERS.includes(rel) ? rel : null; // a project folder: its allowed errors and its floor apply
  const r = await recallFolder(folder, { allowed: key ? loadAllowed(key) : {} });
  results.push({ key, r });
  for (const line of formatFolder(r)) console.log(line);
}
const hit = results.reduce((s, x) => s + x.r.hit, 0);
const rows = results.reduce((s, x) => s + x.r.rows, 0);
console.log(`row recall ${percent(hit, rows)} (${hit}/${rows} rows)`);

let below = false;
for (const { key, r } of results) {
  if (!key) continue;
  const short = floors[key] ? belowFloor(r, floors[key]) : [];
  if (short.length) {
    below = true;
    console.log(`${key}: below its floor: ${short.join('; ')}`);
  }
  if (update) {
    const next = raiseFloor(r, floors[key]);
    if (JSON.stringify(next) !== JSON.stringify(floors[key])) console.log(`${key}: floor ${JSON.stringify(floors[key] ?? null)} → ${JSON.stringify(next)}`);
    floors[key] = next;
  }
}
if (update) writeFileSync(join(REALWORLD, 'floor.json'), JSON.stringify(floors, null, 2) + '\n');
process.exit(below ? 1 : 0);
