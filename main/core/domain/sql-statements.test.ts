import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SqlSubtype } from '../../../shared/domain/processes';
import { classify, splitStatements, type SqlDialect } from './sql-statements';

const texts = (script: string, opts?: Parameters<typeof splitStatements>[1]): string[] => splitStatements(script, opts).map((s) => s.text);

test('splitStatements: table of scripts', () => {
  const cases: [name: string, script: string, want: string[], opts?: Parameters<typeof splitStatements>[1]][] = [
    ['plain', 'SELECT 1; SELECT 2;', ['SELECT 1', 'SELECT 2']],
    ['no trailing delimiter', 'SELECT 1;\nSELECT 2', ['SELECT 1', 'SELECT 2']],
    ['empty statements dropped', ';; ;\n;SELECT 1;;', ['SELECT 1']],
    ['empty script', '', []],
    ['comment-only statements dropped', '-- just a note\n;/* and another */;SELECT 1; -- trailing', ['SELECT 1']],
    ['leading comment kept', '-- bump prices\nUPDATE t SET p = p + 1;', ['-- bump prices\nUPDATE t SET p = p + 1']],
    ['; in a string', "INSERT INTO t VALUES ('a;b'); SELECT 1", ["INSERT INTO t VALUES ('a;b')", 'SELECT 1']],
    ["'' escape", "SELECT 'it''s; fine'; SELECT 2", ["SELECT 'it''s; fine'", 'SELECT 2']],
    ["E'\\'' escape", "SELECT E'it\\'s; fine'; SELECT 2", ["SELECT E'it\\'s; fine'", 'SELECT 2']],
    ['standard string ends at backslash-quote in postgres', "SELECT 'C:\\'; SELECT 2", ["SELECT 'C:\\'", 'SELECT 2']],
    ['; in a double-quoted identifier', 'SELECT "a;""b" FROM t; SELECT 2', ['SELECT "a;""b" FROM t', 'SELECT 2']],
    ['; in a backtick identifier', 'SELECT `a;``b` FROM t; SELECT 2', ['SELECT `a;``b` FROM t', 'SELECT 2']],
    ['; in a line comment', 'SELECT 1 -- not here;\n; SELECT 2', ['SELECT 1 -- not here;', 'SELECT 2']],
    ['CRLF line endings', 'SELECT 1 -- note\r\n;\r\nSELECT 2;\r\n', ['SELECT 1 -- note', 'SELECT 2']],
    ['; in a block comment', 'SELECT /* a; b */ 1; SELECT 2', ['SELECT /* a; b */ 1', 'SELECT 2']],
    ['nested block comment (postgres)', 'SELECT /* a /* b; */ c; */ 1; SELECT 2', ['SELECT /* a /* b; */ c; */ 1', 'SELECT 2']],
    ['unnested block comment (mysql)', 'SELECT /* a /* b */ 1; SELECT 2', ['SELECT /* a /* b */ 1', 'SELECT 2'], { dialect: 'mysql' }],
    ['dollar quote', 'DO $$ BEGIN PERFORM 1; END $$; SELECT 2', ['DO $$ BEGIN PERFORM 1; END $$', 'SELECT 2']],
    [
      'tagged dollar quote holding $$',
      'CREATE FUNCTION f() RETURNS int AS $fn$ SELECT $$;$$; $fn$ LANGUAGE sql; SELECT 2',
      ['CREATE FUNCTION f() RETURNS int AS $fn$ SELECT $$;$$; $fn$ LANGUAGE sql', 'SELECT 2'],
    ],
    ['$1 is a parameter, not a quote', 'SELECT $1; SELECT $2', ['SELECT $1', 'SELECT $2']],
    ['$ inside an identifier is no quote', 'SELECT a$b$ FROM t; SELECT 2', ['SELECT a$b$ FROM t', 'SELECT 2']],
    ['custom delimiter option', 'SELECT 1 // SELECT 2;x //', ['SELECT 1', 'SELECT 2;x'], { delimiter: '//' }],
    [
      'DELIMITER directive',
      'DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//\nDELIMITER ;\nCALL p();',
      ['CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END', 'CALL p()'],
      { dialect: 'mysql' },
    ],
    [
      'DELIMITER $$ after a comment, delimiter glued to a word',
      '-- procs\ndelimiter $$\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END$$\ndelimiter ;\nSELECT 1;',
      ['CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END', 'SELECT 1'],
      { dialect: 'mysql' },
    ],
    ['DELIMITER inside a statement is not a directive', 'SELECT 1 AS\ndelimiter ;', ['SELECT 1 AS\ndelimiter']],
    ['mysql backslash escape', "INSERT INTO t VALUES ('O\\'Reilly; Ltd'); DELETE FROM t", ["INSERT INTO t VALUES ('O\\'Reilly; Ltd')", 'DELETE FROM t'], { dialect: 'mysql' }],
    ['mysql # comment', 'SELECT 1 # why; not\n; SELECT 2', ['SELECT 1 # why; not', 'SELECT 2'], { dialect: 'mysql' }],
    ['# is an operator in postgres', 'SELECT 1 # 2; SELECT 3', ['SELECT 1 # 2', 'SELECT 3']],
    ['mysql --x without a space is not a comment', 'SELECT 1--1; SELECT 2', ['SELECT 1--1', 'SELECT 2'], { dialect: 'mysql' }],
    ['mysql /*! */ alone is a statement', '/*!40101 SET NAMES utf8 */;\nSELECT 1;', ['/*!40101 SET NAMES utf8 */', 'SELECT 1'], { dialect: 'mysql' }],
    ['unterminated string runs to the end', "SELECT 'oops; DELETE FROM t;", ["SELECT 'oops; DELETE FROM t;"]],
    ['unterminated comment runs to the end', 'SELECT 1; /* DELETE FROM t;', ['SELECT 1']],
  ];
  for (const [name, script, want, opts] of cases) assert.deepEqual(texts(script, opts), want, name);
});

