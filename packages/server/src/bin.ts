// Runs the server without the CLI: node --import tsx packages/server/src/bin.ts [serve flags]
import { serve } from './serve.ts';

// exit explicitly: a cluster worker's IPC channel would otherwise keep it alive after shutdown
process.exit(await serve(process.argv.slice(2)));
