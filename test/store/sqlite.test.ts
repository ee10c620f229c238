/** The store suite on SQLite (temp file per area). */
import { SQLITE } from './suite/backends.js';
import { storeSuite } from './suite/index.js';

storeSuite(SQLITE);
