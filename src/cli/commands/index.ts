/**
 * Every CLI command, listed explicitly. Add a command by writing one file in this folder and
 * adding it here; the order is the order of `cordon --help`.
 */
import type { CommandModule } from '../command-module.js';
import { demoCommand } from './demo.js';

export const COMMANDS: readonly CommandModule[] = [demoCommand];
