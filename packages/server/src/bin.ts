// Runs the server without the CLI: node --import tsx packages/server/src/bin.ts [serve flags]
import { serve } from './serve.ts';

process.exitCode = await serve(process.argv.slice(2));
