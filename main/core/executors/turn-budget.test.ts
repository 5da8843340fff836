import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TurnBudget } from './turn-budget';

/** Use up `ms` of this turn of the loop (what handling output does). */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spinning: the slice is loop time, not a timer
  }
}

/** Counts turns of the loop: `now()` is the turn we are in. */
function turnCounter(): { now(): number; stop(): void } {
  let turn = 0;
  let stopped = false;
  const tick = (): void => {
    turn++;
    if (!stopped) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => turn, stop: () => void (stopped = true) };
}

describe('TurnBudget', () => {
  test('turn() resolves at once while the slice lasts', async () => {
    const budget = new TurnBudget(50);
    const turns = turnCounter();
    try {
      const at = turns.now();
      for (let i = 0; i < 20; i++) await budget.turn();
      assert.equal(turns.now(), at, 'twenty cheap starts within the slice wait for no turn');
    } finally {
      turns.stop();
    }
  });

  test('once the slice is used up, waiting starts go on together in a later turn, not one a turn', async () => {
    // A wide slice: thirty cheap starts fit in it even on a loaded machine.
    const budget = new TurnBudget(25);
    const turns = turnCounter();
    try {
      await budget.turn();
      busy(26);
      const at = turns.now();
      const resumedIn: number[] = [];
      await Promise.all(Array.from({ length: 30 }, () => budget.turn().then(() => resumedIn.push(turns.now()))));
      assert.equal(resumedIn.length, 30);
      assert.ok(Math.min(...resumedIn) > at, 'none goes on in the turn whose slice was used up');
      // Thirty cheap starts fit in one slice: they all go on in the first turn that serves them.
      assert.equal(new Set(resumedIn).size, 1, `resumed over turns ${[...new Set(resumedIn)].join(', ')}`);
    } finally {
      turns.stop();
    }
  });

  test('starts that use up the slice again are spread over later turns, in order', async () => {
    const budget = new TurnBudget(5);
    const turns = turnCounter();
    try {
      await budget.turn();
      busy(6);
      const order: number[] = [];
      const resumedIn: number[] = [];
      await Promise.all(Array.from({ length: 6 }, (_, i) => budget.turn().then(() => {
        order.push(i);
        resumedIn.push(turns.now());
        busy(3); // each start costs more than half a slice: two per turn at most
      })));
      assert.deepEqual(order, [0, 1, 2, 3, 4, 5], 'served in the order they came');
      const perTurn = new Map<number, number>();
      for (const t of resumedIn) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
      assert.ok([...perTurn.values()].every((n) => n <= 2), `at most two 3 ms starts share a 5 ms slice: ${JSON.stringify([...perTurn])}`);
      assert.ok(perTurn.size >= 3, 'the rest wait for later turns');
    } finally {
      turns.stop();
    }
  });
});
