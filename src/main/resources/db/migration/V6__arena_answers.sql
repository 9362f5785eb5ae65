-- Why an arena answer failed, shown under it on every instance (null unless status_a/status_b is failed).
alter table arena_battle add column error_a varchar(1000);
alter table arena_battle add column error_b varchar(1000);

-- The instance generating a battle's answers (chat.cluster): another instance follows them from the record, or
-- records them as interrupted once that instance is gone.
alter table arena_battle add column instance varchar(64);
