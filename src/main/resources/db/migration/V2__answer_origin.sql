-- What produced each answer, how fast it started, and whether the user stopped it.
alter table message add column model varchar(128);
alter table message add column first_token_ms bigint;
alter table message add column status varchar(16) default 'complete' not null;   -- complete | stopped
