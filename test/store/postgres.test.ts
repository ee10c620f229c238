/** The store suite on PostgreSQL (a unique schema per area, dropped afterwards). */
import { POSTGRES } from './suite/backends.js';
import { storeSuite } from './suite/index.js';

storeSuite(POSTGRES);
