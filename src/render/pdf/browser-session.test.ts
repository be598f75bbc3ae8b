import { describe, expect, it } from 'vitest';
import { browserLaunchArgs, needsNoSandbox } from './browser-session.js';

describe('needsNoSandbox', () => {
  it.each([
    { name: 'root', uid: 0, env: {}, dockerEnvExists: false, expected: true },
    { name: 'a Docker container', uid: 1000, env: {}, dockerEnvExists: true, expected: true },
    { name: 'a podman/systemd container', uid: 1000, env: { container: 'podman' }, dockerEnvExists: false, expected: true },
    { name: 'EXRUNBOOK_NO_SANDBOX=1', uid: 1000, env: { EXRUNBOOK_NO_SANDBOX: '1' }, dockerEnvExists: false, expected: true },
    { name: 'an ordinary user', uid: 1000, env: { EXRUNBOOK_NO_SANDBOX: '0' }, dockerEnvExists: false, expected: false },
    { name: 'Windows (no uid)', uid: undefined, env: {}, dockerEnvExists: false, expected: false },
  ])('$name → $expected', ({ uid, env, dockerEnvExists, expected }) => {
    expect(needsNoSandbox({ uid, env, dockerEnvExists })).toBe(expected);
  });
});

describe('browserLaunchArgs', () => {
  it('keeps an offline browser quiet and uses its own profile', () => {
    const args = browserLaunchArgs('/tmp/exrunbook-browser-x', false);
    expect(args).toContain('--user-data-dir=/tmp/exrunbook-browser-x');
    for (const flag of [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-default-apps',
      '--disable-extensions',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--font-render-hinting=none',
      '--mute-audio',
    ]) {
      expect(args).toContain(flag);
    }
    expect(args).not.toContain('--no-sandbox');
  });

  it('drops the sandbox only when asked', () => {
    expect(browserLaunchArgs('/tmp/p', true)).toContain('--no-sandbox');
  });
});
