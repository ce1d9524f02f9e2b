// The SVG chart module's scales and ticks (the drawing itself is checked in the real webview by the e2e suite).
import assert from 'node:assert/strict';
import { scale, ticks } from '../../../media/src/runtime/chart.js';

describe('chart scales', () => {
  it('ticks are round steps covering the range', () => {
    assert.deepEqual(ticks(0, 100), [0, 50, 100]);
    assert.deepEqual(ticks(0, 1), [0, 0.5, 1]);
    assert.deepEqual(ticks(0, 930), [0, 500]);
    assert.deepEqual(ticks(3, 3), [3]);
    assert.deepEqual(ticks(NaN, 1), []);
  });
  it('scale maps the domain onto the range, and a flat domain onto the middle', () => {
    const s = scale(0, 10, 100, 0);
    assert.equal(s(0), 100);
    assert.equal(s(10), 0);
    assert.equal(s(5), 50);
    assert.equal(scale(4, 4, 0, 10)(4), 5);
  });
});
