DROP TABLE throttle_keys;
DROP TABLE data_generation;
