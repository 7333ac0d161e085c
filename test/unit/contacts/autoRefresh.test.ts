import * as assert from 'node:assert/strict';
import { mock } from 'node:test';
import { AutoRefresh } from '../../../src/contacts/autoRefresh';

describe('contacts/AutoRefresh', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setInterval'] }));
  afterEach(() => mock.timers.reset());

  it('refreshes every period while visible, skips ticks while busy, stops when hidden or off', () => {
    let refreshes = 0;
    let busy = false;
    const auto = new AutoRefresh(() => refreshes++, () => busy);
    auto.update(2, true);
    assert.equal(auto.intervalMs, 120_000);
    mock.timers.tick(119_999);
    assert.equal(refreshes, 0);
    mock.timers.tick(1);
    assert.equal(refreshes, 1);
    busy = true;
    mock.timers.tick(120_000);
    assert.equal(refreshes, 1, 'a load still running is not cut short');
    busy = false;
    auto.update(2, false);
    assert.equal(auto.intervalMs, 0);
    mock.timers.tick(600_000);
    assert.equal(refreshes, 1, 'nothing while hidden');
    auto.update(2, true);
    auto.update(0, true);
    mock.timers.tick(600_000);
    assert.equal(refreshes, 1, 'nothing when off');
    auto.dispose();
  });

  it('counts periods under a minute as one minute, and ignores nonsense', () => {
    let refreshes = 0;
    const auto = new AutoRefresh(() => refreshes++, () => false);
    auto.update(0.001, true);
    assert.equal(auto.intervalMs, 60_000);
    mock.timers.tick(60_000);
    assert.equal(refreshes, 1);
    for (const nonsense of [-5, Number.NaN, Number.POSITIVE_INFINITY]) {
      auto.update(nonsense, true);
      assert.equal(auto.intervalMs, 0, String(nonsense));
    }
    auto.dispose();
  });
});
