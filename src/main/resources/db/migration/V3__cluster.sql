-- Several instances on one database (chat.cluster.enabled). Portable SQL: runs on H2 and PostgreSQL.

-- Failed answers are recorded too, so that any instance can show how an answer ended.
alter table message add column error varchar(1000);   -- why a failed answer failed; status is then 'failed'

-- The instances that are up: each writes seen_at every chat.cluster.heartbeat. An answer whose instance
-- has not been seen for chat.cluster.failure-timeout is taken over (echo) or marked interrupted.
create table chat_instance (
    id          varchar(64) primary key,
    started_at  timestamp with time zone not null,
    seen_at     timestamp with time zone not null
);

-- Spring Session JDBC's tables (its schema-postgresql.sql; BYTEA is VARBINARY on H2).
create table spring_session (
    primary_id             char(36) not null,
    session_id             char(36) not null,
    creation_time          bigint not null,
    last_access_time       bigint not null,
    max_inactive_interval  int not null,
    expiry_time            bigint not null,
    principal_name         varchar(100),
    constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id  char(36) not null,
    attribute_name      varchar(200) not null,
    attribute_bytes     bytea not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id) on delete cascade
);
