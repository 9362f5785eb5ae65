package dev.feedbackchat.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;

/** A real PostgreSQL server for tests, on a free port, with its data in a temporary directory. */
public final class EmbeddedPostgresServer {

	private EmbeddedPostgresServer() {
	}

	public static EmbeddedPostgres start() {
		return start(Map.of());
	}

	/** @param serverConfig postgresql.conf settings, e.g. shared_preload_libraries */
	public static EmbeddedPostgres start(Map<String, String> serverConfig) {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		serverConfig.forEach(builder::setServerConfig);
		try {
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String url(EmbeddedPostgres postgres) {
		return postgres.getJdbcUrl("postgres", "postgres");
	}

	public static void register(EmbeddedPostgres postgres, DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> url(postgres));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
	}

}
