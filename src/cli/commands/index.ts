import type { AnyCommand } from '../command-spec.js';
import build from './build.js';
import catalog from './catalog.js';
import check from './check.js';
import collector from './collector.js';
import verify from './verify.js';

/**
 * Every command, in the order help lists them. Adding a command is one file in this folder
 * (`defineCommand({ … })`) and one entry here; parsing, help and the README follow from the spec.
 */
export const COMMANDS: readonly AnyCommand[] = [build, check, verify, catalog, collector];
