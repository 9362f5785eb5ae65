package dev.feedbackchat.store;

import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

/** The record on H2, the default database (in memory here, with the real Flyway migrations). */
@JdbcTest
@Import(ChatRecord.class)
class ChatRecordTests extends ChatRecordContract {

}
