-- Feedback that trains models: why an answer was rated as it was, what it should have said, and answers made
-- again for the same prompt. Portable SQL: runs on H2 and PostgreSQL.

-- The reasons chosen with a rating, one label per line in the order they were offered (labels come from
-- chat.feedback.reasons.*, which never contain a line break); null: none chosen.
alter table feedback add column reasons varchar(4000);

-- What the answer should have been, written after a negative rating (chat.feedback.correction.max-length).
alter table feedback add column correction varchar(1000000);

-- An answer generated again for the same prompt: the answer it regenerated. Siblings share prompt_id.
alter table message add column regenerated_from uuid references message (id);

-- A prompt: the answer shown just before it was sent (the conversation it continues); null for the first.
alter table message add column parent_id uuid references message (id);

create index message_prompt on message (prompt_id);