test('splitStatements: offsets point into the original script', () => {
  const script = '  -- a\n  UPDATE t SET x = 1 ;\n\n\tDELETE FROM t WHERE id = 2\n';
  const got = splitStatements(script);
  assert.deepEqual(got, [
    { text: '-- a\n  UPDATE t SET x = 1', start: 2, end: 27 },
    { text: 'DELETE FROM t WHERE id = 2', start: 32, end: 58 },
  ]);
  for (const s of got) assert.equal(script.slice(s.start, s.end), s.text);
  const mysql = 'DELIMITER //\nSELECT 1//\n';
  const [only] = splitStatements(mysql);
  assert.deepEqual(only, { text: 'SELECT 1', start: 13, end: 21 });
});

test('classify: table of statements', () => {
  const cases: [statement: string, want: SqlSubtype, dialect?: SqlDialect][] = [
    ['SELECT * FROM t', 'SELECT'],
    ['select 1', 'SELECT'],
    ['  -- a comment\n/* another */ SELECT 1', 'SELECT'],
    ['((SELECT 1)) UNION (SELECT 2)', 'SELECT'],
    ['VALUES (1), (2)', 'SELECT'],
    ['TABLE accounts', 'SELECT'],
    ['SHOW TABLES', 'SELECT'],
    ['SELECT * FROM t WHERE id = 1 FOR UPDATE', 'SELECT'],
    ['SELECT * INTO archive_2024 FROM orders', 'CREATE'],
    ['SELECT * INTO TEMP t2 FROM t', 'CREATE'],
    ['SELECT a INTO @x FROM t', 'SELECT', 'mysql'],
    ["SELECT a FROM t INTO OUTFILE '/tmp/a'", 'SELECT', 'mysql'],
    ['SELECT (SELECT 1 INTO x) FROM t', 'SELECT'],
    ["SELECT 'DELETE FROM t; INTO x'", 'SELECT'],
    ['SELECT "into" FROM t', 'SELECT'],
    ['INSERT INTO t VALUES (1)', 'INSERT'],
    ['INSERT INTO t VALUES (1) ON CONFLICT (id) DO NOTHING', 'INSERT'],
    ['INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET a = 1', 'UPDATE'],
    ['INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 1', 'UPDATE', 'mysql'],
    ["INSERT INTO t VALUES ('ON DUPLICATE KEY UPDATE')", 'INSERT'],
    ['REPLACE INTO t VALUES (1)', 'UPDATE', 'mysql'],
    ['MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a', 'UPDATE'],
    ['UPSERT INTO t VALUES (1)', 'UPDATE'],
    ['UPDATE t SET a = 1', 'UPDATE'],
    ['DELETE FROM t', 'DELETE'],
    ['TRUNCATE TABLE t', 'DELETE'],
    ['CREATE TABLE t (id int)', 'CREATE'],
    ['CREATE OR REPLACE VIEW v AS SELECT 1', 'CREATE'],
    ['DROP TABLE t', 'DROP'],
    ['ALTER TABLE t ADD COLUMN c int', 'ALTER'],
    ['RENAME TABLE a TO b', 'ALTER', 'mysql'],
    ['WITH x AS (SELECT 1) SELECT * FROM x', 'SELECT'],
    ['WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x) SELECT * FROM x', 'SELECT'],
    ['WITH x AS (SELECT id FROM t) DELETE FROM t USING x WHERE t.id = x.id', 'DELETE'],
    ['WITH x AS MATERIALIZED (SELECT 1), y AS (SELECT 2) UPDATE t SET a = 1', 'UPDATE'],
    ['WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x', 'INSERT'],
    ["WITH x AS (SELECT ')' AS p) INSERT INTO t SELECT * FROM x", 'INSERT'],
    ['WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone', 'DELETE'],
    ['WITH x AS (SELECT 1) SELECT * INTO t2 FROM x', 'CREATE'],
    ['EXPLAIN SELECT 1', 'SELECT'],
    ['EXPLAIN DELETE FROM t', 'SELECT'],
    ['EXPLAIN ANALYZE DELETE FROM t', 'DELETE'],
    ['EXPLAIN ANALYZE SELECT 1', 'SELECT'],
    ['EXPLAIN (ANALYZE, BUFFERS) UPDATE t SET a = 1', 'UPDATE'],
    ['EXPLAIN (ANALYZE false) UPDATE t SET a = 1', 'SELECT'],
    ['EXPLAIN ANALYZE WITH d AS (SELECT 1) DELETE FROM t', 'DELETE'],
    ['EXPLAIN FORMAT=JSON UPDATE t SET a = 1', 'SELECT', 'mysql'],
    ['COPY t FROM STDIN', 'INSERT'],
    ["COPY t (a, b) FROM '/data/t.csv' WITH (FORMAT csv)", 'INSERT'],
    ['COPY (SELECT * FROM t) TO STDOUT', 'SELECT'],
    ["COPY t TO PROGRAM 'gzip > /tmp/t.gz'", 'OTHER'],
    ["LOAD DATA INFILE '/tmp/t.csv' INTO TABLE t", 'INSERT', 'mysql'],
    ["LOAD 'auto_explain'", 'OTHER'],
    ['GRANT SELECT ON t TO bob', 'OTHER'],
    ['REVOKE ALL ON t FROM bob', 'OTHER'],
    ["SET search_path = 'x'", 'OTHER'],
    ['BEGIN', 'OTHER'],
    ['COMMIT', 'OTHER'],
    ['VACUUM ANALYZE t', 'OTHER'],
    ['ANALYZE t', 'OTHER'],
    ['CALL p()', 'OTHER'],
    ["DO $$ BEGIN DELETE FROM t; END $$", 'OTHER'],
    ['/*!40101 SET NAMES utf8 */', 'OTHER', 'mysql'],
    ['/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1 */', 'CREATE', 'mysql'],
    ["/* DROP TABLE t; */ SELECT 'DROP TABLE t'", 'SELECT'],
    ['-- DELETE FROM t\nSELECT 1', 'SELECT'],
    ['"DELETE" FROM t', 'OTHER'],
    ['', 'OTHER'],
    ['-- only a comment', 'OTHER'],
  ];
  for (const [statement, want, dialect] of cases) assert.equal(classify(statement, dialect), want, statement);
});

test('split then classify: a write hidden behind quoting is still found', () => {
  const script = "UPDATE t SET note = 'done; DROP TABLE t'; /* ; */ DROP TABLE audit; SELECT $x$;$x$";
  assert.deepEqual(splitStatements(script).map((s) => classify(s.text)), ['UPDATE', 'DROP', 'SELECT']);
});
