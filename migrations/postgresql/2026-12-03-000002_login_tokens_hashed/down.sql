-- The rows hold hashes that the earlier code cannot find a cookie by: everybody logs in again.
DELETE FROM login_sessions;
