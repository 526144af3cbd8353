// jixiao backup <file> and jixiao restore <file> [--force]
import { backupCommand, restoreCommand } from '@jixiao/server/admin-cli.ts';

export async function run(argv: string[]): Promise<number> {
  return backupCommand(argv);
}

/** `jixiao restore`: wire to this one. */
export async function runRestore(argv: string[]): Promise<number> {
  return restoreCommand(argv);
}
