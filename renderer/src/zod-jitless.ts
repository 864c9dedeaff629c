// Imported first by main.tsx. zod 4 compiles parsers with `new Function` and decides so when a schema is
// built — at import time of the modules that declare them. The CSP (no 'unsafe-eval') forbids that, and
// even zod's feature probe is reported as a violation, so jitless must be set before any schema exists.
import { z } from 'zod';

z.config({ jitless: true });
