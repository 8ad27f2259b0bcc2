import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, resolveEnvConfig } from '../../../src/quant/rl/env-config.js';
import { observationSize } from '../../../src/quant/rl/env-observation.js';

describe('resolveEnvConfig', () => {
  it('fills in the defaults, whose window of 20 rows of 58 features gives 1175 values', () => {
    expect(resolveEnvConfig()).toEqual(DEFAULT_ENV_CONFIG);
    expect(resolveEnvConfig({ lookback: 5 }).lookback).toBe(5);
    expect(observationSize(58, DEFAULT_ENV_CONFIG)).toBe(1175);
    expect(observationSize(58, { ...DEFAULT_ENV_CONFIG, observation: 'last-row' })).toBe(73);
  });

  it('names every bad field and the rule it breaks', () => {
    const bad = { lookback: 0, commissionBps: -1, dsrEta: 1, observation: 'all', episodeSteps: 2.5 } as never;
    expect(() => resolveEnvConfig(bad)).toThrow(
      [
        'bad trading environment config:',
        '  lookback must be an integer >= 1, got 0',
        "  observation must be 'window' or 'last-row', got \"all\"",
        '  episodeSteps must be an integer >= 1, got 2.5',
        '  commissionBps must be >= 0 and < 10000, got -1',
        '  dsrEta must be > 0 and < 1, got 1',
      ].join('\n'),
    );
  });
});
