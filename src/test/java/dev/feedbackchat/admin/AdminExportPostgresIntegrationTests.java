package dev.feedbackchat.admin;

import java.io.IOException;

import dev.feedbackchat.store.EmbeddedPostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The exports and the dashboard's queries on a real PostgreSQL: the portable SQL (epoch days, OFFSET/FETCH)
 * and the streaming precondition (a cursor needs autocommit off).
 */
class AdminExportPostgresIntegrationTests extends AdminExportContract {

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
