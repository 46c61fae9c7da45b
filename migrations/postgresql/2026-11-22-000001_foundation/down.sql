DROP TABLE projects;
DROP TABLE users;
DROP TABLE units;
DROP TABLE boards;
