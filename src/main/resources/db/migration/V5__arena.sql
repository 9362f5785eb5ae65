-- The arena (issue 14): blind battles between two contenders on one prompt, and one vote per battle.
-- Portable SQL: runs on H2 and PostgreSQL.

-- One battle: a prompt answered by two contenders side by side. The contenders are the display names of
-- chat.arena.contenders at the time of the battle (a renamed contender is a new one for the leaderboard).
-- The answers are null until each has finished; status_a/status_b say how it went (streaming | complete |
-- stopped | failed), so a battle whose answer failed can be refused a vote.
create table arena_battle (
    id           uuid primary key,             -- random, also the battle's URL: reveals nothing about the contenders
    prompt       varchar(1000000) not null,
    contender_a  varchar(128) not null,
    contender_b  varchar(128) not null,
    answer_a     varchar(1000000),
    answer_b     varchar(1000000),
    status_a     varchar(16) not null,
    status_b     varchar(16) not null,
    created_at   timestamp with time zone not null,
    -- A contender battling itself says nothing about relative strength (Battle refuses it too).
    constraint arena_battle_two_contenders check (contender_a <> contender_b)
);

create index arena_battle_created_at on arena_battle (created_at);

-- The vote on a battle. The battle id is the primary key: one vote per battle, enforced by the database
-- as the rating lock is, so it holds across app instances; a second vote fails on the key (409).
create table arena_vote (
    battle_id  uuid primary key references arena_battle (id),
    outcome    varchar(16) not null,             -- a | b | tie | bothbad
    voted_at   timestamp with time zone not null,
    constraint arena_vote_outcome check (outcome in ('a', 'b', 'tie', 'bothbad'))
);
