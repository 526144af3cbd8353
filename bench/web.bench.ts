// npm run bench: the web UI in Debian's Chromium — first page load on loopback, and typing in a
// 25-row table until the total on screen changes (test/e2e/measure.ts measures; this prints lines).
import { measureWeb } from '../test/e2e/measure.ts';

const r = await measureWeb();
console.log(`web first load: load event ${r.firstLoad.loadEventMs} ms, login form visible ${r.firstLoad.loginFormVisibleMs} ms (loopback, production build)`);
console.log(
  `web typing → total updated: median ${r.typing.medianMs} ms, max ${r.typing.maxMs} ms over ${r.typing.samples} edits in a ${r.typing.rows}-row table (at most ${r.typing.maxFrames} animation frame(s))`,
);
