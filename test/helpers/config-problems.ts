import { expect } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

/** The problems loadConfig reports for this environment alone (no config file); fails if it accepts it. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig({ env, file: null });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}
