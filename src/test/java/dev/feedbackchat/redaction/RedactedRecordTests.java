package dev.feedbackchat.redaction;

import java.util.List;

import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.store.ChatRecord;

import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

/** With chat.privacy.redact on, the records store placeholders. */
@JdbcTest(properties = "chat.privacy.redact=true")
@Import({ ChatRecord.class, ArenaRecord.class, Redactor.class })
class RedactedRecordTests extends RecordRedactionContract {

	@Override
	List<String> expected() {
		return List.of("Mail [EMAIL] or call [PHONE]", "Card [CARD], IBAN [IBAN]", "HTTP 401: Incorrect API key [SECRET]",
				"Write to [EMAIL] instead", "The key is [SECRET]", "Mail [EMAIL] or call [PHONE]", "Card [CARD], IBAN [IBAN]",
				"HTTP 401: Incorrect API key [SECRET]");
	}

}
