/// The store's schema as an append-only list of migrations. `PRAGMA user_version` holds the
/// number of migrations applied. Never edit a migration once it has shipped: add a new one.
enum StoreSchema {
    static let migrations: [String] = [
        // 1: feeds, items seen, alerts and the entities they name.
        """
        CREATE TABLE feeds (
            feed_id TEXT PRIMARY KEY NOT NULL,
            url TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_attempt REAL,
            last_success REAL,
            status TEXT NOT NULL DEFAULT 'new',
            last_error TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_due REAL,
            bytes INTEGER NOT NULL DEFAULT 0,
            duration REAL NOT NULL DEFAULT 0,
            item_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE items_seen (
            feed_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            published REAL,
            first_seen REAL NOT NULL,
            last_seen REAL NOT NULL,
            PRIMARY KEY (feed_id, item_id)
        ) WITHOUT ROWID;
        CREATE INDEX items_seen_by_last_seen ON items_seen (last_seen);
        CREATE TABLE alerts (
            alert_id TEXT PRIMARY KEY NOT NULL,
            created REAL NOT NULL,
            severity TEXT NOT NULL,
            rule TEXT NOT NULL,
            feed_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            json TEXT NOT NULL,
            logged_at REAL
        );
        CREATE INDEX alerts_by_created ON alerts (created);
        CREATE INDEX alerts_by_feed ON alerts (feed_id, created);
        CREATE INDEX alerts_pending ON alerts (created) WHERE logged_at IS NULL;
        CREATE TABLE alert_entities (
            alert_id TEXT NOT NULL REFERENCES alerts (alert_id) ON DELETE CASCADE,
            entity TEXT NOT NULL,
            kind TEXT NOT NULL,
            PRIMARY KEY (alert_id, entity)
        ) WITHOUT ROWID;
        CREATE INDEX alert_entities_by_entity ON alert_entities (entity);
        """,
        // 2: corroboration. The canonical link of each alert's item, to find the same story from
        // another outlet, and the later sources of an alert, each an outbox entry for an
        // `alert_update` event until it is in the log.
        """
        ALTER TABLE alerts ADD COLUMN story_link TEXT;
        CREATE INDEX alerts_by_story_link ON alerts (story_link, created) WHERE story_link IS NOT NULL;
        CREATE TABLE alert_sources (
            alert_id TEXT NOT NULL REFERENCES alerts (alert_id) ON DELETE CASCADE,
            feed_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            json TEXT NOT NULL,
            added REAL NOT NULL,
            logged_at REAL,
            PRIMARY KEY (alert_id, feed_id, item_id)
        ) WITHOUT ROWID;
        CREATE INDEX alert_sources_pending ON alert_sources (added) WHERE logged_at IS NULL;
        """,
        // 3: near-duplicate stories. A SimHash of each alert's item text, to find the same story
        // told in nearly the same words by an outlet that links it elsewhere.
        """
        ALTER TABLE alerts ADD COLUMN story_print INTEGER;
        CREATE INDEX alerts_by_rule ON alerts (rule, created) WHERE story_print IS NOT NULL;
        """,
        // 4: feeds that moved. Where a feed's permanent redirects lead, and how many fetches in a row.
        """
        ALTER TABLE feeds ADD COLUMN moved_to TEXT;
        ALTER TABLE feeds ADD COLUMN moved_count INTEGER NOT NULL DEFAULT 0;
        """,
    ]

    static var version: Int { migrations.count }
}
