package dev.feedbackchat.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The H2 database file and its directory are the app's user's alone, from the first start on. */
class PrivateDatabaseFilesTests {

	@TempDir
	Path temp;

	/** The app's database as the application.yml configures it, opened (and migrated) as the app starts. */
	final ApplicationContextRunner app = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
		.withUserConfiguration(PrivateDatabaseFiles.class);

	@BeforeEach
	void posix() {
		assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file permissions");
	}

	ApplicationContextRunner storedIn(Path store) {
		return app.withPropertyValues("chat.store.path=" + store,
				"spring.datasource.url=jdbc:h2:file:${chat.store.path}/feedback-chat;QUERY_CACHE_SIZE=32");
	}

	static Set<PosixFilePermission> permissions(Path path) throws IOException {
		return Files.getPosixFilePermissions(path);
	}

	static Stream<Path> files(Path directory) throws IOException {
		return Files.list(directory).toList().stream();
	}

	@Test
	void aFreshStoreIsOwnerOnly() {
		Path store = temp.resolve("fresh/data");
		storedIn(store).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(permissions(store)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
			assertThat(store.resolve("feedback-chat.mv.db")).exists();
			assertThat(files(store)).isNotEmpty()
				.allSatisfy(file -> assertThat(permissions(file)).as(file.toString())
					.isEqualTo(PosixFilePermissions.fromString("rw-------")));
		});
	}

	@Test
	void anExistingStoreOpenToOthersIsTightened() throws IOException {
		Path store = Files.createDirectories(temp.resolve("data"));
		Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path old = Files.writeString(store.resolve("feedback-chat.trace.db"), "an old trace");
		Path other = Files.writeString(store.resolve("notes.txt"), "something else");
		for (Path file : new Path[] { old, other }) {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
		}

		storedIn(store).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(permissions(store)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
			assertThat(files(store)).hasSizeGreaterThanOrEqualTo(3)
				.allSatisfy(file -> assertThat(permissions(file)).as(file.toString())
					.isEqualTo(PosixFilePermissions.fromString("rw-------")));
		});
	}

	/** The directory of another H2 file URL may be shared: only the database's own files are restricted. */
	@Test
	void anotherExistingDirectoryKeepsItsPermissions() throws IOException {
		Path shared = Files.createDirectories(temp.resolve("shared"));
		Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path other = Files.writeString(shared.resolve("notes.txt"), "not the app's");
		Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-r--r--"));

		app.withPropertyValues("chat.store.path=" + temp.resolve("unused"),
				"spring.datasource.url=jdbc:h2:" + shared.resolve("records")).run(context -> {
					assertThat(context).hasNotFailed();
					assertThat(permissions(shared)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
					assertThat(permissions(other)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
					assertThat(permissions(shared.resolve("records.mv.db")))
						.isEqualTo(PosixFilePermissions.fromString("rw-------"));
				});
		assertThat(temp.resolve("unused")).doesNotExist();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1", "jdbc:h2:tcp://localhost/~/test",
			"jdbc:postgresql://localhost:5432/feedback_chat", "jdbc:h2:zip:~/db.zip!/test" })
	void otherDatabasesAreLeftAlone(String url) {
		assertThat(PrivateDatabaseFiles.h2File(url)).isNull();
	}

	@Test
	void h2FileUrls() {
		assertThat(PrivateDatabaseFiles.h2File("jdbc:h2:file:./data/feedback-chat;QUERY_CACHE_SIZE=32"))
			.isEqualTo(Path.of("data/feedback-chat").toAbsolutePath());
		assertThat(PrivateDatabaseFiles.h2File("jdbc:h2:/srv/chat/db")).isEqualTo(Path.of("/srv/chat/db"));
		assertThat(PrivateDatabaseFiles.h2File("jdbc:h2:~/chat")).isEqualTo(Path.of(System.getProperty("user.home"), "chat"));
	}

}
