// jixiao user … (see packages/cli/src/commands/README.md)
import { userCommand } from '@jixiao/server/admin-cli.ts';

export async function run(argv: string[]): Promise<number> {
  return userCommand(argv);
}
