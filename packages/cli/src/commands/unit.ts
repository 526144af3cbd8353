// jixiao unit … (see packages/cli/src/commands/README.md)
import { unitCommand } from '@jixiao/server/admin-cli.ts';

export async function run(argv: string[]): Promise<number> {
  return unitCommand(argv);
}
