/** Migrations 1–13: the foundation, SSH runs, schedules, approvals, the hostile-probe fixes, the jobs tree. Shipped: never edited. */
export const migrations1to13: readonly string[] = [
  // 1: users, sessions, settings, hosts, groups, bindings, audit
  `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    nick_name TEXT NOT NULL DEFAULT '',
    mobile TEXT NOT NULL DEFAULT '',
    email TEXT UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    roles TEXT NOT NULL DEFAULT '[]',
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE hosts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '',
    tag TEXT NOT NULL DEFAULT '',
    host TEXT NOT NULL,
    username TEXT NOT NULL,
    machine_id INTEGER NOT NULL UNIQUE CHECK (machine_id BETWEEN 0 AND 1023),
    auth_kind TEXT NOT NULL CHECK (auth_kind IN ('key','agent','password')),
    private_key_path TEXT,
    secret_private_key TEXT,
    secret_passphrase TEXT,
    secret_password TEXT,
    jump_host_id INTEGER REFERENCES hosts(id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('NotEnabled','Enabled','Abnormal')),
    status_reason TEXT,
    host_key_pinned TEXT,
    host_key_seen TEXT,
    host_key_type TEXT,
    host_key_pinned_at TEXT,
    last_checked_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '',
    tag TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE bindings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    executor_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    weight INTEGER NOT NULL CHECK (weight >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (group_id, executor_id)
  );
  CREATE INDEX bindings_executor ON bindings(executor_id);
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX audit_action ON audit(action);
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
  `,
  // 2: task instances and their line-addressable logs
  `
  CREATE TABLE instances (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL,
    task_id INTEGER,
    attempt INTEGER NOT NULL DEFAULT 1,
    trigger TEXT NOT NULL,
    host_id INTEGER REFERENCES hosts(id) ON DELETE SET NULL,
    host_snapshot TEXT NOT NULL,
    command TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('tied','detached')),
    status INTEGER NOT NULL,
    exit_code INTEGER,
    signal TEXT,
    error TEXT,
    timeout_s INTEGER NOT NULL DEFAULT 0,
    log_limit_bytes INTEGER NOT NULL,
    log_policy TEXT NOT NULL,
    secrets TEXT,
    remote_pgid INTEGER,
    remote_dir TEXT,
    out_offset INTEGER NOT NULL DEFAULT 0,
    err_offset INTEGER NOT NULL DEFAULT 0,
    log_lines INTEGER NOT NULL DEFAULT 0,
    log_bytes INTEGER NOT NULL DEFAULT 0,
    log_truncated INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_time TEXT NOT NULL,
    started_time TEXT,
    ended_time TEXT
  );
  CREATE INDEX instances_created ON instances(created_time);
  CREATE INDEX instances_status ON instances(status, created_time);
  CREATE INDEX instances_host ON instances(host_id, created_time);
  CREATE INDEX instances_task ON instances(task_id, created_time);
  CREATE INDEX instances_run ON instances(run_id);
  CREATE TABLE log_chunks (
    instance_id INTEGER NOT NULL,
    first_line INTEGER NOT NULL,
    line_count INTEGER NOT NULL,
    streams TEXT NOT NULL,
    ts_base INTEGER NOT NULL,
    ts_deltas TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (instance_id, first_line)
  ) WITHOUT ROWID;
  `,
  // 3: tasks, their bindings, fired slots (exactly once), pending retries; instances learn their task
  `
  CREATE TABLE tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL,
    command TEXT NOT NULL,
    frequency TEXT NOT NULL,
    cron_expression TEXT NOT NULL,
    timeout INTEGER NOT NULL,
    retry_times INTEGER NOT NULL,
    retry_interval INTEGER NOT NULL,
    maximum_parallel_runnable_num INTEGER NOT NULL,
    overlap_policy TEXT NOT NULL,
    misfire_deadline_seconds INTEGER NOT NULL,
    tag TEXT NOT NULL DEFAULT '',
    dispatch TEXT NOT NULL,
    run_mode TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('Stopped','Started')),
    started_at TEXT,
    runs_fired INTEGER NOT NULL DEFAULT 0,
    next_run_at TEXT,
    last_run_at TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE task_bindings (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    binding_id INTEGER NOT NULL REFERENCES bindings(id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, binding_id)
  ) WITHOUT ROWID;
  CREATE TABLE task_slots (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    slot TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('fired','missed','skipped')),
    reason TEXT,
    run_id TEXT,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (task_id, slot)
  ) WITHOUT ROWID;
  CREATE TABLE task_retries (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    host_id INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    slot TEXT,
    due_at TEXT NOT NULL,
    UNIQUE (task_id, host_id, attempt, slot)
  );
  ALTER TABLE instances ADD COLUMN task_snapshot TEXT;
  ALTER TABLE instances ADD COLUMN slot TEXT;
  CREATE INDEX instances_task_status ON instances(task_id, status);
  `,
  // 4: approval processes, their priority per task type, change requests; tasks learn scripts and approvals
  `
  CREATE TABLE processes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    task_type TEXT NOT NULL,
    risk_levels TEXT NOT NULL,
    validity TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    remarks TEXT NOT NULL DEFAULT '',
    association TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE process_priority (
    task_type TEXT NOT NULL,
    process_id INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (task_type, process_id)
  ) WITHOUT ROWID;
  CREATE TABLE change_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
    task_name TEXT NOT NULL,
    task_snapshot TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    process_id INTEGER REFERENCES processes(id) ON DELETE SET NULL,
    process_snapshot TEXT NOT NULL,
    risk_level INTEGER NOT NULL,
    statements TEXT NOT NULL,
    requester TEXT NOT NULL,
    state TEXT NOT NULL,
    nodes TEXT NOT NULL,
    current_node INTEGER NOT NULL,
    strategy TEXT NOT NULL,
    validity TEXT NOT NULL,
    approval_deadline TEXT NOT NULL,
    wait_deadline TEXT,
    execution_deadline TEXT,
    execute_at TEXT,
    reason TEXT,
    run_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX change_requests_state ON change_requests(state);
  CREATE INDEX change_requests_task ON change_requests(task_id);
  ALTER TABLE tasks ADD COLUMN script TEXT NOT NULL DEFAULT '';
  ALTER TABLE tasks ADD COLUMN client_command TEXT NOT NULL DEFAULT '';
  ALTER TABLE tasks ADD COLUMN execution_strategy TEXT NOT NULL DEFAULT '{"kind":"auto"}';
  ALTER TABLE tasks ADD COLUMN approval_request_id INTEGER;
  `,
  // 5: permission grants from approved applications; tasks learn how long a grant lasts
  `
  CREATE TABLE grants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_name TEXT NOT NULL,
    host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    request_id INTEGER,
    granted_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX grants_user ON grants(user_name, expires_at);
  ALTER TABLE tasks ADD COLUMN grant_hours INTEGER NOT NULL DEFAULT 24;
  `,
  // 6: the daily dashboard reads (time, status, trigger) from the index alone
  `
  CREATE INDEX instances_day ON instances(created_time, status, trigger);
  `,
  // 7: a host may name the database client a database change's script is sent to; grants record who revoked them early
  `
  ALTER TABLE hosts ADD COLUMN client_command TEXT NOT NULL DEFAULT '';
  ALTER TABLE grants ADD COLUMN revoked_by TEXT;
  `,
  // 8: log chunks (tens of KB each) in a rowid table: WITHOUT ROWID is made for small rows, and
  // storing a chunk there cost a third more (a GiB of output is ~20,000 chunks)
  `
  CREATE TABLE log_chunks_8 (
    instance_id INTEGER NOT NULL,
    first_line INTEGER NOT NULL,
    line_count INTEGER NOT NULL,
    streams TEXT NOT NULL,
    ts_base INTEGER NOT NULL,
    ts_deltas TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (instance_id, first_line)
  );
  INSERT INTO log_chunks_8 SELECT instance_id, first_line, line_count, streams, ts_base, ts_deltas, body FROM log_chunks ORDER BY instance_id, first_line;
  DROP TABLE log_chunks;
  ALTER TABLE log_chunks_8 RENAME TO log_chunks;
  `,
  // 9: ownership. Tasks have an owner (their creator until now), the user they were last started
  // by and the edits since; retries carry the authority of the run they retry; instances record
  // their last change. users.mobile is unique when set: later duplicates are blanked (the first
  // user keeps it) and listed under the setting 'migration.mobile_blanked' for an admin to fix.
  `
  ALTER TABLE tasks ADD COLUMN owner TEXT NOT NULL DEFAULT '';
  UPDATE tasks SET owner = created_by;
  ALTER TABLE tasks ADD COLUMN started_by TEXT;
  ALTER TABLE tasks ADD COLUMN edited_since_start TEXT;
  ALTER TABLE task_retries ADD COLUMN actor TEXT;
  ALTER TABLE instances ADD COLUMN updated_time TEXT;
  UPDATE instances SET updated_time = coalesce(ended_time, started_time, created_time);
  INSERT INTO settings (key, value)
    SELECT 'migration.mobile_blanked', json_group_array(json_object('user_name', user_name, 'mobile', mobile))
    FROM users u WHERE mobile <> '' AND EXISTS (SELECT 1 FROM users f WHERE f.mobile = u.mobile AND f.id < u.id)
    HAVING count(*) > 0;
  UPDATE users SET mobile = ''
    WHERE mobile <> '' AND EXISTS (SELECT 1 FROM users f WHERE f.mobile = users.mobile AND f.id < users.id);
  CREATE UNIQUE INDEX users_mobile ON users(mobile) WHERE mobile <> '';
  `,
  // 10: secrets: an ended run's secrets are not needed (only a running detached run masks with them after a restart);
  // those of running runs are sealed at start-up, and an instance's end clears them from then on
  `
  UPDATE instances SET secrets = NULL WHERE status <> 1;
  `,
  // 11: a retry belongs to the run it retries (same run id): the change request that started a run waits for its retries
  `
  ALTER TABLE task_retries ADD COLUMN run_id TEXT;
  CREATE INDEX task_retries_run ON task_retries(run_id);
  `,
  // 12: jobs: one tree of tracked work (oVirt jobs and steps, Scylla's task manager). Times are epoch
  // milliseconds (expiry and range filters compare numbers); ids are UUIDv7 text, so id order is creation order.
  // Roots are listed by module and by newest; subtrees are read by root; expiry scans ended, auto-cleared roots.
  `
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    module TEXT NOT NULL,
    parent_id TEXT,
    root_id TEXT NOT NULL,
    sequence_number INTEGER NOT NULL,
    type TEXT NOT NULL,
    scope TEXT NOT NULL,
    step_type TEXT,
    number INTEGER NOT NULL,
    description TEXT NOT NULL,
    action_type TEXT NOT NULL,
    owner TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('created', 'running', 'done', 'failed', 'aborted', 'unknown')),
    external INTEGER NOT NULL,
    external_type TEXT,
    auto_cleared INTEGER NOT NULL,
    is_abortable INTEGER NOT NULL,
    internal INTEGER NOT NULL,
    user_started INTEGER NOT NULL,
    progress_units TEXT NOT NULL DEFAULT '',
    progress_total REAL NOT NULL DEFAULT 0,
    progress_completed REAL NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL,
    started_ms INTEGER,
    ended_ms INTEGER,
    updated_ms INTEGER NOT NULL,
    error TEXT,
    has_failure INTEGER NOT NULL DEFAULT 0,
    folded_done INTEGER NOT NULL DEFAULT 0,
    folded_failed INTEGER NOT NULL DEFAULT 0,
    folded_aborted INTEGER NOT NULL DEFAULT 0,
    folded_unknown INTEGER NOT NULL DEFAULT 0,
    children_added INTEGER NOT NULL DEFAULT 0,
    instance_id TEXT
  );
  CREATE INDEX jobs_module ON jobs(module, internal, id);
  CREATE INDEX jobs_module_all ON jobs(module, id);
  CREATE INDEX jobs_roots ON jobs(id) WHERE parent_id IS NULL;
  CREATE INDEX jobs_root ON jobs(root_id, number);
  CREATE INDEX jobs_parent ON jobs(parent_id, number) WHERE parent_id IS NOT NULL;
  CREATE INDEX jobs_unfinished ON jobs(state) WHERE state IN ('created', 'running');
  CREATE INDEX jobs_expiry ON jobs(ended_ms) WHERE parent_id IS NULL AND auto_cleared = 1;
  CREATE TABLE job_sequences (module TEXT PRIMARY KEY, last INTEGER NOT NULL);
  `,
  // 13: what a job is about (the task fired, the change request executed), for the Task Monitor's links.
  `
  ALTER TABLE jobs ADD COLUMN subject_kind TEXT;
  ALTER TABLE jobs ADD COLUMN subject_id TEXT;
  `,
];
