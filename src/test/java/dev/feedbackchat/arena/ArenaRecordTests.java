package dev.feedbackchat.arena;

import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

/** The arena's record on H2, the default database (in memory, with the real Flyway migrations). */
@JdbcTest
@Import(ArenaRecord.class)
class ArenaRecordTests extends ArenaRecordContract {

}
