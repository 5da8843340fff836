/**
 * Migrations 14 onwards: offline review, approvals' jobs and plug-in grants, API tokens, fewer jobs indexes,
 * notifications, alerts, user preferences, the words of what the core composes. Shipped: never edited; a new one goes last.
 */
export const migrations14on: readonly string[] = [
  // 14: offline approval review. A request records which content hash it is bound with (1: over local
  // ids, the requests made before this; 2: portable). Decisions move out of the request row's JSON into an
  // append-only record (the roles of its nodes stay on the row); users' and the console's signing keys
  // (private halves sealed), the admin's trust store of public keys, and request bundles imported for review.
  `
  ALTER TABLE change_requests ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE change_requests ADD COLUMN node_roles TEXT NOT NULL DEFAULT '[]';
  UPDATE change_requests SET node_roles = (
    SELECT json_group_array(role) FROM (SELECT json_extract(n.value, '$.role') AS role FROM json_each(change_requests.nodes) n ORDER BY n.key)
  );
  CREATE TABLE request_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id INTEGER NOT NULL REFERENCES change_requests(id),
    node INTEGER NOT NULL,
    approver TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('approved','rejected')),
    comment TEXT,
    decided_at TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    signature TEXT,
    key_id TEXT,
    source TEXT NOT NULL CHECK (source IN ('local','bundle')),
    bundle_id TEXT UNIQUE,
    signed_at TEXT,
    evidence TEXT,
    UNIQUE (request_id, node)
  );
  INSERT INTO request_decisions (request_id, node, approver, decision, comment, decided_at, content_hash, source)
    SELECT r.id, n.key, json_extract(n.value, '$.approver'), json_extract(n.value, '$.decision'), json_extract(n.value, '$.comment'),
           coalesce(json_extract(n.value, '$.decided_at'), r.updated_at), r.content_hash, 'local'
    FROM change_requests r, json_each(r.nodes) n
    WHERE json_extract(n.value, '$.approver') IS NOT NULL AND json_extract(n.value, '$.decision') IN ('approved','rejected');
  ALTER TABLE change_requests DROP COLUMN nodes;
  CREATE TRIGGER request_decisions_no_update BEFORE UPDATE ON request_decisions BEGIN SELECT RAISE(ABORT, 'request decisions are append-only'); END;
  CREATE TRIGGER request_decisions_no_delete BEFORE DELETE ON request_decisions BEGIN SELECT RAISE(ABORT, 'request decisions are append-only'); END;
  CREATE TABLE signing_keys (
    key_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('user','console')),
    owner TEXT NOT NULL COLLATE NOCASE,
    public_key TEXT NOT NULL,
    sealed_private_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT
  );
  CREATE UNIQUE INDEX signing_keys_active ON signing_keys(kind, owner) WHERE retired_at IS NULL;
  CREATE TABLE trusted_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('user','console')),
    public_key TEXT NOT NULL,
    user_name TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    role TEXT NOT NULL DEFAULT '',
    console_id TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL DEFAULT '',
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    revoked_by TEXT,
    revoked_at TEXT
  );
  CREATE UNIQUE INDEX trusted_keys_active ON trusted_keys(key_id) WHERE revoked_at IS NULL;
  CREATE INDEX trusted_keys_key ON trusted_keys(key_id);
  CREATE TABLE reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    origin_console TEXT NOT NULL,
    origin_request_id INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    node INTEGER NOT NULL,
    bundle TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    decision TEXT,
    decision_bundle TEXT,
    decided_by TEXT,
    decided_at TEXT,
    UNIQUE (origin_console, origin_request_id, content_hash, node)
  );
  `,
  // 15: the job of a change request's execution, kept with the request so it survives a restart;
  // who granted a permission directly (an admin granting a plug-in its hosts; null when an approved application did).
  `
  ALTER TABLE change_requests ADD COLUMN job_id TEXT;
  ALTER TABLE grants ADD COLUMN granted_by TEXT;
  `,
  // 16: API tokens for plug-ins (hashed, their signing secret sealed), and session keys for signed requests.
  `
  CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    scopes TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    sealed_secret TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT,
    revoked_by TEXT
  );
  CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens(name) WHERE revoked_at IS NULL;
  ALTER TABLE sessions ADD COLUMN key_id TEXT;
  ALTER TABLE sessions ADD COLUMN sealed_secret TEXT;
  CREATE UNIQUE INDEX sessions_key ON sessions(key_id) WHERE key_id IS NOT NULL;
  `,
  // 17: every index on jobs is written by every node a run tracks (a 200-host run makes 200 of them):
  // only indexes a frequent query needs stay. Unfinished nodes are found at start-up through roots
  // that have not ended (jobs_root_ends, which expiry reads too, for every root, not only
  // auto-cleared ones); (module, internal, id) serves a module's list with or without internal nodes.
  `
  DROP INDEX IF EXISTS jobs_unfinished;
  DROP INDEX IF EXISTS jobs_module_all;
  DROP INDEX IF EXISTS jobs_expiry;
  CREATE INDEX IF NOT EXISTS jobs_root_ends ON jobs(ended_ms) WHERE parent_id IS NULL;
  `,
  // 18: the notification centre. Dedupe keys are kept apart from the notifications (and only by age), so a
  // reminder pruned by the per-user cap is never posted again.
  `
  CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient TEXT NOT NULL COLLATE NOCASE,
    kind TEXT NOT NULL CHECK (kind IN ('reminder','alert')),
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link TEXT,
    created_at TEXT NOT NULL,
    read_at TEXT
  );
  CREATE INDEX notifications_recipient ON notifications(recipient, id);
  CREATE INDEX notifications_unread ON notifications(recipient) WHERE read_at IS NULL;
  CREATE INDEX notifications_created ON notifications(created_at);
  CREATE TABLE notification_keys (
    recipient TEXT NOT NULL COLLATE NOCASE,
    dedupe_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (recipient, dedupe_key)
  );
  CREATE INDEX notification_keys_created ON notification_keys(created_at);
  `,
  // 19: notification channels (webhook secrets sealed), rules per task or workspace, deliveries with each attempt
  // (bounded), and groups of repeats per channel.
  `
  CREATE TABLE alert_channels (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind TEXT NOT NULL CHECK (kind IN ('in_app','desktop','webhook')),
    format TEXT CHECK (format IN ('generic','slack','dingtalk','feishu','wecom')),
    url TEXT,
    sealed_secret TEXT,
    enabled INTEGER NOT NULL DEFAULT 1,
    group_window_seconds INTEGER NOT NULL DEFAULT 600,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE alert_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id INTEGER NOT NULL REFERENCES alert_channels(id) ON DELETE CASCADE,
    task_id INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
    events TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX alert_rules_task ON alert_rules(task_id);
  CREATE TABLE alert_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id INTEGER NOT NULL REFERENCES alert_channels(id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    message TEXT NOT NULL,
    recipients TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL CHECK (state IN ('pending','sent','failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX alert_deliveries_due ON alert_deliveries(next_attempt_at) WHERE state = 'pending';
  CREATE INDEX alert_deliveries_channel ON alert_deliveries(channel_id, id);
  CREATE TABLE alert_attempts (
    delivery_id INTEGER NOT NULL REFERENCES alert_deliveries(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    at TEXT NOT NULL,
    status INTEGER,
    latency_ms INTEGER NOT NULL,
    error TEXT,
    response TEXT,
    PRIMARY KEY (delivery_id, attempt)
  );
  CREATE TABLE alert_groups (
    channel_id INTEGER NOT NULL REFERENCES alert_channels(id) ON DELETE CASCADE,
    group_key TEXT NOT NULL,
    first_at TEXT NOT NULL,
    count INTEGER NOT NULL,
    window_until TEXT NOT NULL,
    pending_delivery_id INTEGER,
    PRIMARY KEY (channel_id, group_key)
  );
  `,
  // 20: each user's display preferences (language, time zone, 12/24-hour), a JSON object of UserPrefs.
  `
  ALTER TABLE users ADD COLUMN prefs TEXT NOT NULL DEFAULT '{}';
  `,
  // 21 (words15): the words of what the core composes (a job's description; a notification's title and body) as
  // JSON message keys and parameters, so the console shows them in the reader's language; null for a plug-in's job.
  `
  ALTER TABLE jobs ADD COLUMN words TEXT;
  ALTER TABLE notifications ADD COLUMN words TEXT;
  `,
  // 22 (bulk12): a chunk's body may live in its instance's log file (offset and length) instead of its row, whose
  // body is then empty. Older rows keep their bodies; nothing is moved.
  `
  ALTER TABLE log_chunks ADD COLUMN file_offset INTEGER;
  ALTER TABLE log_chunks ADD COLUMN file_length INTEGER;
  `,
];
