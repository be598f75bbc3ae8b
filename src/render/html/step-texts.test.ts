import { describe, expect, it } from 'vitest';
import { expandIncludes, isSharedText } from './step-texts.js';

describe('shared step texts', () => {
  const shared = new Map([['after-rollup-removal', 'FileVersion {{afterRemovalLong}}.']]);

  it('puts the shared words where a step includes them, as if written there', () => {
    expect(expandIncludes('> Expected: on {{node}}: @include(after-rollup-removal)\n', shared, 'en/x.md')).toBe('> Expected: on {{node}}: FileVersion {{afterRemovalLong}}.\n');
  });

  it('refuses an include with no shared file, naming the step file and the missing one', () => {
    expect(() => expandIncludes('@include(no-such-text)', shared, 'templates/steps/en/x.md')).toThrow('templates/steps/en/x.md includes "no-such-text", but its folder has no _no-such-text.md.');
  });

  it('tells shared texts from steps by the leading underscore', () => {
    expect([isSharedText('_after-rollup-removal.md'), isSharedText('remove-update-rollup-2008.md')]).toEqual([true, false]);
  });
});
