package dev.feedbackchat.redaction;

import java.util.List;

import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.store.ChatRecord;

import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

/** Off, the default: the records store what was written. */
@JdbcTest
@Import({ ChatRecord.class, ArenaRecord.class, Redactor.class })
class UnredactedRecordTests extends RecordRedactionContract {

	@Override
	List<String> expected() {
		return List.of(PROMPT, ANSWER, ERROR, COMMENT, CORRECTION, PROMPT, ANSWER, ERROR);
	}

}
