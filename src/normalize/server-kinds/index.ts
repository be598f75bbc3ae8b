import type { ServerKind } from './define-server-kind.js';
import outlookAnywhere from './outlook-anywhere/index.js';
import owaVirtualDirectory from './owa-virtual-directory/index.js';

/** Every organisation-wide record kind that describes servers one by one (the one place a new kind is added). */
export const SERVER_KINDS: readonly ServerKind[] = [owaVirtualDirectory, outlookAnywhere];
