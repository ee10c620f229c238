/**
 * Every CLI command, listed explicitly. Add a command by writing one file in this folder and
 * adding it here; the order is the order of `cordon --help`.
 */
import type { CommandModule } from '../command-module.js';
import { archiveRulesCommand } from './archive-rules.js';
import { demoCommand } from './demo.js';
import { detectCommand } from './detect.js';
import { findingsCommand } from './findings.js';
import { collectCommand } from './collect.js';
import { scanCommand } from './scan.js';
import { scansCommand } from './scans.js';
import { serveCommand } from './serve.js';
import { simulateCommand } from './simulate.js';
import { tokensCommand } from './tokens.js';
import { watchCommand } from './watch.js';
import { containCommand } from './contain.js';
import { releaseCommand } from './release.js';

export const COMMANDS: readonly CommandModule[] = [demoCommand, collectCommand, scanCommand, findingsCommand, scansCommand, archiveRulesCommand, serveCommand, tokensCommand, detectCommand, watchCommand, simulateCommand, containCommand, releaseCommand];
