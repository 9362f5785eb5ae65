package dev.feedbackchat.privacy;

import java.io.IOException;

import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.redaction.Redactor;
import dev.feedbackchat.store.ChatRecord;
import dev.feedbackchat.store.EmbeddedPostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The same on a real PostgreSQL server: its SQL, and ShedLock's lease against PostgreSQL's clock (one instance at a
 * time).
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({ ChatRecord.class, ArenaRecord.class, Redactor.class, AuditLog.class, Retention.class, RetentionTests.Fixtures.class })
@TestPropertySource(properties = { "chat.retention.days=30", "chat.retention.batch-size=2" })
@RecordApplicationEvents
class RetentionPostgresIntegrationTests extends RetentionTests {

	static final EmbeddedPostgres postgres = EmbeddedPostgresServer.start();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		EmbeddedPostgresServer.register(postgres, registry);
	}

	@AfterAll
	static void stop() throws IOException {
		postgres.close();
	}

}
