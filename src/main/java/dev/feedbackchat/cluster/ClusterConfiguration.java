package dev.feedbackchat.cluster;

import java.sql.Connection;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;

@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

	/** Heartbeats and following other instances' answers: short database queries, never on a typing thread. */
	@Bean
	ThreadPoolTaskScheduler clusterScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setThreadNamePrefix("cluster-");
		scheduler.setDaemon(true);
		return scheduler;
	}

	/**
	 * The HttpSession in the shared database (Spring Session JDBC; its tables come with the Flyway
	 * migrations), so that any instance can serve any request of a session. Boot's own auto-configuration of
	 * it is excluded in application.yml: alone, the app keeps sessions in memory.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("chat.cluster.enabled")
	@EnableJdbcHttpSession
	static class SharedSessions {

		@Bean
		SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionTimeout(ServerProperties server) {
			return repository -> repository.setDefaultMaxInactiveInterval(server.getServlet().getSession().getTimeout());
		}

		/** On PostgreSQL, attributes are upserted: two instances may add the same attribute at once. */
		@Bean
		SessionRepositoryCustomizer<JdbcIndexedSessionRepository> postgresUpserts(JdbcTemplate jdbc) {
			boolean postgres = Boolean.TRUE.equals(jdbc.execute((Connection connection) ->
					"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())));
			return postgres ? new PostgreSqlJdbcIndexedSessionRepositoryCustomizer() : repository -> {
			};
		}

	}

}
