package dev.feedbackchat.store;

import dev.feedbackchat.redaction.Redactor;

import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

/** The record on H2, the default database (in memory here, with the real Flyway migrations). */
@JdbcTest
@Import({ ChatRecord.class, Redactor.class })
class ChatRecordTests extends ChatRecordContract {

}
