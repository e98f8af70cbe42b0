/**
 * The MCP server's cost limits from the environment: `MODELSTUDIO_MAX_COST_PER_CALL` and
 * `MODELSTUDIO_MAX_COST_TOTAL`, positive numbers or unset.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from 'modelstudio-video';
import { costLimitsFromEnv } from 'modelstudio-video/mcp';

describe('costLimitsFromEnv', () => {
  it('reads positive numbers; unset or blank means no limit', () => {
    expect(costLimitsFromEnv({})).toEqual({});
    expect(costLimitsFromEnv({ MODELSTUDIO_MAX_COST_PER_CALL: ' ', MODELSTUDIO_MAX_COST_TOTAL: '' })).toEqual({});
    expect(costLimitsFromEnv({ MODELSTUDIO_MAX_COST_PER_CALL: '0.5', MODELSTUDIO_MAX_COST_TOTAL: ' 10 ' })).toEqual({ maxCostPerCall: 0.5, maxCostTotal: 10 });
    expect(costLimitsFromEnv({ MODELSTUDIO_MAX_COST_TOTAL: '.25' })).toEqual({ maxCostTotal: 0.25 });
  });

  it.each(['0', '-1', 'abc', '5 USD', '1e3', 'Infinity', '0x10', 'NaN'])('refuses %j, naming the variable', (value) => {
    let error: unknown;
    try {
      costLimitsFromEnv({ MODELSTUDIO_MAX_COST_PER_CALL: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^Invalid MODELSTUDIO_MAX_COST_PER_CALL \(1 problem\):/);
    expect((error as ValidationError).issues).toEqual([{ path: 'MODELSTUDIO_MAX_COST_PER_CALL', message: expect.stringContaining(`must be a positive number`) }]);
  });

  it('lists both variables when both are wrong', () => {
    expect(() => costLimitsFromEnv({ MODELSTUDIO_MAX_COST_PER_CALL: 'x', MODELSTUDIO_MAX_COST_TOTAL: '-2' })).toThrow(
      /^Invalid MODELSTUDIO_MAX_COST_PER_CALL and MODELSTUDIO_MAX_COST_TOTAL \(2 problems\):/,
    );
  });
});
