import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareSnowflakes } from '../../shared/domain/snowflake-order';

test('snowflakes order by value, beyond what a number holds', () => {
  assert.ok(compareSnowflakes('9', '10') < 0);
  assert.ok(compareSnowflakes('7318349271238475777', '7318349271238475776') > 0);
  assert.equal(compareSnowflakes('123', '123'), 0);
  assert.ok(compareSnowflakes('18446744073709551615', '9007199254740993') > 0);
});
