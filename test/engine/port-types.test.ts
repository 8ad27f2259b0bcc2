import { describe, expect, it } from 'vitest';
import { describePortType, portAccepts } from '../../src/engine/contract.js';

describe('port types', () => {
  it('accept the same type, any output on an `any` input, and each listed alternative', () => {
    expect(portAccepts('prices', 'prices')).toBe(true);
    expect(portAccepts('any', 'dataset')).toBe(true);
    expect(portAccepts('predictions|actions', 'actions')).toBe(true);
    expect(portAccepts('predictions|actions', 'predictions')).toBe(true);
  });

  it('refuse other types, including a type that is only a substring of an alternative', () => {
    expect(portAccepts('predictions|actions', 'dataset')).toBe(false);
    expect(portAccepts('predictions|actions', 'action')).toBe(false);
    expect(portAccepts('prices', 'any')).toBe(false);
  });

  it('describe alternatives in words for messages', () => {
    expect(describePortType('predictions|actions')).toBe("'predictions' or 'actions'");
    expect(describePortType('prices')).toBe("'prices'");
  });
});
