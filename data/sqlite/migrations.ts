import type Database from 'better-sqlite3';

/**
 * The schema as an ordered list of steps: step i brings `PRAGMA user_version` from i to i + 1.
 * Steps are append-only: once released, a step is never edited, a change is a new step.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE customers (
    id    TEXT PRIMARY KEY,
    name  TEXT NOT NULL,
    phone TEXT NOT NULL,
    tier  TEXT NOT NULL CHECK (tier IN ('regular', 'member', 'wholesale'))
  );

  CREATE TABLE suppliers (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    name_en TEXT NOT NULL
  );

  CREATE TABLE products (
    sku          TEXT PRIMARY KEY,
    category     TEXT NOT NULL CHECK (category IN ('food', 'goods')),
    name_zh_hans TEXT NOT NULL,
    name_zh_hant TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    aliases_json TEXT NOT NULL DEFAULT '[]'
  );

  -- produced_on stays null when the supplier did not say; batch reports must allow for it.
  CREATE TABLE batches (
    id          TEXT PRIMARY KEY,
    sku         TEXT NOT NULL REFERENCES products (sku),
    supplier_id TEXT NOT NULL REFERENCES suppliers (id),
    produced_on TEXT
  );

  CREATE TABLE orders (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id),
    phone        TEXT NOT NULL,
    placed_at    TEXT NOT NULL,
    delivered_at TEXT
  );
  CREATE INDEX orders_by_customer ON orders (customer_id);

  CREATE TABLE order_lines (
    order_id         TEXT NOT NULL REFERENCES orders (id),
    line             INTEGER NOT NULL,
    sku              TEXT NOT NULL REFERENCES products (sku),
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    batch_id         TEXT REFERENCES batches (id),
    PRIMARY KEY (order_id, line)
  );

  CREATE TABLE conversations (
    id          TEXT PRIMARY KEY,
    channel     TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    customer_id TEXT REFERENCES customers (id),
    state_json  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (channel, user_id)
  );

  -- Deferred (here and in messages): a turn records its inbound message, key first, before it
  -- creates the conversation the message belongs to.
  CREATE TABLE handled_messages (
    channel         TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) DEFERRABLE INITIALLY DEFERRED,
    at              TEXT NOT NULL,
    PRIMARY KEY (channel, message_id)
  );

  CREATE TABLE messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) DEFERRABLE INITIALLY DEFERRED,
    direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    text            TEXT NOT NULL,
    payload_json    TEXT,
    at              TEXT NOT NULL
  );
  CREATE INDEX messages_by_conversation ON messages (conversation_id, id);

  CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    channel         TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    payload_json    TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    claimed_at      TEXT,
    delivered_at    TEXT
  );
  -- The dispatcher only ever scans what is still to send.
  CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL;

  CREATE TABLE cases (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    channel         TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    lang            TEXT NOT NULL,
    customer_id     TEXT NOT NULL REFERENCES customers (id),
    order_id        TEXT NOT NULL REFERENCES orders (id),
    line            INTEGER NOT NULL,
    sku             TEXT NOT NULL REFERENCES products (sku),
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    reason          TEXT NOT NULL,
    description     TEXT NOT NULL,
    outcome         TEXT,
    status          TEXT NOT NULL,
    decision_json   TEXT NOT NULL,
    photo_ids_json  TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  );
  CREATE INDEX cases_by_customer ON cases (customer_id, created_at);
  CREATE INDEX cases_by_conversation ON cases (conversation_id, created_at);

  CREATE TABLE case_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    from_status TEXT,
    to_status   TEXT NOT NULL,
    actor       TEXT NOT NULL,
    note        TEXT NOT NULL,
    at          TEXT NOT NULL
  );
  CREATE INDEX case_events_by_case ON case_events (case_id, id);

  -- Satisfaction answers after closing; a customer may answer again, every answer is kept.
  CREATE TABLE case_feedback (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id TEXT NOT NULL REFERENCES cases (id),
    score   INTEGER NOT NULL,
    comment TEXT,
    at      TEXT NOT NULL
  );
  CREATE INDEX case_feedback_by_case ON case_feedback (case_id, id);

  CREATE TABLE case_counters (
    day  TEXT PRIMARY KEY,
    last INTEGER NOT NULL
  );

  -- No foreign key to conversations: a photo is stored before the turn that creates the conversation.
  CREATE TABLE photos (
    sha256          TEXT PRIMARY KEY,
    mime            TEXT NOT NULL,
    bytes           INTEGER NOT NULL,
    conversation_id TEXT NOT NULL,
    path            TEXT NOT NULL,
    created_at      TEXT NOT NULL
  );

  CREATE TABLE events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    type         TEXT NOT NULL,
    subject      TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    at           TEXT NOT NULL
  );
  CREATE INDEX events_by_subject ON events (subject, id);
  `,
  // Hand-overs to people and what the agent desk still has to show.
  `
  CREATE TABLE escalations (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) DEFERRABLE INITIALLY DEFERRED,
    status          TEXT NOT NULL CHECK (status IN ('waiting', 'claimed', 'returned', 'closed')),
    desk_channel    TEXT,
    desk_ts         TEXT,
    record_json     TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  );
  CREATE INDEX escalations_open ON escalations (conversation_id) WHERE status IN ('waiting', 'claimed');
  CREATE UNIQUE INDEX escalations_by_desk_ref ON escalations (desk_channel, desk_ts);

  CREATE TABLE desk_outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    escalation_id TEXT NOT NULL REFERENCES escalations (id) DEFERRABLE INITIALLY DEFERRED,
    event_json    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    claimed_at    TEXT,
    published_at  TEXT
  );
  CREATE INDEX desk_outbox_pending ON desk_outbox (id) WHERE published_at IS NULL;
  `,
  // Durable timers (refund due, reminders): set by a turn, fired once by the timer wheel.
  `
  CREATE TABLE timers (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    due_at     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    claimed_at TEXT,
    fired_at   TEXT
  );
  -- The wheel only ever scans what is still to fire, soonest first.
  CREATE INDEX timers_pending ON timers (due_at, id) WHERE fired_at IS NULL;
  -- One pending timer per kind and subject: setting it again keeps the first (and finds a subject's timers).
  CREATE UNIQUE INDEX timers_pending_once ON timers (subject, kind) WHERE fired_at IS NULL;
  `,
  // The first turn of a conversation inserts its handled message before the conversation exists;
  // the deferred foreign key then looks for that conversation among all handled messages.
  `
  CREATE INDEX handled_messages_by_conversation ON handled_messages (conversation_id);
  `,
  // The operations console: operators and their sessions, anomaly alerts, crises and their notices.
  `
  CREATE TABLE operators (
    username        TEXT PRIMARY KEY,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('viewer', 'operator')),
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL
  );

  -- Only a hash of the cookie's token is kept: a copy of the database opens no session.
  CREATE TABLE operator_sessions (
    token_hash TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES operators (username) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX operator_sessions_by_user ON operator_sessions (username);

  -- An anomaly raises one alert until it clears: at most one open alert per key ('batch:B-MIL-2611').
  CREATE TABLE alerts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    key          TEXT NOT NULL,
    kind         TEXT NOT NULL,
    message      TEXT NOT NULL,
    details_json TEXT NOT NULL,
    raised_at    TEXT NOT NULL,
    cleared_at   TEXT,
    claimed_at   TEXT,
    published_at TEXT
  );
  CREATE UNIQUE INDEX alerts_open_once ON alerts (key) WHERE cleared_at IS NULL;

  -- At most one open crisis per batch, product or supplier.
  CREATE TABLE crises (
    id          TEXT PRIMARY KEY,
    scope_kind  TEXT NOT NULL CHECK (scope_kind IN ('batch', 'product', 'supplier')),
    scope_value TEXT NOT NULL,
    preset_json TEXT NOT NULL,
    notice_json TEXT NOT NULL,
    opened_by   TEXT NOT NULL,
    opened_at   TEXT NOT NULL,
    closed_by   TEXT,
    closed_at   TEXT
  );
  CREATE UNIQUE INDEX crises_open_once ON crises (scope_kind, scope_value) WHERE closed_at IS NULL;

  -- One notice per crisis and conversation, queued when the operator sends, sent at a bounded rate.
  CREATE TABLE crisis_notices (
    crisis_id       TEXT NOT NULL REFERENCES crises (id),
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    queued_at       TEXT NOT NULL,
    sent_at         TEXT,
    PRIMARY KEY (crisis_id, conversation_id)
  );
  CREATE INDEX crisis_notices_pending ON crisis_notices (queued_at) WHERE sent_at IS NULL;
  `,
  // An alert clears only after its anomaly has been absent for a quiet period, counted from the
  // last run that saw it. Alerts from before get their raise as last sighting: an open one whose
  // anomaly is gone then clears at the next run if it is older than the quiet period, as before.
  `
  ALTER TABLE alerts ADD COLUMN last_seen_at TEXT;
  UPDATE alerts SET last_seen_at = raised_at;
  `,
  // The console's activity (the audit trail in events) is read by period, newest first.
  `
  CREATE INDEX events_by_at ON events (at, id);
  `,
];

/**
 * Applies the steps the database has not seen yet, each with its version bump in one transaction,
 * so a crash leaves the schema at a step boundary. IMMEDIATE makes two processes starting at once
 * apply each step only once.
 */
export function migrate(db: Database.Database): void {
  const step = db.transaction((): boolean => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(`database schema version ${version} is newer than this returnbot (${MIGRATIONS.length})`);
    }
    const sql = MIGRATIONS[version];
    if (sql === undefined) return false;
    db.exec(sql);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate()) {
    // one step per transaction
  }
}
