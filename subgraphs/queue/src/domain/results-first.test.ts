import { loadResultsFirstServices } from './results-first';

describe('RESULTS_FIRST_SERVICES', () => {
  it('reads each facility service with its mode, hold when none is named', () => {
    expect(loadResultsFirstServices({ RESULTS_FIRST_SERVICES: 'DTN:A,RVS:BC:lower,NRT:D:hold' })).toEqual([
      { facility: 'DTN', tokenPrefix: 'A', mode: 'hold' },
      { facility: 'RVS', tokenPrefix: 'BC', mode: 'lower' },
      { facility: 'NRT', tokenPrefix: 'D', mode: 'hold' },
    ]);
    expect(loadResultsFirstServices({})).toEqual([]);
  });

  it.each(['DTN:A:pause', 'DTN', 'DTN:a', 'DTN:A,', 'DTN:A:lower:hold'])('refuses %s, naming the variable', (value) => {
    expect(() => loadResultsFirstServices({ RESULTS_FIRST_SERVICES: value })).toThrow(
      /RESULTS_FIRST_SERVICES: must be FACILITY:PREFIX or FACILITY:PREFIX:hold\|lower/,
    );
  });
});
