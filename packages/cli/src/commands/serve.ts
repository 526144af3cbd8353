// jixiao serve [--host] [--port] [--data] [--database-url] [--no-demo]
import { serve } from '@jixiao/server/serve.ts';

export async function run(argv: string[]): Promise<number> {
  return serve(argv);
}
