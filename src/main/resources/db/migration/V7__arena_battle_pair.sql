-- The leaderboard reads the contenders of every voted battle (ArenaRecord.battles()). With this index both
-- databases read them from the index alone: without it every battle's whole row, prompt and answers, is read
-- for two names, which took 1.3 s of the page at 100,000 battles on H2 (docs/benchmarks.md, "Arena leaderboard
-- from the database").
create index arena_battle_pair on arena_battle (id, contender_a, contender_b);
