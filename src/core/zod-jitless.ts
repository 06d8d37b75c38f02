/**
 * zod probes for eval with `new Function("")` the first time it parses an object. The task
 * pane's Content-Security-Policy has no 'unsafe-eval', so in the pane the probe fails (zod then
 * parses without its JIT, which is fine) but the browser reports a CSP violation. `jitless`
 * skips the probe. Imported by the browser-side entry points that parse with zod (the Excel
 * adapter, the Workflows and Submit views); never by the command line, where the JIT is allowed
 * and makes parsing a 50,000-account enrollment faster.
 */
import { config } from 'zod';

config({ jitless: true });
