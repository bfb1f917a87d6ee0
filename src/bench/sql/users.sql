-- Benchmark data generator, part 1: :count users (localparts :'prefix'1 … :'prefix'<count>) with
-- password hash :'pwhash', and one device each. Ids are :first_id + i in every table, far above
-- anything gh_id_seq hands out. Part 2 (the access tokens) is streamed in by BenchTool tokens,
-- whose token ids, user ids and device ids follow the same rule.
INSERT INTO gh_user (id, localpart, password_hash, admin, guest, deactivated, erased, created_at)
SELECT :first_id + i, :'prefix' || i, :'pwhash', FALSE, FALSE, FALSE, FALSE, :created_at
FROM generate_series(1, :count) AS i;

INSERT INTO gh_device (id, user_id, device_id, display_name, created_at)
SELECT :first_id + i, :first_id + i, 'BENCH' || i, 'benchmark', :created_at
FROM generate_series(1, :count) AS i;
