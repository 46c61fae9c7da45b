-- What several instances of Styr on one database share beyond the records themselves.

-- The data's generation: every write transaction moves it on (db::Db::write), and what an
-- instance keeps from the database (db::statuses::StatusCache) is kept for one generation, so a
-- write on any instance is seen by all.
CREATE TABLE data_generation (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO data_generation (id, value) VALUES (1, 0);

-- Login attempts counted across instances (auth::throttle): per key (a username or a client
-- address), the moment its quota is whole again. A key whose moment has passed is as good as no
-- row, and is deleted.
CREATE TABLE throttle_keys (
    key TEXT PRIMARY KEY NOT NULL,
    refilled_at TIMESTAMP NOT NULL
);
CREATE INDEX throttle_keys_refilled_at ON throttle_keys (refilled_at);
